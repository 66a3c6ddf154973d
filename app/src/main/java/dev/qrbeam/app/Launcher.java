package dev.qrbeam.app;

import javafx.application.Application;

/**
 * Entry point for the class path and the installers: {@code java -cp ... dev.qrbeam.app.Launcher [files...]}.
 * A plain class (not an Application) so JavaFX starts from the class path without module flags.
 * Arguments are files and folders to send; {@code --screenshot-demo=<dir>} runs the screenshot tour.
 */
public final class Launcher {
    private Launcher() {}

    public static void main(String[] args) {
        Application.launch(QRBeamApp.class, args);
    }
}
