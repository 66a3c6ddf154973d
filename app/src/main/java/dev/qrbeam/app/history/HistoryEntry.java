package dev.qrbeam.app.history;

import java.util.List;

/**
 * One past transfer as stored in {@code history.json}.
 *
 * @param id random id of the entry
 * @param direction sent or received
 * @param files relative paths of the files
 * @param totalBytes sum of file sizes
 * @param startedAtMillis when it started (epoch ms)
 * @param endedAtMillis when it ended (epoch ms), 0 while in progress
 * @param outcome result
 * @param detail failure code name or empty
 * @param resumeCode for an unfinished transfer: the pairing code to resume with (a receive's, or a send's own code
 *                   for the engine's {@code resumeSend}); cleared once finished
 * @param destination for a receive: the destination folder; null for a send
 */
public record HistoryEntry(
        String id,
        Direction direction,
        List<String> files,
        long totalBytes,
        long startedAtMillis,
        long endedAtMillis,
        Outcome outcome,
        String detail,
        String resumeCode,
        String destination) {

    public HistoryEntry {
        files = files == null ? List.of() : List.copyOf(files);
        detail = detail == null ? "" : detail;
    }

    /**
     * A transfer that did not finish and can be picked up again: a receive with the same code and folder, a send
     * with its own code (same files, same relay id).
     */
    public boolean resumable() {
        return resumeCode != null
                && !resumeCode.isBlank()
                && (direction == Direction.SENT || destination != null)
                && (outcome == Outcome.IN_PROGRESS || outcome == Outcome.FAILED);
    }

    public HistoryEntry ended(Outcome result, String why, long atMillis, boolean keepResume) {
        return new HistoryEntry(
                id,
                direction,
                files,
                totalBytes,
                startedAtMillis,
                atMillis,
                result,
                why,
                keepResume ? resumeCode : null,
                destination);
    }
}
