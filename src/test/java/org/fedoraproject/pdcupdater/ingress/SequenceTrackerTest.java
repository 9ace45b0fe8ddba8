package org.fedoraproject.pdcupdater.ingress;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SequenceTrackerTest {

    private final SequenceTracker tracker = new SequenceTracker(1000);

    @Test
    void consecutiveSequenceNumbersAreNoGap() {
        assertThat(tracker.observe("koji", 1, 10.0)).isEmpty();
        assertThat(tracker.observe("koji", 2, 11.0)).isEmpty();
        assertThat(tracker.observe("koji", 3, 12.0)).isEmpty();
    }

    @Test
    void aForwardJumpIsAGapWithTheTimeWindowAroundIt() {
        tracker.observe("koji", 7, 100.0);
        assertThat(tracker.observe("koji", 11, 130.5))
                .contains(new SequenceGap("koji", 8, 10, 100.0, 130.5));
    }

    @Test
    void publishersAreCountedSeparately() {
        tracker.observe("koji", 1, 1.0);
        tracker.observe("pkgdb", 50, 2.0);
        assertThat(tracker.observe("koji", 2, 3.0)).isEmpty();
        assertThat(tracker.observe("pkgdb", 51, 4.0)).isEmpty();
    }

    @Test
    void aStepBackIsAPublisherRestartNotALoss() {
        tracker.observe("koji", 500, 1.0);
        assertThat(tracker.observe("koji", 1, 2.0)).isEmpty();
        assertThat(tracker.observe("koji", 2, 3.0)).isEmpty();
    }

    @Test
    void aJumpLargerThanTheLimitStartsANewCount() {
        tracker.observe("koji", 1, 1.0);
        assertThat(tracker.observe("koji", 5000, 2.0)).isEmpty();
        assertThat(tracker.observe("koji", 5003, 3.0)).map(SequenceGap::count).contains(2L);
    }
}
