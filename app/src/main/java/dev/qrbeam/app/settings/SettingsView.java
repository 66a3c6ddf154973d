package dev.qrbeam.app.settings;

import dev.qrbeam.app.i18n.Messages;
import dev.qrbeam.app.theme.ThemeMode;
import dev.qrbeam.app.ui.Views;
import javafx.geometry.HPos;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.OverrunStyle;
import javafx.scene.control.RadioButton;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;

/** The Settings page: relay, download folder, appearance, camera. */
public final class SettingsView extends VBox {
    final ToggleGroup relayGroup = new ToggleGroup();
    final RadioButton embedded;
    final RadioButton url;
    final TextField relayUrl = new TextField();
    final Label relayError = new Label();
    final Label downloadFolder = new Label();
    final Button changeDownload;
    final ComboBox<ThemeMode> theme = new ComboBox<>();
    final ComboBox<String> camera = new ComboBox<>();
    final Label status = new Label();

    public SettingsView(Messages m) {
        getStyleClass().addAll("page", "settings-page");
        setId("settings-page");
        setSpacing(20);

        embedded = new RadioButton(m.get("settings.relay.embedded"));
        embedded.setId("settings-relay-embedded");
        url = new RadioButton(m.get("settings.relay.url"));
        url.setId("settings-relay-url");
        embedded.setToggleGroup(relayGroup);
        url.setToggleGroup(relayGroup);
        relayUrl.setPromptText(m.get("settings.relay.url.prompt"));
        relayUrl.setId("settings-relay-url-field");
        relayUrl.disableProperty().bind(url.selectedProperty().not());
        relayError.getStyleClass().add("error-text");
        relayError.managedProperty().bind(relayError.visibleProperty());
        relayError.setVisible(false);
        Label help = new Label(m.get("settings.relay.help"));
        help.getStyleClass().add("muted");
        help.setWrapText(true);
        VBox relayBox = new VBox(8, embedded, url, relayUrl, relayError, help);

        downloadFolder.setId("settings-download");
        downloadFolder.setTextOverrun(OverrunStyle.CENTER_ELLIPSIS);
        downloadFolder.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(downloadFolder, Priority.ALWAYS);
        changeDownload = Views.button(m.get("settings.download.change"), Feather.FOLDER, "settings-download-change");
        HBox downloadBox = new HBox(10, downloadFolder, changeDownload);
        downloadBox.setAlignment(Pos.CENTER_LEFT);

        theme.setId("settings-theme");
        camera.setId("settings-camera");
        camera.setMaxWidth(320);
        status.getStyleClass().add("muted");
        status.setId("settings-status");

        GridPane form = new GridPane();
        form.getStyleClass().add("settings-form");
        form.setHgap(24);
        form.setVgap(22);
        ColumnConstraints labels = new ColumnConstraints();
        labels.setMinWidth(150);
        labels.setHalignment(HPos.RIGHT);
        ColumnConstraints fields = new ColumnConstraints();
        fields.setHgrow(Priority.ALWAYS);
        fields.setMaxWidth(620);
        form.getColumnConstraints().addAll(labels, fields);
        addRow(form, 0, m.get("settings.relay"), relayBox, javafx.geometry.VPos.TOP);
        addRow(form, 1, m.get("settings.download"), downloadBox, javafx.geometry.VPos.CENTER);
        addRow(form, 2, m.get("settings.theme"), theme, javafx.geometry.VPos.CENTER);
        addRow(form, 3, m.get("settings.camera"), camera, javafx.geometry.VPos.CENTER);

        getChildren().addAll(Views.pageHeader(m.get("settings.title"), m.get("settings.subtitle")), form, status);
    }

    private static void addRow(
            GridPane form, int row, String label, javafx.scene.Node field, javafx.geometry.VPos align) {
        Label l = new Label(label);
        l.getStyleClass().add("form-label");
        if (align == javafx.geometry.VPos.TOP) {
            l.getStyleClass().add("form-label-top");
        }
        GridPane.setValignment(l, align);
        GridPane.setValignment(field, align);
        l.setLabelFor(field);
        form.addRow(row, l, field);
    }
}
