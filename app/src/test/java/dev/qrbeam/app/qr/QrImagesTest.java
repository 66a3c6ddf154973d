package dev.qrbeam.app.qr;

import javafx.embed.swing.SwingFXUtils;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxToolkit;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class QrImagesTest {
    @TempDir
    Path tmp;

    @BeforeAll
    static void toolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    @Test
    void renderedCodeDecodesFromAPngFile() throws Exception {
        String code = "http://127.0.0.1:40123/r/1/q2Xh0bE1Z3lWn4Tt9k8Y0A#mZ1b0y2w7eWcS3c8o6rJc8Y3Vd2m6Bq0sJ0l1Yk9u3E";
        var image = QrImages.render(code, 320);
        assertThat(image.getWidth()).isBetween(250.0, 320.0);
        Path png = tmp.resolve("code.png");
        ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png", png.toFile());
        assertThat(QrImages.decode(png)).contains(code);
    }

    @Test
    void aPictureWithoutACodeGivesNothing() throws Exception {
        BufferedImage blank = new BufferedImage(200, 200, BufferedImage.TYPE_INT_RGB);
        Path png = tmp.resolve("blank.png");
        ImageIO.write(blank, "png", png.toFile());
        assertThat(QrImages.decode(png)).isEmpty();
    }

    @Test
    void aFileThatIsNotAPictureIsRefused() throws Exception {
        Path txt = Files.writeString(tmp.resolve("x.png"), "not an image");
        assertThatThrownBy(() -> QrImages.decode(txt)).isInstanceOf(IOException.class);
    }
}
