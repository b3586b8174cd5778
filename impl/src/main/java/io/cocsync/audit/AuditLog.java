package io.cocsync.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.util.Collection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The audit trail: one JSON object per line on a logger of its own ({@value #LOGGER}), so that
 * an operator can route it apart from the service log and read it with any JSON tool. It tells
 * who was refused or allowed what, and which settings of which account changed; it never holds
 * a secret (no SK, token, signature or vendor secret; an AK or a token's hash prefix names the
 * caller).
 *
 * <p>Events: {@code authentication_refused}, {@code ak_locked}, {@code ak_unlocked},
 * {@code forbidden}, {@code credentials_reloaded}, {@code credentials_refused},
 * {@code account_created}, {@code account_updated}, {@code account_deleted}.
 */
public final class AuditLog {

    public static final String LOGGER = "audit";
    private static final Logger LOG = LoggerFactory.getLogger(LOGGER);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Clock clock;

    public AuditLog(Clock clock) {
        this.clock = clock;
    }

    /** A new line of {@code event}: add its fields, then {@link Entry#write}. */
    public Entry event(String event) {
        return new Entry(event);
    }

    /** One audit line being filled in. */
    public final class Entry {
        private final ObjectNode line = JSON.createObjectNode();

        private Entry(String event) {
            line.put("time", clock.instant().toString());
            line.put("event", event);
        }

        /** A text field; a null value is left out. */
        public Entry with(String name, String value) {
            if (value != null) {
                line.put(name, value);
            }
            return this;
        }

        public Entry with(String name, long value) {
            line.put(name, value);
            return this;
        }

        public Entry with(String name, Collection<String> values) {
            values.forEach(line.putArray(name)::add);
            return this;
        }

        public void write() {
            try {
                LOG.info(JSON.writeValueAsString(line));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("an audit line of text fields always serializes", e);
            }
        }
    }
}
