package org.fedoraproject.pdcupdater.testsupport;

import java.lang.management.ManagementFactory;

/** CPU time of this JVM, all threads (JIT, GC and other JVM threads included): what benchmarks compare. */
public final class ProcessCpu {

    private ProcessCpu() {
    }

    public static long nanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }
}
