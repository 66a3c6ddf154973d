package dev.qrbeam.app.support;

import java.nio.file.Path;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One app window per test, with the built-in relay and its data folder under the test's temp folder, closed after
 * the test: {@code @RegisterExtension final AppWindow app = new AppWindow();} then {@code window = app.open(tmp)}.
 */
public final class AppWindow implements AfterEachCallback {
    private Ui.Window window;
    private Path home;

    /** Opens the window with its data folder {@code tmp/home}. */
    public Ui.Window open(Path tmp) throws Exception {
        home = tmp.resolve("home");
        window = Ui.open(home, Engines.embedded().factory(home), 0);
        return window;
    }

    /** The open window's data folder. */
    public Path home() {
        return home;
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        if (window != null) {
            window.close();
        }
    }
}
