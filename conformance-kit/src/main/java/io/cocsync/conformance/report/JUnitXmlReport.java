package io.cocsync.conformance.report;

import io.cocsync.conformance.run.CheckResult;
import io.cocsync.conformance.run.CheckResult.Outcome;
import java.io.IOException;
import java.io.Writer;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.format.DateTimeFormatter;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * The run as one JUnit XML test suite, the format CI systems read (the one Maven Surefire
 * writes): a test case per check, its class the operation it checks, with a failure or skipped
 * element carrying the reason.
 */
public final class JUnitXmlReport {

    private JUnitXmlReport() {
    }

    public static void write(RunSummary run, Path file) throws IOException {
        createParent(file);
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            XMLStreamWriter xml = XMLOutputFactory.newInstance().createXMLStreamWriter(out);
            xml.writeStartDocument("UTF-8", "1.0");
            xml.writeCharacters("\n");
            xml.writeStartElement("testsuite");
            xml.writeAttribute("name", "coc-conformance-kit." + run.mode());
            xml.writeAttribute("tests", Integer.toString(run.results().size()));
            xml.writeAttribute("failures", Long.toString(run.count(Outcome.FAILED)));
            xml.writeAttribute("errors", "0");
            xml.writeAttribute("skipped", Long.toString(run.count(Outcome.SKIPPED)));
            xml.writeAttribute("time", RunSummary.seconds(run.duration()));
            xml.writeAttribute("timestamp", DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(run.started().truncatedTo(ChronoUnit.SECONDS).atOffset(ZoneOffset.UTC)));
            xml.writeAttribute("hostname", hostname());
            xml.writeCharacters("\n  ");
            xml.writeStartElement("properties");
            property(xml, "base-url", run.target());
            property(xml, "mode", run.mode());
            property(xml, "prefix", run.prefix());
            xml.writeCharacters("\n  ");
            xml.writeEndElement();
            for (CheckResult result : run.results()) {
                xml.writeCharacters("\n  ");
                testCase(xml, result);
            }
            xml.writeCharacters("\n");
            xml.writeEndElement();
            xml.writeCharacters("\n");
            xml.writeEndDocument();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IOException("cannot write " + file, e);
        }
    }

    private static void testCase(XMLStreamWriter xml, CheckResult result) throws XMLStreamException {
        boolean empty = result.outcome() == Outcome.PASSED;
        if (empty) {
            xml.writeEmptyElement("testcase");
        } else {
            xml.writeStartElement("testcase");
        }
        xml.writeAttribute("classname", "coc.conformance." + result.subject());
        xml.writeAttribute("name", result.name());
        xml.writeAttribute("time", RunSummary.seconds(result.duration()));
        if (result.outcome() == Outcome.FAILED) {
            xml.writeStartElement("failure");
            xml.writeAttribute("message", xmlSafe(result.headline()));
            xml.writeAttribute("type", "ConformanceFailure");
            xml.writeCharacters(xmlSafe(result.summary() + "\n\n" + result.message()));
            xml.writeEndElement();
        } else if (result.outcome() == Outcome.SKIPPED) {
            xml.writeEmptyElement("skipped");
            xml.writeAttribute("message", xmlSafe(result.headline()));
        }
        if (!empty) {
            xml.writeEndElement();
        }
    }

    private static void property(XMLStreamWriter xml, String name, String value) throws XMLStreamException {
        xml.writeCharacters("\n    ");
        xml.writeEmptyElement("property");
        xml.writeAttribute("name", name);
        xml.writeAttribute("value", value == null ? "" : xmlSafe(value));
    }

    /** Drops the characters XML 1.0 cannot carry at all (a server's body may hold any). */
    private static String xmlSafe(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder safe = new StringBuilder(text.length());
        text.codePoints().filter(c -> c == '\t' || c == '\n' || c == '\r' || (c >= 0x20 && c <= 0xD7FF)
                || (c >= 0xE000 && c <= 0xFFFD) || c >= 0x10000).forEach(safe::appendCodePoint);
        return safe.toString();
    }

    private static String hostname() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "localhost";
        }
    }

    static void createParent(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
    }
}
