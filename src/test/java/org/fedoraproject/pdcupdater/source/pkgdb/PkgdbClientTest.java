package org.fedoraproject.pdcupdater.source.pkgdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.fedoraproject.pdcupdater.sandbox.standin.FaultInjector;
import org.fedoraproject.pdcupdater.sandbox.standin.PkgdbStandin;
import org.fedoraproject.pdcupdater.sandbox.standin.StandinServer;
import org.fedoraproject.pdcupdater.source.http.SourceException;
import org.fedoraproject.pdcupdater.source.http.TestHttp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PkgdbClientTest {

    private static final List<String> BUNDLED_RPMS = List.of("R-BSgenome", "datanommer", "ed", "iwhd", "libvmime07",
            "netbeans-platform8", "obexftp", "php-zmq", "python-sh", "valgrind");

    private final PkgdbStandin pkgdb = PkgdbStandin.load(null);
    private final FaultInjector faults = new FaultInjector(pkgdb);
    private final StandinServer server = StandinServer.start("127.0.0.1", 0, Map.of("/pkgdb/", faults));
    private final PkgdbClient client = new PkgdbClient(TestHttp.CLIENT, TestHttp.fast(server.uri("/pkgdb/")));

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void listsPackagesAcrossSeveralPages() {
        List<String> names = client.packages(PackageQuery.all("rpms").withPageSize(3).withBranches(false))
                .map(PkgdbPackage::name).toList();

        assertThat(names).containsExactlyElementsOf(BUNDLED_RPMS);
        assertThat(faults.requests()).hasSize(4)
                .allMatch(r -> r.startsWith("GET /pkgdb/api/packages/?namespace=rpms&pattern=*&page="))
                .anyMatch(r -> r.contains("&page=4&limit=3"));
    }

    @Test
    void pagesAreFetchedOnlyWhenNeeded() {
        assertThat(client.packages(PackageQuery.all("rpms").withPageSize(3)).limit(2)).hasSize(2);
        assertThat(faults.requestCount()).isEqualTo(1);
    }

    @Test
    void listedPackagesCarryTheirBranchesAndRetirements() {
        PkgdbPackage zmq = client.packages(PackageQuery.all("rpms").withPageSize(4))
                .filter(p -> p.name().equals("php-zmq")).findFirst().orElseThrow();

        assertThat(zmq.namespace()).isEqualTo("rpms");
        assertThat(zmq.summary()).isEqualTo("PHP 0MQ/zmq/zeromq extension");
        assertThat(zmq.listings()).extracting(PkgdbListing::branch).containsExactlyInAnyOrder("EL-6", "devel");
        assertThat(zmq.retiredBranches()).containsExactly("EL-6");
        assertThat(zmq.listing("EL-6")).hasValueSatisfying(l -> {
            assertThat(l.collection().name()).isEqualTo("Fedora EPEL");
            assertThat(l.collection().version()).isEqualTo("6");
            assertThat(l.pointOfContact()).isEqualTo("orphan");
        });
    }

    @Test
    void otherNamespacesAreListedSeparately() {
        assertThat(client.packages(PackageQuery.all("modules"))).extracting(PkgdbPackage::name)
                .containsExactly("testmodule");
    }

    @Test
    void nothingFoundIsAnEmptyListNotAnError() {
        PackageQuery none = new PackageQuery("rpms", "no-such-package*", List.of(), false, false, 10);

        assertThat(client.packages(none)).isEmpty();
        assertThat(faults.requestCount()).isEqualTo(1);
    }

    @Test
    void onePackageWithItsBranches() {
        assertThat(client.packageInfo("rpms", "valgrind", false)).hasValueSatisfying(p -> {
            assertThat(p.listings()).extracting(PkgdbListing::branch).containsExactlyInAnyOrder("master", "f27", "f26");
            assertThat(p.retiredBranches()).isEmpty();
            assertThat(p.listing("f27").orElseThrow().collection())
                    .isEqualTo(new PkgdbCollection("Fedora", "27", "f27", "Active", "f27", ".fc27", true));
        });
        assertThat(faults.requests()).containsExactly(
                "GET /pkgdb/api/package/?pkgname=valgrind&namespace=rpms&acls=false");
    }

    @Test
    void eolBranchesOnlyWhenAskedFor() {
        assertThat(client.packageInfo("rpms", "php-zmq", false).orElseThrow().listings())
                .extracting(PkgdbListing::branch).containsExactly("EL-6");
        assertThat(client.packageInfo("rpms", "php-zmq", true).orElseThrow().listings())
                .extracting(PkgdbListing::branch).containsExactlyInAnyOrder("EL-6", "devel");
    }

    @Test
    void anUnknownPackageIsEmpty() {
        assertThat(client.packageInfo("rpms", "no-such-package", true)).isEmpty();
        assertThat(client.packageInfo("container", "valgrind", true)).isEmpty();
    }

    @Test
    void programmaticChangesShowInTheNextAnswer() {
        pkgdb.retire("rpms", "valgrind", "f26");
        pkgdb.putPackage("rpms", "newpkg", "A new package").putListing("rpms", "newpkg", "master", "Approved");
        pkgdb.removePackage("rpms", "ed");

        assertThat(client.packageInfo("rpms", "valgrind", false).orElseThrow().retiredBranches()).containsExactly("f26");
        assertThat(client.packageInfo("rpms", "newpkg", false).orElseThrow().activeBranches()).containsExactly("master");
        assertThat(client.packageInfo("rpms", "ed", false)).isEmpty();
        assertThat(client.packages(PackageQuery.all("rpms")).map(PkgdbPackage::name)).contains("newpkg")
                .doesNotContain("ed");
    }

    @Test
    void collectionsMapBranchesToReleases() {
        List<PkgdbCollection> all = client.collections();

        assertThat(all).extracting(PkgdbCollection::branchname)
                .contains("master", "f27", "f26", "epel7", "EL-6", "devel", "f10");
        PkgdbCollection rawhide = client.collection("master").orElseThrow();
        assertThat(rawhide.isRawhide()).isTrue();
        assertThat(rawhide.distTag()).isEqualTo(".fc28");
        assertThat(rawhide.kojiName()).isEqualTo("rawhide");
        assertThat(client.collections(PkgdbCollection.UNDER_DEVELOPMENT)).extracting(PkgdbCollection::branchname)
                .containsExactly("master");
        assertThat(client.collections(PkgdbCollection.EOL)).allMatch(PkgdbCollection::isEol);
        assertThat(client.collection("f99")).isEmpty();
    }

    @Test
    void a503IsRetried() {
        faults.failNext(2, 503);

        assertThat(client.packageInfo("rpms", "ed", false)).isPresent();
        assertThat(faults.requestCount()).isEqualTo(3);
    }

    @Test
    void a503InTheMiddleOfPagingIsRetriedForThatPage() {
        var packages = client.packages(PackageQuery.all("rpms").withPageSize(5)).iterator();
        for (int i = 0; i < 5; i++) {
            packages.next();
        }
        faults.failNext(1, 503);
        int rest = 0;
        while (packages.hasNext()) {
            packages.next();
            rest++;
        }

        assertThat(rest).isEqualTo(5);
        assertThat(faults.requests()).hasSize(3);
        assertThat(faults.requests().get(1)).isEqualTo(faults.requests().get(2)).contains("page=2");
    }

    @Test
    void a400IsNotRetried() {
        faults.failNext(1, 400);

        assertThatThrownBy(() -> client.collections())
                .isInstanceOfSatisfying(SourceException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.source()).isEqualTo("pkgdb");
                    assertThat(e.url()).endsWith("/pkgdb/api/collections/");
                });
        assertThat(faults.requestCount()).isEqualTo(1);
    }
}
