package io.cocsync.server;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.joran.spi.JoranException;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;

/** Sets up logging to standard output, as text lines or JSON lines, before anything logs. */
final class Logging {

    private Logging() {}

    static void configure(ServerConfig.LogFormat format) {
        routeJavaUtilLogging();
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        context.reset();
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        String file = format == ServerConfig.LogFormat.JSON ? "/logback-json.xml" : "/logback.xml";
        try {
            configurator.doConfigure(Logging.class.getResource(file));
        } catch (JoranException e) {
            throw new IllegalStateException("the logging configuration " + file + " is broken", e);
        }
    }

    /** Jersey and Jetty log through java.util.logging: send it to SLF4J, once per JVM. */
    static synchronized void routeJavaUtilLogging() {
        if (!SLF4JBridgeHandler.isInstalled()) {
            SLF4JBridgeHandler.removeHandlersForRootLogger();
            SLF4JBridgeHandler.install();
        }
    }
}
