package dev.qrbeam.cli;

import java.io.ByteArrayOutputStream;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;

/**
 * Where a pairing code comes from without appearing in the process list: {@code -} reads one line from standard
 * input, no code at all asks on the console without echo (for {@code receive}: with {@code --ask}). A code given
 * as an argument still works, but other local users can read it with {@code ps} while the command runs.
 */
final class CodeInput {
    /** Help text shared by every option or parameter that takes a code. */
    static final String HELP = "The pairing code (http(s)://…/r/1/<id>#<secret>), or - to read it from standard input."
            + " Note: command-line arguments are visible to other users of this computer (ps), so prefer - or the"
            + " prompt (--ask).";

    private static final int MAX_LINE = 4096;

    private CodeInput() {}

    /** The code: {@code given} itself, one line of {@code stdin} for "-", or a console prompt when null. */
    static String resolve(String given, InputStream stdin, CommandLine cli) {
        if (given != null && !given.equals("-")) {
            return given;
        }
        Console console = System.console();
        if (given == null && console != null) {
            char[] typed = console.readPassword("Pairing code: ");
            if (typed != null && typed.length > 0) {
                return new String(typed).strip();
            }
            throw new CommandLine.ParameterException(cli, "no pairing code given");
        }
        if (given == null) {
            throw new CommandLine.ParameterException(cli, "give the pairing code, or - to read it from standard input");
        }
        String line = readLine(stdin);
        if (line.isBlank()) {
            throw new CommandLine.ParameterException(cli, "no pairing code on standard input");
        }
        return line.strip();
    }

    private static String readLine(InputStream in) {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        try {
            for (int b = in.read(); b >= 0 && b != '\n' && buf.size() < MAX_LINE; b = in.read()) {
                buf.write(b);
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot read the pairing code from standard input", e);
        }
        return buf.toString(StandardCharsets.UTF_8);
    }
}
