package dev.qrbeam.app.notify;

/**
 * The OS notification service, behind an interface with one implementation per OS, chosen in the
 * composition root by {@link Notifiers#forThisOs}. {@link #show} returns at once (work runs in the
 * background); {@code onClick} runs on the FX thread when the user clicks the notification, where the OS
 * reports clicks.
 */
public interface Notifier {
    /** For systems without a notification service, and for tests that do not look at notifications. */
    Notifier NONE = (notice, onClick) -> {};

    void show(Notice notice, Runnable onClick);
}
