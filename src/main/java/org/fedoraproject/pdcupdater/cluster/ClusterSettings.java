package org.fedoraproject.pdcupdater.cluster;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * How this instance finds out whether it leads: {@code none} (it always does: one instance, the
 * embedded default), {@code zookeeper} or {@code kubernetes} (one leader among the instances).
 */
public record ClusterSettings(String service, String namespace, String memberId, String zookeeperNodes,
                              String zookeeperBasePath, long zookeeperSessionTimeout, long zookeeperConnectTimeout) {

    public static final String NONE = "none";
    public static final String ZOOKEEPER = "zookeeper";
    public static final String KUBERNETES = "kubernetes";

    public ClusterSettings {
        service = service == null || service.isBlank() ? NONE : service.strip().toLowerCase(Locale.ROOT);
        if (!service.equals(NONE) && !service.equals(ZOOKEEPER) && !service.equals(KUBERNETES)) {
            throw new IllegalArgumentException("cluster.service must be none, zookeeper or kubernetes, not " + service);
        }
        if (service.equals(ZOOKEEPER) && (zookeeperNodes == null || zookeeperNodes.isBlank())) {
            throw new IllegalArgumentException("cluster.service = zookeeper needs cluster.zookeeper.nodes (host:port,...)");
        }
        if (memberId == null || memberId.isBlank()) {
            memberId = defaultMemberId();
        }
    }

    public boolean standalone() {
        return service.equals(NONE);
    }

    /** host-pid: unique per process and readable in logs and in ZooKeeper's participant list. */
    static String defaultMemberId() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "localhost";
        }
        return host + "-" + ManagementFactory.getRuntimeMXBean().getPid();
    }
}
