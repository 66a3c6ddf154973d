package dev.qrbeam.core.api;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The seam between front ends (CLI, desktop app, tests) and the transfer engine.
 * Implementations never block the caller for network work: {@code send} returns once the code is known,
 * {@code receive} returns at once; progress arrives through the listener.
 */
public interface TransferEngine extends AutoCloseable {
    /** Starts sending files and folders; returns once the relay gave an id and the pairing code is ready. */
    SendHandle send(List<Path> sources, TransferListener listener) throws IOException;

    /** Starts receiving into {@code destination} (created if missing). A bad code fails the handle with CODE_INVALID. */
    TransferHandle receive(String pairingCode, Path destination, TransferListener listener);

    /**
     * Continues a send whose process stopped (killed, app closed) with the same pairing code: same relay id, same
     * files (refused if they changed). Fails with CODE_INVALID when this machine has no interrupted send for the code.
     */
    SendHandle resumeSend(String pairingCode, TransferListener listener) throws IOException;

    /**
     * Receives from whoever scans the code this returns (a phone's browser page): the code-less receive of
     * docs/protocol-transfer.md §6b. Returns once the relay gave an id and the code is ready; the scanner then
     * sends its files into {@code destination} (created if missing), with the same progress as {@link #receive}.
     */
    CodeHandle receiveShowingCode(Path destination, TransferListener listener) throws IOException;

    @Override
    void close();
}
