package dev.qrbeam.app.ui;

import dev.qrbeam.core.api.TransferState;
import javafx.beans.value.ObservableBooleanValue;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/** Small builders shared by the views, so every page has the same header and buttons. */
public final class Views {
    private Views() {}

    public static VBox pageHeader(String title, String subtitle) {
        Label t = new Label(title);
        t.getStyleClass().addAll("title-2", "page-title");
        Label s = new Label(subtitle);
        s.getStyleClass().add("muted");
        s.setWrapText(true);
        VBox box = new VBox(4, t, s);
        box.getStyleClass().add("page-header");
        return box;
    }

    public static Button button(String text, Ikon icon, String id) {
        Button b = new Button(text, new FontIcon(icon));
        b.setId(id);
        b.setMnemonicParsing(true);
        return b;
    }

    /** Binds {@code node} to show while {@code when} holds; hidden, it takes no space. */
    public static void showWhen(Node node, ObservableBooleanValue when) {
        node.visibleProperty().bind(when);
        node.managedProperty().bind(when);
    }

    /** A finished transfer's summary icon: a tick for DONE, a cross for CANCELLED, a warning otherwise. */
    public static void summaryIcon(FontIcon icon, TransferState outcome) {
        icon.getStyleClass().removeAll("success", "danger");
        if (outcome == null) {
            return;
        }
        boolean done = outcome == TransferState.DONE;
        icon.getStyleClass().add(done ? "success" : "danger");
        icon.setIconCode(
                done
                        ? Feather.CHECK_CIRCLE
                        : outcome == TransferState.CANCELLED ? Feather.X_CIRCLE : Feather.ALERT_TRIANGLE);
    }
}
