package dev.nst.http.api;

import io.micronaut.serde.annotation.Serdeable;

/** {@code GET /api/limits}: what one request may ask for on this server, and its defaults. */
@Serdeable
public record LimitsView(long maxUploadBytes, long maxPixels, int maxSide, int maxSize, int maxIterations,
                         int maxStyles, String defaultWeights) {
}
