package dev.nst.http.job;

import dev.nst.core.domain.LossBreakdown;
import io.micronaut.serde.annotation.Serdeable;

/** The weighted terms of the objective at the latest iteration, and their sum. */
@Serdeable
public record Losses(double total, double content, double style, double tv) {

    static Losses of(LossBreakdown loss) {
        return new Losses(loss.total(), loss.content(), loss.style(), loss.tv());
    }
}
