package dev.nst.http.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import io.micronaut.core.convert.format.ReadableBytes;

/**
 * What one request may ask for, under {@code nst.limits.*}.
 *
 * @param maxUploadSize     bytes in one request (larger: 413); also sets Micronaut's request and file size limits
 * @param maxPixels         pixels of one uploaded image, read from its header before decoding
 * @param maxSide           width and height of one uploaded image, read from its header
 * @param maxSize           the largest {@code size} (longer side of the result)
 * @param maxIterations     the largest {@code iterations}
 * @param maxStyles         style images in one request
 * @param concurrentDecodes uploads decoded at the same time
 * @param decodeMemory      the Java heap that decoding uploads may take together (a 40-megapixel PNG takes about 0.6
 *                          GiB while it is decoded); empty for three quarters of the heap less 64 MiB
 */
@ConfigurationProperties("nst.limits")
public record LimitsProperties(
        @Bindable(defaultValue = "20MB") @ReadableBytes long maxUploadSize,
        @Bindable(defaultValue = "40000000") long maxPixels,
        @Bindable(defaultValue = "8192") int maxSide,
        @Bindable(defaultValue = "1024") int maxSize,
        @Bindable(defaultValue = "2000") int maxIterations,
        @Bindable(defaultValue = "4") int maxStyles,
        @Bindable(defaultValue = "2") int concurrentDecodes,
        @Nullable @ReadableBytes Long decodeMemory) {
}
