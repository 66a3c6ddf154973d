package dev.qrbeam.core.api;

/**
 * Why a transfer failed or was cancelled. {@code code} is stable (for UI mapping and exit codes),
 * {@code message} is one human-readable line.
 */
public record TransferFailure(FailureCode code, String message) {
}
