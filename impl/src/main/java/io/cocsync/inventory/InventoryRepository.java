package io.cocsync.inventory;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.cocsync.accounts.CloudVendor;
import io.cocsync.connectors.DiscoveredResource;
import io.cocsync.storage.DirectJdbc;
import io.cocsync.storage.TimeOrderedIds;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Query;
import org.jdbi.v3.core.statement.StatementContext;

/** The inventory of synchronized resources in the relational store. */
public final class InventoryRepository {

    private static final TypeReference<Map<String, Object>> JSON_OBJECT = new TypeReference<>() {};
    private static final String COLUMNS =
            "id, resource_id, name, vendor, type, datasource, region_id, properties, create_time";

    /** The account's rows that a run neither wrote (new or changed) nor found unchanged. */
    private static final String UNSEEN = " WHERE r.vendor_account_id = :account AND r.seen_task_id <> :task"
            + " AND NOT EXISTS (SELECT 1 FROM resource_seen s WHERE s.run_id = :task AND s.id = r.id)";

    private final Jdbi jdbi;
    private final ObjectMapper json;
    private final TimeOrderedIds ids = new TimeOrderedIds();

    public InventoryRepository(Jdbi jdbi, ObjectMapper json) {
        this.jdbi = jdbi;
        // sorted keys: equal properties always give the same text, hence the same content hash
        this.json = json.copy().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);
    }

    /**
     * The account a sync writes into, and the mark of this run of its sync: a fresh id per run
     * (a task that is resumed after a crash reads the account again with a new one), so that
     * rows seen only by an interrupted run count as unseen.
     */
    public record Target(String vendorAccountId, CloudVendor vendor, String datasource, String runId) {}

    /**
     * Stores one page in the caller's transaction (the one that holds the account's whole read):
     * new resources are added, changed ones updated, and every resource of the page is marked as
     * seen by the run, so that a successful sync can remove what it did not see. Nothing is ever
     * deleted here.
     */
    public List<RegionCounts> writePage(Handle handle, Target target, List<DiscoveredResource> page,
            OffsetDateTime now) {
        Map<String, Row> incoming = new LinkedHashMap<>();
        for (DiscoveredResource resource : page) {
            Row row = toRow(resource);
            incoming.put(key(resource.type(), resource.resourceId()), row);
        }
        if (incoming.isEmpty()) {
            return List.of();
        }
        Map<String, Existing> existing = findExisting(handle, target.vendorAccountId(), incoming.values());
        List<List<Object>> inserts = new ArrayList<>();
        List<List<Object>> updates = new ArrayList<>();
        List<String> unchanged = new ArrayList<>();
        Map<String, RegionCounts> byRegion = new LinkedHashMap<>();
        for (Map.Entry<String, Row> entry : incoming.entrySet()) {
            Row row = entry.getValue();
            DiscoveredResource r = row.resource();
            Existing current = existing.get(entry.getKey());
            if (current == null) {
                inserts.add(Arrays.asList(ids.next().toString(), target.vendorAccountId(), target.vendor().name(),
                        target.datasource(), r.type(), r.resourceId(), r.name(), r.regionId(), row.properties(),
                        row.hash(), target.runId(), now, now));
                tally(byRegion, new RegionCounts(r.regionId(), 1, 1, 0, 0));
            } else if (!current.hash().equals(row.hash())) {
                updates.add(Arrays.asList(r.name(), r.regionId(), row.properties(), row.hash(), target.runId(), now,
                        current.id()));
                tally(byRegion, new RegionCounts(r.regionId(), 1, 0, 1, 0));
            } else {
                unchanged.add(current.id());
                tally(byRegion, new RegionCounts(r.regionId(), 1, 0, 0, 0));
            }
        }
        DirectJdbc.batch(handle, "INSERT INTO resource (id, vendor_account_id, vendor, datasource, type, resource_id,"
                + " name, region_id, properties, content_hash, seen_task_id, create_time, update_time)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", inserts);
        DirectJdbc.batch(handle, "UPDATE resource SET name = ?, region_id = ?, properties = ?, content_hash = ?,"
                + " seen_task_id = ?, update_time = ? WHERE id = ?", updates);
        markSeen(handle, target, unchanged);
        return List.copyOf(byRegion.values());
    }

    /**
     * Notes unchanged rows as seen by the run in {@code resource_seen}, a narrow table: updating
     * the mark in the row itself rewrote the whole row and all its indexes. A resource that the
     * vendor lists twice in one read is noted once.
     */
    private static void markSeen(Handle handle, Target target, List<String> ids) {
        DirectJdbc.batch(handle, "INSERT INTO resource_seen (run_id, id) SELECT ?, ?"
                        + " WHERE NOT EXISTS (SELECT 1 FROM resource_seen WHERE run_id = ? AND id = ?)",
                ids.stream().map(id -> List.of(target.runId(), id, target.runId(), id)).toList());
    }

    private static void tally(Map<String, RegionCounts> byRegion, RegionCounts counts) {
        byRegion.merge(String.valueOf(counts.regionId()), counts, RegionCounts::plus);
    }

    /**
     * After a complete read: the account's resources that the run did not see, counted by region.
     * Only reads (it takes no lock), so that it may run before the caller's transaction locks
     * anything: it reads every row of the account.
     */
    public List<RegionCounts> countUnseen(Handle handle, Target target) {
        return handle.createQuery("SELECT region_id, COUNT(*) AS n FROM resource r" + UNSEEN + " GROUP BY region_id")
                .bind("account", target.vendorAccountId())
                .bind("task", target.runId())
                .map((rs, ctx) -> new RegionCounts(rs.getString("region_id"), 0, 0, 0, rs.getLong("n")))
                .list();
    }

    /**
     * After a complete read: removes the account's resources that the run did not see, in the
     * caller's transaction (the one that records the account's outcome).
     */
    public void removeUnseen(Handle handle, Target target) {
        handle.createUpdate("DELETE FROM resource r" + UNSEEN)
                .bind("account", target.vendorAccountId())
                .bind("task", target.runId())
                .execute();
    }

    /**
     * At the end of a run that is recorded (success or failure), in its transaction: forgets
     * which rows it found unchanged; they are kept only while the run decides what to remove.
     */
    public void forgetSeen(Handle handle, Target target) {
        handle.createUpdate("DELETE FROM resource_seen WHERE run_id = :task").bind("task", target.runId()).execute();
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

    private static String whereClause(InventoryQuery query) {
        StringBuilder where = new StringBuilder(" WHERE vendor = :vendor"
                + " AND vendor_account_id IN (SELECT id FROM vendor_account WHERE domain_id = :domainId)");
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

    private record Row(DiscoveredResource resource, String properties, String hash) {}

    private record Existing(String id, String hash) {}

    private Row toRow(DiscoveredResource resource) {
        String properties = writeJson(resource.properties());
        String hash = sha256(resource.name() + '\u0000' + resource.regionId() + '\u0000' + properties);
        return new Row(resource, properties, hash);
    }

    /**
     * The stored rows of the page's resources: the page's keys as a VALUES table joined to the
     * unique key, so that each key is one index lookup. (A row-value IN list also uses the index,
     * but H2 then checks every row it finds against the whole list one by one: a second sync of
     * an unchanged page of 1,000 made half a million comparisons.)
     */
    private static Map<String, Existing> findExisting(Handle handle, String account, Collection<Row> rows) {
        StringJoiner keys = new StringJoiner(", ");
        List<Object> parameters = new ArrayList<>(2 * rows.size() + 1);
        for (Row row : rows) {
            keys.add("(?, ?)");
            parameters.add(row.resource().type());
            parameters.add(row.resource().resourceId());
        }
        parameters.add(account);
        Map<String, Existing> existing = new HashMap<>();
        DirectJdbc.query(handle, "SELECT r.id, r.type, r.resource_id, r.content_hash"
                                + " FROM (VALUES " + keys + ") AS page_key (type, resource_id)"
                                + " JOIN resource r ON r.vendor_account_id = ? AND r.type = page_key.type"
                                + " AND r.resource_id = page_key.resource_id", parameters,
                        found -> Map.entry(key(found.getString(2), found.getString(3)),
                                new Existing(found.getString(1), found.getString(4))))
                .forEach(entry -> existing.put(entry.getKey(), entry.getValue()));
        return existing;
    }

    private static String key(String type, String resourceId) {
        return type + '\u0000' + resourceId;
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

    private String writeJson(Map<String, Object> properties) {
        try {
            return json.writeValueAsString(properties);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("resource properties cannot be written as JSON", e);
        }
    }

    private Map<String, Object> readJson(String text) {
        try {
            return json.readValue(text, JSON_OBJECT);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored resource properties are not a JSON object", e);
        }
    }

    private static String sha256(String text) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return java.util.HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
