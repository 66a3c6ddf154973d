/**
 * The desktop app (JavaFX): a composition root over the engine's {@code dev.qrbeam.core.api}; exports nothing.
 * Open for reflection because Jackson binds its settings and history records.
 */
open module dev.qrbeam.app {
    requires dev.qrbeam.core;
    requires javafx.controls;
    requires javafx.swing;
    requires java.desktop;
    requires atlantafx.base;
    requires org.kordamp.ikonli.core;
    requires org.kordamp.ikonli.javafx;
    requires org.kordamp.ikonli.feather;
    requires com.google.zxing;
    requires com.google.zxing.javase;
    requires webcam.capture; // com.github.sarxos:webcam-capture has no module name
    requires io.github.eduramiba.webcamcapture;
    requires com.sun.jna;
    requires org.slf4j;
    requires ch.qos.logback.classic; // the app configures its rolling log file in code
    requires ch.qos.logback.core;
}
