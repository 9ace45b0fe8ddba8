package org.fedoraproject.pdcupdater.db;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the service keeps its state. The password may come from a file so that it never has to
 * appear on a command line or in a process listing; {@link #toString()} never shows it.
 */
public record DatabaseSettings(String url, String user, String password, String passwordFile, int poolSize) {

    public String effectivePassword() {
        if (passwordFile != null && !passwordFile.isBlank()) {
            try {
                return Files.readString(Path.of(passwordFile)).strip();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read db.password-file " + passwordFile, e);
            }
        }
        return password == null ? "" : password;
    }

    @Override
    public String toString() {
        return "DatabaseSettings[url=" + url + ", user=" + user + ", poolSize=" + poolSize + "]";
    }
}
