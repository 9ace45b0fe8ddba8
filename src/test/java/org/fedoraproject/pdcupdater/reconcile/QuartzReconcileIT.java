package org.fedoraproject.pdcupdater.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.fedoraproject.pdcupdater.testsupport.Eventually;
import org.fedoraproject.pdcupdater.testsupport.TestService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The reconciliation route on Quartz's JDBC job store in the service's own (file H2) database. */
class QuartzReconcileIT {

    @TempDir
    Path dir;

    private Map<String, String> settings() {
        Map<String, String> s = new HashMap<>();
        s.put("db.url", "jdbc:h2:file:" + dir.resolve("db") + ";DB_CLOSE_ON_EXIT=FALSE");
        s.put("fedmsg.local-pki-dir", dir.resolve("pki").toString());
        s.put("fedmsg.ca-cert", dir.resolve("pki/ca.crt").toString());
        s.put("fedmsg.crl", dir.resolve("pki/crl.pem").toString());
        s.put("fedmsg.routing-policy", "");
        s.put("fedmsg.endpoints", "tcp://127.0.0.1:" + TestService.freePort());
        s.put("reconcile.dead-letters.cron", "0/1 * * * * ?");
        s.put("embedded.replay-fixtures", "false");
        return s;
    }

    @Test
    void aDeadLetterForAHandlerThatDoesNotExistIsHandedToAPersonAndTheScheduleIsInTheDatabase() throws Exception {
        try (TestService service = TestService.start(settings())) {
            DeadLetterStore store = service.bean("deadLetters", DeadLetterStore.class);
            long id = store.recordFailure("2026-x", "org.fedoraproject.prod.nothing", "no-such-handler",
                    "{\"topic\":\"org.fedoraproject.prod.nothing\",\"msg_id\":\"2026-x\",\"msg\":{}}", "boom", "X",
                    false, Duration.ZERO);

            Eventually.await("the replay gave the entry to a person", Duration.ofSeconds(30),
                    () -> store.get(id).orElseThrow().status() == DeadLetter.Status.NEEDS_PERSON);
            // Every quartz route's trigger is in the database: the dead-letter replay and one audit per handler.
            List<String> triggers = new ArrayList<>();
            try (Connection c = service.dataSource().getConnection(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT SCHED_NAME, TRIGGER_NAME FROM QRTZ_TRIGGERS ORDER BY TRIGGER_NAME")) {
                while (rs.next()) {
                    assertThat(rs.getString(1)).isEqualTo("pdc-updater");
                    triggers.add(rs.getString(2));
                }
            }
            List<String> expected = new ArrayList<>(List.of("dead-letters"));
            Handlers.all(service.context()).forEach(h -> expected.add("audit-" + h.name()));
            assertThat(triggers).containsExactlyInAnyOrderElementsOf(expected).contains("audit-rpms", "audit-depchain");
        }
    }
}
