package io.cocsync.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The heap figures of a JVM's own GC log ({@code -Xlog:gc}): every pause line reads
 * {@code before->after(committed)}. The highest "after" is the most the process ever kept live;
 * the highest "before" is the high-water mark of the heap, garbage included.
 */
record GcLog(double maxLiveMib, double maxBeforeGcMib, int pauses) {

    private static final Pattern PAUSE = Pattern.compile("Pause.* (\\d+)([KMG])->(\\d+)([KMG])\\((\\d+)([KMG])\\)");

    static GcLog read(Path file) throws IOException {
        double live = 0;
        double before = 0;
        int pauses = 0;
        for (String line : Files.readAllLines(file)) {
            Matcher m = PAUSE.matcher(line);
            if (m.find()) {
                pauses++;
                before = Math.max(before, mib(m.group(1), m.group(2)));
                live = Math.max(live, mib(m.group(3), m.group(4)));
            }
        }
        return new GcLog(live, before, pauses);
    }

    private static double mib(String number, String unit) {
        double value = Double.parseDouble(number);
        return switch (unit) {
            case "K" -> value / 1024;
            case "G" -> value * 1024;
            default -> value;
        };
    }
}
