package org.fedoraproject.pdcupdater.handler.modules;

import com.fasterxml.jackson.databind.JsonNode;
import org.fedoraproject.pdcupdater.handler.InvalidMessageException;
import org.fedoraproject.pdcupdater.pdc.resource.Modules;
import org.fedoraproject.pdcupdater.source.mbs.ModuleBuild;
import org.fedoraproject.pdcupdater.source.mbs.ModuleState;

/**
 * A module build in a state, from an {@code mbs.module.state.change} message or from MBS itself
 * (audit and initialize): the handler treats both alike.
 *
 * @param mbsId   MBS's build id (where the modulemd is read from)
 * @param context the build's context; MBS before 1.6 sent none and PDC then used {@code 00000000}
 * @param kojiTag the tag its RPMs go to; null before the {@code build} state
 */
public record ModuleEvent(long mbsId, String name, String stream, String version, String context,
        ModuleState state, String kojiTag) {

    public String uid() {
        return Modules.uid(name, stream, version, context);
    }

    public static ModuleEvent fromMessage(JsonNode msg) {
        String name = required(msg, "name");
        String stream = required(msg, "stream");
        String version = required(msg, "version");
        JsonNode id = msg.path("id");
        if (!id.canConvertToLong()) {
            throw new InvalidMessageException("mbs.module.state.change without an integer \"id\"");
        }
        String context = optional(msg, "context");
        return new ModuleEvent(id.asLong(), name, stream, version,
                context == null ? ModuleBuild.DEFAULT_CONTEXT : context, state(msg), optional(msg, "koji_tag"));
    }

    public static ModuleEvent fromBuild(ModuleBuild b) {
        ModuleState state = ModuleState.ofName(b.stateName()).or(b::moduleState).orElse(null);
        return new ModuleEvent(b.id(), b.name(), b.stream(), b.version(),
                b.context() == null ? ModuleBuild.DEFAULT_CONTEXT : b.context(), state, b.kojiTag());
    }

    /** {@code state_name}, or the state number where a message has only that. */
    private static ModuleState state(JsonNode msg) {
        String name = optional(msg, "state_name");
        if (name != null) {
            return ModuleState.ofName(name).orElseThrow(() ->
                    new InvalidMessageException("unknown module state \"" + name + "\""));
        }
        JsonNode code = msg.path("state");
        if (code.canConvertToInt()) {
            return ModuleState.ofCode(code.asInt()).orElseThrow(() ->
                    new InvalidMessageException("unknown module state " + code.asInt()));
        }
        throw new InvalidMessageException("mbs.module.state.change without state_name or state");
    }

    private static String required(JsonNode msg, String field) {
        String value = optional(msg, field);
        if (value == null) {
            throw new InvalidMessageException("mbs.module.state.change without \"" + field + "\"");
        }
        return value;
    }

    private static String optional(JsonNode msg, String field) {
        JsonNode v = msg.get(field);
        return v == null || v.isNull() || v.isContainerNode() || v.asText().isBlank() ? null : v.asText();
    }
}
