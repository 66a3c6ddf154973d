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
 * @param resumeCode for an unfinished receive: the pairing code to resume with; cleared once finished
 * @param destination for a receive: the destination folder
 */
public record HistoryEntry(String id, Direction direction, List<String> files, long totalBytes,
                           long startedAtMillis, long endedAtMillis, Outcome outcome, String detail,
                           String resumeCode, String destination) {

    public HistoryEntry {
        files = files == null ? List.of() : List.copyOf(files);
        detail = detail == null ? "" : detail;
    }

    /** A receive that did not finish and can be picked up again with the same code and folder. */
    public boolean resumable() {
        return direction == Direction.RECEIVED && resumeCode != null && !resumeCode.isBlank()
                && destination != null && (outcome == Outcome.IN_PROGRESS || outcome == Outcome.FAILED);
    }

    public HistoryEntry ended(Outcome result, String why, long atMillis, boolean keepResume) {
        return new HistoryEntry(id, direction, files, totalBytes, startedAtMillis, atMillis, result, why,
                keepResume ? resumeCode : null, destination);
    }
}
