package org.fedoraproject.pdcupdater.source.mbs;

import java.util.List;
import java.util.Optional;

/**
 * One MBS module build, as {@code module-builds/<id>?verbose=true} describes it.
 *
 * @param id              MBS's build id (the {@code id} of {@code mbs.module.state.change} messages)
 * @param name            module name
 * @param stream          stream, e.g. {@code master} or {@code f28}
 * @param version         version, a timestamp-like number kept as text ({@code 20180123171544})
 * @param context         8 hex characters; MBS before 1.6 had none and PDC then used {@code 00000000}
 * @param state           the state number
 * @param stateName       the state name, e.g. {@code ready}
 * @param stateReason     why it is in that state (failures), usually null
 * @param kojiTag         the koji tag its rpms are tagged into, null before {@code build}
 * @param owner           FAS user who submitted it
 * @param scmurl          where its modulemd came from
 * @param modulemd        the modulemd YAML; null when the answer was not verbose
 * @param componentBuilds ids of its component builds
 * @param tasks           its component builds by format and package, flattened
 * @param timeSubmitted   ISO-8601 UTC, e.g. {@code 2018-01-23T17:15:57Z}
 * @param timeModified    ISO-8601 UTC or null
 * @param timeCompleted   ISO-8601 UTC or null
 */
public record ModuleBuild(long id, String name, String stream, String version, String context, int state,
        String stateName, String stateReason, String kojiTag, String owner, String scmurl, String modulemd,
        List<Long> componentBuilds, List<ComponentTask> tasks, String timeSubmitted, String timeModified,
        String timeCompleted) {

    /** What PDC used when MBS gave no context. */
    public static final String DEFAULT_CONTEXT = "00000000";

    public ModuleBuild {
        componentBuilds = List.copyOf(componentBuilds);
        tasks = List.copyOf(tasks);
    }

    public Optional<ModuleState> moduleState() {
        return ModuleState.ofCode(state);
    }

    /** {@code name:stream:version:context}, the uid of PDC's {@code modules} API. */
    public String nsvc() {
        return name + ":" + stream + ":" + version + ":" + (context == null ? DEFAULT_CONTEXT : context);
    }

    /** The NVRs of the component rpms built so far. */
    public List<String> rpmNvrs() {
        return tasks.stream().filter(t -> "rpms".equals(t.format()) && t.nvr() != null).map(ComponentTask::nvr)
                .toList();
    }
}
