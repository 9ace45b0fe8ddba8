package org.fedoraproject.pdcupdater.source.koji;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One hub call: method, positional arguments and keyword arguments. Koji has no keyword arguments
 * in XML-RPC; its client appends them as a last struct flagged {@code __starstar: true} and the hub
 * unpacks that (koji/__init__.py {@code encode_args}/{@code decode_args}). {@link #params()} does
 * the same.
 */
public record KojiCall(String method, List<Object> args, Map<String, Object> kwargs) {

    public KojiCall {
        // Copies that allow null: nil is a legitimate Koji argument.
        args = Collections.unmodifiableList(new ArrayList<>(args));
        kwargs = Collections.unmodifiableMap(new LinkedHashMap<>(kwargs));
    }

    public static KojiCall of(String method, Object... args) {
        return new KojiCall(method, Arrays.asList(args), Map.of());
    }

    /** This call with one more keyword argument. */
    public KojiCall with(String name, Object value) {
        Map<String, Object> more = new LinkedHashMap<>(kwargs);
        more.put(name, value);
        return new KojiCall(method, args, more);
    }

    /** The XML-RPC parameters, keyword arguments folded in as Koji's client does. */
    public List<Object> params() {
        if (kwargs.isEmpty()) {
            return args;
        }
        Map<String, Object> opts = new LinkedHashMap<>(kwargs);
        opts.put("__starstar", Boolean.TRUE);
        List<Object> params = new ArrayList<>(args);
        params.add(opts);
        return params;
    }
}
