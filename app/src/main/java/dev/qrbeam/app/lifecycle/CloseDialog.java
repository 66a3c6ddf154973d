package dev.qrbeam.app.lifecycle;

import dev.qrbeam.app.i18n.Messages;
import java.util.Map;
import java.util.function.Consumer;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.layout.Region;
import javafx.stage.Modality;
import javafx.stage.Window;

/**
 * Asked when the window is closed while a transfer runs: keep it running in the background, cancel it, or
 * go back. Says up front when the OS has no tray (then "keep running" keeps the window minimised instead).
 * Non-blocking: the answer goes to a callback, exactly once; closing the dialog itself means "go back".
 */
public final class CloseDialog {
    public static final String KEEP_ID = "close-keep";
    public static final String CANCEL_ID = "close-cancel";
    public static final String BACK_ID = "close-back";

    private final Messages m;

    public CloseDialog(Messages messages) {
        this.m = messages;
    }

    /** Shows the question over {@code owner} (FX thread); the returned alert is for tests and screenshots. */
    public Alert ask(Window owner, int running, boolean trayAvailable, Consumer<CloseChoice> answer) {
        ButtonType keep = new ButtonType(
                m.get(trayAvailable ? "close.keep" : "close.keep.minimised"), ButtonBar.ButtonData.OK_DONE);
        ButtonType cancel = new ButtonType(m.format("close.cancel", running), ButtonBar.ButtonData.OTHER);
        ButtonType back = new ButtonType(m.get("close.back"), ButtonBar.ButtonData.CANCEL_CLOSE);
        Alert alert = new Alert(Alert.AlertType.CONFIRMATION, "", keep, cancel, back);
        alert.initOwner(owner);
        alert.initModality(Modality.WINDOW_MODAL);
        alert.setTitle(m.get("close.title"));
        alert.setHeaderText(m.format("close.header", running));
        alert.setContentText(m.format(trayAvailable ? "close.body.tray" : "close.body.noTray", running));
        alert.getDialogPane().setId("close-dialog");
        alert.getDialogPane().lookupButton(keep).setId(KEEP_ID);
        alert.getDialogPane().lookupButton(cancel).setId(CANCEL_ID);
        alert.getDialogPane().lookupButton(back).setId(BACK_ID);
        for (ButtonType b : alert.getButtonTypes()) {
            ((Region) alert.getDialogPane().lookupButton(b)).setMinWidth(Region.USE_PREF_SIZE); // answers in full
        }
        Map<ButtonType, CloseChoice> choices =
                Map.of(keep, CloseChoice.KEEP_RUNNING, cancel, CloseChoice.CANCEL_TRANSFERS, back, CloseChoice.GO_BACK);
        alert.setOnHidden(e -> answer.accept(
                alert.getResult() == null
                        ? CloseChoice.GO_BACK
                        : choices.getOrDefault(alert.getResult(), CloseChoice.GO_BACK)));
        alert.show();
        return alert;
    }
}
