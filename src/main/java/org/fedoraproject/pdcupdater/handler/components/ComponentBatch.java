package org.fedoraproject.pdcupdater.handler.components;

import org.fedoraproject.pdcupdater.pdc.ChangeComment;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Collects what PDC lacks during a walk over pkgdb and writes it a chunk at a time, so initialize and audit repair
 * hold one chunk of pending writes, never the whole source.
 */
final class ComponentBatch {

    private final ComponentWriter writer;
    private final ChangeComment comment;
    private final int chunk;
    private final Set<String> globals = new LinkedHashSet<>();
    private final List<DesiredComponent> components = new ArrayList<>();
    private long written;

    ComponentBatch(ComponentWriter writer, int chunk, ChangeComment comment) {
        this.writer = writer;
        this.comment = comment;
        this.chunk = Math.max(1, chunk);
    }

    void addGlobal(String name) {
        globals.add(name);
        flushIfFull();
    }

    void addComponent(DesiredComponent component) {
        components.add(component);
        flushIfFull();
    }

    /** Writes what is pending; returns how many objects were sent in all. */
    long flush() {
        if (!globals.isEmpty() || !components.isEmpty()) {
            written += writer.createAll(globals, components, comment);
            globals.clear();
            components.clear();
        }
        return written;
    }

    private void flushIfFull() {
        if (globals.size() + components.size() >= chunk) {
            flush();
        }
    }
}
