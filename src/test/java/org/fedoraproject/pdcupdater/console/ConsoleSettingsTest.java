package org.fedoraproject.pdcupdater.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

class ConsoleSettingsTest {

    private static ConsoleSettings settings(String host, String authentication) {
        return new ConsoleSettings(true, host, 8080, authentication, "config/console-users.properties",
                "classpath:config/jolokia-access.xml", List.of(), 1800);
    }

    @Test
    void loginIsRequiredByDefaultOnlyWhenOtherMachinesCanReachTheConsole() {
        assertThat(settings("127.0.0.1", "auto").authenticationRequired()).isFalse();
        assertThat(settings("::1", "auto").authenticationRequired()).isFalse();
        assertThat(settings("0.0.0.0", "auto").authenticationRequired()).isTrue();
        assertThat(settings("192.0.2.10", "").authenticationRequired()).isTrue();
    }

    @Test
    void loginCanBeRequiredOnLoopbackButNotSwitchedOffElsewhere() {
        assertThat(settings("127.0.0.1", "true").authenticationRequired()).isTrue();
        assertThat(settings("127.0.0.1", "false").authenticationRequired()).isFalse();
        assertThatThrownBy(() -> settings("0.0.0.0", "false").authenticationRequired())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("refused");
        assertThatThrownBy(() -> settings("127.0.0.1", "maybe")).isInstanceOf(IllegalArgumentException.class);
    }
}
