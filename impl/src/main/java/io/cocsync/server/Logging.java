package io.cocsync.server;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.Encoder;
import io.cocsync.audit.AuditLog;
import java.util.Map;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * Sets up logging to standard output, as text lines or JSON lines, before anything logs. In code
 * rather than a logback.xml: reading XML costs start-up time, and with no logback.xml on the class
 * path Logback's own default set-up, which this replaces at once, is cheap.
 */
final class Logging {

    private static final String TEXT_PATTERN = "%d{yyyy-MM-dd'T'HH:mm:ss.SSSX, UTC} %-5level [%thread] %logger{20} - %msg%n";

    /** Libraries that say more than an operator needs. */
    private static final Map<String, Level> QUIETER = Map.of(
            "org.eclipse.jetty", Level.WARN,
            "org.flywaydb", Level.WARN,
            "com.zaxxer.hikari", Level.WARN,
            "org.hibernate.validator", Level.WARN,
            // vendor SDKs log their own failures; the sync's failure_msg and our log line say it once
            "com.azure", Level.WARN,
            "com.microsoft.aad.msal4j", Level.ERROR,
            "com.huaweicloud.sdk", Level.ERROR,
            "org.glassfish.jersey", Level.WARN,
            // Jersey warns that resource instances (whose @Path sits on the generated interface) are no
            // providers; they are registered as resources all the same
            "org.glassfish.jersey.internal.inject.Providers", Level.ERROR);

    private Logging() {}

    static void configure(ServerConfig.LogFormat format) {
        routeJavaUtilLogging();
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        context.reset();
        ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
        console.setContext(context);
        console.setName("STDOUT");
        console.setEncoder(format == ServerConfig.LogFormat.JSON ? jsonLines(context) : textLines(context));
        console.start();
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.INFO);
        root.addAppender(console);
        QUIETER.forEach((name, level) -> context.getLogger(name).setLevel(level));
        auditLines(context);
    }

    /**
     * The audit log's lines are JSON objects already: written as they are, one per line, to
     * standard output beside the service log, and not again through the root logger.
     */
    private static void auditLines(LoggerContext context) {
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("%msg%n");
        encoder.start();
        ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
        console.setContext(context);
        console.setName("AUDIT");
        console.setEncoder(encoder);
        console.start();
        Logger audit = context.getLogger(AuditLog.LOGGER);
        audit.setLevel(Level.INFO);
        audit.setAdditive(false);
        audit.addAppender(console);
    }

    private static Encoder<ILoggingEvent> textLines(LoggerContext context) {
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(TEXT_PATTERN);
        encoder.start();
        return encoder;
    }

    /** One JSON object per line, for log shippers. */
    private static Encoder<ILoggingEvent> jsonLines(LoggerContext context) {
        JsonEncoder encoder = new JsonEncoder();
        encoder.setContext(context);
        encoder.setWithSequenceNumber(false);
        encoder.setWithNanoseconds(false);
        encoder.start();
        return encoder;
    }

    /** Jersey and Jetty log through java.util.logging: send it to SLF4J, once per JVM. */
    static synchronized void routeJavaUtilLogging() {
        if (!SLF4JBridgeHandler.isInstalled()) {
            SLF4JBridgeHandler.removeHandlersForRootLogger();
            SLF4JBridgeHandler.install();
        }
    }
}
