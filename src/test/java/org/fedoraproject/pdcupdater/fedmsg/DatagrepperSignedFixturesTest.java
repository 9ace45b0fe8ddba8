package org.fedoraproject.pdcupdater.fedmsg;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ContainerNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The 25 signed production messages from fedmsg's datagrepper fixture. We do not have Fedora's CA, so
 * each message is checked against the certificate it carries: the RSA signature only verifies if our
 * canonical JSON is byte-for-byte what Python fedmsg signed in 2017.
 */
class DatagrepperSignedFixturesTest {

    static IntStream indexes() {
        return IntStream.range(0, 25);
    }

    @Test
    void fixtureHasTwentyFiveSignedMessages() {
        List<ObjectNode> all = Fixtures.datagrepperRawMessages();
        assertThat(all).hasSize(25);
        assertThat(all).allSatisfy(m -> {
            assertThat(m.path("crypto").asText()).isEqualTo("x509");
            assertThat(m.has("signature")).isTrue();
            assertThat(m.has("certificate")).isTrue();
        });
    }

    @ParameterizedTest
    @MethodSource("indexes")
    void verifiesAfterDatagrepperNormalisation(int index) {
        FedmsgEnvelope raw = Fixtures.envelope(Fixtures.datagrepperRawMessages().get(index));
        FedmsgEnvelope normalized = DatagrepperNormalizer.normalize(raw);

        assertThat(normalized.tree().has("headers")).isFalse();
        assertThat(normalized.tree().has("source_name")).isFalse();
        assertThat(normalized.timestamp()).isInstanceOf(Long.class);
        String signer = SignatureVerifier.verifyEmbeddedSignature(normalized);
        assertThat(signer).endsWith(".fedoraproject.org");
    }

    @ParameterizedTest
    @MethodSource("indexes")
    void doesNotVerifyWithoutNormalisation(int index) {
        FedmsgEnvelope raw = Fixtures.envelope(Fixtures.datagrepperRawMessages().get(index));
        assertThatThrownBy(() -> SignatureVerifier.verifyEmbeddedSignature(raw))
                .isInstanceOf(RejectedMessageException.class)
                .extracting(e -> ((RejectedMessageException) e).reason())
                .isEqualTo(RejectReason.BAD_SIGNATURE);
    }

    @ParameterizedTest
    @MethodSource("indexes")
    void eachSingleNormalisationStepIsNeeded(int index) {
        ObjectNode normalized = DatagrepperNormalizer.normalize(Fixtures.datagrepperRawMessages().get(index));
        List<Consumer<ObjectNode>> undo = List.of(
                m -> m.put("timestamp", m.get("timestamp").doubleValue()),
                m -> m.set("headers", JsonNodeFactory.instance.objectNode()),
                m -> m.put("source_name", "datanommer"),
                m -> m.put("source_version", "0.8.1"));
        for (Consumer<ObjectNode> u : undo) {
            ObjectNode m = normalized.deepCopy();
            u.accept(m);
            assertRejected(m);
        }
    }

    /** Change every leaf value, one at a time, of every message: none may still verify. */
    @ParameterizedTest
    @MethodSource("indexes")
    void changingAnySingleLeafBreaksTheSignature(int index) {
        ObjectNode normalized = DatagrepperNormalizer.normalize(Fixtures.datagrepperRawMessages().get(index));
        SignatureVerifier.verifyEmbeddedSignature(Fixtures.envelope(normalized));

        List<List<Object>> paths = new ArrayList<>();
        collectLeaves(normalized, new ArrayList<>(), paths);
        int checked = 0;
        for (List<Object> path : paths) {
            if (path.get(0).equals("signature") || path.get(0).equals("certificate")) {
                continue; // not covered by the signature; tested separately
            }
            ObjectNode copy = normalized.deepCopy();
            mutateLeaf(copy, path);
            assertThat(CanonicalJson.signedForm(copy)).as("mutation of %s changed nothing", path)
                    .isNotEqualTo(CanonicalJson.signedForm(normalized));
            assertRejectedOrUnparseable(copy, path);
            checked++;
        }
        assertThat(checked).as("leaves checked").isGreaterThanOrEqualTo(8);
    }

    @ParameterizedTest
    @MethodSource("indexes")
    void addingOrRemovingAKeyBreaksTheSignature(int index) {
        ObjectNode normalized = DatagrepperNormalizer.normalize(Fixtures.datagrepperRawMessages().get(index));
        ObjectNode added = normalized.deepCopy();
        ((ObjectNode) added.get("msg")).put("injected", true);
        assertRejected(added);
        ObjectNode removed = normalized.deepCopy();
        removed.remove("username");
        assertRejected(removed);
    }

    @ParameterizedTest
    @MethodSource("indexes")
    void aDamagedSignatureFails(int index) {
        ObjectNode m = DatagrepperNormalizer.normalize(Fixtures.datagrepperRawMessages().get(index));
        byte[] sig = Base64.getMimeDecoder().decode(m.get("signature").textValue());
        sig[sig.length / 2] ^= 1;
        m.put("signature", Base64.getEncoder().encodeToString(sig));
        assertRejected(m);
    }

    @Test
    void anotherPublishersCertificateFails() {
        List<ObjectNode> all = Fixtures.datagrepperRawMessages();
        ObjectNode copr = DatagrepperNormalizer.normalize(all.get(0));
        ObjectNode koji = DatagrepperNormalizer.normalize(all.get(4));
        assertThat(copr.get("certificate")).isNotEqualTo(koji.get("certificate"));
        copr.set("certificate", koji.get("certificate"));
        assertRejected(copr);
    }

