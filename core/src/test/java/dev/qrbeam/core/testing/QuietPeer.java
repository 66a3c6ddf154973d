package dev.qrbeam.core.testing;

import dev.qrbeam.core.link.PeerHandler;

/** A test peer (scanner, rogue sender or receiver) that ignores the relay connection's own events. */
interface QuietPeer extends PeerHandler {
    @Override
    default void onError(String code, String message) {}

    @Override
    default void onConnected(String ownId, boolean resumed) {}

    @Override
    default void onDisconnected(String reason) {}

    @Override
    default void onClosed(String reason) {}
}
