/**
 * Webcam QR scanning for the Receive view.
 *
 * <p>Composition: {@link dev.qrbeam.app.scan.CameraDrivers#installNative()} selects the capture driver once at
 * start-up (never BridJ), {@link dev.qrbeam.app.scan.Scanner} lists cameras and starts
 * {@link dev.qrbeam.app.scan.ScanSession}s, and {@link dev.qrbeam.app.scan.ScanView} is the JavaFX node the Receive
 * view hosts. The seam towards the Receive view is {@code ScanView#setOnCode} plus {@code ScanView#start/stop}.
 */
package dev.qrbeam.app.scan;
