package org.fedoraproject.pdcupdater.handler.components;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One release component as pkgdb says it should be, and the PDC body for it. Handle, audit and initialize all build
 * components through here, so what a message writes is exactly what initialize writes and the audit expects:
 * <ul>
 *   <li>global component = the package name;</li>
 *   <li>{@code dist_git_branch}: the release's branch ({@link ReleaseTarget#distGitBranch()});</li>
 *   <li>{@code brew_package}: the package name, as the Python handler set it (Koji package = dist-git repo);</li>
 *   <li>{@code srpm}: the package name for rpms; modules and containers have none;</li>
 *   <li>{@code bugzilla_component}: the root Bugzilla component of the package's name, when the release's bugs go
 *       to a Bugzilla product;</li>
 *   <li>{@code active}: never sent for a message (retirement is another handler's business, and a replayed old
 *       message must not revive a retired component); initialize sends {@code false} for a retired listing.</li>
 * </ul>
 *
 * @param active false when pkgdb lists the package as retired on this branch
 */
record DesiredComponent(ReleaseTarget target, String name, ComponentType type, boolean active) {

    static final String RESOURCE = "release-components";

    String releaseId() {
        return target.releaseId();
    }

    boolean wantsBugzilla() {
        return target.bugzillaProduct() != null;
    }

    /** Unique within a release: {@code <type>/<name>} (PDC's unique set is release, name, type). */
    String keyInRelease() {
        return key(type.pdcType(), name);
    }

    static String key(String pdcType, String name) {
        return pdcType + "/" + name;
    }

    /** {@code release-components/<release>/<type>/<name>}: how the audit names it. */
    String auditKey() {
        return RESOURCE + "/" + releaseId() + "/" + keyInRelease();
    }

    /** The list filter that matches exactly this component (inactive releases included, see ReleaseComponents). */
    Map<String, Object> naturalKey() {
        return naturalKey(releaseId(), name, type.pdcType());
    }

    static Map<String, Object> naturalKey(String releaseId, String name, String pdcType) {
        Map<String, Object> key = new LinkedHashMap<>();
        key.put("release", releaseId);
        key.put("name", name);
        key.put("type", pdcType);
        key.put("include_inactive_release", "1");
        return key;
    }

    /** What the audit compares for a component both sides have. */
    String comparedValue() {
        return "dist_git_branch=" + target.distGitBranch();
    }

    /** @param withActive send {@code active} (initialize of a retired listing) */
    Map<String, Object> body(boolean withActive) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("release", releaseId());
        body.put("global_component", name);
        body.put("name", name);
        body.put("type", type.pdcType());
        body.put("dist_git_branch", target.distGitBranch());
        body.put("brew_package", name);
        if (wantsBugzilla()) {
            body.put("bugzilla_component", name);
        }
        if (type.hasSrpm()) {
            body.put("srpm", Map.of("name", name));
        }
        if (withActive && !active) {
            body.put("active", false);
        }
        return body;
    }
}
