package org.fedoraproject.pdcupdater.handler.rpms;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
     * {@code system.multicall} per batch (Koji client batches permitting).
     *
     * @return how many builds were read
     */
    int forEachBatch(KojiClient koji, int batchSize, Progress progress, Consumer<List<RpmRow>> sink) {
        for (int from = 0; from < size; from += batchSize) {
            int to = Math.min(size, from + batchSize);
            List<Integer> batch = new ArrayList<>(to - from);
            for (int i = from; i < to; i++) {
                batch.add(ids[i]);
            }
            Map<Integer, List<KojiRpm>> rpms = koji.listRPMs(batch);
            List<RpmRow> rows = new ArrayList<>();
            for (int i = from; i < to; i++) {
                rows.addAll(RpmRow.ofBuild(names[i], versions[i], releases[i], rpms.getOrDefault(ids[i], List.of())));
            }
            sink.accept(rows);
            progress.advance(to - from);
        }
        return size;
    }
}
