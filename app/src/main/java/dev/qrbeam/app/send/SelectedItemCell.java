package dev.qrbeam.app.send;

import dev.qrbeam.app.i18n.Messages;
import dev.qrbeam.app.transfer.Formats;
import java.util.function.Consumer;
import javafx.beans.value.ObservableBooleanValue;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/** A picked file or folder: icon, name, size and a remove button. */
final class SelectedItemCell extends ListCell<SelectedItem> {
    private final Messages messages;
    private final FontIcon icon = new FontIcon(Feather.FILE);
    private final Label name = new Label();
    private final Label size = new Label();
    private final Button remove = new Button(null, new FontIcon(Feather.X));
    private final HBox row;

    SelectedItemCell(Messages messages, Consumer<SelectedItem> onRemove, ObservableBooleanValue locked) {
        this.messages = messages;
        name.getStyleClass().add("file-name");
        name.setMinWidth(0);
        size.getStyleClass().add("muted");
        size.setMinWidth(Region.USE_PREF_SIZE);
        remove.getStyleClass().addAll("flat", "button-icon", "remove-button");
        remove.disableProperty().bind(locked);
        remove.setOnAction(e -> {
            if (getItem() != null) {
                onRemove.accept(getItem());
            }
        });
        Region spring = new Region();
        HBox.setHgrow(spring, Priority.ALWAYS);
        HBox.setHgrow(name, Priority.SOMETIMES);
        row = new HBox(8, icon, name, spring, size, remove);
        row.setAlignment(Pos.CENTER_LEFT);
    }

    @Override
    protected void updateItem(SelectedItem item, boolean empty) {
        super.updateItem(item, empty);
        if (empty || item == null) {
            setGraphic(null);
            return;
        }
        icon.setIconCode(item.folder() ? Feather.FOLDER : Feather.FILE);
        name.setText(item.name());
        size.setText(item.size() < 0 ? messages.get("send.files.sizing") : Formats.bytes(item.size()));
        String removeText = messages.format("send.remove", item.name());
        remove.setTooltip(new Tooltip(removeText));
        remove.setAccessibleText(removeText);
        setGraphic(row);
    }
}
