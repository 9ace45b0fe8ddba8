package org.fedoraproject.pdcupdater.handler.rpms;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.fedoraproject.pdcupdater.pdc.resource.Rpms;
import org.fedoraproject.pdcupdater.source.koji.KojiRpm;

/**
 * One {@code rpms/} row as Koji says it should be: the NEVRA (epoch 0 where Koji has none), the source package
 * it was built from, and the file name. {@code srpmNevra} is null exactly for the source RPM itself, as PDC
 * demands (contract 2.17). {@code dependencies} are PDC's {@code dependencies} field ({@link RpmDependencies}), or null
 * when they were not read from Koji (the audit compares NEVRAs and reads them only for rows it writes).
 */
public record RpmRow(Rpms.Nevra nevra, String srpmName, String srpmNevra, String filename,
                     Map<String, List<String>> dependencies) {

    public RpmRow {
        Objects.requireNonNull(nevra, "nevra");
        Objects.requireNonNull(srpmName, "srpmName");
        Objects.requireNonNull(filename, "filename");
        if ("src".equals(nevra.arch()) != (srpmNevra == null)) {
            throw new IllegalArgumentException("srpm_nevra must be null if and only if arch is src: " + nevra);
        }
        dependencies = dependencies == null ? null : Map.copyOf(dependencies);
    }

    public RpmRow(Rpms.Nevra nevra, String srpmName, String srpmNevra, String filename) {
        this(nevra, srpmName, srpmNevra, filename, null);
    }

    /**
     * The rows of one build. The source package is the build's {@code src} RPM; a build without one (imported
     * builds can lack it) is named after the build itself, which is what Koji calls the source package.
     *
     * @param buildName    the build's package name (the SRPM name)
     * @param buildVersion the build's version, for a build without a {@code src} RPM
     * @param buildRelease the build's release, likewise
     */
    public static List<RpmRow> ofBuild(String buildName, String buildVersion, String buildRelease,
                                       List<KojiRpm> rpms) {
        return ofBuild(buildName, buildVersion, buildRelease, rpms, Map.of());
    }

    /** Likewise, each row with its dependencies from {@code dependencies} (by Koji RPM id; absent = not read). */
    static List<RpmRow> ofBuild(String buildName, String buildVersion, String buildRelease, List<KojiRpm> rpms,
                                Map<Integer, Map<String, List<String>>> dependencies) {
        KojiRpm srpm = rpms.stream().filter(KojiRpm::isSource).findFirst().orElse(null);
        String srpmName = srpm != null ? srpm.name() : buildName;
        String srpmNevra = srpm != null ? nevraOf(srpm).toString()
                : new Rpms.Nevra(buildName, rpms.isEmpty() ? 0 : rpms.get(0).epochForPdc(), buildVersion,
                        buildRelease, "src").toString();
        List<RpmRow> rows = new ArrayList<>(rpms.size());
        for (KojiRpm rpm : rpms) {
            rows.add(new RpmRow(nevraOf(rpm), srpmName, rpm.isSource() ? null : srpmNevra, rpm.filename(),
                    dependencies.get(rpm.id())));
        }
        return rows;
    }

    static Rpms.Nevra nevraOf(KojiRpm rpm) {
        return new Rpms.Nevra(rpm.name(), rpm.epochForPdc(), rpm.version(), rpm.release(), rpm.arch());
    }

    /** The natural key as text, {@code name-epoch:version-release.arch}: what audits report and compare. */
    public String key() {
        return nevra.toString();
    }

    /** The create body: this row linked to {@code releases} (PDC takes the links in the same request). */
    ObjectNode createBody(List<String> releases) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("name", nevra.name());
        body.put("epoch", nevra.epoch());
        body.put("version", nevra.version());
        body.put("release", nevra.release());
        body.put("arch", nevra.arch());
        body.put("srpm_name", srpmName);
        if (srpmNevra == null) {
            body.putNull("srpm_nevra");
        } else {
            body.put("srpm_nevra", srpmNevra);
        }
        body.put("filename", filename);
        releases.forEach(body.putArray("linked_releases")::add);
        if (dependencies != null) {
            body.set("dependencies", dependenciesJson());
        }
        return body;
    }

    /** {@code dependencies} as PDC takes it; only for a row whose dependencies were read. */
    ObjectNode dependenciesJson() {
        ObjectNode deps = JsonNodeFactory.instance.objectNode();
        dependencies.forEach((kind, list) -> list.forEach(deps.withArray(kind)::add));
        return deps;
    }
}
