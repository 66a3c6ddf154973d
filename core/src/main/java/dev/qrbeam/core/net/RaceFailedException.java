package dev.qrbeam.core.net;

import dev.qrbeam.core.api.FailureCode;
import dev.qrbeam.core.api.TransferException;
import java.util.List;
import java.util.stream.Collectors;

/** No route of a code reached a relay ({@code RELAY_UNREACHABLE}); the message names each attempt and the causes. */
final class RaceFailedException extends TransferException {
    private final transient List<Attempt> attempts;
    private final long millis;

    /** @param millis how long the race ran before the last attempt failed */
    public RaceFailedException(List<Attempt> attempts, boolean hadInternetRelay, long millis) {
        super(FailureCode.RELAY_UNREACHABLE, message(attempts, hadInternetRelay, millis));
        this.attempts = List.copyOf(attempts);
        this.millis = millis;
    }

    /** How long the race ran. */
    public long millis() {
        return millis;
    }

    public List<Attempt> attempts() {
        return attempts;
    }

    /**
     * First line: one sentence for people; then {@code Tried: …} and {@code Likely causes: …} (the app shows the
     * first line and puts the rest in a details expander; the CLI prints all).
     */
    static String message(List<Attempt> attempts, boolean hadInternetRelay, long millis) {
        String tried = attempts.stream().map(Attempt::describe).collect(Collectors.joining("; "));
        String causes = "the two computers are not on the same network; the Wi-Fi keeps devices apart (guest network, "
                + "client isolation); a firewall on the sender blocks incoming connections"
                + (hadInternetRelay
                        ? "; the internet relay is down or blocked"
                        : "; no internet relay is set up on "
                                + "the sender (Settings \u2192 Relay, or send --relay URL)");
        return "Could not reach the sending computer.\nTried for "
                + String.format(java.util.Locale.ROOT, "%.1f", millis / 1000.0) + " s: " + tried + ".\nLikely causes: "
                + causes + ".";
    }
}
