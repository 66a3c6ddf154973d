/**
 * The transfer engine. Its seam is {@code dev.qrbeam.core.api}: {@code TransferEngine}, the types it speaks and its
 * settings ({@code EngineConfig}); everything else is internal. The two composition roots, the desktop app and the
 * CLI, construct the implementation ({@code core.engine.QrBeamEngine}) and draw codes with {@code core.qr}; the app
 * keeps its own files owner-only with {@code core.store.PrivateFiles}. Open for reflection because Jackson binds
 * the control and state records.
 */
open module dev.qrbeam.core {
    requires transitive dev.qrbeam.protocol;
    requires dev.qrbeam.relay;
    requires com.google.zxing;
    requires java.net.http;
    requires jdk.unsupported; // com.sun.nio.file.ExtendedOpenOption.DIRECT (DirectWriter)
    requires org.slf4j;

    exports dev.qrbeam.core.api;
    exports dev.qrbeam.core.engine to
            dev.qrbeam.app,
            dev.qrbeam.cli;
    exports dev.qrbeam.core.qr to
            dev.qrbeam.app,
            dev.qrbeam.cli;
    exports dev.qrbeam.core.store to
            dev.qrbeam.app;
}
