package org.fedoraproject.pdcupdater.fedmsg;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * fedmsg's {@code routing_policy}: which certificate names (CN) may publish which topic
 * ({@code fedmsg.crypto.utils.validate_policy}).
 *
 * <p>If the topic is in the policy, the signer must be in its list (exact, case-sensitive match on the
 * whole topic and the whole CN). If it is not, the message is allowed unless {@code nitpicky}.
 *
 * <p>File format: a JSON object, topic to array of CN strings, e.g.
 * {@code {"org.fedoraproject.prod.buildsys.tag": ["koji-koji01.phx2.fedoraproject.org"]}}.
 */
public final class RoutingPolicy {

    private static final RoutingPolicy EMPTY = new RoutingPolicy(Map.of());

    private final Map<String, Set<String>> allowed;

    private RoutingPolicy(Map<String, Set<String>> allowed) {
        this.allowed = allowed;
    }

    public static RoutingPolicy empty() {
        return EMPTY;
    }

    public static RoutingPolicy of(Map<String, ? extends Collection<String>> policy) {
        Map<String, Set<String>> m = new LinkedHashMap<>();
        policy.forEach((topic, names) -> m.put(topic, Set.copyOf(names)));
        return new RoutingPolicy(Map.copyOf(m));
    }

    /** Reads a policy file; throws {@link IllegalArgumentException} when it is not a valid policy. */
    public static RoutingPolicy load(Path file) throws IOException {
        return parse(Files.readAllBytes(file), file.toString());
    }

    static RoutingPolicy parse(byte[] json, String source) {
        ObjectMapper mapper = EnvelopeParser.mapper();
        JsonNode root;
        try {
            root = mapper.readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException("routing policy " + source + " is not valid JSON: "
                    + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("routing policy " + source
                    + " must be a JSON object mapping topic to a list of certificate names");
        }
        Map<String, Set<String>> m = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : root.properties()) {
            JsonNode names = e.getValue();
            if (!names.isArray()) {
                throw new IllegalArgumentException("routing policy " + source + ": the value for topic '"
                        + e.getKey() + "' must be a list of certificate names");
            }
            java.util.HashSet<String> set = new java.util.HashSet<>();
            for (JsonNode n : names) {
                if (!n.isTextual()) {
                    throw new IllegalArgumentException("routing policy " + source + ": topic '" + e.getKey()
                            + "' lists a non-string certificate name");
                }
                set.add(n.textValue());
            }
            m.put(e.getKey(), Set.copyOf(set));
        }
        return new RoutingPolicy(Map.copyOf(m));
    }

    /** True when the policy has an entry for {@code topic}. */
    public boolean covers(String topic) {
        return allowed.containsKey(topic);
    }

    /** fedmsg's {@code validate_policy(topic, signer, routing_policy, nitpicky)}. */
    public boolean allows(String topic, String signer, boolean nitpicky) {
        Set<String> names = allowed.get(topic);
        if (names != null) {
            return signer != null && names.contains(signer);
        }
        return !nitpicky;
    }

    public int size() {
        return allowed.size();
    }
}
