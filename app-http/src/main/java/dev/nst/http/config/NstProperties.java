package dev.nst.http.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * What the service shares with the CLI, under {@code nst.*}; Micronaut also reads them from the environment, so
 * {@code NST_BACKEND}, {@code NST_WEIGHTS}, {@code NST_HOME} and {@code NST_PRECISION} mean what they mean to the
 * {@code nst} command ({@code NST_PRECISION} as its {@code --precision}).
 *
 * @param backend {@code auto}, {@code cpu} or {@code cuda}
 * @param weights the weights jobs use unless a request says {@code vgg19} or {@code random[:SEED]}: {@code vgg19},
 *                {@code random[:SEED]} or the path of a Keras VGG19 HDF5 file on the server
 * @param home    nst's home folder (weights cache, default data folder); empty for {@code ~/.cache/nst}
 * @param threads   CPU threads per transfer; 0 for one per core
 * @param precision {@code fp32} or {@code tf32}: the arithmetic of the cuda backend (the cpu backend ignores it)
 */
@ConfigurationProperties("nst")
public record NstProperties(
        @Bindable(defaultValue = "auto") String backend,
        @Bindable(defaultValue = "vgg19") String weights,
        @Nullable String home,
        @Bindable(defaultValue = "0") int threads,
        @Bindable(defaultValue = "fp32") String precision) {
}
