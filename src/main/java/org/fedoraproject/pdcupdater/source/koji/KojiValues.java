package org.fedoraproject.pdcupdater.source.koji;

import java.util.Collections;
import java.util.Map;

/**
 * Reads fields of the structs Koji returns. Koji sends an integer as {@code <int>} or, past 32
 * bits, {@code <i8>}, so numbers are taken as any {@link Number}; a wrong type is a clear error
 * naming the field instead of a ClassCastException somewhere later.
 */
final class KojiValues {

    private KojiValues() {
    }

    static Map<String, Object> struct(Object value, String what) {
        if (value instanceof Map<?, ?> map) {
            @SuppressWarnings("unchecked")
            Map<String, Object> struct = (Map<String, Object>) map;
            return struct;
        }
        throw new XmlRpcException("Koji returned " + describe(value) + " where a " + what + " struct belongs");
    }

    static int requiredInt(Map<String, Object> struct, String key) {
        Integer value = optionalInt(struct, key);
        if (value == null) {
            throw missing(struct, key);
        }
        return value;
    }

    static Integer optionalInt(Map<String, Object> struct, String key) {
        Object value = struct.get(key);
        if (value == null) {
            return null;
        }
        if (value instanceof Number number) {
            return Math.toIntExact(number.longValue());
        }
        throw wrongType(key, "an integer", value);
    }

    static Long optionalLong(Map<String, Object> struct, String key) {
        Object value = struct.get(key);
        if (value == null) {
            return null;
        }
        if (value instanceof Number number) {
            return number.longValue();
        }
        throw wrongType(key, "an integer", value);
    }

    static Double optionalDouble(Map<String, Object> struct, String key) {
        Object value = struct.get(key);
        if (value == null) {
            return null;
        }
        if (value instanceof Number number) {
            return number.doubleValue();
        }
        throw wrongType(key, "a number", value);
    }

    static String requiredString(Map<String, Object> struct, String key) {
        String value = optionalString(struct, key);
        if (value == null) {
            throw missing(struct, key);
        }
        return value;
    }

    static String optionalString(Map<String, Object> struct, String key) {
        Object value = struct.get(key);
        if (value == null || value instanceof String) {
            return (String) value;
        }
        // Koji's hub marshals datetimes as strings, but an older or other peer may send the type.
        if (value instanceof java.time.temporal.TemporalAccessor) {
            return value.toString();
        }
        throw wrongType(key, "a string", value);
    }

    static boolean flag(Map<String, Object> struct, String key) {
        Object value = struct.get(key);
        if (value == null) {
            return false;
        }
        if (value instanceof Boolean b) {
            return b;
        }
        throw wrongType(key, "a boolean", value);
    }

    static Map<String, Object> optionalStruct(Map<String, Object> struct, String key) {
        Object value = struct.get(key);
        if (value == null) {
            return null;
        }
        return Collections.unmodifiableMap(struct(value, key));
    }

    private static XmlRpcException missing(Map<String, Object> struct, String key) {
        return new XmlRpcException("Koji result has no '" + key + "': " + struct.keySet());
    }

    private static XmlRpcException wrongType(String key, String expected, Object value) {
        return new XmlRpcException("Koji field '" + key + "' should be " + expected + ", not " + describe(value));
    }

    private static String describe(Object value) {
        return value == null ? "nil" : value.getClass().getSimpleName() + " " + value;
    }
}
