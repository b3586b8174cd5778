package io.cocsync.inventory;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.cocsync.accounts.CloudVendor;
import io.cocsync.connectors.DiscoveredResource;
import io.cocsync.storage.DirectJdbc;
import io.cocsync.storage.TimeOrderedIds;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
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

/**
 * The write side of the inventory: a sync's run over one account, which stores its pages, marks
 * what it saw and, after a complete read, sweeps away what it did not see. The API reads the
 * inventory through {@link InventoryReader}.
 */
public final class InventoryWriter {


    /** The account's rows that a run neither wrote (new or changed) nor found unchanged. */
    private static final String UNSEEN = " WHERE r.vendor_account_id = :account AND r.seen_task_id <> :task"
            + " AND NOT EXISTS (SELECT 1 FROM resource_seen s WHERE s.id = r.id AND s.run_id = :task)";

    private final Jdbi jdbi;
    private final ObjectMapper json;
    private final TimeOrderedIds ids = new TimeOrderedIds();

    public InventoryWriter(Jdbi jdbi, ObjectMapper json) {
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
     * A run's writes into its account, all in the caller's transaction (the one that holds the
     * account's whole read).
     *
     * @param nothingShown the account has not finished a sync, so none of its rows is shown yet:
     *     every resource the run reads counts as added, even if an interrupted run stored it
     */
    public Run run(Handle handle, Target target, boolean nothingShown) {
        return new Run(handle, target, nothingShown);
    }

    /**
     * One run's writes into its account's inventory. Before its first write it counts the rows
     * the account has: a run that sees each of them then knows, without reading them again, that
     * it has nothing to remove.
     */
    public final class Run {

        private final Handle handle;
        private final Target target;
        private final boolean nothingShown;
        /** -1 until counted. */
        private long storedBefore = -1;
        /** Rows stored before the run that it has seen so far, each counted once. */
        private long storedSeen;
        /** Set by {@link #countUnseen}: whether any stored row went unseen. */
        private boolean unseenFound = true;

        private Run(Handle handle, Target target, boolean nothingShown) {
            this.handle = handle;
            this.target = target;
            this.nothingShown = nothingShown;
        }

        private long storedBefore() {
            if (storedBefore < 0) {
                storedBefore = DirectJdbc.query(handle, "SELECT COUNT(*) FROM resource WHERE vendor_account_id = ?",
                        List.of(target.vendorAccountId()), row -> row.getLong(1)).get(0);
            }
            return storedBefore;
        }

        /**
         * Stores one page: new resources are added, changed ones updated, and every resource of
         * the page is marked as seen by the run, so that a successful sync can remove what it did
         * not see. Nothing is ever deleted here.
         */
        public List<RegionCounts> writePage(List<DiscoveredResource> page, OffsetDateTime now) {
            Map<String, Row> incoming = new LinkedHashMap<>();
            for (DiscoveredResource resource : page) {
                Row row = toRow(resource);
                incoming.put(key(resource.type(), resource.resourceId()), row);
            }
            if (incoming.isEmpty()) {
                return List.of();
            }
            storedBefore();
            Map<String, Existing> existing = findExisting(handle, target, incoming.values());
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
                    continue;
                }
                if (!current.seen()) {
                    storedSeen++;
                }
                boolean changed = !current.hash().equals(row.hash());
                if (changed) {
                    updates.add(Arrays.asList(r.name(), r.regionId(), row.properties(), row.hash(), target.runId(),
                            now, current.id()));
                } else if (!current.seen()) {
                    unchanged.add(current.id());
                }
                if (nothingShown) {
                    tally(byRegion, new RegionCounts(r.regionId(), 1, current.seen() ? 0 : 1, 0, 0));
                } else {
                    tally(byRegion, new RegionCounts(r.regionId(), 1, 0, changed ? 1 : 0, 0));
                }
            }
            DirectJdbc.batch(handle, "INSERT INTO resource (id, vendor_account_id, vendor, datasource, type,"
                    + " resource_id, name, region_id, properties, content_hash, seen_task_id, create_time,"
                    + " update_time) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", inserts);
            DirectJdbc.batch(handle, "UPDATE resource SET name = ?, region_id = ?, properties = ?, content_hash = ?,"
                    + " seen_task_id = ?, update_time = ? WHERE id = ?", updates);
            markSeen(unchanged);
            return List.copyOf(byRegion.values());
        }

        /**
         * Notes unchanged rows as seen by the run in {@code resource_seen}, a narrow table that
         * holds the last run to see each row: updating the mark in the row itself rewrote the
         * whole row and all its indexes. A mark is overwritten by the next run, never deleted
         * (it goes with its row). Marks are the run's own bookkeeping, shown to no one: they are
         * committed at once, outside the read's transaction, whose commit would otherwise go over
         * each of them again.
         */
        private void markSeen(List<String> unchangedIds) {
            if (unchangedIds.isEmpty()) {
                return;
            }
            jdbi.useHandle(marks -> {
                int[] updated = DirectJdbc.batch(marks, "UPDATE resource_seen SET run_id = ? WHERE id = ?",
                        unchangedIds.stream().map(id -> List.of(target.runId(), id)).toList());
                List<List<Object>> firstMarks = new ArrayList<>();
                for (int i = 0; i < updated.length; i++) {
                    if (updated[i] != 1) {
                        // none yet (0), or a driver that did not say (SUCCESS_NO_INFO)
                        String id = unchangedIds.get(i);
                        firstMarks.add(List.of(id, target.runId(), id));
                    }
                }
                DirectJdbc.batch(marks, "INSERT INTO resource_seen (id, run_id) SELECT ?, ?"
                        + " WHERE NOT EXISTS (SELECT 1 FROM resource_seen WHERE id = ?)", firstMarks);
            });
        }

        /**
         * After a complete read: the account's resources that the run did not see, counted by
         * region as removals to report; none when the account shows nothing yet, as what a first
         * read removes was left by an interrupted one and never shown. Only reads (it takes no
         * lock), so that it may run before the caller's transaction locks anything. Reads every
         * row of the account, unless the run saw as many stored rows as there were.
         */
        public List<RegionCounts> countUnseen() {
            if (storedSeen == storedBefore()) {
                unseenFound = false;
                return List.of();
            }
            List<RegionCounts> unseen = handle.createQuery("SELECT region_id, COUNT(*) AS n FROM resource r"
                            + UNSEEN + " GROUP BY region_id")
                    .bind("account", target.vendorAccountId())
                    .bind("task", target.runId())
                    .map((rs, ctx) -> new RegionCounts(rs.getString("region_id"), 0, 0, 0, rs.getLong("n")))
                    .list();
            unseenFound = !unseen.isEmpty();
            return nothingShown ? List.of() : unseen;
        }

        /** After {@link #countUnseen}: removes the account's resources that the run did not see, if any. */
        public void removeUnseen() {
            if (!unseenFound) {
                return;
            }
            handle.createUpdate("DELETE FROM resource r" + UNSEEN)
                    .bind("account", target.vendorAccountId())
                    .bind("task", target.runId())
                    .execute();
        }

        /**
         * Removes what an account's first read stored (the pages it committed, and any that an
         * interrupted first read left): nothing of the account is shown yet, so nothing shown
         * changes.
         */
        public void forgetFirstRead() {
            DirectJdbc.update(handle, "DELETE FROM resource WHERE vendor_account_id = ?",
                    List.of(target.vendorAccountId()));
        }
    }

