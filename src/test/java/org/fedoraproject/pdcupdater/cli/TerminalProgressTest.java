package org.fedoraproject.pdcupdater.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class TerminalProgressTest {

    @Test
    void theLineShowsCountRateAndEta() throws Exception {
        TerminalProgress progress = TerminalProgress.logging("audit rpms");
        progress.total(1000);
        progress.advance(250);
        String line = progress.line(System.nanoTime());
        assertThat(line).startsWith("audit rpms: 250/1000 (25.0%), ").contains("/s").contains("ETA ").contains("elapsed");
    }

    @Test
    void withoutATotalThereIsNoEta() {
        TerminalProgress progress = TerminalProgress.logging("retry");
        progress.advance(3);
        assertThat(progress.line(System.nanoTime())).startsWith("retry: 3, ").doesNotContain("ETA");
    }

    @Test
    void durationsReadLikeAClock() {
        assertThat(TerminalProgress.format(Duration.ofSeconds(75))).isEqualTo("1:15");
        assertThat(TerminalProgress.format(Duration.ofSeconds(3723))).isEqualTo("1:02:03");
    }
}
