package dev.qrbeam.app.scan;

import java.util.ResourceBundle;

/** The English user-facing text for scan states, from {@code dev/qrbeam/app/scan/scan.properties}. */
final class ScanText {
    private final ResourceBundle bundle = ResourceBundle.getBundle("dev.qrbeam.app.scan.scan");

    String get(String key) {
        return bundle.getString(key);
    }

    String status(ScanStatus status) {
        if (status.state() == ScanState.FAILED) {
            return get("scan.failure." + status.failure().name());
        }
        return get("scan.state." + status.state().name());
    }
}
