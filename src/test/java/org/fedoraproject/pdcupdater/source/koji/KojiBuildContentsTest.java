package org.fedoraproject.pdcupdater.source.koji;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.fedoraproject.pdcupdater.sandbox.koji.KojiData;
import org.fedoraproject.pdcupdater.sandbox.koji.StandinBuild;
import org.fedoraproject.pdcupdater.sandbox.koji.StandinRpm;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Against the Koji stand-in over HTTP, counting the requests that reach it. */
class KojiBuildContentsTest {

    private final KojiData data = KojiData.empty();
    private final AtomicLong now = new AtomicLong();
    private HubInFront hub;
    private KojiClient koji;
    private int glib2;
    private int glibc;

    @BeforeEach
    void start() {
        glib2 = addBuild("glib2", "libglib-2.0.so.0()(64bit)");
        glibc = addBuild("glibc", "libc.so.6()(64bit)");
        hub = new HubInFront(data);
        koji = new KojiClient(KojiClientSettings.defaults(hub.uri())
                .withRetries(1, Duration.ofMillis(1), Duration.ofMillis(1)));
    }

    @AfterEach
    void stop() {
        hub.close();
    }

    /** A build with a source RPM and one x86_64 RPM that requires libc and provides {@code provides}. */
    private int addBuild(String name, String provides) {
        StandinBuild build = data.addBuild(StandinBuild.complete(data.nextBuildId(), name, "1.0", "1.fc28", "releng"));
        data.addRpm(StandinRpm.of(data.nextRpmId(), build, name, "src"));
        StandinRpm binary = StandinRpm.of(data.nextRpmId(), build, name, "x86_64");
        data.addRpm(binary);
        data.addDeps(binary.id(), List.of(new KojiDep(provides, "", 0, KojiDep.PROVIDES),
                new KojiDep("libc.so.6()(64bit)", "", 0, KojiDep.REQUIRES)));
        return build.id();
    }

    private KojiBuildContents contents(long maxItems) {
        return new KojiBuildContents(koji, maxItems, Duration.ofMinutes(10), now::get);
    }

    @Test
    void aBuildIsReadOnceInTwoRequestsAndThenAnsweredFromMemory() {
        KojiBuildContents builds = contents(100_000);

        KojiBuildContents.Contents first = builds.of(glib2);
        assertThat(hub.requests()).isEqualTo(2); // listRPMs, getRPMDeps of both RPMs in one multicall
        KojiBuildContents.Contents again = builds.of(glib2);

        assertThat(hub.requests()).isEqualTo(2);
        assertThat(again).isEqualTo(first);
        assertThat(first.rpms()).extracting(KojiRpm::arch).containsExactlyInAnyOrder("src", "x86_64");
        KojiRpm binary = first.rpms().stream().filter(r -> !r.isSource()).findFirst().orElseThrow();
        assertThat(first.deps(binary, KojiDep.PROVIDES)).extracting(KojiDep::name)
                .contains("libglib-2.0.so.0()(64bit)");
        assertThat(first.deps(binary, KojiDep.REQUIRES)).extracting(KojiDep::name).containsExactly("libc.so.6()(64bit)");
    }

    @Test
    void anAnswerOlderThanItsTimeToLiveIsReadAgain() {
        KojiBuildContents builds = contents(100_000);
        builds.of(glib2);
        now.addAndGet(Duration.ofMinutes(10).toNanos());
        builds.of(glib2);
        assertThat(hub.requests()).isEqualTo(2);

        now.addAndGet(1);
        builds.of(glib2);
        assertThat(hub.requests()).isEqualTo(4);
    }

    @Test
    void theBuildsReadLastAreKeptUpToTheBoundOnRpmsPlusDependencies() {
        long glib2Size = contents(100_000).of(glib2).size();
        long glibcSize = contents(100_000).of(glibc).size();
        int before = hub.requests();
        // Room for either build, not for both.
        KojiBuildContents builds = contents(Math.max(glib2Size, glibcSize));
        assertThat(glib2Size + glibcSize).isGreaterThan(Math.max(glib2Size, glibcSize));

        builds.of(glib2);
        builds.of(glibc);
        builds.of(glibc);
        assertThat(hub.requests() - before).isEqualTo(4);

        builds.of(glib2);
        assertThat(hub.requests() - before).isEqualTo(6);
    }

    @Test
    void aBuildLargerThanTheBoundIsNotKept() {
        KojiBuildContents builds = contents(1);
        assertThat(builds.of(glib2).rpms()).hasSize(2);
        assertThat(builds.of(glib2).rpms()).hasSize(2);
        assertThat(hub.requests()).isEqualTo(4);
    }

    @Test
    void aBuildWithoutRpmsIsNotKept() {
        KojiBuildContents builds = contents(100_000);
        assertThat(builds.of(999_999).rpms()).isEmpty();
        assertThat(builds.of(999_999).rpms()).isEmpty();
        assertThat(hub.requests()).isEqualTo(2); // one listRPMs each, no dependencies to ask for
    }

    @Test
    void aFailedReadIsNotKept() {
        KojiBuildContents builds = contents(100_000);
        hub.standin.failNextRequests(1, 503);

        assertThatThrownBy(() -> builds.of(glib2)).isInstanceOf(RuntimeException.class).hasMessageContaining("503");
        assertThat(builds.of(glib2).rpms()).hasSize(2);
        assertThat(hub.requests()).isEqualTo(3);
    }

    @Test
    void callersOfABuildBeingReadWaitForThatRead() throws Exception {
        KojiBuildContents builds = contents(100_000);
        CountDownLatch release = new CountDownLatch(1);
        hub.hook((n, exchange) -> {
            if (n == 1) {
                await(release);
            }
            return false;
        });

        CompletableFuture<KojiBuildContents.Contents> reader = CompletableFuture.supplyAsync(() -> builds.of(glib2));
        while (hub.requests() == 0) {
            Thread.onSpinWait();
        }
        // The reader's listRPMs is held at the hub: a second caller finds the read under way and waits for it
        // (a read of its own would park in the HTTP client instead, then reach the hub: two requests more).
        CompletableFuture<KojiBuildContents.Contents> waiter = new CompletableFuture<>();
        Thread second = new Thread(() -> waiter.complete(builds.of(glib2)));
        second.start();
        while (second.getState() != Thread.State.WAITING && second.getState() != Thread.State.TIMED_WAITING
                && second.getState() != Thread.State.TERMINATED) {
            Thread.onSpinWait();
        }
        release.countDown();

        assertThat(waiter.get(30, TimeUnit.SECONDS)).isEqualTo(reader.get(30, TimeUnit.SECONDS));
        assertThat(hub.requests()).isEqualTo(2);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
