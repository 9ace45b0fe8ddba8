package org.fedoraproject.pdcupdater.ingress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import com.zaxxer.hikari.HikariDataSource;
import org.fedoraproject.pdcupdater.db.GroupCommitMessageIdRepository;
import org.fedoraproject.pdcupdater.db.TestDatabase;
import org.junit.jupiter.api.Test;

class HandledMessageRetentionTest {

    private static final Instant NOW = Instant.parse("2026-12-04T12:00:00Z");
    private static final Duration WEEK = Duration.ofDays(7);
    private static final Duration DAY_AND_OVERLAP = Duration.ofSeconds(86_400 + 300);

    @Test
    void marksOlderThanTheRetentionAreForgottenAndYoungerOnesKept() throws SQLException {
        try (HikariDataSource db = TestDatabase.open()) {
            mark(db, "2026-eight-days", NOW.minus(Duration.ofDays(8)));
            mark(db, "2026-six-days", NOW.minus(Duration.ofDays(6)));
            mark(db, "2026-an-hour", NOW.minus(Duration.ofHours(1)));
            GroupCommitMessageIdRepository marks = new GroupCommitMessageIdRepository(db, "fedmsg", 100, 100);
            HandledMessageRetention retention = new HandledMessageRetention(marks, WEEK, DAY_AND_OVERLAP,
                    Clock.fixed(NOW, ZoneOffset.UTC));

            assertThat(retention.pruneOnce()).isEqualTo(1);

            assertThat(marked(db)).containsExactlyInAnyOrder("2026-six-days", "2026-an-hour");
        }
    }

    @Test
    void aRetentionNoLongerThanTheBacklogReplayReachesBackIsRefusedWithTheSettingsToChange() {
        try (HikariDataSource db = TestDatabase.open()) {
            GroupCommitMessageIdRepository marks = new GroupCommitMessageIdRepository(db, "fedmsg", 100, 100);
            assertThatThrownBy(() -> new HandledMessageRetention(marks, DAY_AND_OVERLAP, DAY_AND_OVERLAP, Clock.systemUTC()))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("fedmsg.dedup-retention (86700 s)")
                    .hasMessageContaining("fedmsg.backlog-max-age + fedmsg.backlog-overlap = 86700 s");
        }
    }

    private static void mark(HikariDataSource db, String msgId, Instant at) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO CAMEL_MESSAGEPROCESSED (processorName, messageId, createdAt) VALUES ('fedmsg', ?, ?)")) {
            ps.setString(1, msgId);
            ps.setTimestamp(2, Timestamp.from(at));
            ps.executeUpdate();
        }
    }

    private static List<String> marked(HikariDataSource db) throws SQLException {
        List<String> ids = new ArrayList<>();
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT messageId FROM CAMEL_MESSAGEPROCESSED WHERE processorName = 'fedmsg'");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                ids.add(rs.getString(1));
            }
        }
        return ids;
    }
}