    @Test
    void signatureWrappingDoesNotMatter() {
        ObjectNode m = DatagrepperNormalizer.normalize(Fixtures.datagrepperRawMessages().get(3));
        m.put("signature", m.get("signature").textValue().replace("\n", ""));
        m.put("certificate", m.get("certificate").textValue().replace("\n", "\r\n"));
        SignatureVerifier.verifyEmbeddedSignature(Fixtures.envelope(m));
    }

    /** The per-topic copies under fixtures/fedmsg/ (pretty-printed files) verify from their own bytes. */
    @Test
    void signedCopiesInFedmsgFolderVerifyFromFileBytes() throws IOException {
        EnvelopeParser parser = new EnvelopeParser();
        int verified = 0;
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(Fixtures.fixture("fedmsg"), "*.json")) {
            for (Path p : ds) {
                byte[] bytes = Files.readAllBytes(p);
                if (!new String(bytes, java.nio.charset.StandardCharsets.UTF_8).contains("\"signature\"")) {
                    continue; // upstream test examples, unsigned (many lack msg_id)
                }
                FedmsgEnvelope e = parser.parse(bytes);
                SignatureVerifier.verifyEmbeddedSignature(DatagrepperNormalizer.normalize(e, parser));
                verified++;
            }
        }
        assertThat(verified).isEqualTo(17); // the files copied from the datagrepper sample
    }

    @Test
    void allFiveDistinctPublishersAreCovered() {
        Set<String> signers = new HashSet<>();
        for (ObjectNode m : Fixtures.datagrepperRawMessages()) {
            signers.add(SignatureVerifier.verifyEmbeddedSignature(
                    DatagrepperNormalizer.normalize(Fixtures.envelope(m))));
        }
        assertThat(signers).containsExactlyInAnyOrder(
                "copr-copr-be.cloud.fedoraproject.org",
                "mailman-mailman01.phx2.fedoraproject.org",
                "bugzilla2fedmsg-bugzilla2fedmsg01.phx2.fedoraproject.org",
                "koji-koji01.phx2.fedoraproject.org",
                "github2fedmsg-github2fedmsg01.phx2.fedoraproject.org");
    }

    // ---------------------------------------------------------------------------------------------

    private static void assertRejected(ObjectNode tree) {
        FedmsgEnvelope e = Fixtures.envelope(tree);
        assertThatThrownBy(() -> SignatureVerifier.verifyEmbeddedSignature(e))
                .isInstanceOf(RejectedMessageException.class)
                .extracting(x -> ((RejectedMessageException) x).reason())
                .isEqualTo(RejectReason.BAD_SIGNATURE);
    }

    private static void assertRejectedOrUnparseable(ObjectNode tree, List<Object> path) {
        FedmsgEnvelope e;
        try {
            e = Fixtures.envelope(tree);
        } catch (RejectedMessageException parseError) {
            return; // e.g. i changed to a string: refused even earlier
        }
        // a changed "crypto" names an unknown backend: refused as unsigned before the RSA check
        RejectReason expected = path.equals(List.of("crypto")) ? RejectReason.UNSIGNED : RejectReason.BAD_SIGNATURE;
        assertThatThrownBy(() -> SignatureVerifier.verifyEmbeddedSignature(e))
                .as("mutated %s", path)
                .isInstanceOf(RejectedMessageException.class)
                .extracting(x -> ((RejectedMessageException) x).reason())
                .isEqualTo(expected);
    }

    private static void collectLeaves(JsonNode node, List<Object> prefix, List<List<Object>> out) {
        if (node.isObject()) {
            node.fieldNames().forEachRemaining(k -> {
                List<Object> p = new ArrayList<>(prefix);
                p.add(k);
                collectLeaves(node.get(k), p, out);
            });
            if (node.isEmpty()) {
                out.add(prefix);
            }
        } else if (node.isArray()) {
            for (int k = 0; k < node.size(); k++) {
                List<Object> p = new ArrayList<>(prefix);
                p.add(k);
                collectLeaves(node.get(k), p, out);
            }
            if (node.isEmpty()) {
                out.add(prefix);
            }
        } else {
            out.add(prefix);
        }
    }

    private static void mutateLeaf(ObjectNode root, List<Object> path) {
        ContainerNode<?> parent = root;
        for (int k = 0; k < path.size() - 1; k++) {
            Object step = path.get(k);
            parent = (ContainerNode<?>) (step instanceof String s ? parent.get(s) : parent.get((Integer) step));
        }
        Object last = path.get(path.size() - 1);
        JsonNode old = last instanceof String s ? parent.get(s) : parent.get((Integer) last);
        JsonNode replacement = mutated(old);
        if (parent instanceof ObjectNode o) {
            o.set((String) last, replacement);
        } else {
            ((ArrayNode) parent).set((Integer) last, replacement);
        }
    }

    private static JsonNode mutated(JsonNode old) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        if (old.isTextual()) {
            String s = old.textValue();
            return f.textNode(s.isEmpty() ? "x" : s.substring(0, s.length() - 1)
                    + (char) (s.charAt(s.length() - 1) == 'x' ? 'y' : 'x'));
        }
        if (old.isIntegralNumber()) {
            return f.numberNode(old.bigIntegerValue().add(java.math.BigInteger.ONE));
        }
        if (old.isNumber()) {
            return f.numberNode(Math.nextUp(old.doubleValue()));
        }
        if (old.isBoolean()) {
            return f.booleanNode(!old.booleanValue());
        }
        if (old.isNull()) {
            return f.numberNode(0);
        }
        if (old.isObject()) {          // empty object
            return f.arrayNode();
        }
        return f.objectNode();         // empty array
    }
}
