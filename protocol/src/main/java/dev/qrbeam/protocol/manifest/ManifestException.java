package dev.qrbeam.protocol.manifest;

/**
 * A manifest or a name in it was refused. {@link #code()} is stable: {@code unsafe-path} (a name that could escape
 * the target folder or deceive the user), {@code manifest-limit} (too many files, too large, too long) or
 * {@code bad-manifest} (inconsistent or malformed). Messages show names only in escaped, printable form.
 */
public final class ManifestException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    public static final String UNSAFE_PATH = "unsafe-path";
    public static final String LIMIT = "manifest-limit";
    public static final String BAD = "bad-manifest";

    private final String code;

    public ManifestException(String code, String message) {
        super(message);
        this.code = code;
    }

    public ManifestException(String code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
