package dev.qrbeam.cli;

import dev.qrbeam.core.qr.QrCodes;
import java.io.PrintWriter;

/** Shows a pairing code on the terminal: exactly one line {@code code: <url>}, then the QR code unless told not to. */
final class CodeDisplay {
    private CodeDisplay() {}

    static void show(String code, boolean qr, PrintWriter out) {
        out.println("code: " + code);
        if (qr) {
            out.print(QrCodes.toTerminal(QrCodes.encode(code)));
        }
        out.flush();
    }
}
