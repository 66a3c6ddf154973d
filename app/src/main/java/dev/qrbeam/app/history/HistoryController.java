package dev.qrbeam.app.history;

import dev.qrbeam.app.i18n.Messages;
import dev.qrbeam.app.platform.Background;
import dev.qrbeam.app.platform.FxUpdates;
import dev.qrbeam.app.transfer.FailureMessages;
import dev.qrbeam.app.transfer.Formats;
import dev.qrbeam.core.api.FailureCode;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.Tooltip;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/** Fills the History table from {@link HistoryStore} and forwards Resume (of a send or a receive) to its page. */
public final class HistoryController {
    private static final DateTimeFormatter WHEN =
            DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm", java.util.Locale.ENGLISH);

    private final HistoryView view;
    private final Messages m;
    private final HistoryStore store;
    private final Background background;
    private final FailureMessages failures;
    private final ZoneId zone;

    public HistoryController(
            HistoryView view,
            Messages messages,
            HistoryStore store,
            Background background,
            ZoneId zone,
            Consumer<HistoryEntry> onResume) {
        this.view = view;
        this.m = messages;
        this.store = store;
        this.background = background;
        this.zone = zone;
        this.failures = new FailureMessages(messages);
        column(view.direction, e -> {
            Label l = new Label(
                    m.get(e.direction() == Direction.SENT ? "history.sent" : "history.received"),
                    new FontIcon(e.direction() == Direction.SENT ? Feather.ARROW_UP_RIGHT : Feather.ARROW_DOWN_LEFT));
            return l;
        });
        column(view.files, e -> {
            List<String> top = topLevel(e.files());
            String first = top.isEmpty() ? "" : top.get(0);
            Label l = new Label(top.size() > 1 ? m.format("history.files.more", first, top.size() - 1) : first);
            l.setTooltip(new Tooltip(String.join(
                    "\n", e.files().subList(0, Math.min(20, e.files().size())))));
            return l;
        });
        column(view.size, e -> new Label(Formats.bytes(e.totalBytes())));
        column(
                view.time,
                e -> new Label(
                        WHEN.format(Instant.ofEpochMilli(e.startedAtMillis()).atZone(zone))));
        column(view.result, e -> {
            Label l = new Label(m.get("history.outcome." + e.outcome().name()));
            l.getStyleClass().add("outcome-" + e.outcome().name().toLowerCase(java.util.Locale.ROOT));
            if (!e.detail().isEmpty()) {
                try {
                    l.setTooltip(new Tooltip(failures.describe(FailureCode.valueOf(e.detail()))));
                } catch (IllegalArgumentException unknown) {
                    l.setTooltip(new Tooltip(e.detail()));
                }
            }
            return l;
        });
        column(view.action, e -> {
            if (!e.resumable()) {
                return null;
            }
            Button b = new Button(m.get("history.resume"), new FontIcon(Feather.PLAY));
            b.getStyleClass().add("small");
            b.setId("history-resume-" + e.id());
            b.setOnAction(a -> onResume.accept(e));
            return b;
        });
        view.clear.setOnAction(e -> background.run(store::clear));
        store.addListener(() -> FxUpdates.fx(this::refresh));
        refresh();
    }

    public HistoryView view() {
        return view;
    }

    public void refresh() {
        view.table.getItems().setAll(store.entries());
    }

    /** "Holiday photos/a.jpg", "Holiday photos/b.jpg", "notes.txt" → "Holiday photos", "notes.txt". */
    static List<String> topLevel(List<String> files) {
        java.util.LinkedHashSet<String> names = new java.util.LinkedHashSet<>();
        for (String f : files) {
            int slash = f.indexOf('/');
            names.add(slash < 0 ? f : f.substring(0, slash));
        }
        return List.copyOf(names);
    }

    private static void column(
            TableColumn<HistoryEntry, HistoryEntry> col, Function<HistoryEntry, javafx.scene.Node> render) {
        col.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue()));
        col.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(HistoryEntry item, boolean empty) {
                super.updateItem(item, empty);
                setText(null);
                setGraphic(empty || item == null ? null : render.apply(item));
            }
        });
    }
}
