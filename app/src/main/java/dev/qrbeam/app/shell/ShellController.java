package dev.qrbeam.app.shell;

import java.util.EnumMap;
import java.util.Map;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.ToggleButton;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;

/** Switches pages from the sidebar and Shortcut+1..4; the sidebar can never be left with nothing selected. */
public final class ShellController {
    private final ShellView view;
    private final Map<Page, Node> pages = new EnumMap<>(Page.class);
    private Page current;

    public ShellController(ShellView view, Map<Page, Node> pages) {
        this.view = view;
        this.pages.putAll(pages);
        view.nav.selectedToggleProperty().addListener((o, old, now) -> {
            if (now == null) {
                old.setSelected(true);
            } else {
                show((Page) now.getUserData());
            }
        });
        show(Page.SEND);
    }

    /** Registers a page built after the shell (it may need the shell to navigate). */
    public void addPage(Page page, Node node) {
        pages.put(page, node);
        if (page == current) {
            view.showPage(node);
        }
    }

    public ShellView view() {
        return view;
    }

    public Page current() {
        return current;
    }

    public void show(Page page) {
        ToggleButton b = view.navButtons.get(page);
        if (!b.isSelected()) {
            b.setSelected(true);
            return;
        }
        current = page;
        view.showPage(pages.get(page));
    }

    /** Adds Shortcut+1..4 for the pages. */
    public void installShortcuts(Scene scene) {
        KeyCode[] digits = {KeyCode.DIGIT1, KeyCode.DIGIT2, KeyCode.DIGIT3, KeyCode.DIGIT4};
        for (Page p : Page.values()) {
            scene.getAccelerators()
                    .put(new KeyCodeCombination(digits[p.ordinal()], KeyCombination.SHORTCUT_DOWN), () -> show(p));
        }
    }
}
