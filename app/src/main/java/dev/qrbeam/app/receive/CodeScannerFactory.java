package dev.qrbeam.app.receive;

import java.util.List;
import java.util.Optional;

/** Lists cameras (for Settings) and opens a scanner on one (for Receive). Both may block: off the FX thread. */
public interface CodeScannerFactory {

    /** Names of the cameras found; empty when there is none or no camera support. */
    List<String> cameras();

    /** Opens {@code camera} (null = default); empty when no camera can be used. */
    Optional<CodeScanner> open(String camera);

    /** Whether this build can scan at all (false hides nothing, but disables the scan button). */
    boolean available();

    /** No camera support: the scan button stays disabled. */
    CodeScannerFactory NONE = new CodeScannerFactory() {
        @Override
        public List<String> cameras() {
            return List.of();
        }

        @Override
        public Optional<CodeScanner> open(String camera) {
            return Optional.empty();
        }

        @Override
        public boolean available() {
            return false;
        }
    };
}
