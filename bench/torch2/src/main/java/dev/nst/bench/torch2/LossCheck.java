package dev.nst.bench.torch2;

import dev.nst.core.domain.LossBreakdown;
import java.util.Locale;

/** The relative difference of each loss term between two implementations, against a limit. */
record LossCheck(LossBreakdown actual, LossBreakdown expected) {

    /** The largest relative difference {@code --check} accepts at iteration 0. */
    static final double LIMIT = 1e-4;

    double content() {
        return relative(actual.content(), expected.content());
    }

    double style() {
        return relative(actual.style(), expected.style());
    }

    double tv() {
        return relative(actual.tv(), expected.tv());
    }

    double total() {
        return relative(actual.total(), expected.total());
    }

    boolean withinLimit() {
        return content() <= LIMIT && style() <= LIMIT && tv() <= LIMIT && total() <= LIMIT;
    }

    /** {@code content=.. style=.. tv=.. total=..}. */
    String differences() {
        return String.format(Locale.ROOT, "content=%.2e style=%.2e tv=%.2e total=%.2e", content(), style(), tv(),
                total());
    }

    /** {@code |a - b| / |b|}: 0 when they are equal, infinite when only {@code b} is 0, NaN when either is NaN. */
    static double relative(double a, double b) {
        if (a == b) {
            return 0;
        }
        return Math.abs(a - b) / Math.abs(b);
    }
}
