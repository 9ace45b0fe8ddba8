package org.fedoraproject.pdcupdater.handler.modules;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import org.fedoraproject.pdcupdater.pdc.resource.Rpms.NewRpm;
import org.fedoraproject.pdcupdater.source.koji.KojiBuild;
import org.fedoraproject.pdcupdater.source.koji.KojiClient;
import org.fedoraproject.pdcupdater.source.koji.KojiRpm;

/**
 * The RPMs of a module: every RPM of every build tagged into the module's Koji tag (two requests:
 * {@code listTagged}, then {@code listRPMs} for all builds in one multicall), as the original's
 * {@code get_module_rpms} read them. Source RPMs of the module's components carry the commit MBS built
 * ({@code xmd.mbs.rpms.<name>.ref}) and, when the component asked for something else (a branch),
 * that as {@code srpm_commit_branch}.
 */
public final class ModuleRpms {

    private final KojiClient koji;

    public ModuleRpms(KojiClient koji) {
        this.koji = koji;
    }

    public List<NewRpm> of(String kojiTag, Modulemd modulemd) {
        List<KojiBuild> builds = koji.listTagged(kojiTag, false, false);
        Map<Integer, List<KojiRpm>> rpms = koji.listRPMs(builds.stream().map(KojiBuild::id).toList());
        List<NewRpm> out = new ArrayList<>();
        for (KojiBuild build : builds) {
            for (KojiRpm rpm : rpms.getOrDefault(build.id(), List.of())) {
                out.add(toPdc(build, rpm, modulemd));
            }
        }
        out.sort(Comparator.comparing(ModuleRpms::filename));
        return out;
    }

    /** How PDC lists a module's RPMs: {@code name-epoch:version-release.arch.rpm}. */
    public static String filename(NewRpm rpm) {
        return rpm.name() + "-" + rpm.epoch() + ":" + rpm.version() + "-" + rpm.release() + "." + rpm.arch() + ".rpm";
    }

    private static NewRpm toPdc(KojiBuild build, KojiRpm rpm, Modulemd modulemd) {
        String commitHash = null;
        String commitBranch = null;
        if (rpm.isSource() && modulemd.componentRefs().containsKey(rpm.name())
                && modulemd.builtCommits().containsKey(rpm.name())) {
            commitHash = modulemd.builtCommits().get(rpm.name());
            String asked = modulemd.componentRefs().get(rpm.name());
            commitBranch = asked.equals(commitHash) ? null : asked;
        }
        return new NewRpm(rpm.name(), rpm.epochForPdc(), rpm.version(), rpm.release(), rpm.arch(), build.name(),
                rpm.isSource() ? null : build.nvr(), null, null, null, null, commitHash, commitBranch);
    }
}
