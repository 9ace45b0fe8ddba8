package org.fedoraproject.pdcupdater.handler.rpms;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

import org.fedoraproject.pdcupdater.handler.Progress;
import org.fedoraproject.pdcupdater.source.koji.KojiClient;
import org.fedoraproject.pdcupdater.source.koji.KojiRpm;

/**
 * The builds tagged into some Koji tags (not inherited, every build, not only the latest: exactly the builds whose
 * {@code buildsys.tag} messages linked RPMs to the release), held compactly: an id and an N-V-R per build, never
 * their RPMs. The RPMs are fetched batch by batch with {@code system.multicall}, so an audit of a release with
 * 100,000 RPMs holds one batch of them at a time.
 */
final class TaggedBuilds {

    private int[] ids = new int[1024];
    private String[] names = new String[1024];
    private String[] versions = new String[1024];
    private String[] releases = new String[1024];
    private int size;

    private TaggedBuilds() {
    }

    /** Streams each tag's listing from Koji ({@code forEachTagged}); a build tagged into two of them counts once. */
    static TaggedBuilds of(KojiClient koji, List<String> tags) {
        TaggedBuilds builds = new TaggedBuilds();
        Set<Integer> seen = new HashSet<>();
        for (String tag : tags) {
            koji.forEachTagged(tag, false, false, b -> {
                if (seen.add(b.id())) {
                    builds.add(b.id(), b.name(), b.version(), b.release());
                }
            });
        }
        return builds;
    }

    private void add(int id, String name, String version, String release) {
        if (size == ids.length) {
            int capacity = size * 2;
            ids = Arrays.copyOf(ids, capacity);
            names = Arrays.copyOf(names, capacity);
            versions = Arrays.copyOf(versions, capacity);
            releases = Arrays.copyOf(releases, capacity);
        }
        ids[size] = id;
        names[size] = name;
        versions[size] = version;
        releases[size] = release;
        size++;
    }

    int size() {
        return size;
    }

    /**
     * Hands the PDC rows of {@code batchSize} builds at a time to {@code sink}, their RPMs read with one
     * {@code system.multicall} per batch and their dependencies with one more (Koji client batches permitting),
     * so that initialize writes the rows handling the tag messages would write.
     *
     * @return how many builds were read
     */
    int forEachBatch(KojiClient koji, int batchSize, Progress progress, Consumer<List<RpmRow>> sink) {
        List<RpmRow> batchRows = new ArrayList<>();
        forEachBuild(koji, batchSize, null, true, progress, (build, rows) -> batchRows.addAll(rows), () -> {
            sink.accept(List.copyOf(batchRows));
            batchRows.clear();
        });
        return size;
    }

    /** The rows of one build, with the build's index here (0 to {@link #size()} - 1). */
    interface BuildRows {
        void accept(int build, List<RpmRow> rows);
    }

    /**
     * Hands each build's PDC rows to {@code sink} with the build's index, reading {@code batchSize} builds per
     * {@code system.multicall}; {@code afterBatch} runs after each batch. The next batch is asked for while the
     * current one is handed over, so Koji encodes one answer while this side decodes the other (a 1,000,000-RPM
     * tag is 2,000 such answers of about 500 KB each).
     *
     * @param only the indices of the builds to read, ascending; null for all of them
     * @param withDependencies whether the rows carry their RPMs' dependencies (one more multicall per batch)
     */
    void forEachBuild(KojiClient koji, int batchSize, int[] only, boolean withDependencies, Progress progress,
                      BuildRows sink, Runnable afterBatch) {
        int count = only == null ? size : only.length;
        if (count == 0) {
            return;
        }
        ExecutorService ahead = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "koji-batch-ahead");
            t.setDaemon(true);
            return t;
        });
        try {
            Future<Map<Integer, List<KojiRpm>>> next = ahead.submit(() -> koji.listRPMs(batchIds(0, batchSize, only)));
            for (int from = 0; from < count; from += batchSize) {
                int to = Math.min(count, from + batchSize);
                Map<Integer, List<KojiRpm>> rpms = await(next, "reading RPMs from Koji");
                if (to < count) {
                    int nextFrom = to;
                    next = ahead.submit(() -> koji.listRPMs(batchIds(nextFrom, batchSize, only)));
                }
                Map<Integer, Map<String, List<String>>> dependencies = withDependencies
                        ? RpmDependencies.of(koji, rpms.values().stream().flatMap(List::stream).toList())
                        : Map.of();
                for (int k = from; k < to; k++) {
                    int i = only == null ? k : only[k];
                    sink.accept(i, RpmRow.ofBuild(names[i], versions[i], releases[i],
                            rpms.getOrDefault(ids[i], List.of()), dependencies));
                }
                afterBatch.run();
                progress.advance(to - from);
            }
        } finally {
            ahead.shutdownNow();
        }
    }

    private List<Integer> batchIds(int from, int batchSize, int[] only) {
        int count = only == null ? size : only.length;
        int to = Math.min(count, from + batchSize);
        List<Integer> batch = new ArrayList<>(to - from);
        for (int k = from; k < to; k++) {
            batch.add(ids[only == null ? k : only[k]]);
        }
        return batch;
    }

    /** The result of a read made ahead on another thread; its failure as if it had been made on this one. */
    static <T> T await(Future<T> future, String what) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while " + what, e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e.getCause());
        }
    }
}
