package io.cocsync.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The heap figures of a JVM's own GC log ({@code -Xlog:gc}): every pause line reads
 * {@code before->after(committed)}. Only a full collection's "after" is what the process kept
 * live (a young pause leaves old garbage in place, and G1's Remark and Cleanup pauses move
 * nothing, so their "after" is merely the occupancy); the highest "before" of any pause is the
 * high-water mark of the heap, garbage included.
 *
 * @param peakLiveMib the highest heap after a full collection
 * @param fullCollections how many full collections the log shows: the samples behind {@code peakLiveMib}
 * @param maxBeforeGcMib the heap's high-water mark
 */
record GcLog(double peakLiveMib, int fullCollections, double maxBeforeGcMib) {

    private static final Pattern PAUSE =
            Pattern.compile("Pause (\\w+).* (\\d+)([KMG])->(\\d+)([KMG])\\((\\d+)([KMG])\\)");

    static GcLog read(Path file) throws IOException {
        double live = 0;
        int full = 0;
        double before = 0;
        for (String line : Files.readAllLines(file)) {
            Matcher m = PAUSE.matcher(line);
            if (m.find()) {
                before = Math.max(before, mib(m.group(2), m.group(3)));
                if (m.group(1).equals("Full")) {
                    full++;
                    live = Math.max(live, mib(m.group(4), m.group(5)));
                }
            }
        }
        return new GcLog(live, full, before);
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
