package org.fedoraproject.pdcupdater.cluster;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;

import javax.sql.DataSource;

import org.fedoraproject.pdcupdater.audit.AuditReport;
import org.fedoraproject.pdcupdater.fedmsg.FedmsgEnvelope;
import org.fedoraproject.pdcupdater.handler.AuditRequest;
import org.fedoraproject.pdcupdater.handler.Handler;
import org.fedoraproject.pdcupdater.handler.InitializeResult;
import org.fedoraproject.pdcupdater.handler.Progress;

/**
 * The real people handler, with each call written to {@code failover_handled} (message and
 * instance) before it runs. PDC cannot tell a message handled twice (the handler is idempotent,
 * as it must be); this table can, and tells which instances handled it.
 */
public class FailoverPeopleHandler implements Handler {

    private final Handler people;
    private final DataSource dataSource;
    private final String member;

    public FailoverPeopleHandler(Handler people, DataSource dataSource, String member) {
        this.people = people;
        this.dataSource = dataSource;
        this.member = member;
    }

    @Override
    public String name() {
        return people.name();
    }

    @Override
    public void handle(FedmsgEnvelope message) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO failover_handled (msg_id, member, called_at) VALUES (?, ?, ?)")) {
            ps.setString(1, message.msgId());
            ps.setString(2, member);
            ps.setTimestamp(3, Timestamp.from(Instant.now()));
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        people.handle(message);
    }

    @Override
    public AuditReport audit(AuditRequest request) {
        return people.audit(request);
    }

    @Override
    public InitializeResult initialize(Progress progress) {
        return people.initialize(progress);
    }
}
