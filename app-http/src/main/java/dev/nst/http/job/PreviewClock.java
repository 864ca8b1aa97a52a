package dev.nst.http.job;

import java.time.Duration;

/** Says when a running job's next preview (and progress record) is due: at the first iteration, then once per interval. */
final class PreviewClock {

    private final long intervalNanos;
    private long last;
    private boolean first = true;

    PreviewClock(Duration interval) {
        this.intervalNanos = interval.toNanos();
    }

    boolean due() {
        long now = System.nanoTime();
        if (first || now - last >= intervalNanos) {
            first = false;
            last = now;
            return true;
        }
        return false;
    }
}
