package org.fedoraproject.pdcupdater.source;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.Configuration;
import org.apache.camel.PropertyInject;
import org.fedoraproject.pdcupdater.handler.ReleaseMapping;
import org.fedoraproject.pdcupdater.pdc.PdcClient;
import org.fedoraproject.pdcupdater.pdc.PdcSettings;
import org.fedoraproject.pdcupdater.pdc.resource.Pdc;
import org.fedoraproject.pdcupdater.sandbox.EmbeddedSystems;
import org.fedoraproject.pdcupdater.sandbox.SandboxSettings;
import org.fedoraproject.pdcupdater.sandbox.compose.ComposeTreeStandin;
import org.fedoraproject.pdcupdater.sandbox.koji.KojiData;
import org.fedoraproject.pdcupdater.sandbox.koji.KojiStandin;
import org.fedoraproject.pdcupdater.sandbox.standin.StandinSet;
import org.fedoraproject.pdcupdater.source.distgit.DistGitClient;
import org.fedoraproject.pdcupdater.source.fas.FasClient;
import org.fedoraproject.pdcupdater.source.fas.FasCredentials;
import org.fedoraproject.pdcupdater.source.groups.ComponentGroupsClient;
import org.fedoraproject.pdcupdater.source.http.HttpClients;
import org.fedoraproject.pdcupdater.source.http.HttpSettings;
import org.fedoraproject.pdcupdater.source.koji.KojiBuildContents;
import org.fedoraproject.pdcupdater.source.koji.KojiClient;
import org.fedoraproject.pdcupdater.source.koji.KojiClientSettings;
import org.fedoraproject.pdcupdater.source.mbs.MbsClient;
import org.fedoraproject.pdcupdater.source.pkgdb.PkgdbClient;

/**
 * Binds the PDC client and the source-system clients the handlers use. When {@code pdc.url} is
 * empty (the embedded default) it first starts the PDC sandbox and the source-system stand-ins
 * in this process, and points every client whose URL is empty at them.
 */
@Configuration
public class SourcesConfiguration implements CamelConfiguration {

    /** The token the embedded sandbox accepts; it guards nothing but a local test server. */
    public static final String SANDBOX_TOKEN = "embedded-sandbox-token";

    @PropertyInject(value = "pdc.url", defaultValue = "")
    private String pdcUrl;
    @PropertyInject(value = "pdc.token", defaultValue = "")
    private String pdcToken;
    @PropertyInject(value = "pdc.token-file", defaultValue = "")
    private String pdcTokenFile;
    @PropertyInject(value = "pdc.bulk-chunk-size", defaultValue = "500")
    private int pdcBulkChunkSize;
    @PropertyInject(value = "sandbox.host", defaultValue = "127.0.0.1")
    private String sandboxHost;
    @PropertyInject(value = "sandbox.port", defaultValue = "8000")
    private int sandboxPort;
    @PropertyInject(value = "sandbox.db-url", defaultValue = "jdbc:h2:file:./data/pdc-sandbox")
    private String sandboxDbUrl;
    @PropertyInject(value = "sandbox.releases-file", defaultValue = "config/sandbox-releases.json")
    private String sandboxReleasesFile;
    @PropertyInject(value = "sandbox.standins-port", defaultValue = "8001")
    private int standinsPort;
    @PropertyInject(value = "fas.url", defaultValue = "")
    private String fasUrl;
    @PropertyInject(value = "fas.username", defaultValue = "")
    private String fasUsername;
    @PropertyInject(value = "fas.password-file", defaultValue = "")
    private String fasPasswordFile;
    @PropertyInject(value = "pkgdb.url", defaultValue = "")
    private String pkgdbUrl;
    @PropertyInject(value = "distgit.url", defaultValue = "")
    private String distgitUrl;
    @PropertyInject(value = "mbs.url", defaultValue = "")
    private String mbsUrl;
    @PropertyInject(value = "koji.url", defaultValue = "")
    private String kojiUrl;
    @PropertyInject(value = "koji.connect-timeout", defaultValue = "10000")
    private long kojiConnectTimeout;
    @PropertyInject(value = "koji.read-timeout", defaultValue = "120000")
    private long kojiReadTimeout;
    @PropertyInject(value = "koji.max-attempts", defaultValue = "5")
    private int kojiMaxAttempts;
    @PropertyInject(value = "koji.max-response-size", defaultValue = "268435456")
    private long kojiMaxResponseBytes;
    @PropertyInject(value = "koji.multicall-batch-size", defaultValue = "500")
    private int kojiMulticallBatchSize;
    @PropertyInject(value = "koji.build-cache-items", defaultValue = "100000")
    private long kojiBuildCacheItems;
    @PropertyInject(value = "koji.build-cache-ttl", defaultValue = "600000")
    private long kojiBuildCacheTtl;
    @PropertyInject(value = "handlers.release-mapping", defaultValue = "config/release-mapping.properties")
    private String releaseMappingFile;

