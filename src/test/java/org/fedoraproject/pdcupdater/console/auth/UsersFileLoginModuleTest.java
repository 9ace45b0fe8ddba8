package org.fedoraproject.pdcupdater.console.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;

import javax.security.auth.Subject;
import javax.security.auth.callback.NameCallback;
import javax.security.auth.callback.PasswordCallback;
import javax.security.auth.login.LoginContext;
import javax.security.auth.login.LoginException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The console's JAAS login through a real LoginContext, against a users file of PBKDF2 hashes. */
class UsersFileLoginModuleTest {

    @TempDir
    Path dir;

    private Path users() throws Exception {
        Path file = dir.resolve("users.properties");
        Files.writeString(file, "alice = " + PasswordHashes.hash("s3cret".toCharArray(), 1000) + ", admin, viewer\n"
                + "plain = s3cret, admin\n");
        return file;
    }

    private Subject login(Path users, String user, String password) throws LoginException {
        LoginContext context = new LoginContext("pdc-updater", new Subject(), callbacks -> {
            ((NameCallback) callbacks[0]).setName(user);
            ((PasswordCallback) callbacks[1]).setPassword(password.toCharArray());
        }, new UsersFileJaasConfiguration(users));
        context.login();
        return context.getSubject();
    }

    @Test
    void theRightPasswordLogsInWithTheUsersRoles() throws Exception {
        Subject subject = login(users(), "alice", "s3cret");
        assertThat(subject.getPrincipals(ConsoleUser.class)).containsExactly(new ConsoleUser("alice"));
        assertThat(ConsoleRole.has(subject, ConsoleRole.ADMIN)).isTrue();
        assertThat(ConsoleRole.has(subject, ConsoleRole.VIEWER)).isTrue();
    }

    @Test
    void aWrongPasswordAnUnknownUserOrAPlainTextEntryDoNot() throws Exception {
        Path users = users();
        assertThatThrownBy(() -> login(users, "alice", "wrong")).isInstanceOf(LoginException.class);
        assertThatThrownBy(() -> login(users, "nobody", "s3cret")).isInstanceOf(LoginException.class);
        assertThatThrownBy(() -> login(users, "plain", "s3cret")).isInstanceOf(LoginException.class);
    }

    @Test
    void hashesAreSaltedAndVerifyOnlyTheirPassword() {
        String a = PasswordHashes.hash("pw".toCharArray(), 1000);
        String b = PasswordHashes.hash("pw".toCharArray(), 1000);
        assertThat(a).isNotEqualTo(b).startsWith("pbkdf2-sha256:1000:");
        assertThat(PasswordHashes.verify("pw".toCharArray(), a)).isTrue();
        assertThat(PasswordHashes.verify("pw2".toCharArray(), a)).isFalse();
        assertThat(PasswordHashes.verify("pw".toCharArray(), "pbkdf2-sha256:x:y")).isFalse();
    }
}