    private static void tally(Map<String, RegionCounts> byRegion, RegionCounts counts) {
        byRegion.merge(String.valueOf(counts.regionId()), counts, RegionCounts::plus);
    }

    private record Row(DiscoveredResource resource, String properties, String hash) {}

    /** A stored row; seen: the run already wrote it, or found it unchanged. */
    private record Existing(String id, String hash, boolean seen) {}

    private Row toRow(DiscoveredResource resource) {
        String properties = writeJson(resource.properties());
        String hash = sha256(resource.name() + '\u0000' + resource.regionId() + '\u0000' + properties);
        return new Row(resource, properties, hash);
    }

    /**
     * The stored rows of the page's resources, and whether the run has seen each already: the
     * page's keys as a VALUES table joined to the unique key, so that each key is one index
     * lookup. (A row-value IN list also uses the index, but H2 then checks every row it finds
     * against the whole list one by one: a second sync of an unchanged page of 1,000 made half a
     * million comparisons.)
     */
    private static Map<String, Existing> findExisting(Handle handle, Target target, Collection<Row> rows) {
        StringJoiner keys = new StringJoiner(", ");
        List<Object> parameters = new ArrayList<>(2 * rows.size() + 2);
        for (Row row : rows) {
            keys.add("(?, ?)");
            parameters.add(row.resource().type());
            parameters.add(row.resource().resourceId());
        }
        parameters.add(target.vendorAccountId());
        Map<String, Existing> existing = new HashMap<>();
        DirectJdbc.query(handle, "SELECT r.id, r.type, r.resource_id, r.content_hash, r.seen_task_id, s.run_id"
                                + " FROM (VALUES " + keys + ") AS page_key (type, resource_id)"
                                + " JOIN resource r ON r.vendor_account_id = ? AND r.type = page_key.type"
                                + " AND r.resource_id = page_key.resource_id"
                                + " LEFT JOIN resource_seen s ON s.id = r.id", parameters,
                        found -> Map.entry(key(found.getString(2), found.getString(3)),
                                new Existing(found.getString(1), found.getString(4),
                                        target.runId().equals(found.getString(5))
                                                || target.runId().equals(found.getString(6)))))
                .forEach(entry -> existing.put(entry.getKey(), entry.getValue()));
        return existing;
    }

    private static String key(String type, String resourceId) {
        return type + '\u0000' + resourceId;
    }

    private String writeJson(Map<String, Object> properties) {
        try {
            return json.writeValueAsString(properties);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("resource properties cannot be written as JSON", e);
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
