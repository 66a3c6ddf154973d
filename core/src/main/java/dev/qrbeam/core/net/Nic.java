package dev.qrbeam.core.net;

import java.net.InetAddress;
import java.util.List;

/**
 * A snapshot of one network interface, as far as ranking needs it (real ones come from {@link MachineAddresses},
 * tests build fake ones).
 *
 * @param name the OS name ({@code eth0}, {@code wg0}, {@code en0}, Windows' {@code ethernet_32769})
 * @param displayName the descriptive name (Windows: {@code vEthernet (WSL)}); may equal {@code name}
 * @param addresses its addresses (loopback and down interfaces are left out before)
 */
record Nic(String name, String displayName, List<InetAddress> addresses) {
    public Nic {
        addresses = List.copyOf(addresses);
        displayName = displayName == null ? name : displayName;
    }
}
