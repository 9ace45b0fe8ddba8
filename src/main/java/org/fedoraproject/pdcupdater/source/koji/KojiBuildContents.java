package org.fedoraproject.pdcupdater.source.koji;

import java.time.Duration;
import java.util.Iterator;
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
 * <p>A built build's RPMs and their dependencies never change, so the answers of the builds read last are kept,
 * not longer than {@code timeToLive} (a build deleted and re-imported in Koji is read afresh after that). What is
 * kept is bounded by its size, RPMs plus dependencies ({@code maxItems}), not by a number of builds: a texlive
 * build has thousands of RPMs where most builds have a handful, so a bound on builds would be no bound on memory.
 * A build larger than the bound, a build Koji lists no RPMs for (it may be an import under way) and a failed
 * read are not kept: the next caller asks Koji again. Callers asking for a build that is being read wait for that
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

        /** What keeping it costs, in items: its RPMs and all their dependencies. */
        long size() {
            return rpms.size() + deps.values().stream().mapToLong(List::size).sum();
        }
    }

    /** A read under way or done; its {@code size} counts in {@link #kept} once the read is done and kept. */
    private static final class Entry {
        final CompletableFuture<Contents> contents = new CompletableFuture<>();
        final long readAtNanos;
        long size;

        Entry(long readAtNanos) {
            this.readAtNanos = readAtNanos;
        }
    }

    private final KojiClient koji;
    private final long maxItems;
    private final long timeToLiveNanos;
    private final LongSupplier clock;
    /** In access order: the least recently used first, which is what goes when the bound is passed. */
    private final LinkedHashMap<Integer, Entry> entries = new LinkedHashMap<>(16, 0.75f, true);
    private long kept;

    /** @param maxItems RPMs plus dependencies kept, over all builds */
    public KojiBuildContents(KojiClient koji, long maxItems, Duration timeToLive) {
        this(koji, maxItems, timeToLive, System::nanoTime);
    }

    KojiBuildContents(KojiClient koji, long maxItems, Duration timeToLive, LongSupplier clock) {
        this.koji = koji;
        this.maxItems = maxItems;
        this.timeToLiveNanos = timeToLive.toNanos();
        this.clock = clock;
    }

    /** The build's RPMs (empty for a build Koji does not know or that has none) and their dependencies. */
    public Contents of(int buildId) {
        Entry entry;
        boolean reader = false;
        synchronized (entries) {
            entry = entries.get(buildId);
            if (entry == null || clock.getAsLong() - entry.readAtNanos > timeToLiveNanos) {
                forgetLocked(buildId);
                entry = new Entry(clock.getAsLong());
                entries.put(buildId, entry);
                reader = true;
            }
        }
        return reader ? readInto(buildId, entry) : await(entry.contents);
    }

    private Contents readInto(int buildId, Entry entry) {
        try {
            List<KojiRpm> rpms = koji.listRPMs(buildId);
            Map<Integer, List<KojiDep>> deps = rpms.isEmpty() ? Map.of()
                    : koji.getRPMDeps(rpms.stream().map(KojiRpm::id).toList());
            Contents contents = new Contents(rpms, deps);
            keep(buildId, entry, contents);
            entry.contents.complete(contents);
            return contents;
        } catch (RuntimeException | Error e) {
            synchronized (entries) {
                entries.remove(buildId, entry);
            }
            entry.contents.completeExceptionally(e);
            throw e;
        }
    }

    /** Counts a finished read in, then lets the least recently used go until the bound holds again. */
    private void keep(int buildId, Entry entry, Contents contents) {
        synchronized (entries) {
            if (entries.get(buildId) != entry) {
                return; // replaced meanwhile (expired while it was read)
            }
            long size = contents.size();
            if (contents.rpms().isEmpty() || size > maxItems) {
                entries.remove(buildId);
                return;
            }
            entry.size = size;
            kept += size;
            Iterator<Entry> eldestFirst = entries.values().iterator();
            while (kept > maxItems && eldestFirst.hasNext()) {
                Entry eldest = eldestFirst.next();
                if (eldest != entry && eldest.size > 0) {
                    kept -= eldest.size;
                    eldestFirst.remove();
                }
            }
        }
    }

    private void forgetLocked(int buildId) {
        Entry gone = entries.remove(buildId);
        if (gone != null) {
            kept -= gone.size;
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
