package org.fedoraproject.pdcupdater.source.mbs;

import java.util.Optional;

/** MBS's module build states ({@code module_build_service.models.BUILD_STATES}) with their numbers. */
public enum ModuleState {
    INIT(0), WAIT(1), BUILD(2), DONE(3), FAILED(4), READY(5), GARBAGE(6);

    private final int code;

    ModuleState(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** The name MBS uses in {@code state_name} and in messages, e.g. {@code ready}. */
    public String stateName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static Optional<ModuleState> ofCode(int code) {
        for (ModuleState s : values()) {
            if (s.code == code) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    public static Optional<ModuleState> ofName(String name) {
        for (ModuleState s : values()) {
            if (s.stateName().equals(name)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }
}
