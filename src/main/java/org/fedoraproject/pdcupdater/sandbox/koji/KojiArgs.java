package org.fedoraproject.pdcupdater.sandbox.koji;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.fedoraproject.pdcupdater.source.koji.KojiFaultException;

/**
 * Binds XML-RPC parameters to a hub method's Python signature the way the hub does: a trailing
 * struct with {@code __starstar: true} holds keyword arguments (koji.decode_args), the rest are
 * positional. A mismatch is a ParameterError fault, as {@code koji.util.call_with_argcheck} raises.
 */
final class KojiArgs {

    private final Map<String, Object> values;

    private KojiArgs(Map<String, Object> values) {
        this.values = values;
    }

    /**
     * @param required how many of {@code names}, from the start, have no default
     * @param names    the method's parameter names in order
     */
    static KojiArgs bind(String method, List<Object> params, int required, String... names) {
        List<Object> positional = new ArrayList<>(params);
        Map<String, Object> keywords = Map.of();
        if (!positional.isEmpty() && positional.get(positional.size() - 1) instanceof Map<?, ?> last
                && Boolean.TRUE.equals(last.get("__starstar"))) {
            positional.remove(positional.size() - 1);
            Map<String, Object> opts = new LinkedHashMap<>();
            last.forEach((k, v) -> opts.put((String) k, v));
            opts.remove("__starstar");
            keywords = opts;
        }
        if (positional.size() > names.length) {
            throw parameterError(method + "() takes at most " + names.length + " arguments ("
                    + positional.size() + " given)");
        }
        List<String> known = Arrays.asList(names);
        Map<String, Object> values = new LinkedHashMap<>();
        for (int i = 0; i < positional.size(); i++) {
            values.put(names[i], positional.get(i));
        }
        for (Map.Entry<String, Object> keyword : keywords.entrySet()) {
            if (!known.contains(keyword.getKey())) {
                throw parameterError(method + "() got an unexpected keyword argument '" + keyword.getKey() + "'");
            }
            if (values.containsKey(keyword.getKey())) {
                throw parameterError(method + "() got multiple values for argument '" + keyword.getKey() + "'");
            }
            values.put(keyword.getKey(), keyword.getValue());
        }
        for (int i = 0; i < required; i++) {
            if (!values.containsKey(names[i])) {
                throw parameterError(method + "() missing required argument: '" + names[i] + "'");
            }
        }
        return new KojiArgs(values);
    }

    Object get(String name) {
        return values.get(name);
    }

    /** Python truthiness, as Koji's {@code if latest:} reads it. */
    boolean truthy(String name, boolean otherwise) {
        Object value = values.get(name);
        if (value == null) {
            return values.containsKey(name) ? false : otherwise;
        }
        if (value instanceof Boolean b) {
            return b;
        }
        if (value instanceof Number n) {
            return n.longValue() != 0;
        }
        if (value instanceof String s) {
            return !s.isEmpty();
        }
        return true;
    }

    Integer integer(String name) {
        Object value = values.get(name);
        if (value == null) {
            return null;
        }
        if (value instanceof Number n) {
            return n.intValue();
        }
        throw new KojiFaultException(KojiFaultException.GENERIC_ERROR,
                "Invalid type for argument " + name + ": " + value.getClass().getSimpleName());
    }

    String string(String name) {
        Object value = values.get(name);
        return value == null ? null : value.toString();
    }

    private static KojiFaultException parameterError(String message) {
        return new KojiFaultException(KojiFaultException.PARAMETER_ERROR, message);
    }
}
