package org.fedoraproject.pdcupdater.reconcile;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.fedoraproject.pdcupdater.audit.Difference;

/** The {@code audit_run} table: every audit's counts and first differences, newest last. */
public class AuditRunStore {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String COLUMNS = "id, handler, started_at, finished_at, trigger_source, compared,"
            + " absent_from_pdc, absent_from_source, different, repair, repaired, remaining, first_differences, error";
    private static final int MAX_ERROR = 2000;

    private final DataSource dataSource;

    public AuditRunStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public long save(AuditRun run) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("INSERT INTO audit_run (handler, started_at, finished_at,"
                     + " trigger_source, compared, absent_from_pdc, absent_from_source, different, repair, repaired,"
                     + " remaining, first_differences, error) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                     new String[] {"id"})) {
            ps.setString(1, run.handler());
            ps.setTimestamp(2, Timestamp.from(run.startedAt()));
            ps.setTimestamp(3, Timestamp.from(run.finishedAt()));
            ps.setString(4, run.trigger());
            ps.setLong(5, run.compared());
            ps.setLong(6, run.absentFromPdc());
            ps.setLong(7, run.absentFromSource());
            ps.setLong(8, run.different());
            ps.setBoolean(9, run.repair());
            ps.setLong(10, run.repaired());
            ps.setLong(11, run.remaining());
            ps.setString(12, JSON.writeValueAsString(run.firstDifferences()));
            String error = run.error();
            ps.setString(13, error == null || error.length() <= MAX_ERROR ? error : error.substring(0, MAX_ERROR));
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        } catch (SQLException | JsonProcessingException e) {
            throw new IllegalStateException("cannot store the audit of " + run.handler() + ": " + e.getMessage(), e);
        }
    }

    /** The newest run of a handler. */
    public Optional<AuditRun> last(String handler) {
        return query("SELECT " + COLUMNS + " FROM audit_run WHERE handler = ? ORDER BY id DESC", 1, handler)
                .stream().findFirst();
    }

    /** The newest runs, across handlers, newest first. */
    public List<AuditRun> recent(int limit) {
        return query("SELECT " + COLUMNS + " FROM audit_run ORDER BY id DESC", limit);
    }

    private List<AuditRun> query(String sql, int limit, Object... args) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            ps.setMaxRows(limit);
            List<AuditRun> result = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    result.add(new AuditRun(rs.getLong(1), rs.getString(2), rs.getTimestamp(3).toInstant(),
                            rs.getTimestamp(4).toInstant(), rs.getString(5), rs.getLong(6), rs.getLong(7),
                            rs.getLong(8), rs.getLong(9), rs.getBoolean(10), rs.getLong(11), rs.getLong(12),
                            JSON.readValue(rs.getString(13), new TypeReference<List<Difference>>() { }),
                            rs.getString(14)));
                }
            }
            return result;
        } catch (SQLException | JsonProcessingException e) {
            throw new IllegalStateException("cannot read audit runs: " + e.getMessage(), e);
        }
    }
}
