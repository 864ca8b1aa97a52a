package dev.nst.weights;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where weights files live on this machine: nst's cache ({@code <nst home>/weights}), Keras' cache
 * ({@code $KERAS_HOME/models}, by default {@code ~/.keras/models}) and torch hub's
 * ({@code $TORCH_HOME/hub/checkpoints}, by default {@code ~/.cache/torch/hub/checkpoints}).
 */
record WeightsPlaces(Path nstHome, Path userHome, Map<String, String> environment) {

    WeightsPlaces {
        environment = Map.copyOf(environment);
    }

    Path cacheFolder() {
        return nstHome.resolve("weights");
    }

    /** The folder where the tool that publishes these weights keeps its downloads. */
    Path foreignCache(PublishedWeights weights) {
        return switch (weights) {
            case VGG19 -> variable("KERAS_HOME").orElse(userHome.resolve(".keras")).resolve("models");
            case VGG19_TORCHVISION -> variable("TORCH_HOME")
                    .or(() -> variable("XDG_CACHE_HOME").map(cache -> cache.resolve("torch")))
                    .orElse(userHome.resolve(".cache").resolve("torch")).resolve("hub").resolve("checkpoints");
        };
    }

    /** Where an original file may already be: put by hand into nst's cache, then the publishing tool's cache. */
    List<Path> originals(PublishedWeights weights) {
        return List.of(cacheFolder().resolve(weights.fileName()), foreignCache(weights).resolve(weights.fileName()));
    }

    private Optional<Path> variable(String name) {
        return Optional.ofNullable(environment.get(name)).map(String::trim).filter(v -> !v.isEmpty()).map(Path::of);
    }
}
