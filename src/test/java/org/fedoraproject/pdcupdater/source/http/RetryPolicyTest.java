package org.fedoraproject.pdcupdater.source.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    private final List<Duration> slept = new ArrayList<>();
    private final RetryPolicy policy = new RetryPolicy(5, Duration.ofMillis(100), Duration.ofSeconds(1), slept::add);

    @Test
    void serverErrorsTooManyRequestsAndTimeoutsAreTransientClientErrorsAreNot() {
        assertThat(List.of(408, 429, 500, 502, 503, 504)).allMatch(RetryPolicy::isTransientStatus);
        assertThat(List.of(200, 301, 400, 401, 403, 404, 409, 422)).noneMatch(RetryPolicy::isTransientStatus);
    }

    @Test
    void waitsGrowExponentiallyWithJitterAndStopAtTheMaximum() {
        for (int attempt = 1; attempt <= 4; attempt++) {
            long full = 100L << (attempt - 1);
            Duration d = policy.delay(attempt, Optional.empty());
            assertThat(d.toMillis()).isBetween(full / 2, full);
        }
        assertThat(policy.delay(30, Optional.empty())).isLessThanOrEqualTo(Duration.ofSeconds(1))
                .isGreaterThanOrEqualTo(Duration.ofMillis(500));
    }

    @Test
    void retryAfterIsHonouredUpToTheMaximum() throws InterruptedException {
        policy.pause(1, Optional.of(Duration.ofMillis(300)));
        policy.pause(1, Optional.of(Duration.ofSeconds(120)));
        assertThat(slept).containsExactly(Duration.ofMillis(300), Duration.ofSeconds(1));
    }

    @Test
    void onlyRetryAfterInSecondsIsUnderstood() {
        assertThat(RetryPolicy.parseRetryAfter(Optional.of(" 7 "))).contains(Duration.ofSeconds(7));
        assertThat(RetryPolicy.parseRetryAfter(Optional.of("Wed, 21 Oct 2015 07:28:00 GMT"))).isEmpty();
        assertThat(RetryPolicy.parseRetryAfter(Optional.empty())).isEmpty();
    }
}
