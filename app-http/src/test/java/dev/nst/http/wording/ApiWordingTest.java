package dev.nst.http.wording;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nst.core.domain.Hint;
import dev.nst.core.domain.ImageTooSmallException;
import dev.nst.core.domain.InvalidInputException;
import dev.nst.core.domain.LossWeights;
import dev.nst.core.domain.Setting;
import dev.nst.core.domain.TransferFailedException;
import dev.nst.core.domain.VggLayer;
import dev.nst.core.domain.WeightsUnavailableException;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** How the API words the core's failures: fields for settings, field names in advice, never a CLI option. */
class ApiWordingTest {

    /** The request's text fields and files (as the API's form takes them), and the server's own settings. */
    private static final Set<String> NAMES = Set.of("content", "style", "init", "size", "iterations", "optimizer",
            "learningRate", "contentWeight", "styleWeight", "tvWeight", "contentLayers", "styleLayers", "seed",
            "pooling", "styleScale", "styleBlend", "weights", "nst.backend", "nst.precision", "nst.threads", "colors",
            "styleMask", "contentMask", "styleLayerWeights", "contentLayerWeights", "scales", "tileSize", "lbfgsHistory",
            "nst.http.max-memory");

    @Test
    void everySettingIsAFieldOfTheRequestOrAKeyOfTheServersConfiguration() {
        Set<String> fields = Stream.of(Setting.values()).map(ApiWording::field).collect(Collectors.toSet());

        assertThat(fields).hasSize(Setting.values().length).isSubsetOf(NAMES);
    }

    @Test
    void aRequirementNamesTheField() {
        InvalidInputException e = catchInvalid(() -> new LossWeights(5, 100, -1));

        assertThat(ApiWording.message(e)).isEqualTo("tvWeight must be a finite number >= 0, got -1.0");
        assertThat(ApiWording.field(e.setting().orElseThrow())).isEqualTo("tvWeight");
    }

    @Test
    void aReasonFollowsTheField() {
        assertThat(ApiWording.message(new InvalidInputException(Setting.CONTENT_LAYERS, "at least one layer is needed")))
                .isEqualTo("contentLayers: at least one layer is needed");
    }

    @Test
    void anImageTooSmallIsNamedByItsPartAndItsSize() {
        ImageTooSmallException e = new ImageTooSmallException(Setting.STYLE, 1, 2, 64, 8, 64, VggLayer.RELU5_1);

        assertThat(ApiWording.message(e)).isEqualTo("style 2: 64x8 px after resizing to size 64; layer relu5_1 needs"
                + " at least 16 px on each side");
        assertThat(ApiWording.imageTooSmall(e, "style 2 (s.png)")).startsWith("style 2 (s.png): 64x8 px");
    }

    @Test
    void adviceNamesFieldsNotOptions() {
        assertThat(ApiWording.message(TransferFailedException.outOfMemory("not enough memory: could not allocate 256"
                + " MiB more", null))).isEqualTo("not enough memory: could not allocate 256 MiB more; try a smaller"
                + " size (memory grows with the square of the size)");
        assertThat(ApiWording.message(new TransferFailedException("diverged", List.of(Hint.useAdam(),
                Hint.lowerLearningRate())))).isEqualTo("diverged; try optimizer=adam or a smaller learningRate");
        assertThat(ApiWording.message(new TransferFailedException("too large", List.of(Hint.reduceSizeTo(900)))))
                .isEqualTo("too large; try size 900 or smaller (memory grows with the square of the size)");
        assertThat(ApiWording.message(new WeightsUnavailableException("The VGG19 weights were not found.", null,
                List.of(Hint.useRandomWeights())))).isEqualTo("The VGG19 weights were not found. Submit with"
                + " weights=random to run without them (results will not look like real style transfer).");
        assertThat(ApiWording.message(TransferFailedException.outOfMemory("x", null))).doesNotContain("--");
    }

    private static InvalidInputException catchInvalid(Runnable failing) {
        try {
            failing.run();
        } catch (InvalidInputException e) {
            return e;
        }
        throw new AssertionError("expected an InvalidInputException");
    }

    @Test
    void serverPathsAreCutToTheirLastPart() {
        assertThat(ApiWording.withoutServerPaths("looked for /srv/nst/home/weights/vgg19.safetensors,"
                + " ~/.keras/models/vgg19.h5 and downloading https://storage.example.com/a/b.h5 failed; put it in"
                + " /var/lib/nst/weights/ (set NST_HOME); 3.5 s/iteration, 1/2 done"))
                .isEqualTo("looked for .../vgg19.safetensors, .../vgg19.h5 and downloading"
                        + " https://storage.example.com/a/b.h5 failed; put it in .../ (set NST_HOME); 3.5 s/iteration,"
                        + " 1/2 done");
    }
}
