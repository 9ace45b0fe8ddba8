package org.fedoraproject.pdcupdater.pdc.resource;

import com.fasterxml.jackson.databind.JsonNode;
import org.fedoraproject.pdcupdater.pdc.ChangeComment;
import org.fedoraproject.pdcupdater.pdc.PdcClient;
import org.fedoraproject.pdcupdater.pdc.PdcResource;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code rpms/} (2.17); natural key NEVRA. No DELETE in PDC. The {@code name} filter is an unanchored regular
 * expression, so lookups anchor and escape it.
 */
public final class Rpms extends ResourceFacade<Rpms.Rpm> {

    public record Nevra(String name, int epoch, String version, String release, String arch) {
        public Nevra {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(version, "version");
            Objects.requireNonNull(release, "release");
            Objects.requireNonNull(arch, "arch");
            if (epoch < 0) {
                throw new IllegalArgumentException("epoch must be >= 0 (send 0, not null)");
            }
        }

        /** The list filter matching exactly this NEVRA. */
        public Map<String, Object> filter() {
            return ResourceFacade.filter("name", "^" + escapeRegex(name) + "$", "epoch", epoch,
                    "version", version, "release", release, "arch", arch);
        }

        @Override
        public String toString() {
            return name + "-" + epoch + ":" + version + "-" + release + "." + arch;
        }
    }

    public record Rpm(Integer id, String name, Integer epoch, String version, String release, String arch,
                      String srpmName, String srpmNevra, String filename, List<String> linkedReleases,
                      List<String> linkedComposes, String builtForRelease,
                      Map<String, List<String>> dependencies, String srpmCommitHash, String srpmCommitBranch) {
        public Nevra nevra() {
            return new Nevra(name, epoch == null ? 0 : epoch, version, release, arch);
        }
    }

    /**
     * A create body. {@code epoch} is an int (PDC wants 0, not null). {@code srpmNevra} must be null exactly when
     * {@code arch} is {@code src} (PDC answers 400 otherwise), checked here so the mistake fails before the request.
     * Null fields are left out.
     */
    public record NewRpm(String name, int epoch, String version, String release, String arch, String srpmName,
                         String srpmNevra, String filename, List<String> linkedReleases, String builtForRelease,
                         Map<String, List<String>> dependencies, String srpmCommitHash, String srpmCommitBranch) {
        public NewRpm {
            Nevra checked = new Nevra(name, epoch, version, release, arch);
            Objects.requireNonNull(srpmName, "srpmName");
            if ("src".equals(checked.arch()) != (srpmNevra == null)) {
                throw new IllegalArgumentException("srpm_nevra must be null if and only if arch is src: " + checked);
            }
        }

        public static NewRpm of(Nevra nevra, String srpmName, String srpmNevra) {
            return new NewRpm(nevra.name(), nevra.epoch(), nevra.version(), nevra.release(), nevra.arch(), srpmName,
                    srpmNevra, null, null, null, null, null, null);
        }

        public Nevra nevra() {
            return new Nevra(name, epoch, version, release, arch);
        }
    }

    public Rpms(PdcClient pdc) {
        super(pdc, PdcResource.RPMS, Rpm.class);
    }

    public Optional<Rpm> get(int id) {
        return read(pdc.find(resource.path(), id));
    }

    public Optional<Rpm> find(Nevra nevra) {
        return read(pdc.findOne(resource.path(), nevra.filter()));
    }

    /** Get-or-create by NEVRA. */
    public Rpm ensure(NewRpm rpm, ChangeComment comment) {
        return read(pdc.ensure(resource.path(), rpm.nevra().filter(), PdcJson.body(rpm), comment));
    }

    /** Get-or-create many: bulk POSTs, falling back to one by one for a chunk holding an existing RPM. */
    public List<Rpm> ensureAll(List<NewRpm> rpms, ChangeComment comment) {
        List<JsonNode> bodies = rpms.stream().<JsonNode>map(PdcJson::body).toList();
        return PdcJson.readAll(pdc.bulkEnsure(resource.path(), bodies, Rpms::nevraFilterOf, comment), Rpm.class);
    }

    /**
     * Adds a release to the RPM's {@code linked_releases}. PATCH replaces the whole list, so this reads the current
     * list fresh (not from PDC's 30 s cache, which could miss a link added a moment ago and make the PATCH drop it)
     * and sends nothing when the link is already there.
     *
     * @return the RPM as it is afterwards
     * @throws org.fedoraproject.pdcupdater.pdc.PdcNotFoundException when there is no such RPM
     */
    public Rpm linkRelease(Nevra nevra, String releaseId, ChangeComment comment) {
        Rpm current = read(pdc.findOneFresh(resource.path(), nevra.filter())).orElseThrow(() ->
                new IllegalArgumentException("no RPM " + nevra + " in PDC"));
        List<String> linked = plus(current.linkedReleases(), releaseId);
        return linked == null ? current : setLinkedReleases(current.id(), linked, comment);
    }

    /** Replaces {@code linked_releases} with exactly {@code releaseIds}. */
    public Rpm setLinkedReleases(int id, List<String> releaseIds, ChangeComment comment) {
        return read(pdc.patch(resource.path(), id, Map.of("linked_releases", releaseIds), comment));
    }

    private static Map<String, ?> nevraFilterOf(JsonNode body) {
        return new Nevra(body.path("name").asText(), body.path("epoch").asInt(), body.path("version").asText(),
                body.path("release").asText(), body.path("arch").asText()).filter();
    }

    /** Escapes regex metacharacters; a backslash before a non-alphanumeric is literal in PostgreSQL and Python. */
    static String escapeRegex(String literal) {
        StringBuilder sb = new StringBuilder();
        for (char c : literal.toCharArray()) {
            if (".^$*+?()[]{}|\\".indexOf(c) >= 0) {
                sb.append('\\');
            }
            sb.append(c);
        }
        return sb.toString();
    }
}
