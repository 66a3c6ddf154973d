package dev.qrbeam.core.send;

import dev.qrbeam.core.api.FailureCode;
import dev.qrbeam.core.api.TransferException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * Reads chunk plaintext from the source files, refusing to read a file whose size or modification time differ
 * from the manifest snapshot: a changed source is never mixed into a transfer. Keeps the current file open.
 * Used by one thread.
 */
public final class SourceReader implements AutoCloseable {
    private final List<SourceFile> files;
    private FileChannel open;
    private int openIndex = -1;

    public SourceReader(List<SourceFile> files) {
        this.files = files;
    }

    /** Fills {@code into} (cleared first) with {@code length} bytes of file {@code index} at {@code offset}. */
    public void read(int index, long offset, int length, ByteBuffer into) throws IOException {
        FileChannel ch = channel(index);
        into.clear().limit(length);
        long pos = offset;
        while (into.hasRemaining()) {
            int n = ch.read(into, pos);
            if (n < 0) {
                throw changed(files.get(index));
            }
            pos += n;
        }
        into.flip();
        // Checked after every read (two stat calls per chunk, microseconds): a write that landed before or during
        // this read has moved the modification time, so changed bytes are never sent as part of the old version.
        check(files.get(index));
    }

    private FileChannel channel(int index) throws IOException {
        if (index != openIndex) {
            close();
            SourceFile f = files.get(index);
            check(f);
            try {
                open = FileChannel.open(f.path(), StandardOpenOption.READ);
            } catch (IOException e) {
                throw new TransferException(FailureCode.IO, "cannot read " + f.path() + ": " + e.getMessage(), e);
            }
            openIndex = index;
        }
        return open;
    }

    /** Throws SOURCE_CHANGED if the file's size or modification time moved since the manifest. */
    public static void check(SourceFile f) throws IOException {
        try {
            if (Files.size(f.path()) != f.size()
                    || Files.getLastModifiedTime(f.path(), LinkOption.NOFOLLOW_LINKS)
                                    .toMillis()
                            != f.modifiedMillis()) {
                throw changed(f);
            }
        } catch (java.nio.file.NoSuchFileException e) {
            throw new TransferException(FailureCode.SOURCE_CHANGED, "source file disappeared: " + f.path());
        }
    }

    private static TransferException changed(SourceFile f) {
        return new TransferException(
                FailureCode.SOURCE_CHANGED,
                "source file changed since the transfer started, refusing to mix versions: " + f.path());
    }

    @Override
    public void close() throws IOException {
        if (open != null) {
            open.close();
            open = null;
            openIndex = -1;
        }
    }
}
