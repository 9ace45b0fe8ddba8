package org.fedoraproject.pdcupdater.pdc;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.Property;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * JUnit extension capturing everything the project logs through log4j2 (the SLF4J backend) at TRACE and above, so
 * tests can assert what was and was not logged, e.g. that the token never appears. Register with
 * {@code @RegisterExtension}.
 */
final class LogCapture implements BeforeEachCallback, AfterEachCallback {

    private static final String LOGGER = "org.fedoraproject.pdcupdater";

    private final List<String> lines = new CopyOnWriteArrayList<>();
    private Appender appender;
    private boolean addedConfig;
    private Level previousLevel;

    /** Everything logged so far in this test: level, logger, formatted message and any stack trace. */
    List<String> lines() {
        return List.copyOf(lines);
    }

    String all() {
        return String.join("\n", lines);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        LoggerContext ctx = LoggerContext.getContext(false);
        Configuration cfg = ctx.getConfiguration();
        appender = new Appender(lines);
        appender.start();
        cfg.addAppender(appender);
        LoggerConfig lc = cfg.getLoggerConfig(LOGGER);
        if (!lc.getName().equals(LOGGER)) {
            lc = new LoggerConfig(LOGGER, Level.TRACE, false); // not additive: keep the console quiet
            cfg.addLogger(LOGGER, lc);
            addedConfig = true;
        }
        previousLevel = lc.getLevel();
        lc.setLevel(Level.TRACE);
        lc.addAppender(appender, Level.TRACE, null);
        ctx.updateLoggers();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        LoggerContext ctx = LoggerContext.getContext(false);
        Configuration cfg = ctx.getConfiguration();
        LoggerConfig lc = cfg.getLoggerConfig(LOGGER);
        lc.removeAppender(appender.getName());
        if (addedConfig) {
            cfg.removeLogger(LOGGER);
        } else {
            lc.setLevel(previousLevel);
        }
        ctx.updateLoggers();
        appender.stop();
    }

    private static final class Appender extends AbstractAppender {
        private final List<String> sink;

        Appender(List<String> sink) {
            super("pdc-test-capture-" + System.identityHashCode(sink), null, null, true, Property.EMPTY_ARRAY);
            this.sink = sink;
        }

        @Override
        public void append(LogEvent event) {
            StringBuilder sb = new StringBuilder()
                    .append(event.getLevel()).append(' ').append(event.getLoggerName()).append(' ')
                    .append(event.getMessage().getFormattedMessage());
            if (event.getThrown() != null) {
                StringWriter sw = new StringWriter();
                event.getThrown().printStackTrace(new PrintWriter(sw));
                sb.append('\n').append(sw);
            }
            sink.add(sb.toString());
        }
    }
}
