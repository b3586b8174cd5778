package io.cocsync.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The results table and the notes on how each figure was measured, written as Markdown. */
final class Report {

    /**
     * One figure: what was measured, the goal, the measured ratio or figure compared with it, and
     * whether it is met; {@code met} is null for a figure shown beside the targets, not judged.
     */
    record Row(String benchmark, String figures, String target, String ratio, Boolean met) {

        String verdict(String yes, String no) {
            return met == null ? "(not a target)" : met ? yes : no;
        }
    }

    private final List<Row> rows = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    void add(Row row) {
        rows.add(row);
        System.out.printf("%s | %s | %s | %s | %s%n", row.benchmark(), row.figures(), row.target(), row.ratio(),
                row.verdict("met", "MISSED"));
    }

    List<Row> rows() {
        return List.copyOf(rows);
    }

    void note(String text) {
        notes.add(text);
    }

    void write(Path file, String command, String mode) throws IOException {
        StringBuilder md = new StringBuilder("# Benchmark results\n\n");
        md.append("Written by `").append(command).append("` (").append(mode).append(") on ")
                .append(ZonedDateTime.now().format(DateTimeFormatter.RFC_1123_DATE_TIME)).append(".\n\n");
        md.append("Machine: ").append(machine()).append(".\n\n");
        md.append("Ratios compare figures measured side by side in this one run; absolute figures drift with the"
                + " machine and whatever else runs on it.\n\n");
        md.append("| benchmark | measured | target | ratio / figure | met? |\n|---|---|---|---|---|\n");
        for (Row row : rows) {
            md.append("| ").append(row.benchmark()).append(" | ").append(row.figures()).append(" | ")
                    .append(row.target()).append(" | ").append(row.ratio()).append(" | ")
                    .append(row.verdict("yes", "**no**")).append(" |\n");
        }
        md.append("\n## How each figure is measured\n\n");
        notes.forEach(note -> md.append("- ").append(note).append('\n'));
        Files.writeString(file, md);
    }

    static String fmt(double value) {
        return String.format(Locale.ROOT, value >= 100 ? "%.0f" : "%.2f", value);
    }

    private static String machine() {
        String cpu = "unknown CPU";
        try {
            cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .findFirst().map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse(cpu);
        } catch (IOException e) {
            // not Linux: the CPU model stays unnamed
        }
        long memory = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getTotalMemorySize();
        return Runtime.getRuntime().availableProcessors() + " cores (" + cpu + "), "
                + memory / (1024 * 1024 * 1024) + " GiB RAM, " + System.getProperty("os.name") + " "
                + System.getProperty("os.version") + ", Java " + System.getProperty("java.runtime.version")
                + " (" + System.getProperty("java.vm.name") + ")";
    }
}
