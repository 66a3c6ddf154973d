package dev.qrbeam.core.store;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.AclEntry;
import java.nio.file.attribute.AclEntryPermission;
import java.nio.file.attribute.AclEntryType;
import java.nio.file.attribute.AclFileAttributeView;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The one place that writes QRBeam's own state (resume state, tokens, codes, history, settings): files readable by
 * the owner only, in folders only the owner can enter. The permissions are attributes of the {@code create} call
 * itself (POSIX {@code 0600}/{@code 0700} on Linux and macOS, an owner-only ACL on Windows), so there is no moment
 * when another local user could open the file. Whole-file writes go to a private temporary file beside the target,
 * are forced, then atomically renamed over it: a crash leaves the old or the new content, never half of one.
 */
public final class PrivateFiles {
    private static final String FILE_PERMS = "rw-------";
    private static final String DIR_PERMS = "rwx------";

    private PrivateFiles() {}

    /** Writes the stream's content to {@code file} atomically (see the class comment). */
    public static void write(Path file, Body body) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp", attributes(dir, false));
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE);
                    OutputStream out = Channels.newOutputStream(ch)) {
                body.writeTo(out);
                out.flush();
                ch.force(true);
            }
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** {@link #write(Path, Body)} for a byte array. */
    public static void write(Path file, byte[] content) throws IOException {
        write(file, out -> out.write(content));
    }

    /**
     * Opens {@code file} for reading and appending, creating it owner-only if missing; never follows a symlink.
     */
    public static FileChannel openAppendable(Path file) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        createDirectories(dir);
        Set<OpenOption> options = Set.of(
                StandardOpenOption.CREATE,
                StandardOpenOption.READ,
                StandardOpenOption.WRITE,
                LinkOption.NOFOLLOW_LINKS);
        return FileChannel.open(file, options, attributes(dir, false));
    }

    /**
     * Creates {@code dir} and missing parents owner-only. The last folder, if it already existed, is narrowed to
     * the owner too (a state folder left readable by an older version); parents that existed are left alone.
     */
    public static Path createDirectories(Path dir) throws IOException {
        Path abs = dir.toAbsolutePath();
        if (Files.isDirectory(abs)) {
            narrow(abs);
            return dir;
        }
        Path parent = abs.getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            createDirectories(parent);
        }
        try {
            Files.createDirectory(abs, attributes(parent, true));
        } catch (FileAlreadyExistsException e) {
            if (!Files.isDirectory(abs)) {
                throw e;
            }
        }
        return dir;
    }

    private static void narrow(Path dir) {
        try {
            PosixFileAttributeView posix = Files.getFileAttributeView(dir, PosixFileAttributeView.class);
            if (posix != null) {
                if (!posix.readAttributes().permissions().equals(PosixFilePermissions.fromString(DIR_PERMS))) {
                    posix.setPermissions(PosixFilePermissions.fromString(DIR_PERMS));
                }
                return;
            }
            AclFileAttributeView acl = Files.getFileAttributeView(dir, AclFileAttributeView.class);
            if (acl != null) {
                acl.setAcl(ownerOnly(acl.getOwner(), true));
            }
        } catch (IOException e) {
            // not ours to change (another owner): the files inside are still created owner-only
        }
    }

    /** The creation attributes that make a new file or folder in {@code dir} owner-only on this file system. */
    private static FileAttribute<?>[] attributes(Path dir, boolean directory) throws IOException {
        if (dir == null) {
            return new FileAttribute<?>[0];
        }
        if (Files.getFileStore(dir).supportsFileAttributeView(PosixFileAttributeView.class)) {
            return new FileAttribute<?>[] {
                PosixFilePermissions.asFileAttribute(
                        PosixFilePermissions.fromString(directory ? DIR_PERMS : FILE_PERMS))
            };
        }
        AclFileAttributeView acl = Files.getFileAttributeView(dir, AclFileAttributeView.class);
        if (acl != null) {
            UserPrincipal me;
            try {
                me = dir.getFileSystem()
                        .getUserPrincipalLookupService()
                        .lookupPrincipalByName(System.getProperty("user.name"));
            } catch (IOException e) {
                me = acl.getOwner(); // the folder is ours (we created it or write in it)
            }
            List<AclEntry> entries = ownerOnly(me, directory);
            return new FileAttribute<?>[] {
                new FileAttribute<List<AclEntry>>() {
                    @Override
                    public String name() {
                        return "acl:acl";
                    }

                    @Override
                    public List<AclEntry> value() {
                        return entries;
                    }
                }
            };
        }
        return new FileAttribute<?>[0];
    }

    private static List<AclEntry> ownerOnly(UserPrincipal owner, boolean directory) {
        AclEntry.Builder b = AclEntry.newBuilder()
                .setType(AclEntryType.ALLOW)
                .setPrincipal(owner)
                .setPermissions(EnumSet.allOf(AclEntryPermission.class));
        if (directory) {
            b.setFlags(EnumSet.of(
                    java.nio.file.attribute.AclEntryFlag.FILE_INHERIT,
                    java.nio.file.attribute.AclEntryFlag.DIRECTORY_INHERIT));
        }
        return List.of(b.build());
    }

    /** Writes a file's content. */
    @FunctionalInterface
    public interface Body {
        void writeTo(OutputStream out) throws IOException;
    }
}
