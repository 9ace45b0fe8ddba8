package org.fedoraproject.pdcupdater.console.auth;

import java.nio.file.Path;
import java.util.Map;

import javax.security.auth.login.AppConfigurationEntry;
import javax.security.auth.login.Configuration;

/**
 * The console's JAAS configuration, made in code rather than with {@code -Djava.security.auth.login.config}, so
 * the jar needs no JVM flag: one {@link UsersFileLoginModule} reading the given users file.
 */
public class UsersFileJaasConfiguration extends Configuration {

    private final AppConfigurationEntry[] entries;

    public UsersFileJaasConfiguration(Path usersFile) {
        this.entries = new AppConfigurationEntry[] {new AppConfigurationEntry(UsersFileLoginModule.class.getName(),
                AppConfigurationEntry.LoginModuleControlFlag.REQUIRED,
                Map.of(UsersFileLoginModule.FILE_OPTION, usersFile.toAbsolutePath().toString()))};
    }

    @Override
    public AppConfigurationEntry[] getAppConfigurationEntry(String name) {
        return entries.clone();
    }
}
