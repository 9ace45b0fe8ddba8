package org.fedoraproject.pdcupdater.handler.groups;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.Configuration;
import org.apache.camel.PropertyInject;
import org.fedoraproject.pdcupdater.pdc.resource.Pdc;
import org.fedoraproject.pdcupdater.source.distgit.DistGitClient;
import org.fedoraproject.pdcupdater.source.groups.ComponentGroupConfig;
import org.fedoraproject.pdcupdater.source.groups.ComponentGroupSpec;
import org.fedoraproject.pdcupdater.source.groups.ComponentGroupsClient;
import org.fedoraproject.pdcupdater.source.http.HttpClients;
import org.fedoraproject.pdcupdater.source.http.HttpSettings;

/**
 * Binds {@code componentGroupsHandler}, the bean of route {@code direct:component-groups}
 * (routes/groups.camel.yaml). Which groups, from which repository, file and branches:
 * {@code handlers.groups.config}. Where that repository is served: {@code handlers.groups.git-url}
 * (Fedora: {@code https://pagure.io/} for {@code fedora-atomic}); empty means the dist-git server
 * ({@code distgit.url}, or the embedded stand-in).
 */
@Configuration
public class ComponentGroupsConfiguration implements CamelConfiguration {

    @PropertyInject(value = "handlers.groups.config", defaultValue = "config/component-groups.json")
    private String configFile;
    @PropertyInject(value = "handlers.groups.git-url", defaultValue = "")
    private String gitUrl;

    @BindToRegistry("componentGroupsHandler")
    public ComponentGroupsHandler componentGroupsHandler(Pdc pdc, ComponentGroupsClient componentGroupsClient) {
        ComponentGroupsClient client = gitUrl.isBlank() ? componentGroupsClient
                : new ComponentGroupsClient(new DistGitClient(HttpClients.create(), HttpSettings.of(URI.create(gitUrl))));
        return new ComponentGroupsHandler(pdc, client, load(Path.of(configFile)));
    }

    static List<ComponentGroupSpec> load(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return ComponentGroupConfig.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read component group configuration " + file, e);
        }
    }
}
