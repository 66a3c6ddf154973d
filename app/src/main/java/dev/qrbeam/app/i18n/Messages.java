package dev.qrbeam.app.i18n;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/** The UI's strings, from the {@code dev.qrbeam.app.messages} resource bundle. */
public final class Messages {
    private final ResourceBundle bundle;

    public Messages(Locale locale) {
        this.bundle = ResourceBundle.getBundle("dev.qrbeam.app.messages", locale);
    }

    /** The string for {@code key}; every value is a MessageFormat pattern (so '' is an apostrophe). */
    public String get(String key) {
        return format(key);
    }

    public String format(String key, Object... args) {
        String pattern;
        try {
            pattern = bundle.getString(key);
        } catch (MissingResourceException e) {
            return "!" + key + "!";
        }
        return new MessageFormat(pattern, bundle.getLocale()).format(args);
    }

    public boolean has(String key) {
        return bundle.containsKey(key);
    }
}
