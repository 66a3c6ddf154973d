package dev.qrbeam.app.send;

import dev.qrbeam.app.i18n.Messages;
import dev.qrbeam.app.transfer.TransferPanel;
import dev.qrbeam.app.ui.Views;
import dev.qrbeam.core.api.TransferState;
import javafx.beans.binding.Bindings;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TextField;
import javafx.scene.image.ImageView;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/** The Send page's nodes, bound to a {@link SendModel} ({@link #bind}); {@link SendController} gives them behaviour. */
public final class SendView extends VBox {
    final VBox dropZone;
    final HBox split;
    final ListView<SelectedItem> fileList = new ListView<>();
    final Label total = new Label();
    final Button chooseFiles;
    final Button chooseFolder;
    final Button paste;
    final Button bigChooseFiles;
    final Button bigChooseFolder;
    final Button clear;
    final VBox preparing;
    final VBox qrCard;
    final ImageView qrImage = new ImageView();
    final TextField codeField = new TextField();
    final Button copy;
    final Label relay = new Label();
    final Label expires = new Label();
    final Button newCode;
    final VBox transferBox;
    final TransferPanel transferPanel;
    final Button cancel;
    final HBox summaryBox;
    final FontIcon summaryIcon = new FontIcon(Feather.CHECK_CIRCLE);
    final Label summary = new Label();
    final Button again;
    final Button retry;
    final Label error = new Label();

    public SendView(Messages m) {
        getStyleClass().addAll("page", "send-page");
        setId("send-page");
        setSpacing(20);

        FontIcon dropIcon = new FontIcon(Feather.UPLOAD_CLOUD);
        dropIcon.getStyleClass().add("drop-icon");
        Label dropText = new Label(m.get("send.drop"));
        dropText.getStyleClass().add("title-3");
        Label dropHint = new Label(
                m.format("send.drop.hint", KeyCombination.valueOf("Shortcut+V").getDisplayText()));
        dropHint.getStyleClass().add("muted");
        bigChooseFiles = Views.button(m.get("send.chooseFiles"), Feather.FILE_PLUS, "send-choose-files");
        bigChooseFiles.getStyleClass().add("accent");
        bigChooseFolder = Views.button(m.get("send.chooseFolder"), Feather.FOLDER_PLUS, "send-choose-folder");
        HBox bigButtons = new HBox(12, bigChooseFiles, bigChooseFolder);
        bigButtons.setAlignment(Pos.CENTER);
        dropZone = new VBox(14, dropIcon, dropText, dropHint, bigButtons);
        dropZone.getStyleClass().add("drop-zone");
        dropZone.setId("send-drop-zone");
        dropZone.setAlignment(Pos.CENTER);
        VBox.setVgrow(dropZone, Priority.ALWAYS);

        Label filesHeading = new Label(m.get("send.files.heading"));
        filesHeading.getStyleClass().add("section-title");
        fileList.setId("send-file-list");
        VBox.setVgrow(fileList, Priority.ALWAYS);
        total.setId("send-total");
        total.getStyleClass().add("muted");
        chooseFiles = Views.button(null, Feather.FILE_PLUS, "send-add-files");
        chooseFolder = Views.button(null, Feather.FOLDER_PLUS, "send-add-folder");
        paste = Views.button(null, Feather.CLIPBOARD, "send-paste");
        clear = Views.button(null, Feather.TRASH_2, "send-clear");
        for (Button b : new Button[] {chooseFiles, chooseFolder, paste, clear}) {
            b.getStyleClass().addAll("button-icon");
        }
        chooseFiles.setTooltip(
                new javafx.scene.control.Tooltip(m.get("send.chooseFiles").replace("_", "")));
        chooseFolder.setTooltip(
                new javafx.scene.control.Tooltip(m.get("send.chooseFolder").replace("_", "")));
        paste.setTooltip(new javafx.scene.control.Tooltip(m.get("send.paste").replace("_", "")));
        clear.setTooltip(new javafx.scene.control.Tooltip(m.get("send.clear").replace("_", "")));
        HBox fileButtons = new HBox(6, chooseFiles, chooseFolder, paste, clear);
        fileButtons.setAlignment(Pos.CENTER_LEFT);
        HBox totalRow = new HBox(8, total);
        totalRow.setAlignment(Pos.CENTER_LEFT);
        VBox filesColumn = new VBox(10, filesHeading, fileList, totalRow, fileButtons);
        filesColumn.getStyleClass().add("files-column");
        filesColumn.setPrefWidth(320);
        filesColumn.setMinWidth(260);

        ProgressIndicator spinner = new ProgressIndicator();
        spinner.setPrefSize(48, 48);
        Label preparingText = new Label(m.get("send.preparing"));
        preparing = new VBox(14, spinner, preparingText);
        preparing.setAlignment(Pos.CENTER);
        preparing.setId("send-preparing");

        Label qrHeading = new Label(m.get("send.qr.heading"));
        qrHeading.getStyleClass().addAll("title-4", "qr-heading");
        qrHeading.setWrapText(true);
        qrImage.setId("send-qr");
        qrImage.setSmooth(false);
        qrImage.setAccessibleText(m.get("send.qr.alt"));
        StackPane qrFrame = new StackPane(qrImage);
        qrFrame.getStyleClass().add("qr-frame");
        qrFrame.setMaxSize(StackPane.USE_PREF_SIZE, StackPane.USE_PREF_SIZE);
        Label codeLabel = new Label(m.get("send.code.label"));
        codeLabel.getStyleClass().add("muted");
        codeField.setEditable(false);
        codeField.setId("send-code");
        codeField.getStyleClass().add("code-field");
        HBox.setHgrow(codeField, Priority.ALWAYS);
        copy = Views.button(m.get("send.copy"), Feather.COPY, "send-copy");
        HBox codeRow = new HBox(8, codeField, copy);
        codeRow.setAlignment(Pos.CENTER);
        codeRow.setMaxWidth(460);
        relay.setId("send-relay");
        relay.getStyleClass().add("muted");
        relay.setGraphic(new FontIcon(Feather.RADIO));
        expires.setId("send-expires");
        expires.getStyleClass().add("muted");
        expires.setGraphic(new FontIcon(Feather.CLOCK));
        VBox meta = new VBox(6, relay, expires);
        meta.setAlignment(Pos.CENTER);
        newCode = Views.button(m.get("send.newCode"), Feather.REFRESH_CW, "send-new-code");
        qrCard = new VBox(14, qrHeading, qrFrame, codeLabel, codeRow, meta, newCode);
        qrCard.setAlignment(Pos.TOP_CENTER);
        qrCard.getStyleClass().add("qr-card");
        qrCard.setId("send-qr-card");
        qrCard.setMaxHeight(Region.USE_PREF_SIZE);

        summaryIcon.getStyleClass().add("summary-icon");
        summary.setId("send-summary");
        summary.getStyleClass().add("title-3");
        summary.setWrapText(true);
        summaryBox = new HBox(12, summaryIcon, summary);
        summaryBox.setAlignment(Pos.CENTER_LEFT);
        summaryBox.setId("send-summary-box");
        transferPanel = new TransferPanel(m, "send");
        VBox.setVgrow(transferPanel, Priority.ALWAYS);
        cancel = Views.button(m.get("send.cancel"), Feather.X, "send-cancel");
        cancel.getStyleClass().add("danger");
        retry = Views.button(m.get("send.newCode"), Feather.REFRESH_CW, "send-retry");
        again = Views.button(m.get("send.again"), Feather.PLUS, "send-again");
        again.getStyleClass().add("accent");
        HBox buttonRow = new HBox(10, retry, again, cancel);
        buttonRow.setAlignment(Pos.CENTER_RIGHT);
        transferBox = new VBox(14, summaryBox, transferPanel, buttonRow);
        transferBox.setId("send-transfer");

        error.getStyleClass().add("error-text");
        error.setId("send-error");
        error.setWrapText(true);

        StackPane right = new StackPane(preparing, qrCard, transferBox);
        right.setAlignment(Pos.TOP_CENTER);
        HBox.setHgrow(right, Priority.ALWAYS);
        split = new HBox(28, filesColumn, right);
        VBox.setVgrow(split, Priority.ALWAYS);

        getChildren().addAll(Views.pageHeader(m.get("send.title"), m.get("send.subtitle")), error, dropZone, split);
    }

