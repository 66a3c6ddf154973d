package dev.qrbeam.app.scan;

import java.awt.image.BufferedImage;
import java.util.function.BiFunction;

/** Camera situations the scanner must handle, each with the outcome it must produce. */
enum FrameCase {
    PLAIN(true, (b, c) -> b.code(c).size(320)),
    ROTATED_25(true, (b, c) -> b.code(c).size(320).rotate(25)),
    ROTATED_135(true, (b, c) -> b.code(c).size(300).rotate(135)),
    SMALL_IN_FRAME(true, (b, c) -> b.code(c).size(150).at(0.55, 0.45)),
    BLURRED(true, (b, c) -> b.code(c).size(360).blur(2)),
    LOW_CONTRAST(true, (b, c) -> b.code(c).size(320).colours(105, 150)),
    INVERTED_DARK_MODE(true, (b, c) -> b.code(c).size(320).colours(235, 30)),
    NOISY(true, (b, c) -> b.code(c).size(340).noise(22)),
    QUIET_ZONE_CUT_OFF(true, (b, c) -> b.code(c).size(330).cutLeft(0.06)),
    THIRD_CUT_OFF(false, (b, c) -> b.code(c).size(330).cutLeft(0.33)),
    HEAVILY_BLURRED(false, (b, c) -> b.code(c).size(200).blur(9)),
    NO_CODE(false, (b, c) -> b);

    /** Whether a code in this situation must be read. */
    final boolean decodes;

    private final BiFunction<SceneBuilder, String, SceneBuilder> scene;

    FrameCase(boolean decodes, BiFunction<SceneBuilder, String, SceneBuilder> scene) {
        this.decodes = decodes;
        this.scene = scene;
    }

    BufferedImage render(int width, int height, String code, long seed) {
        return scene.apply(new SceneBuilder(width, height).seed(seed), code).render();
    }
}
