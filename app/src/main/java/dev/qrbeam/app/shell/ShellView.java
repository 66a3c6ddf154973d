package dev.qrbeam.app.shell;

import dev.qrbeam.app.i18n.Messages;
import java.util.EnumMap;
import java.util.Map;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/** The main window's frame: a sidebar with the pages and the current page on the right. */
public final class ShellView extends BorderPane {
    final ToggleGroup nav = new ToggleGroup();
    final Map<Page, ToggleButton> navButtons = new EnumMap<>(Page.class);
    final StackPane content = new StackPane();

    public ShellView(Messages m) {
        getStyleClass().add("shell");
        FontIcon logo = new FontIcon(Feather.MAXIMIZE);
        logo.getStyleClass().add("brand-icon");
        Label brand = new Label(m.get("app.title"), logo);
        brand.getStyleClass().add("brand");
        VBox sidebar = new VBox(4, brand);
        sidebar.getStyleClass().add("sidebar");
        for (Page p : Page.values()) {
            ToggleButton b = new ToggleButton(m.get(p.key), new FontIcon(p.icon));
            b.setToggleGroup(nav);
            b.setUserData(p);
            b.setId("nav-" + p.name().toLowerCase(java.util.Locale.ROOT));
            b.getStyleClass().add("nav-button");
            b.setMaxWidth(Double.MAX_VALUE);
            b.setAlignment(Pos.CENTER_LEFT);
            navButtons.put(p, b);
            sidebar.getChildren().add(b);
        }
        Region spring = new Region();
        VBox.setVgrow(spring, Priority.ALWAYS);
        sidebar.getChildren().add(spring);
        content.getStyleClass().add("content");
        HBox.setHgrow(content, Priority.ALWAYS);
        setLeft(sidebar);
        setCenter(content);
    }

    /** Puts {@code banner} above every page (it hides itself when empty). */
    public void setBanner(Node banner) {
        VBox column = new VBox(banner, content);
        VBox.setVgrow(content, Priority.ALWAYS);
        setCenter(column);
    }

    void showPage(Node page) {
        content.getChildren().setAll(page);
    }
}
