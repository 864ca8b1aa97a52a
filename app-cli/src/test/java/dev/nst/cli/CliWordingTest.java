package dev.nst.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.nst.core.domain.Hint;
import dev.nst.core.domain.ImageTooSmallException;
import dev.nst.core.domain.InvalidInputException;
import dev.nst.core.domain.LossWeightOverrides;
import dev.nst.core.domain.LossWeights;
import dev.nst.core.domain.NstException;
import dev.nst.core.domain.Setting;
import dev.nst.core.domain.TransferFailedException;
import dev.nst.core.domain.VggLayer;
import dev.nst.core.domain.WeightsUnavailableException;
import dev.nst.core.port.in.TransferSettings;
import dev.nst.core.port.out.BackendOptions;
import java.io.PrintStream;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/**
 * How the CLI words the core's failures: the core carries the setting, the value and the reason, or a hint, and this
 * adapter names the options. (These wordings were pinned in core's tests before the core stopped naming options.)
 */
class CliWordingTest {

    @ParameterizedTest
    @EnumSource(Setting.class)
    void everySettingIsCalledByAnOptionThatExists(Setting setting) {
        CliEnvironment environment = CliRunner.environment(java.nio.file.Path.of("/nonexistent"), false);
        PrintStream sink = new PrintStream(java.io.OutputStream.nullOutputStream());
        Set<String> options = new CommandLine(new TransferCommand(environment, sink, sink)).getCommandSpec()
                .options().stream().flatMap(o -> java.util.Arrays.stream(o.names())).collect(Collectors.toSet());

        assertThat(options).contains(CliWording.option(setting));
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 1_000_001})
    void iterationsOutOfRange(int iterations) {
        assertThat(worded(() -> TransferSettings.builder().iterations(iterations).build()))
                .isEqualTo("--iterations must be between 0 and 1000000, got " + iterations);
    }

    @Test
    void sizesThatLeaveNothingAtTheDeepestLayerOrAreTooLarge() {
        assertThat(worded(() -> TransferSettings.builder().size(15).build()))
                .isEqualTo("--size must be between 16 (for layer relu5_1) and 16384, got 15");
        assertThat(worded(() -> TransferSettings.builder().size(3).contentLayers(List.of(VggLayer.RELU2_1))
                .styleLayers(List.of(VggLayer.RELU3_1)).build()))
                .startsWith("--size must be between 4 (for layer relu3_1)");
        assertThat(worded(() -> TransferSettings.builder().size(16_385).build()))
                .startsWith("--size must be between").endsWith("and 16384, got 16385");
    }

    @Test
    void positiveNumbers() {
        assertThat(worded(() -> TransferSettings.builder().styleScale(0).build()))
                .isEqualTo("--style-scale must be a positive number, got 0.0");
        assertThat(worded(() -> TransferSettings.builder().learningRate(Double.NaN).build()))
                .isEqualTo("--learning-rate must be a positive number, got NaN");
        assertThat(worded(() -> new BackendOptions(-1)))
                .isEqualTo("--threads must be >= 0, got -1");
    }

    @Test
    void lossWeights() {
        assertThat(worded(() -> new LossWeights(-1, 100, 1e-3)))
                .startsWith("--content-weight must be a finite number >= 0");
        assertThat(worded(() -> LossWeightOverrides.NONE.withStyleWeight(-1)))
                .isEqualTo("--style-weight must be a finite number >= 0, got -1.0");
        assertThat(worded(() -> new LossWeights(5, 100, Double.POSITIVE_INFINITY)))
                .isEqualTo("--tv-weight must be a finite number >= 0, got Infinity");
    }

    @Test
    void emptyLayerLists() {
        assertThat(worded(() -> TransferSettings.builder().contentLayers(List.of()).build()))
                .isEqualTo("--content-layers: at least one layer is needed");
        assertThat(worded(() -> TransferSettings.builder().styleLayers(List.of()).build()))
                .isEqualTo("--style-layers: at least one layer is needed");
    }

    @Test
    void imagesTooSmallForTheDeepestLayerAreNamedAsTheCoreNamesThem() {
        assertThat(CliWording.message(new ImageTooSmallException(Setting.CONTENT, 0, 1, 64, 12, 64, VggLayer.RELU5_1)))
                .isEqualTo("the content image is 64x12 px after resizing; layer relu5_1 needs at least 16 px on each"
                        + " side");
        assertThat(CliWording.message(new ImageTooSmallException(Setting.STYLE, 1, 2, 64, 8, 64, VggLayer.RELU5_1)))
                .startsWith("style image 2 is 64x8 px after resizing");
    }

    @Test
    void runningOutOfMemoryAdvisesASmallerSize() {
        assertThat(CliWording.message(TransferFailedException.outOfMemory("not enough memory: could not allocate 256"
                + " MiB more", null)))
                .isEqualTo("not enough memory: could not allocate 256 MiB more; try a smaller --size (memory grows"
                        + " with the square of the size)");
        assertThat(CliWording.message(new TransferFailedException("the cpu backend holds at most 2147483647 values in"
                + " one tensor", List.of(Hint.reduceSizeTo(5792)))))
                .endsWith("; try --size 5792 or smaller (memory grows with the square of the size)");
    }

    @Test
    void aDivergedRunAdvisesAdamOrSmallerSteps() {
        assertThat(CliWording.message(new TransferFailedException("the optimisation diverged at iteration 1 (the loss"
                + " is no longer a finite number)", List.of(Hint.useAdam(), Hint.lowerLearningRate()))))
                .endsWith("(the loss is no longer a finite number); try --optimizer adam or a smaller --learning-rate");
        assertThat(CliWording.message(new TransferFailedException("diverged", List.of(Hint.lowerLearningRate()))))
                .isEqualTo("diverged; try a smaller --learning-rate");
    }

    @Test
    void missingWeightsAdviseRandomWeightsInASentenceOfTheirOwn() {
        assertThat(CliWording.message(new WeightsUnavailableException("The VGG19 weights were not found: ... (set"
                + " NST_WEIGHTS_URL to use a mirror).", null, List.of(Hint.useRandomWeights()))))
                .endsWith("(set NST_WEIGHTS_URL to use a mirror). To run offline without it, use --weights random"
                        + " (results will not look like real style transfer).");
    }

    @Test
    void aFailureWithoutSettingOrHintIsItsMessage() {
        assertThat(CliWording.message(new InvalidInputException("notes.txt: not an image"))).isEqualTo(
                "notes.txt: not an image");
    }

    private static String worded(Executable failing) {
        NstException failure = catchThrowableOfType(() -> failing.execute(), NstException.class);
        assertThat(failure).as("a core failure").isNotNull();
        return CliWording.message(failure);
    }
}
