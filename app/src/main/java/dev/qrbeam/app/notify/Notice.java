package dev.qrbeam.app.notify;

/**
 * One desktop notification: a short title and one sentence. Plain text (implementations escape it for
 * servers that read markup).
 */
public record Notice(String title, String body) {}
