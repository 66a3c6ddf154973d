package dev.qrbeam.app.desktop;

import dev.qrbeam.app.i18n.Messages;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import javafx.beans.InvalidationListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.OverrunStyle;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/** The question above Send: "Send 2 items from another app? a.jpg, report — [Send] [Dismiss]". Binds to {@link PendingFiles}. */
public final class PendingFilesBar extends HBox {
    private static final int NAMES_SHOWN = 3;

    final Label text = new Label();
    final Button send;
    final Button dismiss;

    public PendingFilesBar(PendingFiles model, Messages m) {
        super(12);
        setId("incoming-bar");
        getStyleClass().add("incoming-bar");
        setAlignment(Pos.CENTER_LEFT);
        FontIcon icon = new FontIcon(Feather.INBOX);
        text.setId("incoming-text");
        text.setMaxWidth(Double.MAX_VALUE); // one line; long lists end in "…"
        text.setTextOverrun(OverrunStyle.CENTER_WORD_ELLIPSIS);
        HBox.setHgrow(text, Priority.ALWAYS);
        send = new Button(m.get("incoming.send"));
        send.setId("incoming-confirm");
        send.getStyleClass().add("accent");
        send.setOnAction(e -> model.confirm());
        dismiss = new Button(m.get("incoming.dismiss"));
        dismiss.setId("incoming-dismiss");
        dismiss.setOnAction(e -> model.dismiss());
        getChildren().addAll(icon, text, send, dismiss);
        managedProperty().bind(visibleProperty());
        visibleProperty().bind(model.waitingProperty());
        // the default button only while asking, so Enter elsewhere keeps its meaning
        send.defaultButtonProperty().bind(model.waitingProperty());
        InvalidationListener update = o -> {
            text.setText(describe(m, model.files()));
            if (!model.files().isEmpty()) {
                send.requestFocus();
            }
        };
        model.files().addListener(update);
        update.invalidated(null);
    }

    /** The Send page with the question above it. */
    public static Node above(Node page, PendingFiles model, Messages m) {
        PendingFilesBar bar = new PendingFilesBar(model, m);
        VBox box = new VBox(bar, page);
        box.setId("send-page");
        VBox.setMargin(bar, new Insets(20, 32, 0, 32));
        VBox.setVgrow(page, Priority.ALWAYS);
        return box;
    }

    static String describe(Messages m, List<Path> files) {
        String names = files.stream()
                .limit(NAMES_SHOWN)
                .map(p ->
                        p.getFileName() == null ? p.toString() : p.getFileName().toString())
                .collect(Collectors.joining(", "));
        if (files.size() > NAMES_SHOWN) {
            names = m.format("incoming.more", names, files.size() - NAMES_SHOWN);
        }
        return m.format("incoming.question", files.size(), names);
    }
}
