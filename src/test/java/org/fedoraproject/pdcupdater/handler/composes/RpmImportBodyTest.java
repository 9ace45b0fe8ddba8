package org.fedoraproject.pdcupdater.handler.composes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.fedoraproject.pdcupdater.sandbox.compose.RpmsManifestWriter;
import org.fedoraproject.pdcupdater.source.compose.ManifestStream;
import org.fedoraproject.pdcupdater.source.http.SourceException;
import org.junit.jupiter.api.Test;

/** The streamed import body: what it writes, and how it refuses bad manifests. */
class RpmImportBodyTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ID = "Fedora-24-20151130.n.2";
    private static final RpmsManifestWriter.Spec SPEC = new RpmsManifestWriter.Spec(ID, "20151130", 2, "nightly",
            Map.of("Everything", List.of("x86_64", "armhfp")), 50);

    private static byte[] manifest(RpmsManifestWriter.Spec spec) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        RpmsManifestWriter.write(out, spec);
        return out.toByteArray();
    }

    private static RpmImportBody body(InputStream in, UploadFailure failure) throws IOException {
        ManifestStream source = new ManifestStream(URI.create("http://test/metadata/rpms.json"), in, OptionalLong.empty());
        JsonNode composeinfo = JSON.createObjectNode().put("composeinfo", "here");
        return new RpmImportBody(source, "fedora-24", composeinfo, ID, failure);
    }

    @Test
    void writesTheImportDocumentWithTheManifestAsItCame() throws IOException {
        byte[] manifest = manifest(SPEC);
        RpmImportBody body = body(new ByteArrayInputStream(manifest), new UploadFailure());

        JsonNode sent = JSON.readTree(body.readAllBytes());

        assertThat(sent.fieldNames()).toIterable().containsExactly("release_id", "composeinfo", "rpm_manifest");
        assertThat(sent.path("release_id").asText()).isEqualTo("fedora-24");
        assertThat(sent.path("composeinfo").path("composeinfo").asText()).isEqualTo("here");
        assertThat(sent.path("rpm_manifest")).isEqualTo(JSON.readTree(manifest));
        assertThat(body.rpms()).isEqualTo(SPEC.rpmEntries());
        assertThat(body.bytesRead()).isEqualTo(manifest.length);
    }

    @Test
    void passesStringsOnUntouchedAndLeavesOutOnlyTheWhitespaceBetweenTokens() throws IOException {
        String good = new String(manifest(SPEC), StandardCharsets.UTF_8);
        String odd = good.replace("\"path\": \"Everything/x86_64/os/Packages/p/pkg0000003",
                "\"path\": \"Everything/x86_64/os/ a\\t \\\"b\\\" \\\\ \\u00e9\\n/pkg0000003");
        byte[] manifest = odd.getBytes(StandardCharsets.UTF_8);
        byte[] sent = body(new ByteArrayInputStream(manifest), new UploadFailure()).readAllBytes();

        assertThat(JSON.readTree(sent).path("rpm_manifest")).isEqualTo(JSON.readTree(manifest));
        assertThat(new String(sent, StandardCharsets.UTF_8)).doesNotContain("\n").doesNotContain(": ")
                .contains("os/ a\\t \\\"b\\\" \\\\ \\u00e9\\n/pkg0000003");
        assertThat(sent.length).isLessThan(manifest.length * 3 / 4);
    }

    @Test
    void aByteOrderMarkIsNotPassedOn() throws IOException {
        byte[] manifest = manifest(SPEC);
        byte[] marked = new byte[manifest.length + 3];
        marked[0] = (byte) 0xEF;
        marked[1] = (byte) 0xBB;
        marked[2] = (byte) 0xBF;
        System.arraycopy(manifest, 0, marked, 3, manifest.length);

        byte[] sent = body(new ByteArrayInputStream(marked), new UploadFailure()).readAllBytes();

        assertThat(JSON.readTree(sent).path("rpm_manifest")).isEqualTo(JSON.readTree(manifest));
    }

    @Test
    void checksNevrasAsTheRegularExpressionDid() {
        java.util.regex.Pattern nevra = java.util.regex.Pattern
                .compile("^(.+)-(\\d+):([^-:/\\s]+)-([^-:/\\s]+)\\.([^.\\-:/\\s]+)$");
        List<String> keys = List.of("bash-0:5.2.26-3.fc40.x86_64", "perl-Foo-Bar-1:1.0-1.noarch", "a-1:b-1:c-d.x",
                "x-0:1-2.src", "-0:1-2.x86_64", "a-0:1-2.", "a-0:1-2", "a-:1-2.x", "a-0x:1-2.x", "a-0:1-2-3.x",
                "a-0:1:2-3.x", "a-0:1 -2.x", "a-0:1-2.x 86", "a-0:1/2-3.x", "a b-0:1-2.x", "a\nb-0:1-2.x",
                "a-0:1.2-3.4.x", "a-0:1-2.x/y", "a.b-0:1-2.x", "a-0:-2.x", "a-0:1-.x", "0:1-2.x", "a-0:1-2..x",
                "a-0:1\u2003-2.x", "a-0:1\u000b-2.x");
        for (String key : keys) {
            assertThat(RpmImportBody.isNevra(key)).as(key).isEqualTo(nevra.matcher(key).matches());
        }
    }

    @Test
    void aTruncatedManifestFailsTheStreamBeforeTheBodyIsComplete() throws IOException {
        byte[] manifest = manifest(SPEC.withPackagesPerArch(2000)); // several buffers: part of it goes out first
        UploadFailure failure = new UploadFailure();
        RpmImportBody body = body(new ByteArrayInputStream(manifest, 0, manifest.length - 40), failure);

        ByteArrayOutputStream sent = new ByteArrayOutputStream();
        assertThatThrownBy(() -> body.transferTo(sent)).isInstanceOf(IOException.class)
                .hasCauseInstanceOf(InvalidComposeMetadataException.class).hasMessageContaining("ends early");
        assertThatThrownBy(failure::rethrow).isInstanceOf(InvalidComposeMetadataException.class);
        assertThat(sent.size()).isPositive();
        assertThatThrownBy(() -> JSON.readTree(sent.toByteArray())).isInstanceOf(IOException.class);
    }

    @Test
    void refusesWhatPdcWouldRefuseOrMisread() {
        String good = new String(manifest(SPEC), StandardCharsets.UTF_8);
        Map<String, String> bad = Map.of(
                good.replace("\"id\": \"" + ID + "\"", "\"id\": \"Fedora-25-20160101.n.0\""),
                "is for compose 'Fedora-25-20160101.n.0'",
                good.replace("pkg0000007-0:", "pkg0000007-"), "not name-epoch:version-release.arch",
                good.replace("\"category\": \"source\"", "\"category\": \"sources\""), "category 'sources'",
                good.replace("\"path\": \"Everything/x86_64/os/Packages/p/pkg0000003", "\"paht\": \"x"),
                "has no path for pkg0000003",
                good + " {}", "more data after its end",
                good.replace("\"header\"", "\"headr\""), "lacks header",
                good.replace("\"sigkey\": null", "\"sigkey\": {\"key\": \"x\"}"), "sigkey that is not a string",
                good.replace("\"rpms\": {", "\"rpms\": [").replaceFirst("}\\s*}\\s*$", "]}}"), "payload.rpms that is not an object",
                "[]", "is not a JSON object");
        bad.forEach((text, reason) -> {
            UploadFailure failure = new UploadFailure();
            assertThatThrownBy(() -> body(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), failure)
                    .readAllBytes()).as(reason).isInstanceOf(IOException.class).hasMessageContaining(reason);
            assertThatThrownBy(failure::rethrow).isInstanceOf(InvalidComposeMetadataException.class);
        });
    }

    @Test
    void tokensThatOnlyWhitespaceSeparatesAreRefusedThoughLeavingItOutWouldJoinThem() {
        String good = new String(manifest(SPEC), StandardCharsets.UTF_8);
        List<String> bad = List.of(good.replace("\"sigkey\": null", "\"sigkey\": nu ll"),
                good.replace("\"path\": \"Everything", "\"path\" \"Everything"),
                good.replace("\"header\": {", "\"header\": {\"n\": [1 2],"));
        for (String text : bad) {
            UploadFailure failure = new UploadFailure();
            assertThatThrownBy(() -> body(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), failure)
                    .readAllBytes()).isInstanceOf(IOException.class).hasMessageContaining("is not valid JSON");
            assertThatThrownBy(failure::rethrow).isInstanceOf(InvalidComposeMetadataException.class);
        }
    }

    @Test
    void whitespaceBetweenTokensIsCheckedAlsoWhereAChunkEnds() throws IOException {
        String good = new String(manifest(SPEC.withPackagesPerArch(2000)), StandardCharsets.UTF_8);
        int chunk = 256 * 1024; // RpmImportBody's read size
        // the first chunk ends with "1" (lastOfFirst 0) or "1 " (1), the whitespace and "2" follow in the next
        for (String numbers : List.of("1 2", "1  2")) {
            for (int lastOfFirst : new int[]{0, 1}) {
                String head = "{\"header\": {\"pad\": \"";
                int padding = chunk - head.length() - "\", \"n\": [".length() - 1 - lastOfFirst;
                String prefix = head + "x".repeat(padding) + "\", \"n\": [";
                assertThat(prefix.length() + 1 + lastOfFirst).isEqualTo(chunk);
                String bad = good.replace("{\n    \"header\": {", prefix + numbers + "], ");
                assertThat(bad).startsWith(prefix + numbers);
                UploadFailure failure = new UploadFailure();
                assertThatThrownBy(() -> body(new ByteArrayInputStream(bad.getBytes(StandardCharsets.UTF_8)),
                        failure).readAllBytes()).as(numbers + "/" + lastOfFirst).isInstanceOf(IOException.class)
                        .hasMessageContaining("is not valid JSON") // the parser's own words, as without the copy
                        .hasMessageContaining("was expecting comma to separate Array entries");
                String fine = bad.replace("[" + numbers + "]", "[" + numbers.replaceFirst(" ", ",") + "]");
                assertThat(JSON.readTree(body(new ByteArrayInputStream(fine.getBytes(StandardCharsets.UTF_8)),
                        new UploadFailure()).readAllBytes()).path("rpm_manifest").path("header").path("n"))
                        .as(fine.substring(chunk - 4, chunk + 4)).hasSize(2);
            }
        }
    }

    @Test
    void aBrokenDownloadIsATransientSourceFailure() {
        byte[] manifest = manifest(SPEC);
        InputStream breaking = new InputStream() {
            private int pos;

            @Override
            public int read() throws IOException {
                if (pos >= manifest.length / 2) {
                    throw new IOException("connection reset");
                }
                return manifest[pos++] & 0xff;
            }
        };
        UploadFailure failure = new UploadFailure();
        assertThatThrownBy(() -> body(breaking, failure).readAllBytes()).isInstanceOf(IOException.class);
        assertThatThrownBy(failure::rethrow).isInstanceOfSatisfying(SourceException.class,
                e -> assertThat(e.isTransient()).isTrue());
    }
}
