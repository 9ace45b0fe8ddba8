package org.fedoraproject.pdcupdater.console;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.fedoraproject.pdcupdater.console.auth.PasswordHashes;

/** A console users file for tests: an admin and a viewer with hashed passwords. */
final class ConsoleUsers {

    static final String ADMIN = "alice";
    static final String ADMIN_PASSWORD = "alice-secret-1";
    static final String VIEWER = "bob";
    static final String VIEWER_PASSWORD = "bob-secret-2";

    private ConsoleUsers() {
    }

    static Path write(Path dir) {
        Path file = dir.resolve("console-users.properties");
        try {
            Files.writeString(file, ADMIN + " = " + PasswordHashes.hash(ADMIN_PASSWORD.toCharArray()) + ", admin\n"
                    + VIEWER + " = " + PasswordHashes.hash(VIEWER_PASSWORD.toCharArray()) + ", viewer\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }
}
