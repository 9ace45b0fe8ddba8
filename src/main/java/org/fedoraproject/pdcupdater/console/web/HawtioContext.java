package org.fedoraproject.pdcupdater.console.web;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Map;

import io.hawt.system.ConfigManager;
import io.hawt.web.auth.AuthConfigurationServlet;
import io.hawt.web.auth.AuthenticationFilter;
import io.hawt.web.auth.ClientRouteRedirectFilter;
import io.hawt.web.auth.LoginServlet;
import io.hawt.web.auth.LogoutServlet;
import io.hawt.web.auth.SessionExpiryFilter;
import io.hawt.web.auth.keycloak.KeycloakServlet;
import io.hawt.web.auth.keycloak.KeycloakUserServlet;
import io.hawt.web.filters.BaseTagHrefFilter;
import io.hawt.web.filters.ResponseHeadersFilter;
import io.hawt.web.plugin.PluginServlet;
import io.hawt.web.proxy.ProxyServlet;
import jakarta.servlet.DispatcherType;
import org.eclipse.jetty.ee10.servlet.DefaultServlet;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.ee10.servlet.SessionHandler;
import org.eclipse.jetty.http.HttpCookie;
import org.eclipse.jetty.util.resource.ResourceFactory;
import org.fedoraproject.pdcupdater.console.ConsoleSettings;
import org.fedoraproject.pdcupdater.console.auth.ConsoleRole;
import org.fedoraproject.pdcupdater.console.auth.ConsoleUser;
import org.fedoraproject.pdcupdater.console.auth.UsersFileJaasConfiguration;
import org.jolokia.server.core.http.AgentServlet;
import org.jolokia.server.core.service.api.Restrictor;

/**
 * {@code /hawtio}: the Hawtio console as hawtio.war's web.xml lays it out (same filters in the same order, same
 * servlets), built in code on Jetty 12 so that it runs inside the service's jar.
 *
 * <p>Differences from the WAR, on purpose: the Connect plugin's proxy is off (it would let the console reach other
 * JVMs), the Jolokia agent runs with {@link ConsoleRestrictor}, logins use the console's users file, and the
 * session cookie is {@code SameSite=Strict} and {@code HttpOnly} (a cross-site page cannot ride on it).
 */
public final class HawtioContext {

    static final String REALM = "pdc-updater";

    private HawtioContext() {
    }

    public static ServletContextHandler create(ConsoleSettings settings, boolean authenticationRequired,
                                               Restrictor restrictor) {
        ServletContextHandler context = new ServletContextHandler(ServletContextHandler.SESSIONS);
        context.setContextPath("/hawtio");
        ResourceFactory resources = ResourceFactory.of(context);
        // Our branding (hawtconfig.json) first, then Hawtio's built console.
        context.setBaseResource(ResourceFactory.combine(resources.newClassLoaderResource("console-static/"),
                resources.newClassLoaderResource("hawtio-static/")));
        context.setWelcomeFiles(new String[] {"index.html"});

        SessionHandler sessions = context.getSessionHandler();
        sessions.setHttpOnly(true);
        sessions.setSameSite(HttpCookie.SameSite.STRICT);
        sessions.setMaxInactiveInterval(settings.sessionTimeoutSeconds());

        ConfigManager config = new ConfigManager(Map.of(
                "authenticationEnabled", String.valueOf(authenticationRequired),
                "realm", REALM,
                "roles", ConsoleRole.VIEWER + "," + ConsoleRole.ADMIN,
                "rolePrincipalClasses", ConsoleRole.class.getName(),
                "userPrincipalClasses", ConsoleUser.class.getName(),
                // No Tomcat users file, no Keycloak, no proxy to other JVMs.
                "authenticationContainerDiscoveryClasses", "",
                "keycloakEnabled", "false",
                "disableProxy", "true",
                "localAddressProbing", "false",
                "sessionTimeout", String.valueOf(settings.sessionTimeoutSeconds()))::get);
        context.addEventListener(new ConsoleHawtioListener(config,
                new UsersFileJaasConfiguration(Path.of(settings.usersFile()))));

        EnumSet<DispatcherType> request = EnumSet.of(DispatcherType.REQUEST);
        EnumSet<DispatcherType> all = EnumSet.of(DispatcherType.REQUEST, DispatcherType.FORWARD, DispatcherType.ERROR);
        context.addFilter(new FilterHolder(new SessionExpiryFilter()), "/*", request);
        context.addFilter(new FilterHolder(new ResponseHeadersFilter()), "/*", request);
        FilterHolder authentication = new FilterHolder(new AuthenticationFilter());
        context.addFilter(authentication, "/jolokia/*", request);
        context.addFilter(authentication, "/proxy/*", request);
        context.addFilter(new FilterHolder(new ClientRouteRedirectFilter()), "/*", request);
        FilterHolder baseTag = new FilterHolder(new BaseTagHrefFilter());
        context.addFilter(baseTag, "/", all);
        context.addFilter(baseTag, "/index.html", all);

        ServletHolder jolokia = new ServletHolder("jolokia-agent", new AgentServlet(restrictor));
        // As hawtio.war: its own qualifier for Jolokia's MBeans, and no exception details or stack traces in answers.
        jolokia.setInitParameter("mbeanQualifier", "qualifier=hawtio");
        jolokia.setInitParameter("allowErrorDetails", "false");
        jolokia.setInitParameter("includeStackTrace", "false");
        jolokia.setInitParameter("discoveryEnabled", "false");
        jolokia.setInitOrder(1);
        context.addServlet(jolokia, "/jolokia/*");
        ServletHolder proxy = new ServletHolder("jolokia-proxy", new ProxyServlet());
        proxy.setInitParameter("proxyAllowlist", "");
        context.addServlet(proxy, "/proxy/*");
        context.addServlet(new ServletHolder("user", new KeycloakUserServlet()), "/user/*");
        context.addServlet(new ServletHolder("auth-config", new AuthConfigurationServlet()), "/auth/config/*");
        context.addServlet(new ServletHolder("login", new LoginServlet()), "/auth/login");
        context.addServlet(new ServletHolder("logout", new LogoutServlet()), "/auth/logout");
        context.addServlet(new ServletHolder("keycloak", new KeycloakServlet()), "/keycloak/*");
        context.addServlet(new ServletHolder("plugin", new PluginServlet()), "/plugin/*");

        ServletHolder files = new ServletHolder("static", new DefaultServlet());
        files.setInitParameter("dirAllowed", "false");
        files.setInitParameter("etags", "true");
        context.addServlet(files, "/");
        return context;
    }
}
