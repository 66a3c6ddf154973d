package dev.qrbeam.core.control;

import dev.qrbeam.core.api.FailureCode;
import dev.qrbeam.core.api.TransferException;
import dev.qrbeam.protocol.crypto.ControlCipher;
import dev.qrbeam.protocol.crypto.RecordException;
import dev.qrbeam.protocol.json.WireJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** Seals {@link Control}s as JSON with a session's {@link ControlCipher}, and opens them again. */
public final class ControlCodec {
    private final WireJson wire;
    private final ControlCipher cipher;

    public ControlCodec(WireJson wire, ControlCipher cipher) {
        this.wire = wire;
        this.cipher = cipher;
    }

    public byte[] seal(Control c) throws TransferException {
        try {
            return cipher.seal(wire.write(c).getBytes(StandardCharsets.UTF_8));
        } catch (RecordException e) {
            throw new TransferException(FailureCode.PROTOCOL, e.getMessage(), e);
        }
    }

    /** Opens and parses; a record that fails authentication or parsing is a {@link RecordException}/IOException. */
    public Control open(byte[] record) throws RecordException, IOException {
        byte[] plain = cipher.open(record);
        try {
            return wire.mapper().readValue(plain, Control.class);
        } catch (IOException e) {
            throw new TransferException(FailureCode.PROTOCOL, "unreadable control message from the peer", e);
        }
    }
}
