package org.fedoraproject.pdcupdater.source.koji;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.RepeatedTest;

class BackoffTest {

    private final Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30));

    @RepeatedTest(20)
    void doublesWithJitterUpToTheCap() {
        assertThat(backoff.delay(1, null)).isBetween(Duration.ofMillis(500), Duration.ofSeconds(1));
        assertThat(backoff.delay(3, null)).isBetween(Duration.ofSeconds(2), Duration.ofSeconds(4));
        assertThat(backoff.delay(10, null)).isBetween(Duration.ofSeconds(15), Duration.ofSeconds(30));
        assertThat(backoff.delay(1000, null)).isBetween(Duration.ofSeconds(15), Duration.ofSeconds(30));
    }

    @RepeatedTest(5)
    void retryAfterIsHonouredUpToTheCap() {
        assertThat(backoff.delay(1, Duration.ofSeconds(7))).isEqualTo(Duration.ofSeconds(7));
        assertThat(backoff.delay(1, Duration.ofHours(1))).isEqualTo(Duration.ofSeconds(30));
        assertThat(backoff.delay(1, Duration.ZERO)).isBetween(Duration.ofMillis(500), Duration.ofSeconds(1));
    }
}
