package dev.qrbeam.app.receive;

import dev.qrbeam.app.engine.EngineProvider;
import dev.qrbeam.app.i18n.Messages;
import dev.qrbeam.app.platform.FxUpdates;
import dev.qrbeam.app.qr.QrImages;
import dev.qrbeam.app.ui.Views;
import dev.qrbeam.core.api.CodeHandle;
import dev.qrbeam.core.api.TransferProgress;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;

/**
 * "Receive from a phone" on the Receive page (issue 13): shows a code (the engine's code-less receive,
 * {@code TransferEngine.receiveShowingCode}) as a QR code rendered like the Send page's ({@link QrImages}), and
 * the phone's transfer like any receive's — the {@link ReceiveController} runs it (progress, Cancel, summary).
 * The code card is bound to {@link #waiting}: shown from the moment the code exists until the phone sends its
 * files, or the transfer ends, or the page leaves the transfer. FX thread only.
 */
final class PhoneReceive {
    static final int QR_PIXELS = 320;

    private final ReceiveController receive;
    private final EngineProvider engines;
    final Button button;
    final VBox card;
    final ImageView qr = new ImageView();
    final TextField code = new TextField();
    /** The code is shown and no phone has sent its files yet. */
    private final javafx.beans.property.BooleanProperty waiting = new javafx.beans.property.SimpleBooleanProperty();

    private int shown;

    PhoneReceive(ReceiveController receive, ReceiveView view, Messages m, EngineProvider engines) {
        this.receive = receive;
        this.engines = engines;
        button = Views.button(m.get("receive.phone"), Feather.SMARTPHONE, "receive-from-phone");
        Label heading = new Label(m.get("receive.phone.heading"));
        heading.getStyleClass().addAll("title-4", "qr-heading");
        heading.setWrapText(true);
        qr.setId("receive-phone-qr");
        qr.setSmooth(false);
        qr.setAccessibleText(m.get("receive.phone.alt"));
        StackPane frame = new StackPane(qr);
        frame.getStyleClass().add("qr-frame");
        frame.setMaxSize(StackPane.USE_PREF_SIZE, StackPane.USE_PREF_SIZE);
        code.setEditable(false);
        code.setId("receive-phone-code");
        code.getStyleClass().add("code-field");
        code.setMaxWidth(460);
        card = new VBox(14, heading, frame, code);
        card.setAlignment(Pos.CENTER);
        card.getStyleClass().add("card-box");
        card.setId("receive-phone-card");
        card.managedProperty().bind(card.visibleProperty());
        card.visibleProperty()
                .bind(waiting.and(receive.model().in(ReceiveModel.Phase.STARTING, ReceiveModel.Phase.TRANSFER)));
        button.setOnAction(e -> start());
        view.inputCard.getChildren().add(1, button);
        view.getChildren().add(view.getChildren().indexOf(view.inputCard) + 1, card);
    }

    private void start() {
        if (receive.busy()) {
            return;
        }
        int run = ++shown;
        waiting.set(false);
        receive.start(null, receive.destination(), null, listener -> {
            CodeHandle h = engines.get().receiveShowingCode(receive.destination(), p -> {
                listener.onProgress(p);
                FxUpdates.fx(() -> onProgress(run, p));
            });
            Image image = QrImages.render(h.pairingCode(), QR_PIXELS);
            FxUpdates.fx(() -> show(run, h, image));
            return h;
        });
    }

    private void show(int run, CodeHandle h, Image image) {
        if (run != shown
                || h.progress().state().isTerminal()
                || !h.progress().files().isEmpty()) {
            return;
        }
        qr.setImage(image);
        code.setText(h.pairingCode());
        waiting.set(true);
    }

    /** The phone started sending (the files are known) or the transfer ended: the code is no longer needed. */
    private void onProgress(int run, TransferProgress p) {
        if (run == shown && (!p.files().isEmpty() || p.state().isTerminal())) {
            waiting.set(false);
        }
    }
}
