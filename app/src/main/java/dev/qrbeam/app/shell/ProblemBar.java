package dev.qrbeam.app.shell;

import dev.qrbeam.app.i18n.Messages;
import dev.qrbeam.app.ui.Views;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/** A bar above every page saying that something unexpected failed (see {@code UncaughtErrors}); closable. */
public final class ProblemBar extends HBox {
    private final StringProperty text = new SimpleStringProperty();

    public ProblemBar(Messages m) {
        getStyleClass().add("problem-bar");
        setId("app-problem");
        setSpacing(10);
        setAlignment(Pos.CENTER_LEFT);
        Label label = new Label();
        label.setId("app-problem-text");
        label.setWrapText(true);
        label.setGraphic(new FontIcon(Feather.ALERT_OCTAGON));
        label.getStyleClass().add("error-text");
        label.textProperty().bind(text);
        HBox.setHgrow(label, Priority.ALWAYS);
        label.setMaxWidth(Double.MAX_VALUE);
        Button dismiss = Views.button(null, Feather.X, "app-problem-dismiss");
        dismiss.getStyleClass().add("button-icon");
        dismiss.setOnAction(e -> text.set(null));
        getChildren().addAll(label, dismiss);
        Views.showWhen(this, text.isNotNull());
    }

    /** The sentence shown, or null while hidden. FX thread only. */
    public StringProperty text() {
        return text;
    }
}
