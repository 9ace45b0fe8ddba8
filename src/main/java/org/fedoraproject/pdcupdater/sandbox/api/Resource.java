package org.fedoraproject.pdcupdater.sandbox.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.fedoraproject.pdcupdater.sandbox.db.Tx;
import org.fedoraproject.pdcupdater.sandbox.http.ApiRequest;

import java.util.List;
import java.util.function.Predicate;

/**
 * A PDC model exposed as a DRF-style viewset. {@link CrudEndpoint} does the HTTP work common to all of them
 * (methods, bulk, paging, fields, auth, transactions, changesets); a subclass only says how its rows are
 * found, rendered, validated and written. Operations a resource does not support stay unimplemented and
 * answer 405.
 */
public abstract class Resource {
    public abstract String path();

    /** Lower-case model name used as changeset {@code resource}. */
    public abstract String model();

    /** Keys of the serialized representation, in output order; used by fields/exclude_fields. */
    public abstract List<String> outputFields();

    public abstract ListSpec listSpec();

    /** Render rows (in the given order). */
    public abstract List<ObjectNode> render(Tx tx, List<Long> pks, ApiRequest req);

    /**
     * Renders rows for a list answer that keeps only the fields {@code wanted} accepts (the {@code fields} /
     * {@code exclude_fields} parameters); a resource may skip loading what will be dropped. The rows may still
     * carry unwanted fields: the lister removes them.
     */
    public List<ObjectNode> renderForList(Tx tx, List<Long> pks, ApiRequest req, Predicate<String> wanted) {
        return render(tx, pks, req);
    }

    public boolean canList() {
        return true;
    }

    public boolean hasDetail() {
        return true;
    }

    public boolean canRetrieve() {
        return hasDetail();
    }

    public boolean canCreate() {
        return false;
    }

    public boolean canUpdate() {
        return false;
    }

    /** PUT may be missing where PATCH exists (composes). */
    public boolean canPut() {
        return canUpdate();
    }

    public boolean canDelete() {
        return false;
    }

    /** Bulk variants on the list URL; PDC offers them wherever the single operation exists. */
    public boolean bulk() {
        return true;
    }

    /** Query parameters accepted besides filters and the always-allowed ones. */
    public List<String> extraParams() {
        return List.of();
    }

    /** Extra WHERE clauses that depend on the request (e.g. hiding inactive releases). */
    public void scope(ApiRequest req, SqlWhere where) {
    }

    /** SQL expression the detail key is compared with. */
    protected String keyExpr() {
        return listSpec().pk();
    }

    /** Whether detail keys are integers (non-integers then simply do not exist). */
    protected boolean numericKey() {
        return true;
    }

    /** Find the primary key for a detail URL key, honouring {@link #scope}; null = 404. */
    public Long lookup(Tx tx, String key, ApiRequest req) {
        Object k = key;
        if (numericKey()) {
            try {
                k = Long.parseLong(key.trim());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        SqlWhere w = new SqlWhere().add(keyExpr() + " = ?", k);
        scope(req, w);
        ListSpec s = listSpec();
        return tx.longValue("SELECT " + s.pk() + " FROM " + s.from() + w.sql(), w.args().toArray());
    }

    /** The value stored in changesets (PDC's model export()); the representation by default. */
    public JsonNode export(Tx tx, long pk, ApiRequest req) {
        ObjectNode o = render(tx, List.of(pk), req).get(0);
        return o;
    }

    /** The changeset value derived from an already rendered row (bulk paths avoid re-reading). */
    public JsonNode exportOf(ObjectNode rendered) {
        return rendered;
    }

    /** The changeset resource_id of a row: the primary key. */
    public Object changeId(long pk) {
        return pk;
    }

    /** @return primary key of the new row */
    public long create(WriteContext ctx, JsonNode body) {
        throw new UnsupportedOperationException();
    }

    /**
     * Optional fast path for bulk create: validate and insert all bodies at once (batch inserts). Return null
     * to fall back to one {@link #create} per item. Must throw {@link BulkItemException} for a bad item.
     */
    public List<Long> createMany(WriteContext ctx, List<JsonNode> bodies) {
        return null;
    }

    /** @param partial true for PATCH */
    public void update(WriteContext ctx, long pk, JsonNode body, boolean partial) {
        throw new UnsupportedOperationException();
    }

    public void delete(WriteContext ctx, long pk) {
        throw new UnsupportedOperationException();
    }

}
