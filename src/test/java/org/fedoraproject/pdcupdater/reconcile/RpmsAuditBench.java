package org.fedoraproject.pdcupdater.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import org.fedoraproject.pdcupdater.sandbox.PdcSandbox;
import org.fedoraproject.pdcupdater.sandbox.SandboxSettings;
import org.fedoraproject.pdcupdater.sandbox.koji.KojiData;
import org.fedoraproject.pdcupdater.sandbox.koji.KojiStandin;
import org.fedoraproject.pdcupdater.sandbox.koji.KojiStandinServer;
import org.fedoraproject.pdcupdater.sandbox.koji.StandinBuild;
import org.fedoraproject.pdcupdater.sandbox.koji.StandinRpm;
import org.fedoraproject.pdcupdater.sandbox.koji.StandinTag;
import org.fedoraproject.pdcupdater.testsupport.TestService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Benchmark, not a test of speed (bench profile; prints): the rpms audit of a release with
 * 1,000,000 rpms (100,000 builds of 10 rpms, src included) in the PDC sandbox and in the Koji
 * stand-in, with 1,000 planted differences (500 rpms unlinked from the release in PDC, 500 rows
 * linked that Koji does not have). The audit is the operator's command, {@code audit --handler
 * rpms}, in a child JVM with a 256 MiB heap; its peak heap comes from its GC log.
 *
 * <pre>mvn -B -Pbench package -DskipTests &amp;&amp; mvn -B -Pbench test -Dtest=RpmsAuditBench -Dtest.argLine=-Xmx6g</pre>
 */
class RpmsAuditBench {

    private static final int BUILDS = Integer.getInteger("bench.builds", 100_000);
    private static final int RPMS_PER_BUILD = 10;
    private static final int PLANTED_EACH = 500;

    @TempDir
    Path dir;

