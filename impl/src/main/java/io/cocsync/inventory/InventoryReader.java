package io.cocsync.inventory;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cocsync.accounts.CloudVendor;
import io.cocsync.storage.StoredJson;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Query;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * The read side of the inventory: what the API lists and counts. It shows only the resources of
 * accounts that have finished a sync; {@link InventoryWriter} stores them.
 */
public final class InventoryReader {

    private static final TypeReference<Map<String, Object>> JSON_OBJECT = new TypeReference<>() {};
    private static final String COLUMNS =
            "id, resource_id, name, vendor, type, datasource, region_id, properties, create_time";

    private final Jdbi jdbi;
    private final ObjectMapper json;

    public InventoryReader(Jdbi jdbi, ObjectMapper json) {
        this.jdbi = jdbi;
        // properties that a newer version stored with more than this one knows still read: see StoredJson
        this.json = StoredJson.tolerant(json);
    }

    /** The domain's resources that match the query, one page of them. */
    public List<StoredResource> list(String domainId, InventoryQuery query, String marker, int offset, int limit) {
        String where = whereClause(query) + (marker == null ? "" : " AND id > :marker");
        return jdbi.withHandle(handle -> bindFilters(
                        handle.createQuery("SELECT " + COLUMNS + " FROM resource" + where
                                + " ORDER BY id LIMIT :limit OFFSET :offset"),
                        domainId, query)
                .bind("marker", marker)
                .bind("limit", limit)
                .bind("offset", offset)
                .map(this::map)
                .list());
    }

    public long count(String domainId, InventoryQuery query) {
        return jdbi.withHandle(handle -> bindFilters(
                        handle.createQuery("SELECT COUNT(*) FROM resource" + whereClause(query)), domainId, query)
                .mapTo(Long.class)
                .one());
    }

    /**
     * The domain's accounts that have finished a sync: an account's first read commits its pages
     * as it goes (see {@code SyncEngine}), and they show only with its outcome.
     */
    private static String whereClause(InventoryQuery query) {
        StringBuilder where = new StringBuilder(" WHERE vendor = :vendor AND vendor_account_id IN"
                + " (SELECT id FROM vendor_account WHERE domain_id = :domainId AND sync_date IS NOT NULL)");
        if (query.type() != null) {
            where.append(" AND type = :type");
        }
        if (!query.resourceIds().isEmpty()) {
            where.append(" AND resource_id IN (<resourceIds>)");
        }
        if (!query.names().isEmpty()) {
            where.append(" AND name IN (<names>)");
        }
        if (!query.regionIds().isEmpty()) {
            where.append(" AND region_id IN (<regionIds>)");
        }
        return where.toString();
    }

    private static Query bindFilters(Query statement, String domainId, InventoryQuery query) {
        statement.bind("domainId", domainId).bind("vendor", query.vendor().name()).bind("type", query.type());
        if (!query.resourceIds().isEmpty()) {
            statement.bindList("resourceIds", query.resourceIds());
        }
        if (!query.names().isEmpty()) {
            statement.bindList("names", query.names());
        }
        if (!query.regionIds().isEmpty()) {
            statement.bindList("regionIds", query.regionIds());
        }
        return statement;
    }

    private StoredResource map(ResultSet rs, StatementContext ctx) throws SQLException {
        return new StoredResource(
                rs.getString("id"),
                rs.getString("resource_id"),
                rs.getString("name"),
                CloudVendor.valueOf(rs.getString("vendor")),
                rs.getString("type"),
                rs.getString("datasource"),
                rs.getString("region_id"),
                readJson(rs.getString("properties")),
                rs.getObject("create_time", OffsetDateTime.class));
    }

    private Map<String, Object> readJson(String text) {
        try {
            return json.readValue(text, JSON_OBJECT);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored resource properties are not a JSON object", e);
        }
    }
}
