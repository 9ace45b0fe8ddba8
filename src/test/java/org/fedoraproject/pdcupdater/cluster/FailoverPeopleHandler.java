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
import org.fedoraproject.pdcupdater.handler.InvalidMessageException;
import org.fedoraproject.pdcupdater.handler.Progress;
import org.fedoraproject.pdcupdater.pdc.ChangeComment;
import org.fedoraproject.pdcupdater.pdc.resource.Pdc;

/**
 * The failover tests' handler, until the people handler lands on main: {@code fas.user.create}
 * (user and e-mail in the message) becomes a PDC person, idempotently as the Handler contract
 * asks. Each call is also written to {@code failover_handled} with the instance's id, which is
 * how the tests see a message handled twice or by both instances.
 */
public class FailoverPeopleHandler implements Handler {

    private final Pdc pdc;
    private final DataSource dataSource;
    private final String member;

    public FailoverPeopleHandler(Pdc pdc, DataSource dataSource, String member) {
        this.pdc = pdc;
        this.dataSource = dataSource;
        this.member = member;
    }

    @Override
    public String name() {
        return "failover-people";
    }

    @Override
    public void handle(FedmsgEnvelope message) {
        String user = message.msg().path("user").asText("");
        String email = message.msg().path("email").asText("");
        if (user.isBlank() || email.isBlank()) {
            throw new InvalidMessageException("fas.user.create without user or email");
        }
        recordCall(message.msgId());
        pdc.people().ensure(user, email, ChangeComment.forMessage(message.msgId(), message.topic()));
    }

    private void recordCall(String msgId) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO failover_handled (msg_id, member, called_at) VALUES (?, ?, ?)")) {
            ps.setString(1, msgId);
            ps.setString(2, member);
            ps.setTimestamp(3, Timestamp.from(Instant.now()));
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public AuditReport audit(AuditRequest request) {
        return new AuditReport(name(), request.keep()).finish(0);
    }

    @Override
    public InitializeResult initialize(Progress progress) {
        return new InitializeResult(name(), 0, 0);
    }
}
