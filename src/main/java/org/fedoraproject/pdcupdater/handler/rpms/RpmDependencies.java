package org.fedoraproject.pdcupdater.handler.rpms;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.fedoraproject.pdcupdater.source.koji.KojiClient;
import org.fedoraproject.pdcupdater.source.koji.KojiDep;
import org.fedoraproject.pdcupdater.source.koji.KojiRpm;

/**
 * The {@code dependencies} of PDC {@code rpms/} rows (contract 2.17: {@code {"provides": ["name" or "name OP
 * version"], "requires": [...], ...}}) read from Koji: {@code getRPMDeps} of every RPM of a build in one
 * {@code system.multicall}, so a build costs one Koji request more, whatever its number of RPMs. The dependency
 * chain handler resolves requirements to components through these provides ({@code rpms/?provides=}).
 *
 * <p>What PDC cannot hold is left out: Koji's enhances and supplements (PDC has no such kind), rich dependencies
 * ({@code (a or b)}: PDC takes one token as name), and requirements that carry more than a version comparison,
 * which rpm adds for itself ({@code rpmlib(...)}) and for scriptlet interpreters ({@code /sbin/ldconfig} of
 * {@code %post}): not packages the RPM depends on, as the dependency chain handler also reads them.
 */
final class RpmDependencies {

    private static final Map<Integer, String> KINDS = Map.of(KojiDep.PROVIDES, "provides", KojiDep.REQUIRES, "requires",
            KojiDep.OBSOLETES, "obsoletes", KojiDep.CONFLICTS, "conflicts", KojiDep.RECOMMENDS, "recommends",
            KojiDep.SUGGESTS, "suggests");
    private static final List<String> ORDER = List.of("provides", "requires", "obsoletes", "conflicts", "recommends",
            "suggests");

    private RpmDependencies() {
    }

    /** Each RPM's dependencies in PDC's form, by Koji RPM id; one Koji request for all (batch size permitting). */
    static Map<Integer, Map<String, List<String>>> of(KojiClient koji, List<KojiRpm> rpms) {
        return of(koji.getRPMDeps(rpms.stream().map(KojiRpm::id).toList()));
    }

    /** Each RPM's dependencies in PDC's form, by Koji RPM id, out of Koji's {@code getRPMDeps} answers. */
    static Map<Integer, Map<String, List<String>>> of(Map<Integer, List<KojiDep>> deps) {
        Map<Integer, Map<String, List<String>>> out = new LinkedHashMap<>();
        deps.forEach((id, list) -> out.put(id, forPdc(list)));
        return out;
    }

    /** All six kinds, each a list (possibly empty), in the order PDC prints them. */
    static Map<String, List<String>> forPdc(List<KojiDep> deps) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        ORDER.forEach(kind -> out.put(kind, new ArrayList<>()));
        for (KojiDep d : deps) {
            String kind = KINDS.get(d.type());
            if (kind == null || d.name().chars().anyMatch(Character::isWhitespace) || d.name().startsWith("(")) {
                continue;
            }
            if (d.type() == KojiDep.REQUIRES && (!d.isPlainComparison() || d.name().startsWith("rpmlib("))) {
                continue;
            }
            String op = d.operator();
            String text = op.isEmpty() || d.version().isEmpty() ? d.name() : d.name() + " " + op + " " + d.version();
            if (!out.get(kind).contains(text)) {
                out.get(kind).add(text);
            }
        }
        return out;
    }
}
