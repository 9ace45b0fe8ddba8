package org.fedoraproject.pdcupdater.sandbox.seed;

import org.fedoraproject.pdcupdater.sandbox.db.Tx;

import java.util.List;

/**
 * The rows PDC's migrations (and Fedora's admins) put in tables that have no create API. Inserted only when
 * missing, so a restart of a file database keeps user additions and ids.
 */
public final class ReferenceData {
    /** PDC common migration 0002, in its order; deliberately without armhfp (pdc-api.md 2.2: POST it to arches/). */
    static final List<String> ARCHES = List.of("alpha", "alphaev4", "alphaev45", "alphaev5", "alphaev56", "alphaev6",
            "alphaev67", "alphaev68", "alphaev7", "alphapca56", "amd64", "arm64", "armv5tejl", "armv5tel", "armv6l",
            "armv7hl", "armv7hnl", "armv7l", "athlon", "geode", "i386", "i486", "i586", "i686", "ia32e", "ia64",
            "noarch", "nosrc", "ppc", "ppc64", "ppc64iseries", "ppc64le", "ppc64p7", "ppc64pseries", "s390", "s390x",
            "sh3", "sh4", "sh4a", "sparc", "sparc64", "sparc64v", "sparcv8", "sparcv9", "sparcv9v", "src", "x86_64",
            "aarch64");

    /** short, name, suffix. */
    static final List<String[]> RELEASE_TYPES = List.of(
            new String[]{"ga", "Release", ""},
            new String[]{"updates", "Updates", "-updates"},
            new String[]{"eus", "Extended Update Support", "-eus"},
            new String[]{"aus", "Advanced Update Support", "-aus"},
            new String[]{"els", "Extended Life Cycle Support", "-els"},
            new String[]{"fast", "FAST", "-fast"});

    /**
     * PDC seeds rpm (id 1, the default), container, zip, iso, composite. {@code module} and {@code flatpak} are
     * not seeded by PDC, but Fedora's admins added them (dist-git's modules/ and flatpaks/ namespaces map to them,
     * see pdc-updater's retirement handler), and there is no API to add them.
     */
    static final List<String> COMPONENT_TYPES = List.of("rpm", "container", "zip", "iso", "composite", "module", "flatpak");

    static final List<String> COMPOSE_TYPES = List.of("production", "nightly", "test");
    static final List<String> VARIANT_TYPES = List.of("variant", "optional", "addon", "layered-product", "module");
    static final List<String> CONTENT_CATEGORIES = List.of("binary", "debug", "source");
    static final List<String> ACCEPTANCE_STATES = List.of("untested", "passed", "failed");

    /**
     * productmd's SUPPORTED_IMAGE_FORMATS / _TYPES as synced by PDC after migrate: the lists in pdc-api.md 2.21
     * plus the ones newer productmd adds and Fedora composes use (raw.xz, vagrant boxes, ...).
     */
    static final List<String> IMAGE_FORMATS = List.of("iso", "qcow", "qcow2", "raw", "rhevm.ova", "sda.raw", "vdi",
            "vmdk", "vmx", "vsphere.ova", "docker", "tar.gz", "tar.xz", "raw.xz", "vagrant-libvirt.box",
            "vagrant-virtualbox.box", "vhd", "vhd.xz", "vhdx", "squashfs", "ova");
    static final List<String> IMAGE_TYPES = List.of("boot", "cd", "dvd", "ec2", "kvm", "live", "netinst", "p2v",
            "rescue", "docker", "raw-xz", "vagrant-libvirt", "vagrant-virtualbox", "qcow2", "dvd-ostree", "ova");

    /**
     * SLA types Fedora's release engineering defined for arbitrary branching (component-sla-types/). Unlike the
     * rest these have an API; they are seeded so branch SLAs can be posted right away.
     */
    static final List<String[]> SLAS = List.of(
            new String[]{"security_fixes", "Security fixes are released for this branch."},
            new String[]{"bug_fixes", "Bug fixes are released for this branch."},
            new String[]{"stable_api", "The API of this branch is kept stable."});

    static final List<String> RELATIONSHIP_TYPES = List.of("bundles", "executes");

    private ReferenceData() {
    }

    public static void seed(Tx tx) {
        names(tx, "arches", ARCHES);
        for (String[] t : RELEASE_TYPES) {
            if (!tx.exists("SELECT 1 FROM release_types WHERE short = ?", t[0])) {
                tx.update("INSERT INTO release_types (short, name, suffix) VALUES (?, ?, ?)", (Object[]) t);
            }
        }
        names(tx, "release_component_types", COMPONENT_TYPES);
        names(tx, "compose_types", COMPOSE_TYPES);
        names(tx, "variant_types", VARIANT_TYPES);
        names(tx, "content_categories", CONTENT_CATEGORIES);
        names(tx, "acceptance_states", ACCEPTANCE_STATES);
        names(tx, "image_formats", IMAGE_FORMATS);
        names(tx, "image_types", IMAGE_TYPES);
        names(tx, "relationship_types", RELATIONSHIP_TYPES);
        if (!tx.exists("SELECT 1 FROM slas")) {
            for (String[] s : SLAS) tx.update("INSERT INTO slas (name, description) VALUES (?, ?)", (Object[]) s);
        }
    }

    private static void names(Tx tx, String table, List<String> names) {
        for (String n : names) {
            if (!tx.exists("SELECT 1 FROM " + table + " WHERE name = ?", n)) {
                tx.update("INSERT INTO " + table + " (name) VALUES (?)", n);
            }
        }
    }
}
