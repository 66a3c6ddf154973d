package dev.qrbeam.protocol.message;

import java.util.Optional;

/**
 * Every action that may appear in the {@code action} field, and the single allow-list of actions the relay routes.
 * A routed action from X naming {@code message.connectionid = Y} is delivered to Y with
 * {@code message.connectionid = X} and every other field untouched. New protocol extensions are added here.
 */
public enum Action {
    /** Asks for (or resumes) the caller's connection id. Answered to the caller, never routed. */
    CONNECT("Connect", false),
    /** Receiver asks the sender to start (seed action). */
    REQUEST("Request", true),
    /** A data chunk (seed action). */
    TRANSFER("Transfer", true),
    /** Receiver reports success or missing chunks (seed action). */
    ACKNOWLEDGE("Acknowledge", true),
    /** Engine extension: end-to-end handshake; only {@code connectionid} is validated. */
    HANDSHAKE("Handshake", true),
    /** Engine extension: encrypted control messages; only {@code connectionid} is validated. */
    CONTROL("Control", true),
    /** Relay to client only: an error reply. Never accepted from a client. */
    ERROR("Error", false);

    private final String wireName;
    private final boolean routed;

    Action(String wireName, boolean routed) {
        this.wireName = wireName;
        this.routed = routed;
    }

    /** The exact, case-sensitive string used in the {@code action} field. */
    public String wireName() {
        return wireName;
    }

    /** True if the relay forwards this action between connections (the routed allow-list). */
    public boolean isRouted() {
        return routed;
    }

    /** True if a client may send this action to the relay. */
    public boolean acceptedFromClient() {
        return this != ERROR;
    }

    /** Looks an action up by its exact (case-sensitive) wire name. */
    public static Optional<Action> fromWire(String name) {
        for (Action a : values()) {
            if (a.wireName.equals(name)) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }
}
