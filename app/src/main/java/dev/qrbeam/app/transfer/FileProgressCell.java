package dev.qrbeam.app.transfer;

import dev.qrbeam.app.i18n.Messages;
import dev.qrbeam.core.api.FileProgress;
import dev.qrbeam.core.api.TransferState;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/** One row of the per-file progress list: icon, name, bar, size and state. */
final class FileProgressCell extends ListCell<FileProgress> {
    private final Messages messages;
    private final FontIcon icon = new FontIcon(Feather.FILE);
    private final Label name = new Label();
    private final Label size = new Label();
    private final Label state = new Label();
    private final ProgressBar bar = new ProgressBar(0);
    private final HBox row;

    FileProgressCell(Messages messages) {
        this.messages = messages;
        name.getStyleClass().add("file-name");
        size.getStyleClass().add("muted");
        state.getStyleClass().add("muted");
        bar.getStyleClass().add("small");
        bar.setMaxWidth(Double.MAX_VALUE);
        VBox middle = new VBox(4, name, bar);
        HBox.setHgrow(middle, Priority.ALWAYS);
        state.setMinWidth(90);
        size.setMinWidth(80);
        size.setAlignment(Pos.CENTER_RIGHT);
        row = new HBox(10, icon, middle, size, state);
        row.setAlignment(Pos.CENTER_LEFT);
        row.getStyleClass().add("file-row");
    }

    @Override
    protected void updateItem(FileProgress item, boolean empty) {
        super.updateItem(item, empty);
        if (empty || item == null) {
            setGraphic(null);
            return;
        }
        name.setText(item.relativePath());
        size.setText(Formats.bytes(item.size()));
        bar.setProgress(
                item.size() <= 0
                        ? (item.state() == TransferState.DONE ? 1 : 0)
                        : Math.min(1.0, (double) item.bytesDone() / item.size()));
        state.setText(messages.get("file.state." + item.state().name()));
        icon.setIconCode(
                switch (item.state()) {
                    case DONE -> Feather.CHECK_CIRCLE;
                    case FAILED -> Feather.ALERT_CIRCLE;
                    case CANCELLED -> Feather.X_CIRCLE;
                    default -> Feather.FILE;
                });
        setGraphic(row);
    }
}
