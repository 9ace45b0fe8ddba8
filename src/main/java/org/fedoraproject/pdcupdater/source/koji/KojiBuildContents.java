package org.fedoraproject.pdcupdater.source.koji;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.LongSupplier;

/**
 * A build's RPMs and every dependency of each ({@code listRPMs}, then {@code getRPMDeps} of all of them in one
 * multicall), read from Koji once for every handler that needs them: a {@code buildsys.tag} feeds both the rpms
 * handler (rows with their dependencies) and the dependency chain (requires and provides), which used to ask
 * Koji the same two questions each.
 *
 * <p>A built build's RPMs and their dependencies never change, so the answer is kept, for the few builds handled
 * last ({@code capacity}) and not longer than {@code timeToLive} (a build deleted and re-imported in Koji is
 * read afresh after that). A build Koji lists no RPMs for is not kept (it may be an import still under way), nor
 * is a failed read: the next caller asks Koji again. Callers asking for a build that is being read wait for that
 * read instead of making their own.
 */
public final class KojiBuildContents {

    /** The RPMs of a build, and each one's dependencies by Koji RPM id (every kind, in Koji's order). */
    public record Contents(List<KojiRpm> rpms, Map<Integer, List<KojiDep>> deps) {
        public Contents {
            rpms = List.copyOf(rpms);
            deps = Map.copyOf(deps);
        }

        /** The dependencies of {@code rpm} of one kind ({@link KojiDep#REQUIRES}, ...). */
        public List<KojiDep> deps(KojiRpm rpm, int type) {
            return deps.getOrDefault(rpm.id(), List.of()).stream().filter(d -> d.type() == type).toList();
        }
    }

    private record Entry(CompletableFuture<Contents> contents, long readAtNanos) {
    }

    private final KojiClient koji;
    private final long timeToLiveNanos;
    private final LongSupplier clock;
    private final Map<Integer, Entry> entries;

    public KojiBuildContents(KojiClient koji, int capacity, Duration timeToLive) {
        this(koji, capacity, timeToLive, System::nanoTime);
    }

    KojiBuildContents(KojiClient koji, int capacity, Duration timeToLive, LongSupplier clock) {
        this.koji = koji;
        this.timeToLiveNanos = timeToLive.toNanos();
        this.clock = clock;
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Integer, Entry> eldest) {
                return size() > capacity;
            }
        };
    }

    /** The build's RPMs (empty for a build Koji does not know or that has none) and their dependencies. */
    public Contents of(int buildId) {
        Entry entry;
        boolean reader = false;
        synchronized (entries) {
            entry = entries.get(buildId);
            if (entry == null || clock.getAsLong() - entry.readAtNanos() > timeToLiveNanos) {
                entry = new Entry(new CompletableFuture<>(), clock.getAsLong());
                entries.put(buildId, entry);
                reader = true;
            }
        }
        if (!reader) {
            return await(entry.contents());
        }
        try {
            Contents contents = read(buildId);
            entry.contents().complete(contents);
            if (contents.rpms().isEmpty()) {
                forget(buildId, entry);
            }
            return contents;
        } catch (RuntimeException | Error e) {
            forget(buildId, entry);
            entry.contents().completeExceptionally(e);
            throw e;
        }
    }

    private Contents read(int buildId) {
        List<KojiRpm> rpms = koji.listRPMs(buildId);
        Map<Integer, List<KojiDep>> deps = rpms.isEmpty() ? Map.of()
                : koji.getRPMDeps(rpms.stream().map(KojiRpm::id).toList());
        return new Contents(rpms, deps);
    }

    private void forget(int buildId, Entry entry) {
        synchronized (entries) {
            entries.remove(buildId, entry);
        }
    }

    /** Another caller's read: its answer, or the same exception it got. */
    private static Contents await(CompletableFuture<Contents> contents) {
        try {
            return contents.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            if (e.getCause() instanceof Error cause) {
                throw cause;
            }
            throw e;
        }
    }
}
