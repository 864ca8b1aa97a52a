package dev.nst.weights;

import dev.nst.core.domain.InvalidInputException;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * Where published weights are downloaded from, and what they must hash to. A mirror (the system property
 * {@value WeightsRepository#MIRROR_PROPERTY}, else {@value WeightsRepository#MIRROR_VARIABLE}) is a base URL under
 * which the published file names are looked for; it must serve the same bytes, as the published checksums are
 * checked whatever the source.
 */
final class Downloads {

    private final Optional<String> mirror;
    private final Downloader downloader;
    private final Map<PublishedWeights, Checksum> checksums;

    /** @param checksums replaces published checksums; only tests, whose fixtures are not the published files, do */
    Downloads(Optional<String> mirror, Downloader downloader, Map<PublishedWeights, Checksum> checksums) {
        this.mirror = mirror.map(String::trim).filter(m -> !m.isEmpty());
        this.downloader = downloader;
        this.checksums = Map.copyOf(checksums);
    }

    static Downloads configured(Map<String, String> environment, Properties properties) {
        String mirror = properties.getProperty(WeightsRepository.MIRROR_PROPERTY,
                environment.get(WeightsRepository.MIRROR_VARIABLE));
        return new Downloads(Optional.ofNullable(mirror), new Downloader(), Map.of());
    }

    URI urlOf(PublishedWeights weights) {
        return mirror.map(base -> mirrored(base, weights)).orElseGet(weights::url);
    }

    private static URI mirrored(String base, PublishedWeights weights) {
        try {
            URI uri = URI.create((base.endsWith("/") ? base : base + "/") + weights.fileName());
            if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) {
                return uri;
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw new InvalidInputException("the weights mirror '" + base + "' (" + WeightsRepository.MIRROR_VARIABLE
                + " or -D" + WeightsRepository.MIRROR_PROPERTY + ") is not an http or https URL");
    }

    Checksum checksumOf(PublishedWeights weights) {
        return checksums.getOrDefault(weights, weights.checksum());
    }

    Downloader downloader() {
        return downloader;
    }
}
