package org.fedoraproject.pdcupdater.cluster;

import java.util.HashMap;
import java.util.Map;

import org.apache.camel.CamelContext;
import org.apache.camel.cluster.CamelClusterService;
import org.apache.camel.component.zookeeper.ZooKeeperCuratorConfiguration;
import org.apache.camel.component.zookeeper.cluster.ZooKeeperClusterService;
import org.apache.camel.support.PropertyBindingSupport;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.ExponentialBackoffRetry;

/** Creates the cluster service that {@code cluster.service} names. */
final class ClusterServices {

    /** camel-kubernetes' Lease-based service; that jar is not bundled (see README "Production"). */
    static final String KUBERNETES_CLASS = "org.apache.camel.component.kubernetes.cluster.KubernetesClusterService";

    private ClusterServices() {
    }

    static CamelClusterService create(ClusterSettings settings, Map<String, Object> kubernetesOptions,
                                      CamelContext context) {
        return switch (settings.service()) {
            case ClusterSettings.ZOOKEEPER -> zookeeper(settings);
            case ClusterSettings.KUBERNETES -> kubernetes(settings, kubernetesOptions, context);
            default -> null;
        };
    }

    private static CamelClusterService zookeeper(ClusterSettings settings) {
        ZooKeeperClusterService service = new ZooKeeperClusterService(new ZooKeeperCuratorConfiguration());
        service.setId(settings.memberId());
        service.setNodes(settings.zookeeperNodes());
        service.setBasePath(settings.zookeeperBasePath());
        // Our own client, so that its session is ours to watch (and to expire in tests); Leadership
        // starts and closes it. A leader that loses its session is gone after sessionTimeout.
        service.setCuratorFramework(CuratorFrameworkFactory.builder()
                .connectString(settings.zookeeperNodes())
                .sessionTimeoutMs((int) settings.zookeeperSessionTimeout())
                .connectionTimeoutMs((int) settings.zookeeperConnectTimeout())
                .retryPolicy(new ExponentialBackoffRetry(1000, Integer.MAX_VALUE, 10_000))
                .build());
        return service;
    }

    private static CamelClusterService kubernetes(ClusterSettings settings, Map<String, Object> options,
                                                  CamelContext context) {
        Class<?> type;
        try {
            type = Class.forName(KUBERNETES_CLASS);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("cluster.service = kubernetes needs camel-kubernetes on the class path"
                    + " (see README \"Production\")", e);
        }
        try {
            CamelClusterService service = (CamelClusterService) type.getDeclaredConstructor().newInstance();
            service.setId(settings.memberId());
            // cluster.kubernetes.<option> = value: the service's own options (leaseResourceType,
            // kubernetesNamespace, podName, leaseDurationMillis, renewDeadlineMillis, retryPeriodMillis, ...).
            Map<String, Object> unbound = new HashMap<>(options);
            PropertyBindingSupport.bindProperties(context, service, unbound);
            if (!unbound.isEmpty()) {
                throw new IllegalArgumentException("unknown cluster.kubernetes options: " + unbound.keySet());
            }
            return service;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot create " + KUBERNETES_CLASS + ": " + e.getMessage(), e);
        }
    }
}
