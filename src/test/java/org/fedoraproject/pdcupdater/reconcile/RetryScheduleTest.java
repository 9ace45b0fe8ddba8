package org.fedoraproject.pdcupdater.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class RetryScheduleTest {

    private final RetrySchedule schedule = new RetrySchedule(Duration.ofMinutes(1), Duration.ofMinutes(10),
            Duration.ofHours(1), 5);

    @Test
    void transientFailuresBackOffDoublingUpToTheMaximum() {
        assertThat(schedule.delay(1, false)).isEqualTo(Duration.ofMinutes(1));
        assertThat(schedule.delay(2, false)).isEqualTo(Duration.ofMinutes(2));
        assertThat(schedule.delay(4, false)).isEqualTo(Duration.ofMinutes(8));
        assertThat(schedule.delay(5, false)).isEqualTo(Duration.ofMinutes(10));
        assertThat(schedule.delay(1_000, false)).isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void permanentFailuresWaitForAPersonAtAFixedPace() {
        assertThat(schedule.delay(1, true)).isEqualTo(Duration.ofHours(1));
        assertThat(schedule.delay(7, true)).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void afterTheMaximumNumberOfAttemptsAPersonHasToLook() {
        assertThat(schedule.exhausted(4)).isFalse();
        assertThat(schedule.exhausted(5)).isTrue();
    }

    @Test
    void nonsenseIsRefused() {
        assertThatThrownBy(() -> new RetrySchedule(Duration.ofMinutes(10), Duration.ofMinutes(1), Duration.ZERO, 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RetrySchedule(Duration.ZERO, Duration.ZERO, Duration.ZERO, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
