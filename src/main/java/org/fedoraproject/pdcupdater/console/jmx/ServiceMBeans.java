package org.fedoraproject.pdcupdater.console.jmx;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.management.MBeanServer;
import javax.management.ObjectName;

import org.apache.camel.support.service.ServiceSupport;

/**
 * Registers the service's own state as MBeans under {@value #DOMAIN} (dead letters, rejected messages, the bus),
 * so Hawtio's JMX tree and Jolokia show them next to Camel's routes; unregisters them on stop.
 */
public class ServiceMBeans extends ServiceSupport {

    public static final String DOMAIN = "org.fedoraproject.pdcupdater";

    private final Map<String, Object> beans = new LinkedHashMap<>();
    private final List<ObjectName> registered = new ArrayList<>();

    public ServiceMBeans add(String type, Object mbean) {
        beans.put(type, mbean);
        return this;
    }

    @Override
    protected void doStart() throws Exception {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        for (Map.Entry<String, Object> bean : beans.entrySet()) {
            ObjectName name = new ObjectName(DOMAIN + ":type=" + bean.getKey());
            // A service stopped without stopping this (a test's crash) leaves its beans: the newest service wins.
            if (server.isRegistered(name)) {
                server.unregisterMBean(name);
            }
            server.registerMBean(bean.getValue(), name);
            registered.add(name);
        }
    }

    @Override
    protected void doStop() throws Exception {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        for (ObjectName name : registered) {
            if (server.isRegistered(name)) {
                server.unregisterMBean(name);
            }
        }
        registered.clear();
    }
}
