/**
 * Webcam QR scanning for the Receive page. Three types to know:
 * <ul>
 *   <li>{@link dev.qrbeam.app.scan.Cameras} — the entry, built once in the composition root
 *       ({@code Cameras.webcams()} installs the native capture driver, never BridJ; {@code Cameras.NONE} without
 *       camera support): lists cameras for Settings, opens a view for Receive;</li>
 *   <li>{@link dev.qrbeam.app.scan.ScanView} — the JavaFX node the Receive page hosts: preview, camera choice, status;
 *       {@code start(onCode, onError)} and {@code stop()};</li>
 *   <li>{@link dev.qrbeam.app.scan.ScanSession} — one camera scanning on its own threads until the first pairing code
 *       ({@link dev.qrbeam.app.scan.ProtocolPairingCodeCheck}, the app's one code check).</li>
 * </ul>
 * The decoder itself ({@code dev.qrbeam.app.qr.QrDecoder}) lives with the QR pictures in {@code app.qr}; the rest
 * here is package-private plumbing (the webcam-capture adapter, frame pacing, the preview buffer) plus the status
 * types the view shows.
 */
package dev.qrbeam.app.scan;
