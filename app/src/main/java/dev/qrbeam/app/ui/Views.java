package dev.qrbeam.app.ui;

import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.javafx.FontIcon;

/** Small builders shared by the views, so every page has the same header and buttons. */
public final class Views {
    private Views() {
    }

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

    /** Shows exactly one of {@code nodes}: {@code visible}; the others are hidden and take no space. */
    public static void showOnly(Node visible, Node... nodes) {
        for (Node n : nodes) {
            n.setVisible(n == visible);
            n.setManaged(n == visible);
        }
    }
}
