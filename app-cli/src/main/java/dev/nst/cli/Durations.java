package dev.nst.cli;

import java.time.Duration;
import java.util.Locale;

/** Durations as people read them: {@code 0.4s}, {@code 12.3s}, {@code 4m 12s}, {@code 1h 3m 5s}. */
final class Durations {

    private Durations() {
    }

    static String format(Duration duration) {
        long millis = Math.max(0, duration.toMillis());
        if (millis < 60_000) {
            return String.format(Locale.ROOT, "%.1fs", millis / 1000.0);
        }
        long seconds = millis / 1000;
        if (seconds < 3600) {
            return (seconds / 60) + "m " + (seconds % 60) + "s";
        }
        return (seconds / 3600) + "h " + (seconds % 3600 / 60) + "m " + (seconds % 60) + "s";
    }

    static String formatSeconds(double seconds) {
        return format(Duration.ofMillis(Math.round(seconds * 1000)));
    }
}
