package org.fedoraproject.pdcupdater.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;

/** Generates productmd rpms manifests for tests and measurements, streaming so large ones stay cheap. */
final class RpmManifests {
    private RpmManifests() {
    }

    static String generate(String composeId, int packages) {
        StringBuilder sb = new StringBuilder();
        write(sb, composeId, packages);
        return sb.toString();
    }

    /** {@code packages} source RPMs in Everything/x86_64, each with a -libs and a -devel binary; plus noise for an unknown variant. */
    static void write(Appendable out, String composeId, int packages) {
        try {
            out.append("{\"header\": {\"type\": \"productmd.rpms\", \"version\": \"1.2\"}, \"payload\": {\"compose\": {\"date\": \"20151130\", ")
                    .append("\"id\": \"").append(composeId).append("\", \"respin\": 2, \"type\": \"nightly\"}, \"rpms\": {\"Everything\": {\"x86_64\": {");
            for (int i = 0; i < packages; i++) {
                String n = "pkg" + i;
                String srpm = n + "-0:1.0-1.fc24.src";
                if (i > 0) out.append(", ");
                out.append('"').append(srpm).append("\": {");
                entry(out, srpm, "Everything/source/tree/Packages/p/" + n + "-1.0-1.fc24.src.rpm", "source", false);
                entry(out, n + "-libs-0:1.0-1.fc24.x86_64", "Everything/x86_64/os/Packages/p/" + n + "-libs-1.0-1.fc24.x86_64.rpm", "binary", true);
                entry(out, n + "-devel-0:1.0-1.fc24.x86_64", "Everything/x86_64/os/Packages/p/" + n + "-devel-1.0-1.fc24.x86_64.rpm", "binary", true);
                out.append('}');
            }
            out.append("}}, \"Unknown\": {\"x86_64\": {\"x-0:1-1.src\": {\"x-0:1-1.src\": {\"path\": \"x.rpm\", \"sigkey\": null, ")
                    .append("\"category\": \"source\"}}}}}}}");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void entry(Appendable out, String nevra, String path, String category, boolean comma) throws IOException {
        if (comma) out.append(", ");
        out.append('"').append(nevra).append("\": {\"path\": \"").append(path).append("\", \"sigkey\": \"81b46521\", \"category\": \"")
                .append(category).append("\"}");
    }

    static void write(Writer w, String composeId, int packages) {
        write((Appendable) w, composeId, packages);
    }
}
