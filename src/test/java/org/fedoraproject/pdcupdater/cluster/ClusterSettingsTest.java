package org.fedoraproject.pdcupdater.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ClusterSettingsTest {

    @Test
    void noServiceMeansStandaloneWithAProcessUniqueMemberId() {
        ClusterSettings settings = new ClusterSettings("", "pdcupdater", "", "", "/p", 10000, 5000);
        assertThat(settings.standalone()).isTrue();
        assertThat(settings.memberId()).endsWith("-" + ProcessHandle.current().pid());
    }

    @Test
    void zookeeperNeedsItsNodesAndUnknownServicesAreRefused() {
        assertThatThrownBy(() -> new ClusterSettings("zookeeper", "n", "m", " ", "/p", 10000, 5000))
                .hasMessageContaining("cluster.zookeeper.nodes");
        assertThatThrownBy(() -> new ClusterSettings("etcd", "n", "m", "", "/p", 10000, 5000))
                .hasMessageContaining("none, zookeeper or kubernetes");
        assertThat(new ClusterSettings("ZooKeeper", "n", "m", "zk:2181", "/p", 10000, 5000).service())
                .isEqualTo("zookeeper");
    }
}
