package dev.qrbeam.app.history;

public enum Direction {
    SENT,
    RECEIVED
}
