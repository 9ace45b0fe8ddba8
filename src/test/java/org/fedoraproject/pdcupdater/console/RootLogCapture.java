package org.fedoraproject.pdcupdater.console;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.Property;

/** Everything every library logs at the configured levels (root logger), to check that no secret is in it. */
final class RootLogCapture extends AbstractAppender implements AutoCloseable {

    private final List<String> lines = new CopyOnWriteArrayList<>();

    private RootLogCapture() {
        super("console-test-capture", null, null, true, Property.EMPTY_ARRAY);
    }

    static RootLogCapture attach() {
        RootLogCapture capture = new RootLogCapture();
        capture.start();
        LoggerContext ctx = LoggerContext.getContext(false);
        Configuration cfg = ctx.getConfiguration();
        cfg.addAppender(capture);
        cfg.getRootLogger().addAppender(capture, null, null);
        ctx.updateLoggers();
        return capture;
    }

    @Override
    public void append(LogEvent event) {
        StringBuilder line = new StringBuilder(event.getLevel() + " " + event.getLoggerName() + " "
                + event.getMessage().getFormattedMessage());
        for (Throwable t = event.getThrown(); t != null; t = t.getCause()) {
            line.append(" | ").append(t);
        }
        lines.add(line.toString());
    }

    String all() {
        return String.join("\n", lines);
    }

    int size() {
        return lines.size();
    }

    @Override
    public void close() {
        LoggerContext ctx = LoggerContext.getContext(false);
        ctx.getConfiguration().getRootLogger().removeAppender(getName());
        ctx.updateLoggers();
        stop();
    }
}
