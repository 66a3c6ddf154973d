package dev.qrbeam.app.lifecycle;

import dev.qrbeam.app.i18n.Messages;
import java.util.function.Consumer;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.stage.Window;

/**
 * "Quit" (tray menu, macOS Cmd+Q) while transfers run: one question for all of them — stop them and quit,
 * or keep running. Non-blocking; the answer (true = quit) goes to a callback exactly once.
 */
public final class QuitDialog {
    public static final String QUIT_ID = "quit-confirm";
    public static final String STAY_ID = "quit-stay";

    private final Messages m;

    public QuitDialog(Messages messages) {
        this.m = messages;
    }

    /** @param owner the window when it is shown, or null (the window is hidden in the background) */
    public Alert ask(Window owner, int running, Consumer<Boolean> quit) {
        ButtonType yes = new ButtonType(m.get("quit.confirm"), ButtonBar.ButtonData.OK_DONE);
        ButtonType no = new ButtonType(m.get("quit.stay"), ButtonBar.ButtonData.CANCEL_CLOSE);
        Alert alert = new Alert(Alert.AlertType.WARNING, m.format("quit.body", running), yes, no);
        if (owner != null) {
            alert.initOwner(owner);
        }
        alert.setTitle(m.get("quit.title"));
        alert.setHeaderText(m.format("quit.header", running));
        alert.getDialogPane().setId("quit-dialog");
        alert.getDialogPane().lookupButton(yes).setId(QUIT_ID);
        alert.getDialogPane().lookupButton(no).setId(STAY_ID);
        alert.setOnHidden(e -> quit.accept(alert.getResult() == yes));
        alert.show();
        return alert;
    }
}
