package org.fedoraproject.pdcupdater.sandbox.resources;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.fedoraproject.pdcupdater.sandbox.api.BodyCheck;
import org.fedoraproject.pdcupdater.sandbox.api.ListSpec;
import org.fedoraproject.pdcupdater.sandbox.api.Resource;
import org.fedoraproject.pdcupdater.sandbox.api.WriteContext;
import org.fedoraproject.pdcupdater.sandbox.db.Tx;
import org.fedoraproject.pdcupdater.sandbox.http.ApiRequest;
import org.fedoraproject.pdcupdater.sandbox.http.ErrorBodies;
import org.fedoraproject.pdcupdater.sandbox.http.Json;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Full-CRUD resources that are one row with a unique name and maybe one more text column: component group
 * types, relationship types, SLA types, people. They differ only in names and messages, so they share this
 * class and are configured by the static factories.
 */
public final class NamedRowResource extends Resource {
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");

    private final String path;
    private final String model;
    private final String table;
    private final String nameField;
    private final int nameMax;
    private final String extraField;      // null when there is none
    private final boolean extraRequired;
    private final String duplicateMessage;
    private final String renameForbidden;  // null when the name may change
    private final boolean email;
    private final ListSpec spec;
    /** Child tables whose rows protect a row from deletion: "table.column". */
    private final List<String> protectedBy;

    private NamedRowResource(String path, String model, String table, String nameField, int nameMax, String extraField,
                             boolean extraRequired, String duplicateMessage, String renameForbidden, boolean email,
                             String defaultOrder, List<String> protectedBy) {
        this.path = path;
        this.model = model;
        this.table = table;
        this.nameField = nameField;
        this.nameMax = nameMax;
        this.extraField = extraField;
        this.extraRequired = extraRequired;
        this.duplicateMessage = duplicateMessage;
        this.renameForbidden = renameForbidden;
        this.email = email;
        this.protectedBy = protectedBy;
        ListSpec s = new ListSpec(table + " x", "x.id").multi(nameField, "x." + nameField)
                .order("id", "x.id").order(nameField, "x." + nameField);
        if (extraField != null) s.multi(extraField, "x." + extraField).order(extraField, "x." + extraField);
        s.defaultOrder(defaultOrder);
        this.spec = s;
    }

    /** component-group-types/ (2.9). */
    public static NamedRowResource groupTypes() {
        return new NamedRowResource("component-group-types/", "grouptype", "group_types", "name", 255, "description",
                false, "group type with this name already exists.", null, false, "x.id",
                List.of("component_groups.group_type_pk"));
    }

    /** component-relationship-types/ (2.11). */
    public static NamedRowResource relationshipTypes() {
        return new NamedRowResource("component-relationship-types/", "releasecomponentrelationshiptype",
                "relationship_types", "name", 100, null, false,
                "release component relationship type with this name already exists.", null, false, "x.id",
                List.of("component_relationships.type_pk"));
    }

    /** component-sla-types/ (2.14): the name is immutable by policy; default order by name. */
    public static NamedRowResource slaTypes() {
        return new NamedRowResource("component-sla-types/", "sla", "slas", "name", 300, "description", false,
                "sla with this name already exists.", "You may not modify the SLA's name due to policy", false,
                "x.name", List.of("branch_slas.sla_pk"));
    }

    /** contacts/people/ (2.16, formerly persons/). */
    public static NamedRowResource people() {
        return new NamedRowResource("contacts/people/", "person", "people", "username", 128, "email", true,
                "person with this username already exists.", null, true, "x.id", List.of());
    }

    @Override
    public String path() {
        return path;
    }

    @Override
    public String model() {
        return model;
    }

    @Override
    public List<String> outputFields() {
        List<String> f = new ArrayList<>(List.of("id", nameField));
        if (extraField != null) f.add(extraField);
        return f;
    }

    @Override
    public ListSpec listSpec() {
        return spec;
    }

    @Override
    public boolean canCreate() {
        return true;
    }

    @Override
    public boolean canUpdate() {
        return true;
    }

    @Override
    public boolean canDelete() {
        return true;
    }

    @Override
    public List<ObjectNode> render(Tx tx, List<Long> pks, ApiRequest req) {
        return Rows.byPk(tx, "SELECT * FROM " + table + " WHERE id IN (%s)", pks, rs -> {
            ObjectNode o = Json.obj();
            o.put("id", rs.getLong("id"));
            o.put(nameField, rs.getString(nameField));
            if (extraField != null) o.put(extraField, rs.getString(extraField));
            return o;
        });
    }

    @Override
    public JsonNode export(Tx tx, long pk, ApiRequest req) {
        ObjectNode o = render(tx, List.of(pk), req).get(0);
        o.remove("id");
        return o;
    }

    private String[] validate(Tx tx, JsonNode body, boolean partial, Long pk) {
        Set<String> writable = extraField == null ? Set.of(nameField) : Set.of(nameField, extraField);
        BodyCheck b = BodyCheck.of(body, partial, writable, Set.of("id"));
        ObjectNode cur = pk == null ? null : render(tx, List.of(pk), null).get(0);
        String name = partial && !b.has(nameField) ? cur.get(nameField).asText() : b.requiredString(nameField, nameMax);
        String extra = null;
        if (extraField != null) {
            if (partial && !b.has(extraField)) {
                extra = cur.get(extraField).asText();
            } else {
                extra = b.string(extraField, extraRequired, false, !extraRequired, 0);
                if (extra == null && !extraRequired) extra = "";
                if (email && extra != null && !EMAIL.matcher(extra).matches()) b.error(extraField, "Enter a valid email address.");
            }
        }
        if (renameForbidden != null && cur != null && name != null && !name.equals(cur.get(nameField).asText())) {
            b.error(nameField, renameForbidden);
        }
        if (name != null && !b.failed(nameField)
                && tx.exists("SELECT 1 FROM " + table + " WHERE " + nameField + " = ? AND id <> ?", name, pk == null ? -1L : pk)) {
            b.error(nameField, duplicateMessage);
        }
        b.done();
        return new String[]{name, extra};
    }

    @Override
    public long create(WriteContext ctx, JsonNode body) {
        String[] v = validate(ctx.tx(), body, false, null);
        return extraField == null
                ? ctx.tx().insert("INSERT INTO " + table + " (" + nameField + ") VALUES (?)", v[0])
                : ctx.tx().insert("INSERT INTO " + table + " (" + nameField + ", " + extraField + ") VALUES (?, ?)", v[0], v[1]);
    }

    @Override
    public void update(WriteContext ctx, long pk, JsonNode body, boolean partial) {
        String[] v = validate(ctx.tx(), body, partial, pk);
        if (extraField == null) ctx.tx().update("UPDATE " + table + " SET " + nameField + " = ? WHERE id = ?", v[0], pk);
        else ctx.tx().update("UPDATE " + table + " SET " + nameField + " = ?, " + extraField + " = ? WHERE id = ?", v[0], v[1], pk);
    }

    @Override
    public void delete(WriteContext ctx, long pk) {
        for (String ref : protectedBy) {
            String[] tc = ref.split("\\.");
            if (ctx.tx().exists("SELECT 1 FROM " + tc[0] + " WHERE " + tc[1] + " = ?", pk)) {
                throw ErrorBodies.badRequest("Cannot delete some instances of model '" + model + "' because they are "
                        + "referenced through a protected foreign key");
            }
        }
        ctx.tx().update("DELETE FROM " + table + " WHERE id = ?", pk);
    }
}
