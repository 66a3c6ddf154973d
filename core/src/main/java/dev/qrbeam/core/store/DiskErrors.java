package dev.qrbeam.core.store;

import java.io.IOException;
import java.util.Locale;

/** Reads what an I/O failure of the receive store means; Java reports ENOSPC/EDQUOT only in the message. */
public final class DiskErrors {
    private DiskErrors() {}

    /** True if {@code e} says the disk (or the user's quota) is full. */
    public static boolean isDiskFull(IOException e) {
        String m = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
        return m.contains("no space") || m.contains("disk full") || m.contains("quota");
    }
}
