package org.fedoraproject.pdcupdater.handler.components;

import com.fasterxml.jackson.databind.JsonNode;
import org.fedoraproject.pdcupdater.fedmsg.FedmsgEnvelope;
import org.fedoraproject.pdcupdater.handler.InvalidMessageException;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What a {@code pkgdb.package.new} or {@code pkgdb.package.branch.new} message says: a package now lives on a
 * branch. The layout changed over the years, and every variant is read here:
 * <ul>
 *   <li>pkgdb1 (2013): the name only in {@code package_listing.package.name}, no namespace;</li>
 *   <li>pkgdb2 {@code package.new}: {@code package_name} at the top (what the Python handler read) and the
 *       listing;</li>
 *   <li>pkgdb2 {@code branch.new}: the listing plus a top-level {@code package}, both with {@code namespace}
 *       once namespaces came (2016; {@code docker} before {@code container}).</li>
 * </ul>
 * The branch is always {@code package_listing.collection.branchname}. A message whose names disagree, or that
 * lacks the name or the branch, or names an unknown namespace, is rejected with the reason.
 *
 * @param name   the package (= global component and release component name)
 * @param type   from the namespace; rpms when the message has none
 * @param branch the pkgdb branch, e.g. {@code devel}, {@code master}, {@code f27}, {@code epel7}
 */
public record PackageBranchEvent(String name, ComponentType type, String branch) {

    /** Fedora package names (and PDC's 200-character limit); never a '/', which would break bugzilla paths. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._+-]{0,199}");

    public static PackageBranchEvent from(FedmsgEnvelope message) {
        JsonNode msg = message.msg();
        JsonNode listing = msg.path("package_listing");
        String where = message.topic() + " " + message.msgId() + ": ";

        List<String> names = new ArrayList<>();
        addIfText(names, msg.path("package_name"));
        addIfText(names, listing.path("package").path("name"));
        addIfText(names, msg.path("package").path("name"));
        if (names.isEmpty()) {
            throw new InvalidMessageException(where + "no package name (looked at package_name, "
                    + "package_listing.package.name, package.name)");
        }
        String name = names.get(0);
        if (names.stream().anyMatch(n -> !n.equals(name))) {
            throw new InvalidMessageException(where + "the message names different packages: " + names);
        }
        if (!NAME.matcher(name).matches()) {
            throw new InvalidMessageException(where + "not a package name: '" + name + "'");
        }

        List<String> namespaces = new ArrayList<>();
        addIfText(namespaces, listing.path("package").path("namespace"));
        addIfText(namespaces, msg.path("package").path("namespace"));
        addIfText(namespaces, msg.path("namespace"));
        String namespace = namespaces.isEmpty() ? null : namespaces.get(0);
        if (namespaces.stream().anyMatch(n -> !n.equals(namespace))) {
            throw new InvalidMessageException(where + "the message names different namespaces: " + namespaces);
        }
        ComponentType type = ComponentType.forNamespace(namespace).orElseThrow(() -> new InvalidMessageException(
                where + "namespace '" + namespace + "' has no PDC component type (known: rpms, modules, container)"));

        JsonNode branch = listing.path("collection").path("branchname");
        if (!branch.isTextual() || branch.textValue().isBlank()) {
            throw new InvalidMessageException(where + "no branch (package_listing.collection.branchname)");
        }
        return new PackageBranchEvent(name, type, branch.textValue().strip());
    }

    private static void addIfText(List<String> into, JsonNode node) {
        if (node.isTextual() && !node.textValue().isBlank()) {
            into.add(node.textValue().strip());
        }
    }
}
