package org.fedoraproject.pdcupdater.cluster;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.zaxxer.hikari.HikariDataSource;
import org.fedoraproject.pdcupdater.db.Database;
import org.fedoraproject.pdcupdater.db.DatabaseSettings;
import org.fedoraproject.pdcupdater.db.PostgresServer;
import org.fedoraproject.pdcupdater.pdc.PdcClient;
import org.fedoraproject.pdcupdater.pdc.PdcSettings;
import org.fedoraproject.pdcupdater.pdc.resource.Pdc;
import org.fedoraproject.pdcupdater.sandbox.PdcSandbox;
import org.fedoraproject.pdcupdater.sandbox.SandboxSettings;
import org.fedoraproject.pdcupdater.testsupport.FakeDatagrepper;
import org.fedoraproject.pdcupdater.testsupport.SignedMessages;
import org.fedoraproject.pdcupdater.testsupport.TestBus;
import org.fedoraproject.pdcupdater.testsupport.TestService;

/**
 * What two instances share in production, all real and on this machine: one PostgreSQL database,
 * one ZooKeeper, one PDC (the sandbox over HTTP), one bus publisher and a datagrepper that holds
 * every published message. Gives the settings for each instance and reads the outcome back.
 */
final class FailoverRig implements AutoCloseable {

    static final String PREFIX = "org.fedoraproject.prod.";
    static final String TOPIC = PREFIX + "fas.user.create";
    /** ZooKeeper session of the instances under test (production: 10 s). */
    static final long SESSION_TIMEOUT_MS = 3000;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path PROJECT = Path.of("").toAbsolutePath();

    final Path dir;
    final String dbUrl;
    final HikariDataSource db;
    final ZooKeeperServer zookeeper;
    final PdcSandbox sandbox;
    final Pdc pdc;
    final TestBus bus;
    final FakeDatagrepper datagrepper;
    private final SignedMessages publisher;
    final List<ObjectNode> published = new CopyOnWriteArrayList<>();

    FailoverRig(Path dir) {
        this.dir = dir;
        dbUrl = PostgresServer.newDatabase();
        db = Database.open(new DatabaseSettings(dbUrl, PostgresServer.USER, "", "", 4));
        execute("CREATE TABLE failover_handled (msg_id VARCHAR(255) NOT NULL, member VARCHAR(255) NOT NULL,"
                + " called_at TIMESTAMP NOT NULL)");
        zookeeper = new ZooKeeperServer();
        sandbox = PdcSandbox.start(SandboxSettings.inMemory("failover-" + System.nanoTime()));
        pdc = new Pdc(new PdcClient(PdcSettings.builder(sandbox.apiRoot()).token("failover-token").build()));
        bus = TestBus.onFreePort();
        datagrepper = FakeDatagrepper.empty();
        publisher = SignedMessages.publisher(dir.resolve("pki"), "fas-test");
        writeRoutes();
    }

