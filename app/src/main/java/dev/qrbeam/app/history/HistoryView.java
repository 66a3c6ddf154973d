package dev.qrbeam.app.history;

import dev.qrbeam.app.i18n.Messages;
import dev.qrbeam.app.ui.Views;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;

/** The History page: a table of past transfers with a Resume action for unfinished receives. */
public final class HistoryView extends VBox {
    final TableView<HistoryEntry> table = new TableView<>();
    final TableColumn<HistoryEntry, HistoryEntry> direction;
    final TableColumn<HistoryEntry, HistoryEntry> files;
    final TableColumn<HistoryEntry, HistoryEntry> size;
    final TableColumn<HistoryEntry, HistoryEntry> time;
    final TableColumn<HistoryEntry, HistoryEntry> result;
    final TableColumn<HistoryEntry, HistoryEntry> action = new TableColumn<>();
    final Button clear;

    public HistoryView(Messages m) {
        getStyleClass().addAll("page", "history-page");
        setId("history-page");
        setSpacing(20);
        direction = new TableColumn<>(m.get("history.col.direction"));
        files = new TableColumn<>(m.get("history.col.files"));
        size = new TableColumn<>(m.get("history.col.size"));
        time = new TableColumn<>(m.get("history.col.time"));
        result = new TableColumn<>(m.get("history.col.result"));
        direction.setMinWidth(110);
        files.setMinWidth(190);
        files.setPrefWidth(300);
        size.setMinWidth(80);
        time.setMinWidth(175);
        result.setMinWidth(100);
        action.setMinWidth(105);
        for (var c : java.util.List.of(direction, files, size, time, result, action)) {
            c.setSortable(false);
            c.setReorderable(false);
        }
        table.getColumns().addAll(java.util.List.of(direction, files, size, time, result, action));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_ALL_COLUMNS);
        table.setId("history-table");
        table.setPlaceholder(new Label(m.get("history.empty")));
        VBox.setVgrow(table, Priority.ALWAYS);
        clear = Views.button(m.get("history.clear"), Feather.TRASH_2, "history-clear");
        Region spring = new Region();
        HBox.setHgrow(spring, Priority.ALWAYS);
        VBox header = Views.pageHeader(m.get("history.title"), m.get("history.subtitle"));
        HBox.setHgrow(header, Priority.ALWAYS);
        HBox top = new HBox(header, spring, clear);
        top.setAlignment(Pos.BOTTOM_LEFT);
        getChildren().addAll(top, table);
    }
}
