package dev.qrbeam.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.qrbeam.app.shell.Page;
import dev.qrbeam.app.support.AppWindow;
import dev.qrbeam.app.support.Ui;
import java.nio.file.Path;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;

/** A bad code shows a human error and changes nothing else: no transfer view, no folder, no history. */
@Timeout(60)
class BadCodeTest {
    @TempDir
    Path tmp;

    @RegisterExtension
    final AppWindow app = new AppWindow();

    private Ui.Window window;
    private Path dest;
    private final FxRobot robot = new FxRobot();

    @BeforeEach
    void open() throws Exception {
        window = app.open(tmp);
        dest = tmp.resolve("downloads");
        Ui.fxRun(() -> {
            window.app().receive().setDestination(dest);
            window.app().shell().show(Page.RECEIVE);
        });
    }

    private String enter(String code) throws Exception {
        TextField field = Ui.find(window, "receive-code");
        Ui.fxRun(field::clear);
        robot.clickOn(field).write(code).type(KeyCode.ENTER);
        Label error = Ui.find(window, "receive-error");
        Ui.waitFor(20, error::isVisible, window);
        return Ui.fx(error::getText);
    }

    private void assertNothingElseChanged(String typed) throws Exception {
        Node transfer = Ui.find(window, "receive-transfer");
        assertThat(Ui.fx(transfer::isVisible)).isFalse();
        TextField field = Ui.find(window, "receive-code");
        assertThat(Ui.<String>fx(field::getText)).isEqualTo(typed);
        assertThat(Ui.fx(() -> field.getParent().isDisabled())).isFalse();
        assertThat(dest).doesNotExist();
        assertThat(window.app().historyStore().entries()).isEmpty();
        assertThat(window.app().settings().current().downloadFolder()).isEqualTo(dest.toString());
    }

    @Test
    void textThatIsNotACodeIsRefusedWithoutTouchingAnything() throws Exception {
        String text = enter("hello, this is not a code");
        assertThat(text).startsWith("This isn't a QRBeam code");
        assertNothingElseChanged("hello, this is not a code");
    }

    @Test
    void aForeignLinkIsRefusedBeforeAnyNetworkUse() throws Exception {
        String link = "https://example.org/some/page#a-fragment-that-is-long-enough";
        assertThat(enter(link)).startsWith("This isn't a QRBeam code");
        assertNothingElseChanged(link);
    }

    @Test
    void aCodeFromANewerQrBeamSaysSoInsteadOfNothing() throws Exception {
        String code = "http://127.0.0.1:1/r/9/AAAAAAAAAAAAAAAAAAAAAA#AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
        assertThat(enter(code)).startsWith("This code was made by a newer version of QRBeam");
        assertNothingElseChanged(code);
    }

    @Test
    void aWellFormedCodeForADeadRelaySaysTheRelayCannotBeReached() throws Exception {
        String code = "http://127.0.0.1:1/r/1/AAAAAAAAAAAAAAAAAAAAAA#AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
        assertThat(enter(code)).startsWith("The relay can't be reached");
        // one sentence, and what was tried in the details expander (collapsed)
        javafx.scene.control.TitledPane details = Ui.find(window, "receive-error-details");
        Label tried = Ui.find(window, "receive-error-details-text");
        assertThat(Ui.fx(details::isVisible)).isTrue();
        assertThat(Ui.fx(details::isExpanded)).isFalse();
        assertThat(Ui.fx(tried::getText))
                .startsWith("Tried for ")
                .contains("127.0.0.1:1: connection refused")
                .contains("Likely causes:");
        assertNothingElseChanged(code);
    }
}
