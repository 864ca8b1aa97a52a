package dev.nst.http.api;

/**
 * What one request may ask for.
 *
 * @param maxUploadBytes    bytes in one request
 * @param maxPixels         pixels of one uploaded image (from its header)
 * @param maxSide           width and height of one uploaded image (from its header)
 * @param maxSize           the largest {@code size}, which also bounds {@code size * styleScale}
 * @param maxIterations     the largest {@code iterations}
 * @param maxStyles         style images in one request
 * @param concurrentDecodes uploads decoded at the same time
 */
public record RequestLimits(long maxUploadBytes, long maxPixels, int maxSide, int maxSize, int maxIterations,
                            int maxStyles, int concurrentDecodes) {

    public RequestLimits {
        if (maxUploadBytes < 1 || maxPixels < 1 || maxSide < 1 || maxSize < 1 || maxIterations < 0 || maxStyles < 1
                || concurrentDecodes < 1) {
            throw new IllegalArgumentException("nst.limits: every limit must be positive: " + this);
        }
    }
}
