package org.fedoraproject.pdcupdater.sandbox.resources;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.fedoraproject.pdcupdater.sandbox.api.Filter;
import org.fedoraproject.pdcupdater.sandbox.api.ListSpec;
import org.fedoraproject.pdcupdater.sandbox.api.Resource;
import org.fedoraproject.pdcupdater.sandbox.api.SqlWhere;
import org.fedoraproject.pdcupdater.sandbox.db.Tx;
import org.fedoraproject.pdcupdater.sandbox.http.ApiRequest;
import org.fedoraproject.pdcupdater.sandbox.http.ErrorBodies;
import org.fedoraproject.pdcupdater.sandbox.http.Json;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.List;
import java.util.Map;

/** changesets/ (pdc-api.md 2.25): read-only audit log of every successful write, newest first. */
public final class ChangesetResource extends Resource {
    /** {@code YYYY-MM-DD[ HH:MM[:SS[.ffffff]]]}, as PDC's changed_since/changed_until accept. */
    private static final DateTimeFormatter WHEN = new DateTimeFormatterBuilder()
            .appendPattern("yyyy-MM-dd")
            .optionalStart().appendLiteral(' ').appendPattern("HH:mm")
            .optionalStart().appendPattern(":ss")
            .optionalStart().appendFraction(ChronoField.MICRO_OF_SECOND, 1, 6, true).optionalEnd()
            .optionalEnd().optionalEnd()
            .parseDefaulting(ChronoField.HOUR_OF_DAY, 0).parseDefaulting(ChronoField.MINUTE_OF_HOUR, 0)
            .parseDefaulting(ChronoField.SECOND_OF_MINUTE, 0)
            .toFormatter();

    private final ListSpec spec = new ListSpec("changesets s", "s.id")
            .multi("author", "s.author")
            .filter("resource", (v, w) -> {
                SqlWhere sub = new SqlWhere().in("ch.resource", v);
                w.add("EXISTS (SELECT 1 FROM changes ch" + sub.sql() + " AND ch.changeset_pk = s.id)", sub.args().toArray());
            })
            .filter("changed_since", (v, w) -> w.add("s.committed_on >= ?", when("changed_since", v.get(v.size() - 1))))
            .filter("changed_until", (v, w) -> w.add("s.committed_on <= ?", when("changed_until", v.get(v.size() - 1))))
            .filter("comment", Filter.contains("s.comment"))
            .order("id", "s.id").order("author", "s.author").order("requested_on", "s.requested_on")
            .order("committed_on", "s.committed_on").order("comment", "s.comment")
            .defaultOrder("s.committed_on DESC", "s.id DESC");

    private static Timestamp when(String param, String raw) {
        try {
            return Timestamp.valueOf(LocalDateTime.parse(raw.trim(), WHEN));
        } catch (DateTimeParseException e) {
            throw ErrorBodies.badRequest("Invalid " + param + " value: " + raw);
        }
    }

    @Override
    public String path() {
        return "changesets/";
    }

    @Override
    public String model() {
        return "changeset";
    }

    @Override
    public List<String> outputFields() {
        return List.of("id", "author", "requested_on", "committed_on", "duration", "changes", "comment");
    }

    @Override
    public ListSpec listSpec() {
        return spec;
    }

    @Override
    public List<ObjectNode> render(Tx tx, List<Long> pks, ApiRequest req) {
        Map<Long, List<ObjectNode>> changes = Rows.grouped(tx, "SELECT changeset_pk, resource, resource_id, old_value, "
                + "new_value FROM changes WHERE changeset_pk IN (%s) ORDER BY id", pks, rs -> {
            ObjectNode c = Json.obj();
            c.put("resource", rs.getString(2));
            c.put("resource_id", rs.getString(3));
            c.put("old_value", rs.getString(4));
            c.put("new_value", rs.getString(5));
            return c;
        });
        return Rows.byPk(tx, "SELECT id, author, requested_on, committed_on, comment FROM changesets WHERE id IN (%s)", pks, rs -> {
            ObjectNode o = Json.obj();
            o.put("id", rs.getLong(1));
            Rows.putNullable(o, "author", rs.getString(2));
            Instant req0 = rs.getTimestamp(3).toInstant();
            Instant com = rs.getTimestamp(4).toInstant();
            o.put("requested_on", iso(req0));
            o.put("committed_on", iso(com));
            o.put("duration", new BigDecimal(Duration.between(req0, com).toNanos() / 1000).movePointLeft(6).toPlainString());
            ArrayNode list = Json.arr();
            changes.getOrDefault(rs.getLong(1), List.of()).forEach(list::add);
            o.set("changes", list);
            Rows.putNullable(o, "comment", rs.getString(5));
            return o;
        });
    }

    /** DRF's datetime rendering: ISO-8601 with microseconds, UTC as "Z". */
    static String iso(Instant t) {
        return DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC).format(t);
    }
}
