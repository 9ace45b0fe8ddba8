package org.fedoraproject.pdcupdater.source.mbs;

/**
 * Filters for listing module builds; null means "any".
 *
 * @param name     module name
 * @param stream   stream
 * @param state    state name or number, as MBS accepts both
 * @param verbose  include modulemd and tasks (heavier pages)
 * @param pageSize {@code per_page}
 */
public record ModuleBuildQuery(String name, String stream, String state, boolean verbose, int pageSize) {

    public ModuleBuildQuery {
        pageSize = Math.max(1, pageSize);
    }

    public static ModuleBuildQuery byName(String name) {
        return new ModuleBuildQuery(name, null, null, false, 50);
    }

    public ModuleBuildQuery withPageSize(int size) {
        return new ModuleBuildQuery(name, stream, state, verbose, size);
    }

    public ModuleBuildQuery withVerbose(boolean value) {
        return new ModuleBuildQuery(name, stream, state, value, pageSize);
    }
}
