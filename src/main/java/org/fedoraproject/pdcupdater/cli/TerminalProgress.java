package org.fedoraproject.pdcupdater.cli;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;

import org.fedoraproject.pdcupdater.handler.Progress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Shows how far long work got: on a terminal a line redrawn in place (count, rate, ETA); when
 * the output is a file or a pipe (cron, systemd) a log line every {@link #LOG_EVERY}, so logs
 * do not fill with carriage returns.
 */
final class TerminalProgress implements Progress {

    private static final Logger LOG = LoggerFactory.getLogger(TerminalProgress.class);
    static final Duration LOG_EVERY = Duration.ofSeconds(10);
    private static final long REDRAW_NANOS = Duration.ofMillis(250).toNanos();

    private final String label;
    private final PrintStream terminal;
    private final long startNanos = System.nanoTime();
    private long total = -1;
    private long done;
    private long lastShownNanos;
    private boolean drawn;

    private TerminalProgress(String label, PrintStream terminal) {
        this.label = label;
        this.terminal = terminal;
        this.lastShownNanos = startNanos;
    }

    /** On a terminal (System.console() present): redrawn line on stderr; otherwise periodic log lines. */
    static TerminalProgress forLabel(String label) {
        return new TerminalProgress(label, System.console() != null ? System.err : null);
    }

    static TerminalProgress logging(String label) {
        return new TerminalProgress(label, null);
    }

    @Override
    public synchronized void total(long total) {
        this.total = total;
    }

    @Override
    public synchronized void advance(long count) {
        done += count;
        long now = System.nanoTime();
        long every = terminal != null ? REDRAW_NANOS : LOG_EVERY.toNanos();
        if (now - lastShownNanos >= every) {
            lastShownNanos = now;
            show(now);
        }
    }

    /** Shows the final count and ends the terminal line. */
    synchronized void finish() {
        show(System.nanoTime());
        if (terminal != null && drawn) {
            terminal.println();
        }
    }

    synchronized String line(long now) {
        double seconds = Math.max(1e-9, (now - startNanos) / 1e9);
        double rate = done / seconds;
        StringBuilder sb = new StringBuilder(label).append(": ").append(done);
        if (total >= 0) {
            sb.append('/').append(total);
            if (total > 0) {
                sb.append(String.format(Locale.ROOT, " (%.1f%%)", 100.0 * done / total));
            }
        }
        sb.append(String.format(Locale.ROOT, ", %.1f/s", rate));
        if (total > done && rate > 0) {
            sb.append(", ETA ").append(format(Duration.ofSeconds((long) ((total - done) / rate))));
        }
        sb.append(", ").append(format(Duration.ofSeconds((long) seconds))).append(" elapsed");
        return sb.toString();
    }

    private void show(long now) {
        String line = line(now);
        if (terminal != null) {
            terminal.print("\r" + line + "\u001b[K");
            terminal.flush();
            drawn = true;
        } else {
            LOG.info("{}", line);
        }
    }

    static String format(Duration d) {
        long s = d.getSeconds();
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }
}
