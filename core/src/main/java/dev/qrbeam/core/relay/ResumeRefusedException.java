package dev.qrbeam.core.relay;

import java.io.IOException;

/** The relay refused to give this client its old id back; the client asks again before it believes it. */
final class ResumeRefusedException extends IOException {
    ResumeRefusedException(String id) {
        super("relay refused to resume id " + id + "; asking again on a new connection");
    }
}
