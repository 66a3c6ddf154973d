package dev.qrbeam.app.transfer;

import dev.qrbeam.app.i18n.Messages;
import dev.qrbeam.core.api.FileProgress;
import dev.qrbeam.core.api.TransferProgress;
import dev.qrbeam.core.api.TransferState;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * Live view of one transfer, used by Send and Receive: state and peer, overall bar, amount, rate, ETA,
 * re-sent chunks and a per-file list. {@link #show} runs on the FX thread.
 */
public final class TransferPanel extends VBox {
    private final Messages messages;
    private final String side;
    private final FailureMessages failures;
    private final FontIcon stateIcon = new FontIcon(Feather.LOADER);
    private final Label stateLabel = new Label();
    private final Label peerLabel = new Label();
    private final ProgressBar overall = new ProgressBar(0);
    private final Label amount = new Label();
    private final Label rate = new Label();
    private final Label eta = new Label();
    private final Label resent = new Label();
    private final Label failure = new Label();
    private final ObservableList<FileProgress> files = FXCollections.observableArrayList();
    private TransferState shown;

    /** @param side "send" or "receive": picks the peer wording */
    public TransferPanel(Messages messages, String side) {
        this.messages = messages;
        this.side = side;
        this.failures = new FailureMessages(messages);
        getStyleClass().add("transfer-panel");
        setSpacing(12);
        stateLabel.getStyleClass().addAll("title-3", "transfer-state");
        stateLabel.setId(side + "-state");
        peerLabel.getStyleClass().add("muted");
        peerLabel.setId(side + "-peer");
        stateIcon.getStyleClass().add("state-icon");
        HBox head = new HBox(10, stateIcon, stateLabel);
        head.setAlignment(Pos.CENTER_LEFT);
        overall.setMaxWidth(Double.MAX_VALUE);
        overall.setId(side + "-overall");
        overall.getStyleClass().add("large");
        amount.setId(side + "-amount");
        rate.setId(side + "-rate");
        eta.setId(side + "-eta");
        resent.setId(side + "-resent");
        Region spring = new Region();
        HBox.setHgrow(spring, Priority.ALWAYS);
        HBox stats = new HBox(18, amount, spring, rate, eta, resent);
        stats.getStyleClass().add("transfer-stats");
        stats.setAlignment(Pos.CENTER_LEFT);
        failure.getStyleClass().add("error-text");
        failure.setWrapText(true);
        failure.setId(side + "-failure");
        failure.managedProperty().bind(failure.visibleProperty());
        failure.setVisible(false);
        ListView<FileProgress> list = new ListView<>(files);
        list.setId(side + "-files");
        list.setCellFactory(v -> new FileProgressCell(messages));
        list.setFocusTraversable(false);
        list.setPrefHeight(180);
        VBox.setVgrow(list, Priority.ALWAYS);
        getChildren().addAll(head, peerLabel, overall, stats, failure, list);
    }

    public void show(TransferProgress p) {
        shown = p.state();
        stateLabel.setText(messages.get("state." + p.state().name()));
        peerLabel.setText(messages.get("peer." + side + "." + p.state().name()));
        stateIcon.setIconCode(
                switch (p.state()) {
                    case DONE -> Feather.CHECK_CIRCLE;
                    case FAILED -> Feather.ALERT_TRIANGLE;
                    case CANCELLED -> Feather.X_CIRCLE;
                    case VERIFYING -> Feather.SHIELD;
                    case TRANSFERRING -> side.equals("send") ? Feather.UPLOAD : Feather.DOWNLOAD;
                    default -> Feather.LOADER;
                });
        stateIcon.getStyleClass().removeAll("success", "danger");
        if (p.state() == TransferState.DONE) {
            stateIcon.getStyleClass().add("success");
        } else if (p.state() == TransferState.FAILED || p.state() == TransferState.CANCELLED) {
            stateIcon.getStyleClass().add("danger");
        }
        boolean waiting = p.state() == TransferState.WAITING || p.state() == TransferState.PAIRING;
        overall.setProgress(
                waiting ? ProgressBar.INDETERMINATE_PROGRESS : p.state() == TransferState.DONE ? 1 : p.fraction());
        amount.setText(messages.format(
                "progress.amount",
                Formats.bytes(p.bytesDone()),
                Formats.bytes(p.totalBytes()),
                Math.round(p.fraction() * 100)));
        boolean moving = p.state() == TransferState.TRANSFERRING;
        rate.setText(moving ? Formats.rate(p.bytesPerSecond()) : "");
        eta.setText(moving && p.eta() != null ? messages.format("progress.eta", Formats.duration(p.eta())) : "");
        resent.setText(messages.format("progress.resent", p.chunksResent()));
        boolean bad =
                p.state() == TransferState.FAILED || (p.state() == TransferState.CANCELLED && p.failure() != null);
        failure.setVisible(bad);
        failure.setText(bad ? failures.describe(p.failure()) : "");
        files.setAll(p.files());
    }

    public TransferState shownState() {
        return shown;
    }
}