    @Test
    void auditOfAMillionRpmsFindsExactlyThePlantedDifferences() throws Exception {
        String pdcDb = "jdbc:h2:file:" + dir.resolve("pdc") + ";DB_CLOSE_ON_EXIT=FALSE";
        long t0 = System.nanoTime();
        // Only the benchmark's builds: the bundled data's own f28 builds are not in this PDC.
        KojiData koji = KojiData.empty();
        koji.addTag(StandinTag.of(koji.nextTagId(), "f28"));
        try (PdcSandbox sandbox = PdcSandbox.start(new SandboxSettings("127.0.0.1", TestService.freePort(), pdcDb,
                BurstRig.TOKEN, BurstRig.RELEASES, false))) {
            Set<String> expected = new HashSet<>();
            try (Connection c = DriverManager.getConnection(pdcDb, "sa", "")) {
                c.setAutoCommit(false);
                long release = id(c, "SELECT id FROM releases WHERE release_id = 'fedora-28'");
                long nextId = id(c, "SELECT COALESCE(MAX(id), 0) + 1 FROM rpms");
                try (PreparedStatement rpm = c.prepareStatement("INSERT INTO rpms (id, name, epoch, version, release,"
                        + " arch, srpm_name, srpm_nevra, filename) VALUES (?, ?, 0, ?, ?, ?, ?, ?, ?)");
                     PreparedStatement link = c.prepareStatement(
                             "INSERT INTO rpm_linked_releases (rpm_pk, release_pk) VALUES (?, ?)")) {
                    int rows = 0;
                    for (int b = 0; b < BUILDS; b++) {
                        String name = String.format("bench-%06d", b);
                        StandinBuild build = koji.addBuild(StandinBuild.complete(koji.nextBuildId(), name, "1.0",
                                "1.fc28", "bench"));
                        koji.tagBuild("f28", build.id());
                        for (int k = 0; k < RPMS_PER_BUILD; k++) {
                            String arch = k == 0 ? "src" : k < 5 ? "x86_64" : "noarch";
                            String rpmName = k == 0 ? name : name + "-sub" + k;
                            koji.addRpm(StandinRpm.of(koji.nextRpmId(), build, rpmName, arch));
                            int n = b * RPMS_PER_BUILD + k;
                            boolean unlinked = n % (BUILDS * RPMS_PER_BUILD / PLANTED_EACH) == 7;
                            String key = rpmName + "-0:1.0-1.fc28." + arch;
                            if (unlinked) {
                                expected.add("ABSENT_FROM_PDC fedora-28 " + key);
                            }
                            addRow(rpm, nextId, rpmName, arch, name);
                            if (!unlinked) {
                                link.setLong(1, nextId);
                                link.setLong(2, release);
                                link.addBatch();
                            }
                            nextId++;
                            if (++rows % 5000 == 0) {
                                rpm.executeBatch();
                                link.executeBatch();
                                c.commit();
                            }
                        }
                    }
                    for (int e = 0; e < PLANTED_EACH; e++) {
                        String name = String.format("extra-%04d", e);
                        addRow(rpm, nextId, name, "noarch", name);
                        link.setLong(1, nextId++);
                        link.setLong(2, release);
                        link.addBatch();
                        expected.add("ABSENT_FROM_SOURCE fedora-28 " + name + "-0:1.0-1.fc28.noarch");
                    }
                    rpm.executeBatch();
                    link.executeBatch();
                    c.commit();
                }
            }
            long seeded = System.nanoTime();
            try (KojiStandinServer kojiServer = KojiStandin.start("127.0.0.1", 0, koji)) {
                Map<String, String> s = new HashMap<>();
                s.put("pdc.url", sandbox.apiRoot().toString());
                s.put("pdc.token", BurstRig.TOKEN);
                s.put("koji.url", kojiServer.uri().toString());
                s.put("rpms.tags", "f28");
                s.put("reconcile.audit.keep", String.valueOf(2 * PLANTED_EACH + 100));
                s.put("db.url", "jdbc:h2:file:" + dir.resolve("db") + ";DB_CLOSE_ON_EXIT=FALSE");
                s.put("fedmsg.local-pki-dir", dir.resolve("pki").toString());
                s.put("fedmsg.ca-cert", dir.resolve("pki/ca.crt").toString());
                s.put("fedmsg.crl", dir.resolve("pki/crl.pem").toString());
                s.put("sandbox.port", "0");
                s.put("sandbox.standins-port", "0");
                s.put("sandbox.db-url", "jdbc:h2:mem:sandbox-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
                Path gcLog = dir.resolve("gc.log");
                var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
                double loadBefore = os.getSystemLoadAverage();
                long ownCpuBefore = os.getProcessCpuTime();
                long start = System.nanoTime();
                List<String> jvm = new ArrayList<>(List.of("-Xmx256m", "-Xlog:gc:file=" + gcLog));
                // e.g. -Dbench.audit-jvm="-XX:StartFlightRecording=filename=/tmp/audit.jfr" to profile the audit
                String extra = System.getProperty("bench.audit-jvm", "").trim();
                if (!extra.isEmpty()) {
                    jvm.addAll(List.of(extra.split("\\s+")));
                }
                AuditProcess audit = AuditProcess.run(dir, jvm, s, "audit", "--handler", "rpms", "--format", "json");
                long seconds = (System.nanoTime() - start) / 1_000_000_000L;
                long ownCpu = (os.getProcessCpuTime() - ownCpuBefore) / 1_000_000L;
                long auditCpu = audit.cpuMillis();
                double loadAfter = os.getSystemLoadAverage();
                // Kept for reading after the run (the temporary directory goes away).
                Files.copy(dir.resolve("cli.log"), Path.of("target", "rpms-audit-bench.log"),
                        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                // Without the JVM's own log lines ("[0.5s][info][jfr,startup] Started recording" with -Dbench.audit-jvm).
                String report = audit.stdout().replaceAll("(?m)^\\[[0-9.]+s\\]\\[.*$", "");
                JsonNode run = BurstRig.JSON.readTree(report).get(0);
                Set<String> found = new HashSet<>();
                run.get("first_differences").forEach(d -> found.add(d.get("kind").asText() + " " + d.get("key").asText()));
                System.out.printf("%nrpms audit of %,d rpms (%,d builds) with %,d planted differences%n",
                        (long) BUILDS * RPMS_PER_BUILD, BUILDS, expected.size());
                System.out.printf("  seeding PDC and Koji: %d s%n", (seeded - t0) / 1_000_000_000L);
                System.out.printf("  audit command (JVM start included): %d s, exit %d%n", seconds, audit.exitCode());
                System.out.printf("  CPU: audit JVM %.1f s (polled every 0.2 s); sandbox and Koji stand-in %.1f s;"
                        + " machine load average %.1f before, %.1f after (%d cores)%n", auditCpu / 1000.0,
                        ownCpu / 1000.0, loadBefore, loadAfter, os.getAvailableProcessors());
                Files.readAllLines(dir.resolve("cli.log")).stream().filter(l -> l.contains("RpmsAudit - rpms audit of"))
                        .forEach(l -> System.out.println("  " + l.substring(l.indexOf("rpms audit of"))));
                System.out.printf("  peak heap of the audit JVM (-Xmx256m, from its GC log): %d MiB before a GC, %d MiB"
                        + " after one%n", peakHeapMiB(gcLog, 1), peakHeapMiB(gcLog, 2));
                System.out.printf("  compared %,d; absent from PDC %d, absent from Koji %d, different %d%n",
                        run.get("compared").asLong(), run.get("absent_from_pdc").asLong(),
                        run.get("absent_from_source").asLong(), run.get("different").asLong());
                Set<String> missed = new HashSet<>(expected);
                missed.removeAll(found);
                Set<String> falseOnes = new HashSet<>(found);
                falseOnes.removeAll(expected);
                System.out.printf("  planted found: %d of %d; false differences: %d%n", expected.size() - missed.size(),
                        expected.size(), falseOnes.size());
                assertThat(audit.exitCode()).isEqualTo(2);
                assertThat(falseOnes).isEmpty();
                assertThat(missed).isEmpty();
            }
        }
    }

    /**
     * The audit command in a child JVM as {@link ServiceProcess#run} starts it, with a longer wait (a million rpms on
     * a busy machine can take more than its ten minutes; {@code -Dbench.timeout-minutes}) and the child's CPU time,
     * polled while it runs (the JDK cannot tell it once the process is gone).
     */
    private record AuditProcess(int exitCode, String stdout, long cpuMillis) {

        static AuditProcess run(Path dir, List<String> jvm, Map<String, String> settings, String... args)
                throws Exception {
            Path out = Files.createTempFile(dir, "stdout", ".txt");
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                    .toString()));
            command.addAll(jvm);
            settings.forEach((k, v) -> command.add("-D" + k + "=" + v));
            command.addAll(List.of("-jar", System.getProperty("project.jar", "target/pdc-updater.jar")));
            command.addAll(List.of(args));
            Process p = new ProcessBuilder(command).redirectOutput(out.toFile())
                    .redirectError(ProcessBuilder.Redirect.appendTo(dir.resolve("cli.log").toFile())).start();
            long deadline = System.nanoTime() + Long.getLong("bench.timeout-minutes", 30) * 60_000_000_000L;
            long cpu = 0;
            while (!p.waitFor(200, java.util.concurrent.TimeUnit.MILLISECONDS)) {
                cpu = Math.max(cpu, p.info().totalCpuDuration().map(java.time.Duration::toMillis).orElse(0L));
                if (System.nanoTime() > deadline) {
                    p.destroyForcibly();
                    throw new AssertionError("the audit did not finish in time");
                }
            }
            return new AuditProcess(p.exitValue(), Files.readString(out), cpu);
        }
    }

    private static void addRow(PreparedStatement rpm, long id, String name, String arch, String srpm) throws Exception {
        rpm.setLong(1, id);
        rpm.setString(2, name);
        rpm.setString(3, "1.0");
        rpm.setString(4, "1.fc28");
        rpm.setString(5, arch);
        rpm.setString(6, srpm);
        rpm.setString(7, "src".equals(arch) ? null : srpm + "-0:1.0-1.fc28.src");
        rpm.setString(8, name + "-1.0-1.fc28." + arch + ".rpm");
        rpm.addBatch();
    }

    private static long id(Connection c, String sql) throws Exception {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** The largest "before" (group 1) or "after" (group 2) heap size of any GC in a -Xlog:gc log ("... 120M->80M(256M) ..."). */
    static long peakHeapMiB(Path gcLog, int group) throws Exception {
        Pattern p = Pattern.compile("(\\d+)M->(\\d+)M\\((\\d+)M\\)");
        long peak = 0;
        for (String line : Files.readAllLines(gcLog)) {
            Matcher m = p.matcher(line);
            if (m.find()) {
                peak = Math.max(peak, Long.parseLong(m.group(group)));
            }
        }
        return peak;
    }
}