    /** What shows when, and with which text: all from {@code model}. */
    void bind(SendModel model) {
        SendModel.Phase[] transfer = {SendModel.Phase.TRANSFER, SendModel.Phase.FINISHED};
        Views.showWhen(dropZone, model.in(SendModel.Phase.EMPTY));
        Views.showWhen(split, model.in(SendModel.Phase.EMPTY).not());
        Views.showWhen(preparing, model.in(SendModel.Phase.PREPARING));
        Views.showWhen(qrCard, model.in(SendModel.Phase.CODE, SendModel.Phase.CODE_EXPIRED));
        Views.showWhen(transferBox, model.in(transfer));
        Views.showWhen(newCode, model.in(SendModel.Phase.CODE_EXPIRED));
        Views.showWhen(cancel, model.in(SendModel.Phase.TRANSFER));
        Views.showWhen(again, model.in(SendModel.Phase.FINISHED));
        Views.showWhen(
                retry, model.in(SendModel.Phase.FINISHED).and(model.outcome().isNotEqualTo(TransferState.DONE)));
        Views.showWhen(summaryBox, model.in(SendModel.Phase.FINISHED));
        Views.showWhen(error, model.error().isNotNull());
        error.textProperty()
                .bind(Bindings.createStringBinding(
                        () -> model.error().get() == null
                                ? ""
                                : model.error().get().sentence(),
                        model.error()));
        qrImage.imageProperty().bind(model.qr());
        qrImage.opacityProperty()
                .bind(Bindings.when(model.in(SendModel.Phase.CODE_EXPIRED))
                        .then(0.25)
                        .otherwise(1.0));
        codeField.textProperty().bind(model.code());
        relay.textProperty().bind(model.relay());
        expires.textProperty().bind(model.expires());
        total.textProperty().bind(model.total());
        summary.textProperty().bind(model.summary());
        model.outcome().addListener((o, old, state) -> Views.summaryIcon(summaryIcon, state));
        model.progress().addListener((o, old, p) -> {
            if (p != null) {
                transferPanel.show(p);
            }
        });
    }
}