    /**
     * An operator's working directory: the project's config/ and routes/, with dispatch sending
     * fas.user.create to the recording people handler.
     */
    private void writeRoutes() {
        Path routes = dir.resolve("routes");
        Path config = dir.resolve("config");
        try {
            Files.createDirectories(routes);
            Files.createDirectories(config);
            try (Stream<Path> files = Files.list(PROJECT.resolve("config"))) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    Files.copy(file, config.resolve(file.getFileName()));
                }
            }
            try (Stream<Path> files = Files.list(PROJECT.resolve("routes"))) {
                for (Path file : files.filter(f -> f.toString().endsWith(".camel.yaml")).toList()) {
                    Files.copy(file, routes.resolve(file.getFileName()));
                }
            }
            // fas.user.create goes to the people handler through the call-recording wrapper.
            String dispatch = Files.readString(routes.resolve("dispatch.camel.yaml"));
            String peopleStep = "                  - to: direct:people\n";
            if (!dispatch.contains(peopleStep)) {
                throw new IllegalStateException("dispatch.camel.yaml no longer sends fas.user.create to direct:people");
            }
            Files.writeString(routes.resolve("dispatch.camel.yaml"),
                    dispatch.replace(peopleStep, "                  - to: direct:failover-people\n"));
            Files.writeString(routes.resolve("failover-people.camel.yaml"), """
                    - templatedRoute:
                        routeTemplateRef: handler
                        routeId: failover-people
                        parameters:
                          - name: name
                            value: failover-people
                          - name: bean
                            value: failoverPeopleHandler
                    """);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The settings of one instance, named {@code member} in the election. */
    Map<String, String> settings(String member) {
        Map<String, String> s = new HashMap<>();
        s.put("db.url", dbUrl);
        s.put("db.user", PostgresServer.USER);
        s.put("db.password", "");
        s.put("cluster.service", "zookeeper");
        s.put("cluster.zookeeper.nodes", zookeeper.connectString());
        s.put("cluster.zookeeper.session-timeout", String.valueOf(SESSION_TIMEOUT_MS));
        s.put("cluster.zookeeper.connect-timeout", "2000");
        s.put("cluster.member-id", member);
        s.put("fedmsg.endpoints", bus.endpoint());
        s.put("fedmsg.local-pki-dir", dir.resolve("pki").toString());
        s.put("fedmsg.ca-cert", dir.resolve("pki/ca.crt").toString());
        s.put("fedmsg.crl", dir.resolve("pki/crl.pem").toString());
        s.put("fedmsg.routing-policy", "");
        s.put("fedmsg.datagrepper-url", datagrepper.uri().toString());
        s.put("fedmsg.gap-replay-delay", "0");
        s.put("fedmsg.gap-check-period", "200");
        s.put("fedmsg.checkpoint-period", "200");
        s.put("pdc.url", sandbox.apiRoot().toString());
        s.put("pdc.token", "failover-token");
        s.put("handlers.redelivery-delay", "100");
        s.put("handlers.release-mapping", PROJECT.resolve("config/release-mapping.properties").toString());
        s.put("sandbox.port", "0");
        s.put("sandbox.standins-port", "0");
        s.put("sandbox.db-url", "jdbc:h2:mem:standins-" + member + "-" + System.nanoTime());
        s.put("sandbox.releases-file", PROJECT.resolve("config/sandbox-releases.json").toString());
        s.put("camel.main.routes-include-pattern", "file:" + dir.resolve("routes") + "/*.camel.yaml");
        s.put("camel.main.routes-reload-enabled", "false");
        s.put("camel.main.configuration-classes", configurationClasses() + "," + FailoverHandlerConfiguration.class.getName());
        // Every port of each instance its own: health, metrics and console share console.port; the
        // sandbox and stand-ins (started for the source systems) take free ones (0 above); no local
        // demo bus (it would bind 9940/9941 and publish fixtures the rig does not count).
        s.put("console.host", "127.0.0.1");
        s.put("console.port", String.valueOf(TestService.freePort()));
        s.put("embedded.replay-fixtures", "false");
        // The prod profile names Fedora's hosts; these tests reach nothing but this machine.
        for (String key : List.of("fas.url", "fas.username", "fas.password-file", "pkgdb.url", "distgit.url",
                "mbs.url", "koji.url", "pdc.token-file", "db.password-file")) {
            s.put(key, "");
        }
        return s;
    }

    private static String configurationClasses() {
        Properties defaults = new Properties();
        try (InputStream in = Files.newInputStream(PROJECT.resolve("config/application.properties"))) {
            defaults.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return defaults.getProperty("camel.main.configuration-classes").replaceAll("\\s", "");
    }

    /** Publishes message number {@code n}: datagrepper has it at once, the bus gets it live. */
    ObjectNode publish(int n) {
        ObjectNode body = JSON.createObjectNode();
        body.put("user", "failover-user-" + n);
        body.put("email", "failover-user-" + n + "@example.org");
        body.put("agent", "failover-test");
        ObjectNode envelope = publisher.next(TOPIC, body);
        ObjectNode served = envelope.deepCopy();
        // As datagrepper serves it (see IngressIT): extra keys, the timestamp as a float.
        served.putObject("headers");
        served.putNull("source_name");
        served.putNull("source_version");
        served.put("timestamp", envelope.get("timestamp").asDouble());
        datagrepper.add(served);
        published.add(envelope);
        try {
            bus.send(TOPIC, JSON.writeValueAsBytes(envelope));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return envelope;
    }

    long processedCount() {
        return count("SELECT COUNT(*) FROM CAMEL_MESSAGEPROCESSED WHERE processorName = 'fedmsg'");
    }

    long deadLetterCount() {
        return count("SELECT COUNT(*) FROM dead_letter");
    }

    /** msg_id -> members that called the handler with it, in call order. */
    Map<String, List<String>> handlerCalls() {
        Map<String, List<String>> calls = new HashMap<>();
        try (Connection c = db.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT msg_id, member FROM failover_handled ORDER BY called_at")) {
            while (rs.next()) {
                calls.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getString(2));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return calls;
    }

    long count(String sql) {
        try (Connection c = db.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private void execute(String sql) {
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        bus.close();
        datagrepper.close();
        sandbox.close();
        zookeeper.close();
        db.close();
    }
}
