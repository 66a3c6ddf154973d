package dev.qrbeam.app.settings;

import dev.qrbeam.app.i18n.Messages;
import dev.qrbeam.app.platform.Background;
import dev.qrbeam.app.platform.FxUpdates;
import dev.qrbeam.app.scan.Cameras;
import dev.qrbeam.app.theme.ThemeMode;
import java.io.File;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import javafx.collections.FXCollections;
import javafx.stage.DirectoryChooser;
import javafx.util.StringConverter;

/** Edits settings; every change is saved at once (off the FX thread) through {@link SettingsStore}. */
public final class SettingsController {
    private final SettingsView view;
    private final Messages m;
    private final SettingsStore store;
    private final Background background;
    private boolean loading;

    /** @param onTheme applies a theme change (FX thread) */
    public SettingsController(
            SettingsView view,
            Messages messages,
            SettingsStore store,
            Background background,
            Cameras cameras,
            Consumer<ThemeMode> onTheme) {
        this.view = view;
        this.m = messages;
        this.store = store;
        this.background = background;
        String defaultCamera = m.get("settings.camera.default");
        view.theme.setItems(FXCollections.observableArrayList(ThemeMode.values()));
        view.theme.setConverter(new StringConverter<>() {
            @Override
            public String toString(ThemeMode t) {
                return t == null ? "" : m.get("settings.theme." + t.name());
            }

            @Override
            public ThemeMode fromString(String s) {
                return null;
            }
        });
        view.camera.setItems(FXCollections.observableArrayList(defaultCamera));
        load(store.current(), defaultCamera);

        view.relayGroup.selectedToggleProperty().addListener((o, a, b) -> saveRelay());
        view.relayUrl.setOnAction(e -> saveRelay());
        view.relayUrl.focusedProperty().addListener((o, was, is) -> {
            if (!is) {
                saveRelay();
            }
        });
        view.theme.valueProperty().addListener((o, a, t) -> {
            if (!loading && t != null) {
                onTheme.accept(t);
                save(s -> s.withTheme(t));
            }
        });
        view.camera.valueProperty().addListener((o, a, c) -> {
            if (!loading && c != null) {
                save(s -> s.withCamera(c.equals(defaultCamera) ? null : c));
            }
        });
        view.changeDownload.setOnAction(e -> chooseDownload());
        store.addListener(s -> FxUpdates.fx(() -> view.downloadFolder.setText(s.downloadFolder())));
        background
                .supply(cameras::names)
                .thenAccept(names -> FxUpdates.fx(() -> {
                    List<String> all = new ArrayList<>();
                    all.add(defaultCamera);
                    all.addAll(names);
                    loading = true;
                    view.camera.getItems().setAll(all);
                    String chosen = store.current().camera();
                    view.camera.setValue(chosen != null && all.contains(chosen) ? chosen : defaultCamera);
                    loading = false;
                }));
    }

    public SettingsView view() {
        return view;
    }

    private void load(Settings s, String defaultCamera) {
        loading = true;
        (s.relay() == RelayChoice.URL ? view.url : view.embedded).setSelected(true);
        view.relayUrl.setText(s.relayUrl());
        view.downloadFolder.setText(s.downloadFolder());
        view.theme.setValue(s.theme());
        if (s.camera() != null && !view.camera.getItems().contains(s.camera())) {
            view.camera.getItems().add(s.camera());
        }
        view.camera.setValue(s.camera() == null ? defaultCamera : s.camera());
        loading = false;
    }

    private void saveRelay() {
        if (loading) {
            return;
        }
        boolean useUrl = view.url.isSelected();
        String text =
                view.relayUrl.getText() == null ? "" : view.relayUrl.getText().strip();
        if (useUrl && !validRelayUrl(text)) {
            view.relayError.setText(m.get("settings.relay.url.invalid"));
            view.relayError.setVisible(!text.isEmpty());
            return;
        }
        view.relayError.setVisible(false);
        save(s -> s.withRelay(useUrl ? RelayChoice.URL : RelayChoice.EMBEDDED, text));
    }

    static boolean validRelayUrl(String text) {
        try {
            URI uri = new URI(text);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            return List.of("ws", "wss", "http", "https").contains(scheme) && uri.getHost() != null;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private void chooseDownload() {
        DirectoryChooser chooser = new DirectoryChooser();
        File current = new File(store.current().downloadFolder());
        if (current.isDirectory()) {
            chooser.setInitialDirectory(current);
        }
        File dir = chooser.showDialog(view.getScene().getWindow());
        if (dir != null) {
            view.downloadFolder.setText(dir.getAbsolutePath());
            save(s -> s.withDownloadFolder(dir.getAbsolutePath()));
        }
    }

    private void save(UnaryOperator<Settings> change) {
        background
                .run(() -> store.modify(change))
                .whenComplete((v, err) -> FxUpdates.fx(() -> view.status.setText(
                        err == null ? m.get("settings.saved") : m.format("settings.error", err.getMessage()))));
    }
}
