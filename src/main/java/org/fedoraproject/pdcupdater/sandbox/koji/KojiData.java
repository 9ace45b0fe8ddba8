package org.fedoraproject.pdcupdater.sandbox.koji;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.fedoraproject.pdcupdater.source.koji.KojiDep;

/**
 * The stand-in's Koji: builds, their RPMs, tags with their tagged builds, and RPM dependencies,
 * indexed so every lookup the hub methods need is O(1) (benchmarks load 20,000 builds and
 * 100,000 RPMs). Safe to change while the server answers: tests add builds between calls.
 */
public final class KojiData {

    /** The data bundled with the stand-in, consistent with the shared fixture messages. */
    public static final String BUNDLED_RESOURCE = "sandbox/koji/koji-data.json";

    private final Map<Integer, StandinBuild> builds = new ConcurrentHashMap<>();
    private final Map<String, Integer> buildIdsByNvr = new ConcurrentHashMap<>();
    private final Map<Integer, StandinRpm> rpms = new ConcurrentHashMap<>();
    private final Map<String, Integer> rpmIdsByNvra = new ConcurrentHashMap<>();
    private final Map<Integer, List<Integer>> rpmIdsByBuild = new ConcurrentHashMap<>();
    private final Map<Integer, List<KojiDep>> depsByRpm = new ConcurrentHashMap<>();
    private final Map<String, StandinTag> tagsByName = new ConcurrentHashMap<>();
    private final Map<Integer, StandinTag> tagsById = new ConcurrentHashMap<>();
    private final Map<String, TagListing> listings = new ConcurrentHashMap<>();
    private final Map<String, Integer> packageIds = new ConcurrentHashMap<>();
    private final Map<String, Integer> ownerIds = new ConcurrentHashMap<>();
    private final AtomicInteger lastBuildId = new AtomicInteger();
    private final AtomicInteger lastRpmId = new AtomicInteger();
    private final AtomicInteger lastTagId = new AtomicInteger();
    private final AtomicInteger lastPackageId = new AtomicInteger(100_000);
    private final AtomicInteger lastOwnerId = new AtomicInteger(10_000);
    private final AtomicInteger lastEventId = new AtomicInteger(30_000_000);

    public static KojiData empty() {
        return new KojiData();
    }

    /** The bundled data set ({@value #BUNDLED_RESOURCE}). */
    public static KojiData bundled() {
        return KojiDataFile.readResource(BUNDLED_RESOURCE);
    }

    /** A data file in the format of the bundled one. */
    public static KojiData load(Path file) {
        return KojiDataFile.read(file);
    }

    // ---- changing the model

    public void addTag(StandinTag tag) {
        if (tagsByName.putIfAbsent(tag.name(), tag) != null) {
            throw new IllegalArgumentException("tag exists: " + tag.name());
        }
        tagsById.put(tag.id(), tag);
        listings.put(tag.name(), new TagListing());
        lastTagId.accumulateAndGet(tag.id(), Math::max);
    }

    /**
     * Adds a build; package and owner ids left null get one id per name.
     *
     * @return the build as stored, ids filled in
     */
    public StandinBuild addBuild(StandinBuild build) {
        int packageId = build.packageId() != null ? build.packageId()
                : packageIds.computeIfAbsent(build.name(), n -> lastPackageId.incrementAndGet());
        packageIds.putIfAbsent(build.name(), packageId);
        int ownerId = build.ownerId() != null ? build.ownerId()
                : ownerIds.computeIfAbsent(build.ownerName(), n -> lastOwnerId.incrementAndGet());
        ownerIds.putIfAbsent(build.ownerName(), ownerId);
        int eventId = build.creationEventId() != null ? build.creationEventId() : lastEventId.incrementAndGet();
        StandinBuild stored = build.withIds(packageId, ownerId, eventId);
        if (buildIdsByNvr.putIfAbsent(stored.nvr(), stored.id()) != null) {
            throw new IllegalArgumentException("build exists: " + stored.nvr());
        }
        if (builds.putIfAbsent(stored.id(), stored) != null) {
            buildIdsByNvr.remove(stored.nvr());
            throw new IllegalArgumentException("build id in use: " + stored.id());
        }
        rpmIdsByBuild.put(stored.id(), new ArrayList<>());
        lastBuildId.accumulateAndGet(stored.id(), Math::max);
        return stored;
    }

    public void addRpm(StandinRpm rpm) {
        List<Integer> ofBuild = rpmIdsByBuild.get(rpm.buildId());
        if (ofBuild == null) {
            throw new IllegalArgumentException("no build " + rpm.buildId() + " for " + rpm.nvra());
        }
        if (rpms.putIfAbsent(rpm.id(), rpm) != null) {
            throw new IllegalArgumentException("rpm id in use: " + rpm.id());
        }
        rpmIdsByNvra.put(rpm.nvra(), rpm.id());
        synchronized (ofBuild) {
            ofBuild.add(rpm.id());
        }
        lastRpmId.accumulateAndGet(rpm.id(), Math::max);
    }

    public void addDeps(int rpmId, Collection<KojiDep> deps) {
        if (!rpms.containsKey(rpmId)) {
            throw new IllegalArgumentException("no rpm " + rpmId);
        }
        depsByRpm.merge(rpmId, List.copyOf(deps), (old, more) -> {
            List<KojiDep> all = new ArrayList<>(old);
            all.addAll(more);
            return List.copyOf(all);
        });
    }

