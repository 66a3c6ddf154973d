package dev.qrbeam.app.support;

import com.sun.javafx.scene.input.DragboardHelper;
import com.sun.javafx.tk.TKClipboard;
import java.io.File;
import java.security.AccessControlContext;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javafx.scene.image.Image;
import javafx.scene.input.DataFormat;
import javafx.scene.input.Dragboard;
import javafx.scene.input.TransferMode;
import javafx.util.Pair;

/** A map-backed toolkit clipboard, so tests can fire a real DRAG_DROPPED event carrying files. */
@SuppressWarnings("removal")
final class MapClipboard implements TKClipboard {
    private final Map<DataFormat, Object> content = new HashMap<>();

    static Dragboard dragboardWithFiles(List<File> files) {
        MapClipboard c = new MapClipboard();
        c.content.put(DataFormat.FILES, files);
        return DragboardHelper.createDragboard(c);
    }

    @Override
    public void setSecurityContext(AccessControlContext ctx) {}

    @Override
    public Set<DataFormat> getContentTypes() {
        return content.keySet();
    }

    @Override
    @SafeVarargs
    public final boolean putContent(Pair<DataFormat, Object>... pairs) {
        for (Pair<DataFormat, Object> p : pairs) {
            content.put(p.getKey(), p.getValue());
        }
        return true;
    }

    @Override
    public Object getContent(DataFormat format) {
        return content.get(format);
    }

    @Override
    public boolean hasContent(DataFormat format) {
        return content.containsKey(format);
    }

    @Override
    public Set<TransferMode> getTransferModes() {
        return EnumSet.of(TransferMode.COPY);
    }

    @Override
    public void setDragView(Image image) {}

    @Override
    public void setDragViewOffsetX(double offsetX) {}

    @Override
    public void setDragViewOffsetY(double offsetY) {}

    @Override
    public Image getDragView() {
        return null;
    }

    @Override
    public double getDragViewOffsetX() {
        return 0;
    }

    @Override
    public double getDragViewOffsetY() {
        return 0;
    }
}
