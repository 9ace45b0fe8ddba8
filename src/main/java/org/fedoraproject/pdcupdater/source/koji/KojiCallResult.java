package org.fedoraproject.pdcupdater.source.koji;

/** What one call of a multicall came to: its value, or the fault the hub raised for it alone. */
public sealed interface KojiCallResult {

    /** The value, or the call's fault thrown. */
    Object valueOrThrow();

    record Success(Object value) implements KojiCallResult {
        @Override
        public Object valueOrThrow() {
            return value;
        }
    }

    record Failure(KojiFaultException fault) implements KojiCallResult {
        @Override
        public Object valueOrThrow() {
            throw fault;
        }
    }
}
