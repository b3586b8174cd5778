package io.cocsync.testing;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cocsync.audit.AuditLog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.slf4j.LoggerFactory;

/** The audit log's lines written while it is open, for tests that check what is audited. */
public final class AuditLines implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Logger logger = (Logger) LoggerFactory.getLogger(AuditLog.LOGGER);
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    /** The tests' log configuration shows warnings only: the audit logger's INFO lines are turned on while capturing. */
    private final Level levelBefore = logger.getLevel();

    private AuditLines() {
        appender.start();
        logger.addAppender(appender);
        logger.setLevel(Level.INFO);
    }

    public static AuditLines capture() {
        return new AuditLines();
    }

    /** Each line as written: one JSON object. */
    public List<String> lines() {
        return List.copyOf(appender.list).stream().map(ILoggingEvent::getFormattedMessage).toList();
    }

    /** The {@code event} of each line, in order. */
    public List<String> events() {
        return lines().stream().map(line -> {
            try {
                return JSON.readTree(line).path("event").asText();
            } catch (IOException e) {
                throw new UncheckedIOException("an audit line is not JSON: " + line, e);
            }
        }).toList();
    }

    @Override
    public void close() {
        logger.setLevel(levelBefore);
        logger.detachAppender(appender);
        appender.stop();
    }
}
