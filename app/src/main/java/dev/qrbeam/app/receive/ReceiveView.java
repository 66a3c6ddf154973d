package dev.qrbeam.app.receive;

import dev.qrbeam.app.i18n.Messages;
import dev.qrbeam.app.transfer.TransferPanel;
import dev.qrbeam.app.ui.Views;
import dev.qrbeam.core.api.TransferState;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.OverrunStyle;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/** The Receive page's nodes, bound to a {@link ReceiveModel} ({@link #bind}); {@link ReceiveController} gives them behaviour. */
public final class ReceiveView extends VBox {
    final VBox inputCard;
    final TextField codeField = new TextField();
    final Button receive;
    final Button openImage;
    final Button scan;
    final StackPane cameraSlot = new StackPane();
    final Label destination = new Label();
    final Button changeDestination;
    final Label error = new Label();
    /** What was tried and why it failed (collapsed; shown with an unreachable sender). */
    final Label errorDetailsText = new Label();

    final javafx.scene.control.TitledPane errorDetails = new javafx.scene.control.TitledPane();
    final VBox transferBox;
    final HBox summaryBox;
    final FontIcon summaryIcon = new FontIcon(Feather.CHECK_CIRCLE);
    final Label summary = new Label();
    final TransferPanel transferPanel;
    final Button openFolder;
    final Button showFile;
    final Button again;
    final Button cancel;

    public ReceiveView(Messages m) {
        getStyleClass().addAll("page", "receive-page");
        setId("receive-page");
        setSpacing(20);

        codeField.setPromptText(m.get("receive.code.prompt"));
        codeField.setId("receive-code");
        codeField.getStyleClass().add("code-field");
        HBox.setHgrow(codeField, Priority.ALWAYS);
        receive = Views.button(m.get("receive.start"), Feather.DOWNLOAD, "receive-start");
        receive.getStyleClass().add("accent");
        receive.setDefaultButton(true);
        HBox codeRow = new HBox(10, codeField, receive);
        codeRow.setAlignment(Pos.CENTER_LEFT);

        openImage = Views.button(m.get("receive.openImage"), Feather.IMAGE, "receive-open-image");
        scan = Views.button(m.get("receive.scan"), Feather.CAMERA, "receive-scan");
        HBox sourceRow = new HBox(10, openImage, scan);
        sourceRow.setAlignment(Pos.CENTER_LEFT);

        cameraSlot.setId("receive-camera-slot");
        cameraSlot.getStyleClass().add("camera-slot");

        FontIcon folderIcon = new FontIcon(Feather.FOLDER);
        Label saveTo = new Label(m.get("receive.destination"));
        saveTo.getStyleClass().add("muted");
        destination.setId("receive-destination");
        destination.setTextOverrun(OverrunStyle.CENTER_ELLIPSIS);
        destination.setMinWidth(0);
        HBox.setHgrow(destination, Priority.ALWAYS);
        destination.setMaxWidth(Double.MAX_VALUE);
        changeDestination =
                Views.button(m.get("receive.changeDestination"), Feather.EDIT_2, "receive-change-destination");
        HBox destRow = new HBox(10, folderIcon, saveTo, destination, changeDestination);
        destRow.setAlignment(Pos.CENTER_LEFT);

        inputCard = new VBox(14, codeRow, sourceRow, cameraSlot, new Region(), destRow);
        inputCard.getStyleClass().add("card-box");
        inputCard.setId("receive-input");

        error.getStyleClass().add("error-text");
        error.setId("receive-error");
        error.setWrapText(true);
        error.setGraphic(new FontIcon(Feather.ALERT_CIRCLE));
        errorDetailsText.setWrapText(true);
        errorDetailsText.setId("receive-error-details-text");
        errorDetails.setText(m.get("receive.error.details"));
        errorDetails.setContent(errorDetailsText);
        errorDetails.setExpanded(false);
        errorDetails.setId("receive-error-details");

        summaryIcon.getStyleClass().add("summary-icon");
        summary.setId("receive-summary");
        summary.getStyleClass().add("title-4");
        summary.setWrapText(true);
        summaryBox = new HBox(12, summaryIcon, summary);
        summaryBox.setAlignment(Pos.CENTER_LEFT);
        transferPanel = new TransferPanel(m, "receive");
        VBox.setVgrow(transferPanel, Priority.ALWAYS);
        openFolder = Views.button(m.get("receive.openFolder"), Feather.FOLDER, "receive-open-folder");
        showFile = Views.button(m.get("receive.showFile"), Feather.EXTERNAL_LINK, "receive-show-file");
        again = Views.button(m.get("receive.again"), Feather.DOWNLOAD, "receive-again");
        cancel = Views.button(m.get("receive.cancel"), Feather.X, "receive-cancel");
        cancel.getStyleClass().add("danger");
        HBox buttons = new HBox(10, openFolder, showFile, again, cancel);
        buttons.setAlignment(Pos.CENTER_RIGHT);
        transferBox = new VBox(14, summaryBox, transferPanel, buttons);
        transferBox.setId("receive-transfer");
        VBox.setVgrow(transferBox, Priority.ALWAYS);

        getChildren()
                .addAll(
                        Views.pageHeader(m.get("receive.title"), m.get("receive.subtitle")),
                        inputCard,
                        error,
                        errorDetails,
                        transferBox);
    }

    /** What shows when, and with which text: all from {@code model}. */
    void bind(ReceiveModel model, Messages m) {
        inputCard.disableProperty().bind(model.busy());
        codeField.textProperty().bindBidirectional(model.code());
        destination.textProperty().bind(model.destination());
        Views.showWhen(cameraSlot, model.camera().isNotNull());
        model.camera().addListener((o, old, node) -> {
            if (node == null) {
                cameraSlot.getChildren().clear();
            } else {
                cameraSlot.getChildren().setAll(node);
            }
        });
        scan.textProperty()
                .bind(Bindings.when(model.camera().isNull())
                        .then(m.get("receive.scan"))
                        .otherwise(m.get("receive.scan.stop")));
        Views.showWhen(error, model.error().isNotNull());
        error.textProperty()
                .bind(Bindings.createStringBinding(
                        () -> model.error().get() == null
                                ? ""
                                : model.error().get().sentence(),
                        model.error()));
        Views.showWhen(
                errorDetails,
                Bindings.createBooleanBinding(
                        () -> model.error().get() != null && model.error().get().details() != null, model.error()));
        errorDetailsText
                .textProperty()
                .bind(Bindings.createStringBinding(
                        () -> model.error().get() == null || model.error().get().details() == null
                                ? ""
                                : model.error().get().details(),
                        model.error()));
        ReceiveModel.Phase finished = ReceiveModel.Phase.FINISHED;
        BooleanBinding done = model.in(finished).and(model.outcome().isEqualTo(TransferState.DONE));
        Views.showWhen(transferBox, model.in(ReceiveModel.Phase.TRANSFER, finished));
        Views.showWhen(summaryBox, model.in(finished));
        Views.showWhen(cancel, model.in(ReceiveModel.Phase.TRANSFER));
        Views.showWhen(again, model.in(finished));
        Views.showWhen(openFolder, done);
        Views.showWhen(
                showFile,
                done.and(Bindings.createBooleanBinding(
                        () -> model.progress().get() != null
                                && !model.progress().get().files().isEmpty(),
                        model.progress())));
        summary.textProperty().bind(model.summary());
        model.outcome().addListener((o, old, state) -> Views.summaryIcon(summaryIcon, state));
        model.progress().addListener((o, old, p) -> {
            if (p != null) {
                transferPanel.show(p);
            }
        });
    }
}
