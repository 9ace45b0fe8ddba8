package org.fedoraproject.pdcupdater.console.auth;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Principal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import javax.security.auth.Subject;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.CallbackHandler;
import javax.security.auth.callback.NameCallback;
import javax.security.auth.callback.PasswordCallback;
import javax.security.auth.callback.UnsupportedCallbackException;
import javax.security.auth.login.FailedLoginException;
import javax.security.auth.login.LoginException;
import javax.security.auth.spi.LoginModule;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * JAAS login against a properties file of {@code user = <password hash>, role[, role...]} lines (option
 * {@code file}). The file is read at every login, so adding or removing a user needs no restart. Only
 * {@link PasswordHashes} hashes are accepted: a plain-text password in the file logs nobody in.
 */
public class UsersFileLoginModule implements LoginModule {

    public static final String FILE_OPTION = "file";
    private static final Logger LOG = LoggerFactory.getLogger(UsersFileLoginModule.class);

    private Subject subject;
    private CallbackHandler callbackHandler;
    private Path file;
    private final List<Principal> principals = new ArrayList<>();
    private boolean succeeded;

    @Override
    public void initialize(Subject subject, CallbackHandler callbackHandler, Map<String, ?> sharedState,
                           Map<String, ?> options) {
        this.subject = subject;
        this.callbackHandler = callbackHandler;
        Object location = options.get(FILE_OPTION);
        this.file = location == null ? null : Path.of(location.toString());
    }

    @Override
    public boolean login() throws LoginException {
        if (file == null) {
            throw new LoginException("no users file configured");
        }
        NameCallback name = new NameCallback("user");
        PasswordCallback password = new PasswordCallback("password", false);
        try {
            callbackHandler.handle(new Callback[] {name, password});
        } catch (IOException | UnsupportedCallbackException e) {
            throw new LoginException("cannot read the credentials: " + e.getMessage());
        }
        String user = name.getName();
        char[] secret = password.getPassword();
        password.clearPassword();
        try {
            String entry = user == null ? null : users().getProperty(user);
            // The hash is computed even for an unknown user, so response time does not reveal which users exist.
            String[] fields = entry == null ? new String[] {"pbkdf2-sha256:1:AA:AA"} : entry.split("\\s*,\\s*");
            boolean matches = PasswordHashes.verify(secret == null ? new char[0] : secret, fields[0]);
            if (entry == null || !matches) {
                LOG.warn("Console login refused for user '{}'", user);
                throw new FailedLoginException("wrong user name or password");
            }
            principals.clear();
            principals.add(new ConsoleUser(user));
            Arrays.stream(fields).skip(1).filter(r -> !r.isBlank()).map(ConsoleRole::new).forEach(principals::add);
            succeeded = true;
            return true;
        } finally {
            if (secret != null) {
                Arrays.fill(secret, '\0');
            }
        }
    }

    private Properties users() throws LoginException {
        Properties users = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            users.load(reader);
        } catch (IOException e) {
            LOG.error("Cannot read console users file {}: {}", file, e.getMessage());
            throw new LoginException("users file unreadable");
        }
        return users;
    }

    @Override
    public boolean commit() {
        if (!succeeded) {
            return false;
        }
        subject.getPrincipals().addAll(principals);
        return true;
    }

    @Override
    public boolean abort() {
        principals.clear();
        succeeded = false;
        return true;
    }

    @Override
    public boolean logout() {
        subject.getPrincipals().removeAll(principals);
        principals.clear();
        return true;
    }
}
