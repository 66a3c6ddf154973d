package dev.qrbeam.core.net;

import java.util.List;
import java.util.stream.Collectors;

/** No route of a code reached a relay; the message names each attempt and the likely causes. */
public final class RaceFailedException extends Exception {
    private final transient List<Attempt> attempts;

    public RaceFailedException(List<Attempt> attempts, boolean hadInternetRelay) {
        super(message(attempts, hadInternetRelay));
        this.attempts = List.copyOf(attempts);
    }

    public List<Attempt> attempts() {
        return attempts;
    }

    /**
     * First line: one sentence for people; then {@code Tried: …} and {@code Likely causes: …} (the app shows the
     * first line and puts the rest in a details expander; the CLI prints all).
     */
    static String message(List<Attempt> attempts, boolean hadInternetRelay) {
        String tried = attempts.stream().map(Attempt::describe).collect(Collectors.joining("; "));
        String causes = "the two computers are not on the same network; the Wi-Fi keeps devices apart (guest network, "
                + "client isolation); a firewall on the sender blocks incoming connections"
                + (hadInternetRelay ? "; the internet relay is down or blocked" : "; no internet relay is set up on "
                + "the sender (Settings \u2192 Relay, or send --relay URL)");
        return "Could not reach the sending computer.\nTried: " + tried + ".\nLikely causes: " + causes + ".";
    }
}
