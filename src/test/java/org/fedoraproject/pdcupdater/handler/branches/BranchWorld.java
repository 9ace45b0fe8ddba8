package org.fedoraproject.pdcupdater.handler.branches;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.fedoraproject.pdcupdater.fedmsg.EnvelopeParser;
import org.fedoraproject.pdcupdater.fedmsg.FedmsgEnvelope;
import org.fedoraproject.pdcupdater.handler.ReleaseMapping;
import org.fedoraproject.pdcupdater.handler.retirement.RetirementConfiguration;
import org.fedoraproject.pdcupdater.handler.retirement.RetirementHandler;
import org.fedoraproject.pdcupdater.pdc.PdcClient;
import org.fedoraproject.pdcupdater.pdc.PdcSettings;
import org.fedoraproject.pdcupdater.pdc.resource.Pdc;
import org.fedoraproject.pdcupdater.sandbox.PdcSandbox;
import org.fedoraproject.pdcupdater.sandbox.SandboxSettings;
import org.fedoraproject.pdcupdater.sandbox.standin.DistGitStandin;
import org.fedoraproject.pdcupdater.sandbox.standin.PkgdbStandin;
import org.fedoraproject.pdcupdater.sandbox.standin.StandinServer;
import org.fedoraproject.pdcupdater.sandbox.standin.StandinSet;
import org.fedoraproject.pdcupdater.source.distgit.DistGitClient;
import org.fedoraproject.pdcupdater.source.http.TestHttp;
import org.fedoraproject.pdcupdater.source.pkgdb.PkgdbClient;
import org.fedoraproject.pdcupdater.testsupport.Fixtures;

/**
 * The branches and retirement handlers over real systems: an in-memory PDC sandbox over HTTP and the dist-git and
 * pkgdb stand-ins over HTTP, with the project's own {@code config/} tables. The handlers' clock is fixed at
 * {@link #TODAY} so that some releases of the table are supported and others have ended.
 */
public final class BranchWorld implements AutoCloseable {

    /** Fedora 28 and EPEL 6/7 still supported, Fedora 27 and older ended. */
    public static final Instant TODAY = Instant.parse("2019-03-01T12:00:00Z");

    public final DistGitStandin distGit;
    public final PkgdbStandin pkgdb;
    public final PdcSandbox sandbox;
    public final StandinServer standins;
    public final PdcClient pdcClient;
    public final Pdc pdc;
    public final BranchProvisioner provisioner;
    public final BranchesHandler branches;
    public final RetirementHandler retirement;

    private BranchWorld(DistGitStandin distGit, PkgdbStandin pkgdb, boolean cacheGets) {
        this.distGit = distGit;
        this.pkgdb = pkgdb;
        this.sandbox = PdcSandbox.start(SandboxSettings.inMemory("branches-" + UUID.randomUUID())
                .withCacheGets(cacheGets));
        this.standins = StandinServer.start("127.0.0.1", 0,
                Map.of(StandinSet.DISTGIT_PATH, distGit, StandinSet.PKGDB_PATH, pkgdb));
        this.pdcClient = new PdcClient(PdcSettings.builder(sandbox.apiRoot()).token("test-token").build());
        this.pdc = new Pdc(pdcClient);
        DistGitClient distGitClient = new DistGitClient(TestHttp.CLIENT, TestHttp.fast(standins.uri(StandinSet.DISTGIT_PATH)));
        PkgdbClient pkgdbClient = new PkgdbClient(TestHttp.CLIENT, TestHttp.fast(standins.uri(StandinSet.PKGDB_PATH)));
        BranchSlaPolicy policy = BranchSlaPolicy.load(Path.of("config/branch-slas.properties"),
                ReleaseMapping.load(Path.of("config/release-mapping.properties")));
        this.provisioner = new BranchProvisioner(pdc, distGitClient, policy);
        this.branches = BranchesConfiguration.create(pdc, distGitClient, pkgdbClient, provisioner);
        this.retirement = RetirementConfiguration.create(pdc, distGitClient, provisioner,
                Clock.fixed(TODAY, ZoneOffset.UTC));
    }

