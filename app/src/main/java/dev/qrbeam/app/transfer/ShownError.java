package dev.qrbeam.app.transfer;

/**
 * An error as a page shows it: one sentence, and optionally what was tried (a collapsed details expander).
 *
 * @param sentence the human sentence, never null
 * @param details the engine's own explanation below the sentence, or null when there is none
 */
public record ShownError(String sentence, String details) {
    public ShownError {
        if (sentence == null) {
            throw new IllegalArgumentException("sentence");
        }
    }

    /** A sentence without details (input checks: no code, not a QRBeam code, nothing to send). */
    public static ShownError of(String sentence) {
        return new ShownError(sentence, null);
    }
}
