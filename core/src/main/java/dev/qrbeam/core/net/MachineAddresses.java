package dev.qrbeam.core.net;

import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** This machine's interfaces that are up (loopback left out), ranked with its default routes. */
public final class MachineAddresses {
    private MachineAddresses() {}

    /** The usable addresses, best first (see {@link AddressRanking}); empty if the machine has none. */
    public static List<AddressRanking.Ranked> ranked() {
        return AddressRanking.rank(interfaces(), DefaultRoutes.read());
    }

    static List<Nic> interfaces() {
        List<Nic> out = new ArrayList<>();
        try {
            for (NetworkInterface ni : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (ni.isUp() && !ni.isLoopback()) {
                    out.add(new Nic(ni.getName(), ni.getDisplayName(), Collections.list(ni.getInetAddresses())));
                }
            }
        } catch (SocketException e) {
            // no interfaces readable: nothing to offer but loopback
        }
        return out;
    }
}