    /** The bundled stand-in data (consistent with the fixture messages). */
    public static BranchWorld bundled(boolean cacheGets) {
        return new BranchWorld(DistGitStandin.load(null), PkgdbStandin.load(null), cacheGets);
    }

    public static BranchWorld of(DistGitStandin distGit, PkgdbStandin pkgdb) {
        return new BranchWorld(distGit, pkgdb, false);
    }

    /** Routes a message to the handlers the way {@code routes/dispatch.camel.yaml} does. */
    public void dispatch(FedmsgEnvelope message) {
        if (message.topic().endsWith("pkgdb.package.retire")) {
            retirement.handle(message);
        } else {
            branches.handle(message);
            retirement.handle(message);
        }
    }

    /**
     * PDC's branches and their SLAs, one line each ({@code rpm/valgrind#master rawhide:2222-01-01}), sorted; read
     * past the sandbox's GET cache.
     */
    public List<String> state() {
        List<String> lines = new ArrayList<>();
        for (JsonNode link : pdcClient.list("component-branch-slas", Map.of("page_size", unique()))) {
            JsonNode b = link.path("branch");
            lines.add(b.path("type").asText() + "/" + b.path("global_component").asText() + "#"
                    + b.path("name").asText() + " " + link.path("sla").asText() + ":" + link.path("eol").asText());
        }
        for (JsonNode b : pdcClient.list("component-branches", Map.of("page_size", unique()))) {
            if (b.path("slas").isEmpty()) {
                lines.add(b.path("type").asText() + "/" + b.path("global_component").asText() + "#"
                        + b.path("name").asText() + " (no SLA)");
            }
        }
        return lines.stream().sorted().toList();
    }

    /** How many writes PDC has recorded (one changeset per successful write request). */
    public int changesets() {
        return pdcClient.list("changesets", Map.of("page_size", unique())).size();
    }

    private static long unique() {
        return 101 + ThreadLocalRandom.current().nextLong(1_000_000_000L);
    }

    /** A fixture message as the handlers get it; fixtures without a msg_id get one made from the file name. */
    public static FedmsgEnvelope fixture(String file) {
        return envelope((ObjectNode) Fixtures.json("fedmsg/" + file));
    }

    public static FedmsgEnvelope envelope(ObjectNode tree) {
        if (!tree.hasNonNull("msg_id")) {
            tree.put("msg_id", "test-" + UUID.randomUUID());
        }
        try {
            return new EnvelopeParser().parse(EnvelopeParser.mapper().writeValueAsBytes(tree));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A dist-git push of one file, built from the {@code TestSCMWithNamespace} fixture (no archived message
     * retires a package, see the fixtures' README): {@code stats} is that file's entry in {@code stats.files}.
     */
    public static FedmsgEnvelope push(String namespace, String repo, String branch, String file, ObjectNode stats) {
        ObjectNode tree = (ObjectNode) Fixtures.json("fedmsg/git.receive--TestSCMWithNamespace.json");
        ObjectNode commit = (ObjectNode) tree.path("msg").path("commit");
        commit.put("repo", repo).put("branch", branch);
        if (namespace == null) {
            commit.remove("namespace");
        } else {
            commit.put("namespace", namespace);
        }
        ObjectNode files = ((ObjectNode) commit.path("stats")).putObject("files");
        files.set(file, stats);
        return envelope(tree);
    }

    /** {@code {"insertions": n, "deletions": d, "lines": n + d}}: the per-file stats archived messages carry. */
    public static ObjectNode insertions(int inserted, int deleted) {
        return EnvelopeParser.mapper().createObjectNode().put("deletions", deleted).put("lines", inserted + deleted)
                .put("insertions", inserted);
    }

    /** {@code {"additions": n, "deletions": d}}: the per-file stats pdc-updater's retirement handler read. */
    public static ObjectNode additions(int added, int deleted) {
        return EnvelopeParser.mapper().createObjectNode().put("additions", added).put("deletions", deleted);
    }

    @Override
    public void close() {
        pdcClient.close();
        standins.close();
        sandbox.close();
    }
}