    /** Tags a build; tagging it again changes nothing. The newest tagging is listed first. */
    public void tagBuild(String tag, int buildId) {
        if (!builds.containsKey(buildId)) {
            throw new IllegalArgumentException("no build " + buildId);
        }
        listing(tag).add(buildId);
    }

    public void untagBuild(String tag, int buildId) {
        listing(tag).remove(buildId);
    }

    /** A build id no build has yet, for generated data. */
    public int nextBuildId() {
        return lastBuildId.incrementAndGet();
    }

    /** An RPM id no RPM has yet, for generated data. */
    public int nextRpmId() {
        return lastRpmId.incrementAndGet();
    }

    public int nextTagId() {
        return lastTagId.incrementAndGet();
    }

    // ---- reading the model

    public Optional<StandinBuild> build(int id) {
        return Optional.ofNullable(builds.get(id));
    }

    public Optional<StandinBuild> build(String name, String version, String release) {
        Integer id = buildIdsByNvr.get(name + "-" + version + "-" + release);
        return id == null ? Optional.empty() : build(id);
    }

    public List<StandinRpm> rpmsOf(int buildId) {
        List<Integer> ids = rpmIdsByBuild.get(buildId);
        if (ids == null) {
            return List.of();
        }
        List<StandinRpm> found = new ArrayList<>();
        synchronized (ids) {
            ids.forEach(id -> found.add(rpms.get(id)));
        }
        return found;
    }

    public Optional<StandinRpm> rpm(int id) {
        return Optional.ofNullable(rpms.get(id));
    }

    public Optional<StandinRpm> rpm(String nvra) {
        Integer id = rpmIdsByNvra.get(nvra);
        return id == null ? Optional.empty() : rpm(id);
    }

    /** Every RPM, in no particular order (listRPMs with no filter). */
    public Collection<StandinRpm> allRpms() {
        return rpms.values();
    }

    /**
     * The RPM's dependencies as listed, plus what rpm itself adds to every binary package and the data may leave out:
     * a provide of its own name at its exact {@code [epoch:]version-release}. So the stand-in never serves a binary
     * RPM that provides nothing, and a requirement on a package name resolves through provides as on a real hub.
     */
    public List<KojiDep> deps(int rpmId) {
        List<KojiDep> listed = depsByRpm.getOrDefault(rpmId, List.of());
        StandinRpm rpm = rpms.get(rpmId);
        if (rpm == null || "src".equals(rpm.arch())
                || listed.stream().anyMatch(d -> d.type() == KojiDep.PROVIDES && d.name().equals(rpm.name()))) {
            return listed;
        }
        List<KojiDep> all = new ArrayList<>(listed);
        String evr = (rpm.epoch() == null ? "" : rpm.epoch() + ":") + rpm.version() + "-" + rpm.release();
        all.add(new KojiDep(rpm.name(), evr, KojiDep.SENSE_EQUAL, KojiDep.PROVIDES));
        return List.copyOf(all);
    }

    public Optional<StandinTag> tag(String name) {
        return Optional.ofNullable(tagsByName.get(name));
    }

    public Optional<StandinTag> tag(int id) {
        return Optional.ofNullable(tagsById.get(id));
    }

    public Collection<StandinTag> tags() {
        return tagsByName.values();
    }

    /** The builds tagged into {@code tag} (not inherited), most recently tagged first. */
    public List<Integer> taggedNewestFirst(String tag) {
        TagListing listing = listings.get(tag);
        return listing == null ? List.of() : listing.newestFirst();
    }

    /** {@code tag}, then its ancestors depth-first in priority order, each once (Koji's readFullInheritance). */
    public List<StandinTag> withAncestors(String tag) {
        Set<String> order = new LinkedHashSet<>();
        collect(tag, order);
        List<StandinTag> result = new ArrayList<>();
        order.forEach(name -> tag(name).ifPresent(result::add));
        return result;
    }

    private void collect(String tag, Set<String> order) {
        if (!order.add(tag)) {
            return;
        }
        tag(tag).ifPresent(t -> t.parents().forEach(parent -> collect(parent, order)));
    }

    public int packageId(String packageName) {
        return packageIds.getOrDefault(packageName, 0);
    }

    public int buildCount() {
        return builds.size();
    }

    public int rpmCount() {
        return rpms.size();
    }

    private TagListing listing(String tag) {
        TagListing listing = listings.get(tag);
        if (listing == null) {
            throw new IllegalArgumentException("no tag " + tag);
        }
        return listing;
    }

    /** One tag's builds in tagging order, with a set for O(1) membership. */
    private static final class TagListing {
        private final List<Integer> order = new ArrayList<>();
        private final Set<Integer> members = new HashSet<>();

        synchronized void add(int buildId) {
            if (members.add(buildId)) {
                order.add(buildId);
            }
        }

        synchronized void remove(int buildId) {
            if (members.remove(buildId)) {
                order.remove(Integer.valueOf(buildId));
            }
        }

        synchronized List<Integer> newestFirst() {
            List<Integer> copy = new ArrayList<>(order.size());
            for (int i = order.size() - 1; i >= 0; i--) {
                copy.add(order.get(i));
            }
            return copy;
        }
    }
}