    private EmbeddedSystems embedded;
    private final HttpClient http = HttpClients.create();

    /** The embedded systems, if any were started, stop with the context. */
    @Override
    public void configure(CamelContext camelContext) throws Exception {
        if (embedded != null) {
            camelContext.addService(embedded, true, true);
        }
    }

    @BindToRegistry("pdcClient")
    public PdcClient pdcClient() {
        PdcSettings.Builder settings;
        if (pdcUrl.isBlank()) {
            settings = PdcSettings.builder(embedded().pdcApiRoot()).token(SANDBOX_TOKEN);
        } else {
            settings = PdcSettings.builder(URI.create(pdcUrl));
            if (!pdcTokenFile.isBlank()) {
                settings.tokenFile(Path.of(pdcTokenFile));
            } else if (!pdcToken.isBlank()) {
                settings.token(pdcToken);
            }
        }
        return new PdcClient(settings.bulkChunkSize(pdcBulkChunkSize).build());
    }

    @BindToRegistry("pdc")
    public Pdc pdc(PdcClient pdcClient) {
        return new Pdc(pdcClient);
    }

    @BindToRegistry("fasClient")
    public FasClient fasClient() {
        String password = fasPasswordFile.isBlank() ? "sandbox" : read(fasPasswordFile);
        String username = fasUsername.isBlank() ? "pdc-updater" : fasUsername;
        return new FasClient(http, HttpSettings.of(url(fasUrl, StandinSet.FAS_PATH)),
                new FasCredentials(username, password));
    }

    @BindToRegistry("pkgdbClient")
    public PkgdbClient pkgdbClient() {
        return new PkgdbClient(http, HttpSettings.of(url(pkgdbUrl, StandinSet.PKGDB_PATH)));
    }

    @BindToRegistry("distGitClient")
    public DistGitClient distGitClient() {
        return new DistGitClient(http, HttpSettings.of(url(distgitUrl, StandinSet.DISTGIT_PATH)));
    }

    @BindToRegistry("componentGroupsClient")
    public ComponentGroupsClient componentGroupsClient(DistGitClient distGitClient) {
        return new ComponentGroupsClient(distGitClient);
    }

    @BindToRegistry("mbsClient")
    public MbsClient mbsClient() {
        URI base = mbsUrl.isBlank() ? embedded().standin(StandinSet.MBS_PATH).resolve("module-build-service/1/")
                : URI.create(mbsUrl);
        return new MbsClient(http, HttpSettings.of(base));
    }

    /** Creating it opens no connection: a service that never asks Koji anything costs nothing. */
    @BindToRegistry("kojiClient")
    public KojiClient kojiClient() {
        KojiClientSettings defaults = KojiClientSettings.defaults(url(kojiUrl, KojiStandin.PATH));
        return new KojiClient(defaults
                .withTimeouts(Duration.ofMillis(kojiConnectTimeout), Duration.ofMillis(kojiReadTimeout))
                .withRetries(kojiMaxAttempts, defaults.initialBackoff(), defaults.maxBackoff())
                .withLimits(defaults.limits().withMaxBytes(kojiMaxResponseBytes))
                .withMulticallBatchSize(kojiMulticallBatchSize));
    }

    /** One read of a tagged build's RPMs and dependencies for both handlers of the message (rpms, depchain). */
    @BindToRegistry("kojiBuildContents")
    public KojiBuildContents kojiBuildContents(KojiClient kojiClient) {
        return new KojiBuildContents(kojiClient, kojiBuildCacheItems, Duration.ofMillis(kojiBuildCacheTtl));
    }

    @BindToRegistry("releaseMapping")
    public ReleaseMapping releaseMapping() {
        return ReleaseMapping.load(Path.of(releaseMappingFile));
    }

    private URI url(String configured, String standinPath) {
        return configured.isBlank() ? embedded().standin(standinPath) : URI.create(configured);
    }

    private synchronized EmbeddedSystems embedded() {
        if (embedded == null) {
            Path releases = Path.of(sandboxReleasesFile);
            embedded = EmbeddedSystems.start(new SandboxSettings(sandboxHost, sandboxPort, sandboxDbUrl, SANDBOX_TOKEN,
                    Files.exists(releases) ? releases : null, false), standinsPort,
                    Map.of(KojiStandin.PATH, new KojiStandin(KojiData.bundled()),
                            // composes: the compose tree stand-in (kojipkgs' /compose/), see ComposesConfiguration
                            ComposeTreeStandin.PATH, ComposeTreeStandin.bundled()));
        }
        return embedded;
    }

    private static String read(String file) {
        try {
            return Files.readString(Path.of(file)).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
