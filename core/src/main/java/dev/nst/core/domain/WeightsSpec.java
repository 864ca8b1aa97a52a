package dev.nst.core.domain;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Which VGG19 weights to use, as the user writes it: a published network by name ({@code vgg19}, the Keras/Caffe
 * network or whichever published VGG19 is at hand; {@code vgg19-torchvision}, PyTorch's), {@code random[:SEED]}
 * (He-initialised, for tests and offline demos) or a file path.
 */
public sealed interface WeightsSpec {

    String DEFAULT = "vgg19";
    /** The published networks that can be named. */
    List<String> NAMES = List.of("vgg19", "vgg19-torchvision");

    /** A published weights set, by name. */
    record Named(String name) implements WeightsSpec {
        @Override
        public String toString() {
            return name;
        }
    }

    /** Deterministic random weights; {@code seed} empty means "use the run's seed". */
    record Random(java.util.OptionalLong seed) implements WeightsSpec {
        public long seedOr(long fallback) {
            return seed.orElse(fallback);
        }

        @Override
        public String toString() {
            return seed.isPresent() ? "random:" + seed.getAsLong() : "random";
        }
    }

    /** A weights file. */
    record File(Path path) implements WeightsSpec {
        @Override
        public String toString() {
            return path.toString();
        }
    }

    static WeightsSpec parse(String spec) {
        String s = spec.trim();
        String lower = s.toLowerCase(Locale.ROOT);
        if (s.isEmpty()) {
            throw new InvalidInputException(Setting.WEIGHTS, "empty weights value; use vgg19, vgg19-torchvision, random[:SEED] or a file");
        }
        if (lower.equals("random")) {
            return new Random(java.util.OptionalLong.empty());
        }
        if (lower.startsWith("random:")) {
            try {
                return new Random(java.util.OptionalLong.of(Long.parseLong(s.substring("random:".length()))));
            } catch (NumberFormatException e) {
                throw new InvalidInputException(Setting.WEIGHTS, "'" + s + "' has a seed that is not an integer");
            }
        }
        if (NAMES.contains(lower)) {
            return new Named(lower);
        }
        return new File(Path.of(s));
    }
}
