package dev.qrbeam.core.store;

import dev.qrbeam.core.api.FailureCode;
import dev.qrbeam.core.api.TransferException;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.function.BiFunction;

/**
 * The names a {@link ReceiveStore} uses under its root: each file's {@code .part} file (recorded in the
 * {@link StoreState} as {@code part.<i>}) and final name ({@code done.<i>}), both '/'-separated relative paths.
 * A stored name is never trusted to point anywhere: it must resolve strictly inside the root through real folders,
 * and a {@code .part} must end in {@code .part} and sit beside its file's target, else it is ignored. Final names
 * never replace an existing file.
 */
final class StoreNames {
    private final Path root;
    private final StoreState state;
    private final List<StoreFile> files;
    private final BiFunction<Path, String, String> uniqueName;

    StoreNames(Path root, StoreState state, List<StoreFile> files, BiFunction<Path, String, String> uniqueName) {
        this.root = root;
        this.state = state;
        this.files = files;
        this.uniqueName = uniqueName;
    }

    /** Removes the {@code .part} files another manifest's state names (before that state is reset). */
    void discardStale() throws IOException {
        for (String key : state.keys("part.")) {
            Path p = containedPart(state.get(key));
            if (p != null) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** The target of {@code file} inside the root. */
    Path target(int file) throws TransferException {
        return SafeDirs.resolve(root, files.get(file).relativePath());
    }

    /**
     * The recorded {@code .part} file of {@code file}, or null when none is recorded or the record is not a
     * {@code .part} file beside the file's target (a tampered or foreign state file is never followed).
     */
    Path partPath(int file) throws TransferException {
        Path part = containedPart(state.get("part." + file));
        Path target = target(file);
        return part != null && part.getParent().equals(target.getParent()) ? part : null;
    }

    /** Picks a fresh {@code .part} name beside {@code target} for {@code file} and records it. */
    Path newPart(int file, Path target) throws IOException {
        String wanted = target.getFileName() + ".part";
        Path part = target.getParent().resolve(uniqueName.apply(target.getParent(), wanted));
        state.put("part." + file, relative(part));
        return part;
    }

    /** Forgets the {@code .part} of {@code file} (its data was discarded). */
    void forgetPart(int file) throws IOException {
        state.put("part." + file, "");
    }

    boolean isDone(int file) {
        return state.get("done." + file) != null;
    }

    /** Where file {@code i} ended up, once done (null if not done or the record points outside the folder). */
    Path finalPath(int file) {
        String rel = state.get("done." + file);
        try {
            return rel == null
                    ? null
                    : SafeDirs.resolve(root, rel.replace(root.getFileSystem().getSeparator(), "/"));
        } catch (TransferException e) {
            return null;
        }
    }

    /** Gives the verified {@code part} of {@code file} its final name (never replacing a file) and records it. */
    void place(int file, Path part) throws IOException {
        Path at = placeNoOverwrite(part, target(file));
        state.put("done." + file, relative(at));
    }

    /** A stored name as a path strictly inside the root, through real folders only, ending in .part; else null. */
    private Path containedPart(String stored) {
        if (stored == null || stored.isEmpty()) {
            return null;
        }
        try {
            Path p = SafeDirs.resolve(root, stored.replace(root.getFileSystem().getSeparator(), "/"));
            if (!p.getFileName().toString().endsWith(".part")) {
                return null;
            }
            Path parent = p.getParent();
            return !Files.isDirectory(parent, LinkOption.NOFOLLOW_LINKS)
                            || parent.toRealPath().equals(parent)
                    ? p
                    : null;
        } catch (IOException e) {
            return null;
        }
    }

    /** A path under the root as stored in the state: '/'-separated on every OS. */
    private String relative(Path p) {
        return root.relativize(p).toString().replace(root.getFileSystem().getSeparator(), "/");
    }

    private Path placeNoOverwrite(Path part, Path target) throws IOException {
        for (int attempt = 0; attempt < 1000; attempt++) {
            Path candidate = target.getParent()
                    .resolve(uniqueName.apply(
                            target.getParent(), target.getFileName().toString()));
            try {
                Files.createLink(candidate, part);
                Files.delete(part);
                return candidate;
            } catch (FileAlreadyExistsException e) {
                continue;
            } catch (UnsupportedOperationException | IOException e) {
                if (Files.exists(candidate, LinkOption.NOFOLLOW_LINKS)) {
                    continue;
                }
                Files.move(part, candidate, StandardCopyOption.ATOMIC_MOVE);
                return candidate;
            }
        }
        throw new TransferException(FailureCode.IO, "no free name for " + target);
    }
}
