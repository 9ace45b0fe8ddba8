package org.fedoraproject.pdcupdater.console.web;

import javax.security.auth.login.Configuration;

import io.hawt.HawtioContextListener;
import io.hawt.system.ConfigManager;
import io.hawt.web.auth.AuthenticationConfiguration;
import jakarta.servlet.ServletContext;

/**
 * Hawtio's start-up (its MBeans, configuration and security) with the console's JAAS configuration added in code,
 * where a WAR would need {@code -Djava.security.auth.login.config}.
 */
class ConsoleHawtioListener extends HawtioContextListener {

    private final Configuration jaas;

    ConsoleHawtioListener(ConfigManager configManager, Configuration jaas) {
        super(configManager);
        this.jaas = jaas;
    }

    @Override
    protected void configureAuthenticationProviders(ServletContext context, AuthenticationConfiguration authConfig) {
        authConfig.addConfiguration(jaas);
    }
}
