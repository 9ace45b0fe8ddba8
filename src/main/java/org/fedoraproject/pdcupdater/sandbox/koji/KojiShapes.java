package org.fedoraproject.pdcupdater.sandbox.koji;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.fedoraproject.pdcupdater.source.koji.KojiDep;

/**
 * Turns the stand-in's model into the structs the hub returns, with the keys of kojihub.py's
 * {@code get_build}, {@code readTaggedBuilds}, {@code list_rpms}, {@code get_tag} and
 * {@code getRPMDeps}. Times go out as the hub's text ({@code datetime.isoformat(' ')} of a UTC
 * timestamp) next to the {@code *_ts} epoch seconds, as the real hub sends them.
 */
final class KojiShapes {

    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final DateTimeFormatter MICROS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS");

    private KojiShapes() {
    }

    static Map<String, Object> build(StandinBuild b) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", b.id());
        m.put("version", b.version());
        m.put("release", b.release());
        m.put("build_id", b.id());
        m.put("epoch", b.epoch());
        m.put("draft", false);
        m.put("state", b.state());
        m.put("completion_time", time(b.completionTs()));
        m.put("promotion_time", null);
        m.put("start_time", time(b.startTs()));
        m.put("task_id", b.taskId());
        m.put("creation_event_id", b.creationEventId());
        m.put("creation_time", time(b.creationTs()));
        m.put("package_id", b.packageId());
        m.put("package_name", b.name());
        m.put("name", b.name());
        m.put("volume_id", 0);
        m.put("volume_name", "DEFAULT");
        m.put("nvr", b.nvr());
        m.put("creation_ts", b.creationTs());
        m.put("start_ts", b.startTs());
        m.put("completion_ts", b.completionTs());
        m.put("promotion_ts", null);
        m.put("owner_id", b.ownerId());
        m.put("owner_name", b.ownerName());
        m.put("promoter_id", null);
        m.put("promoter_name", null);
        m.put("cg_id", null);
        m.put("source", b.source());
        m.put("extra", b.extra());
        m.put("cg_name", null);
        return m;
    }

    /** A {@code listTagged} row: no {@code *_ts}, no source; extra only when asked for. */
    static Map<String, Object> tagged(StandinBuild b, StandinTag tag, boolean withExtra) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("tag_id", tag.id());
        m.put("tag_name", tag.name());
        m.put("id", b.id());
        m.put("build_id", b.id());
        m.put("version", b.version());
        m.put("release", b.release());
        m.put("epoch", b.epoch());
        m.put("state", b.state());
        m.put("completion_time", time(b.completionTs()));
        m.put("promotion_time", null);
        m.put("start_time", time(b.startTs()));
        m.put("task_id", b.taskId());
        m.put("draft", false);
        m.put("owner_id", b.ownerId());
        m.put("owner_name", b.ownerName());
        m.put("promoter_id", null);
        m.put("promoter_name", null);
        m.put("creation_event_id", b.creationEventId());
        m.put("creation_time", time(b.creationTs()));
        m.put("volume_id", 0);
        m.put("volume_name", "DEFAULT");
        m.put("package_id", b.packageId());
        m.put("package_name", b.name());
        m.put("name", b.name());
        m.put("nvr", b.nvr());
        m.put("create_event", b.creationEventId());
        if (withExtra) {
            m.put("extra", b.extra());
        }
        return m;
    }

    static Map<String, Object> rpm(StandinRpm r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", r.id());
        m.put("name", r.name());
        m.put("version", r.version());
        m.put("release", r.release());
        m.put("nvr", r.name() + "-" + r.version() + "-" + r.release());
        m.put("arch", r.arch());
        m.put("epoch", r.epoch());
        m.put("draft", false);
        m.put("payloadhash", r.payloadhash());
        m.put("size", r.size());
        m.put("buildtime", r.buildtime());
        m.put("build_id", r.buildId());
        m.put("buildroot_id", r.buildrootId());
        m.put("external_repo_id", 0);
        m.put("external_repo_name", "INTERNAL");
        m.put("metadata_only", false);
        m.put("extra", null);
        return m;
    }

    static Map<String, Object> tag(StandinTag t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", t.id());
        m.put("name", t.name());
        m.put("perm_id", t.perm() == null ? null : 1);
        m.put("perm", t.perm());
        m.put("arches", t.arches());
        m.put("locked", t.locked());
        m.put("maven_support", false);
        m.put("maven_include_all", false);
        m.put("extra", t.extra());
        return m;
    }

    static Map<String, Object> dep(KojiDep d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", d.name());
        m.put("version", d.version());
        m.put("flags", d.flags());
        m.put("type", d.type());
        return m;
    }

    /** The hub reads dependency types in this order (getRPMDeps loops REQUIRE, PROVIDE, CONFLICT, OBSOLETE, ...). */
    static final List<Integer> DEP_ORDER = List.of(KojiDep.REQUIRES, KojiDep.PROVIDES, KojiDep.CONFLICTS,
            KojiDep.OBSOLETES, KojiDep.SUGGESTS, KojiDep.ENHANCES, KojiDep.SUPPLEMENTS, KojiDep.RECOMMENDS);

    /** {@code 2017-09-05 20:18:39.235390+00:00}; Python leaves the fraction out when it is zero. */
    static String time(Double epochSeconds) {
        if (epochSeconds == null) {
            return null;
        }
        long micros = Math.round(epochSeconds * 1_000_000);
        Instant instant = Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000), Math.floorMod(micros, 1_000_000) * 1000L);
        OffsetDateTime utc = instant.atOffset(ZoneOffset.UTC);
        return (utc.getNano() == 0 ? SECONDS : MICROS).format(utc) + "+00:00";
    }
}
