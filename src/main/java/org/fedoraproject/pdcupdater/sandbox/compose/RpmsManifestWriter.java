package org.fedoraproject.pdcupdater.sandbox.compose;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Writes a productmd rpms manifest ({@code rpms.json}) in the layout Pungi publishes: {@code header.version},
 * {@code payload.compose}, and {@code payload.rpms.<variant>.<arch>.<srpm nevra>.<rpm nevra> = {category, path,
 * sigkey}}, keys sorted and indented by four spaces with Python 2's {@code ", "} item separator, exactly like the
 * composeinfo.json and images.json of compose Fedora-24-20151130.n.2. Each source package gives, per variant and
 * arch, its .src.rpm (category source), one binary and one -debuginfo (category debug). It streams: any size costs
 * no memory.
 */
public final class RpmsManifestWriter {

    /** Binary RPM arch per compose (tree) arch, as Fedora builds them. */
    private static final Map<String, String> RPM_ARCH = Map.of("armhfp", "armv7hl", "i386", "i686",
            "x86_64", "x86_64", "aarch64", "aarch64", "ppc64le", "ppc64le", "s390x", "s390x");
    /** Fedora 24's primary key id; every tenth package is unsigned (sigkey null), as in nightly composes. */
    private static final String SIGKEY = "81b46521";

    /**
     * @param composeId       payload.compose.id
     * @param date            payload.compose.date, {@code YYYYMMDD}
     * @param respin          payload.compose.respin
     * @param type            payload.compose.type ({@code nightly}, {@code production}, {@code test})
     * @param variantArches   variant uid → its arches
     * @param packagesPerArch source packages in every variant/arch
     */
    public record Spec(String composeId, String date, int respin, String type, Map<String, List<String>> variantArches,
                       int packagesPerArch) {

        public Spec {
            variantArches = new TreeMap<>(variantArches);
        }

        public Spec withPackagesPerArch(int packages) {
            return new Spec(composeId, date, respin, type, variantArches, packages);
        }

        /** Source packages × 3 RPMs per variant/arch. */
        public long rpmEntries() {
            return 3L * packagesPerArch * variantArches.values().stream().mapToInt(List::size).sum();
        }
    }

    private RpmsManifestWriter() {
    }

    public static void write(Path file, Spec spec) {
        try (OutputStream out = Files.newOutputStream(file)) {
            write(out, spec);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    public static void write(OutputStream out, Spec spec) {
        try {
            Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
            w.write("{\n    \"header\": {\n        \"version\": \"1.0\"\n    }, \n    \"payload\": {\n");
            w.write("        \"compose\": {\n            \"date\": \"" + spec.date() + "\", \n            \"id\": \""
                    + spec.composeId() + "\", \n            \"respin\": " + spec.respin() + ", \n            \"type\": \""
                    + spec.type() + "\"\n        }, \n        \"rpms\": {");
            boolean firstVariant = true;
            for (Map.Entry<String, List<String>> variant : spec.variantArches().entrySet()) {
                w.write(firstVariant ? "\n" : ", \n");
                firstVariant = false;
                w.write("            \"" + variant.getKey() + "\": {");
                List<String> arches = variant.getValue().stream().sorted().toList();
                for (int a = 0; a < arches.size(); a++) {
                    w.write(a == 0 ? "\n" : ", \n");
                    writeArch(w, variant.getKey(), arches.get(a), spec.packagesPerArch());
                }
                w.write("\n            }");
            }
            w.write("\n        }\n    }\n}");
            w.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The packages per variant/arch that make a manifest of about {@code bytes} (measured on a small one, so the
     * estimate follows any change of the layout above).
     */
    public static int packagesForSize(Spec spec, long bytes) {
        int sample = 200;
        long small = measure(spec.withPackagesPerArch(sample));
        long empty = measure(spec.withPackagesPerArch(0));
        double perPackage = (small - empty) / (double) sample;
        return (int) Math.max(1, Math.round((bytes - empty) / perPackage));
    }

    private static long measure(Spec spec) {
        long[] count = {0};
        write(new OutputStream() {
            @Override
            public void write(int b) {
                count[0]++;
            }

            @Override
            public void write(byte[] b, int off, int len) {
                count[0] += len;
            }
        }, spec);
        return count[0];
    }

    private static void writeArch(Writer w, String variant, String arch, int packages) throws IOException {
        w.write("                \"" + arch + "\": {");
        for (int i = 0; i < packages; i++) {
            List<Entry> entries = packageEntries(variant, arch, i);
            w.write(i == 0 ? "\n" : ", \n");
            w.write("                    \"" + entries.get(0).srpm() + "\": {\n");
            for (int r = 0; r < entries.size(); r++) {
                entry(w, entries.get(r), r > 0);
            }
            w.write("\n                    }");
        }
        w.write("\n                }");
    }

    /**
     * One RPM entry of the manifest: {@code payload.rpms.<variant>.<arch>.<srpm>.<nevra> = {category, path, sigkey}}
     * ({@code sigkey} null for an unsigned RPM).
     */
    public record Entry(String variant, String arch, String srpm, String nevra, String category, String path,
                        String sigkey) {
    }

    /** Every entry the manifest of {@code spec} lists, in the order {@link #write} writes them. */
    public static void forEachEntry(Spec spec, Consumer<Entry> action) {
        spec.variantArches().forEach((variant, arches) -> arches.stream().sorted().forEach(arch -> {
            for (int i = 0; i < spec.packagesPerArch(); i++) {
                packageEntries(variant, arch, i).forEach(action);
            }
        }));
    }

    /** The three RPMs of source package number {@code i} in one variant/arch, sorted by NEVRA as productmd writes them. */
    private static List<Entry> packageEntries(String variant, String arch, int i) {
        String rpmArch = RPM_ARCH.getOrDefault(arch, arch);
        // Zero-padded, so the names sort as productmd's sort_keys=True writes them.
        String name = String.format("pkg%07d", i);
        String version = (1 + i % 9) + "." + (i % 17);
        String release = (1 + i % 5) + ".fc24";
        String sigkey = i % 10 == 9 ? null : SIGKEY;
        String srpm = name + "-0:" + version + "-" + release + ".src";
        String letter = name.substring(0, 1);
        String file = name + "-" + version + "-" + release;
        Entry[] entries = {
                new Entry(variant, arch, srpm, name + "-0:" + version + "-" + release + "." + rpmArch, "binary",
                        variant + "/" + arch + "/os/Packages/" + letter + "/" + file + "." + rpmArch + ".rpm", sigkey),
                new Entry(variant, arch, srpm, srpm, "source",
                        variant + "/source/tree/Packages/" + letter + "/" + file + ".src.rpm", sigkey),
                new Entry(variant, arch, srpm, name + "-debuginfo-0:" + version + "-" + release + "." + rpmArch, "debug",
                        variant + "/" + arch + "/debug/tree/Packages/" + letter + "/" + name + "-debuginfo-" + version
                                + "-" + release + "." + rpmArch + ".rpm", sigkey)};
        Arrays.sort(entries, Comparator.comparing(Entry::nevra));
        return List.of(entries);
    }

    private static void entry(Writer w, Entry e, boolean comma) throws IOException {
        if (comma) {
            w.write(", \n");
        }
        String sigkey = e.sigkey() == null ? "null" : "\"" + e.sigkey() + "\"";
        w.write("                        \"" + e.nevra() + "\": {\n                            \"category\": \""
                + e.category() + "\", \n                            \"path\": \"" + e.path()
                + "\", \n                            \"sigkey\": " + sigkey + "\n                        }");
    }
}
