package org.fedoraproject.pdcupdater.sandbox.resources;

/**
 * An RPM NEVRA as productmd manifests write it: {@code name-epoch:version-release.arch} (epoch optional,
 * also accepted in front: {@code epoch:name-version-release.arch}); a trailing ".rpm" is ignored.
 */
record Nevra(String name, int epoch, String version, String release, String arch) {

    static Nevra parse(String text) {
        String s = text.endsWith(".rpm") ? text.substring(0, text.length() - 4) : text;
        int dot = s.lastIndexOf('.');
        if (dot <= 0) throw new IllegalArgumentException("not a NEVRA: " + text);
        String arch = s.substring(dot + 1);
        s = s.substring(0, dot);
        int dash = s.lastIndexOf('-');
        if (dash <= 0) throw new IllegalArgumentException("not a NEVRA: " + text);
        String release = s.substring(dash + 1);
        s = s.substring(0, dash);
        dash = s.lastIndexOf('-');
        if (dash <= 0) throw new IllegalArgumentException("not a NEVRA: " + text);
        String version = s.substring(dash + 1);
        String name = s.substring(0, dash);
        int epoch = 0;
        int colon = version.indexOf(':');
        if (colon >= 0) {
            epoch = Integer.parseInt(version.substring(0, colon));
            version = version.substring(colon + 1);
        } else if (name.indexOf(':') >= 0) {
            colon = name.indexOf(':');
            epoch = Integer.parseInt(name.substring(0, colon));
            name = name.substring(colon + 1);
        }
        if (name.isEmpty() || version.isEmpty() || release.isEmpty() || arch.isEmpty()) {
            throw new IllegalArgumentException("not a NEVRA: " + text);
        }
        return new Nevra(name, epoch, version, release, arch);
    }

    /** {@code name-epoch:version-release.arch}, the manifest key form. */
    String text() {
        return name + "-" + epoch + ":" + version + "-" + release + "." + arch;
    }
}
