package dev.qrbeam.app.logging;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.rolling.FixedWindowRollingPolicy;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.SizeBasedTriggeringPolicy;
import ch.qos.logback.core.util.FileSize;
import java.nio.file.Path;
import org.slf4j.LoggerFactory;

/**
 * The app's log file: {@code <data folder>/logs/qrbeam.log}, everything at INFO and above (the console keeps WARN and
 * above, see {@code logback.xml}). Capped: at 1 MB the file rolls to {@code qrbeam.1.log} … {@code qrbeam.3.log}, so
 * the logs never take more than about 4 MB. The app logs through SLF4J only; logback is the backend.
 */
public final class AppLog implements AutoCloseable {
    /** The file size at which the log rolls over. */
    public static final String MAX_FILE_SIZE = "1MB";

    private static final int KEPT_OLD_FILES = 3;

    private final Path file;
    private final RollingFileAppender<ILoggingEvent> appender;

    private AppLog(Path file, RollingFileAppender<ILoggingEvent> appender) {
        this.file = file;
        this.appender = appender;
    }

    /** The log file of the data folder {@code home}. */
    public static Path fileIn(Path home) {
        return home.resolve("logs").resolve("qrbeam.log");
    }

    /**
     * Starts writing the log into {@code home}'s log file (until {@link #close}). Without logback as the SLF4J
     * backend (an embedding that brings its own) nothing is installed and the returned log only names the file.
     */
    public static AppLog start(Path home) {
        Path file = fileIn(home);
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext ctx)) {
            return new AppLog(file, null);
        }
        RollingFileAppender<ILoggingEvent> out = new RollingFileAppender<>();
        out.setContext(ctx);
        out.setName("file:" + file);
        out.setFile(file.toString());
        FixedWindowRollingPolicy roll = new FixedWindowRollingPolicy();
        roll.setContext(ctx);
        roll.setParent(out);
        roll.setFileNamePattern(file.resolveSibling("qrbeam.%i.log").toString());
        roll.setMinIndex(1);
        roll.setMaxIndex(KEPT_OLD_FILES);
        roll.start();
        SizeBasedTriggeringPolicy<ILoggingEvent> size = new SizeBasedTriggeringPolicy<>();
        size.setContext(ctx);
        size.setMaxFileSize(FileSize.valueOf(MAX_FILE_SIZE));
        size.start();
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(ctx);
        encoder.setPattern("%d{yyyy-MM-dd HH:mm:ss.SSS} %-5level [%thread] %logger{36} - %msg%n");
        encoder.start();
        out.setRollingPolicy(roll);
        out.setTriggeringPolicy(size);
        out.setEncoder(encoder);
        out.start();
        root(ctx).addAppender(out);
        return new AppLog(file, out);
    }

    private static Logger root(LoggerContext ctx) {
        return ctx.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    }

    /** The current log file. */
    public Path file() {
        return file;
    }

    /** Stops writing into this file (the window closed). */
    @Override
    public void close() {
        if (appender != null) {
            root((LoggerContext) appender.getContext()).detachAppender(appender);
            appender.stop();
        }
    }
}
