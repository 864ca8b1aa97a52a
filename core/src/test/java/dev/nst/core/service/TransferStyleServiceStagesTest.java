package dev.nst.core.service;

import static dev.nst.core.service.TransferFixture.TINY_WEIGHTS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;

import dev.nst.core.domain.ImageTooSmallException;
import dev.nst.core.domain.RgbImage;
import dev.nst.core.domain.Setting;
import dev.nst.core.domain.Shape;
import dev.nst.core.domain.VggLayer;
import dev.nst.core.port.in.InitialImage;
import dev.nst.core.port.in.OptimizerKind;
import dev.nst.core.port.in.Progress;
import dev.nst.core.port.in.Stage;
import dev.nst.core.port.in.TransferResult;
import dev.nst.core.port.in.TransferSettings;
import dev.nst.core.port.in.TransferStyleCommand;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A transfer prepared once and optimised in stages: one session and one network for all stages, style targets
 * captured once per style size, each stage in a scope of its own, each starting from the one before.
 */
class TransferStyleServiceStagesTest {

    private final RecordingBackend backend = new RecordingBackend();
    private final TransferStyleService service = new TransferStyleService(backend, TINY_WEIGHTS);
    private final RgbImage content = TransferFixture.content();
    private final RgbImage stripes = TransferFixture.stripes();

    private TransferSettings staged(OptimizerKind optimizer, int... sizesAndIterations) {
        List<Stage> stages = new ArrayList<>();
        for (int i = 0; i < sizesAndIterations.length; i += 2) {
            stages.add(new Stage(sizesAndIterations[i], sizesAndIterations[i + 1]));
        }
        return TransferFixture.settings().optimizer(optimizer).stages(stages).build();
    }

    @Test
    void everyStageIsReportedWithItsNumberSizeAndIterations() {
        List<Progress> reports = new ArrayList<>();
        List<Integer> widths = new ArrayList<>();

        TransferResult result = service.transfer(TransferStyleCommand.of(content, List.of(stripes),
                new InitialImage.Noise(), staged(OptimizerKind.LBFGS, 10, 2, 20, 3)), progress -> {
                    reports.add(progress);
                    widths.add(progress.image().get().width());
                });

        assertThat(reports).extracting(Progress::stage, Progress::size, Progress::iteration, Progress::iterations)
                .containsExactly(
                        tuple(1, 10, 0, 2), tuple(1, 10, 1, 2),
                        tuple(1, 10, 2, 2), tuple(2, 20, 0, 3),
                        tuple(2, 20, 1, 3), tuple(2, 20, 2, 3),
                        tuple(2, 20, 3, 3));
        assertThat(reports).allSatisfy(p -> assertThat(p.stages()).isEqualTo(2));
        assertThat(reports).filteredOn(Progress::isLast).hasSize(1).first().extracting(Progress::stage).isEqualTo(2);
        assertThat(widths).containsExactly(10, 10, 10, 20, 20, 20, 20);
        assertThat(result.image().width()).isEqualTo(20);
        assertThat(result.image().height()).isEqualTo(16);
        assertThat(result.iterations()).isEqualTo(5);
    }

    @Test
    void oneSessionAndOneNetworkServeEveryStageAndStyleTargetsAreCapturedOncePerStyleSize() {
        service.transfer(TransferStyleCommand.of(content, List.of(stripes, TransferFixture.checks()),
                new InitialImage.Noise(), staged(OptimizerKind.LBFGS, 10, 1, 20, 1)));

        assertThat(backend.networks).hasSize(1);
        assertThat(backend.openSessions()).isZero();
        // stage 1: content 10x8, the two styles at 10 px, then the optimisation; stage 2 the same at 20 px
        long styleForwardsAt10 = backend.forwardShapes.stream().filter(s -> s.equals(new Shape(3, 8, 10))).count();
        assertThat(styleForwardsAt10).isEqualTo(1 + 2 + 2);
        assertThat(backend.forwardShapes.subList(0, 3)).containsOnly(new Shape(3, 8, 10));
    }

    @Test
    void aTransferOfOneStageCapturesEachStyleOnce() {
        service.transfer(TransferStyleCommand.of(content, List.of(stripes), new InitialImage.Noise(),
                TransferFixture.settings().styleScale(0.5).iterations(3).build()));

        // content 20x16, the style at 10 px (10x8) once, then one forward per evaluation
        assertThat(backend.forwardShapes).containsExactly(new Shape(3, 16, 20), new Shape(3, 8, 10),
                new Shape(3, 16, 20), new Shape(3, 16, 20), new Shape(3, 16, 20), new Shape(3, 16, 20));
    }

    @Test
    void whatAStageAllocatedIsFreedWhenItEnds() {
        List<Boolean> firstStageFreedWhenTheSecondStarts = new ArrayList<>();

        service.transfer(TransferStyleCommand.of(content, List.of(stripes), new InitialImage.Noise(),
                staged(OptimizerKind.LBFGS, 10, 3, 20, 1)), progress -> {
                    if (progress.stage() == 2 && progress.iteration() == 0) {
                        RecordingBackend.RecordingScope first = backend.scopes.stream()
                                .filter(s -> s.tensors.stream().anyMatch(t -> t.shape().equals(new Shape(3, 8, 10))))
                                .findFirst().orElseThrow();
                        firstStageFreedWhenTheSecondStarts.add(first.closed && first.allFreed());
                    }
                });

        assertThat(firstStageFreedWhenTheSecondStarts).containsExactly(true);
        assertThat(backend.scopes).allSatisfy(scope -> assertThat(scope.closed).isTrue());
        assertThat(backend.liveTensors()).isZero();
    }

    @ParameterizedTest
    @EnumSource(OptimizerKind.class)
    void eachStageStartsFromThePreviousResultWithAFreshOptimiser(OptimizerKind optimizer) {
        List<Progress> staged = new ArrayList<>();
        List<RgbImage> images = new ArrayList<>();
        TransferResult result = service.transfer(TransferStyleCommand.of(content, List.of(stripes),
                new InitialImage.Content(), staged(optimizer, 10, 2, 20, 2)), progress -> {
                    staged.add(progress);
                    images.add(progress.image().get());
                });
        RgbImage firstStage = images.get(2);

        // the second stage is exactly a transfer of one stage at 20 px from the first stage's result
        List<Progress> alone = new ArrayList<>();
        TransferResult single = new TransferStyleService(new RecordingBackend(), TINY_WEIGHTS).transfer(
                TransferStyleCommand.of(content, List.of(stripes), new InitialImage.Picture(firstStage),
                        TransferFixture.settings().optimizer(optimizer).size(20).iterations(2).build()), alone::add);

        assertThat(staged.get(3).loss()).isEqualTo(alone.get(0).loss());
        assertThat(result.finalLoss()).isEqualTo(single.finalLoss());
        assertThat(result.image().planes()).containsExactly(single.image().planes(), within(0f));
    }

    @Test
    void imagesAreCheckedAtTheFirstStageTheSmallestWhenTheCommandIsMade() {
        // relu3_1 needs 4 px; the content is 20x16, so at 4 px it is 4x3
        TransferSettings settings = TransferFixture.settings().stages(List.of(new Stage(4, 1), new Stage(20, 1)))
                .build();

        assertThatThrownBy(() -> TransferStyleCommand.of(content, List.of(stripes), new InitialImage.Noise(), settings))
                .isInstanceOfSatisfying(ImageTooSmallException.class, e -> {
                    assertThat(e.setting()).contains(Setting.CONTENT);
                    assertThat(List.of(e.width(), e.height(), e.size())).containsExactly(4, 3, 4);
                    assertThat(e.layer()).isEqualTo(VggLayer.RELU3_1);
                })
                .hasMessage("the content image is 4x3 px after resizing; layer relu3_1 needs at least 4 px on each"
                        + " side");
        assertThat(backend.openSessions()).isZero();
    }

    @Test
    void theContentsTransparencyIsCarriedToTheResultAndItsImagesWhileTheStyleWorksOnTheColours() {
        float[] alpha = new float[content.width() * content.height()];
        for (int i = 0; i < alpha.length; i++) {
            alpha[i] = (i * 37) % 256;
        }
        RgbImage transparent = content.withAlpha(alpha);
        List<Boolean> imagesCarryIt = new ArrayList<>();

        TransferResult withAlpha = service.transfer(TransferStyleCommand.of(transparent, List.of(stripes),
                new InitialImage.Noise(), staged(OptimizerKind.LBFGS, 10, 1, 20, 2)),
                progress -> imagesCarryIt.add(progress.image().get().hasAlpha()));
        TransferResult opaque = new TransferStyleService(new RecordingBackend(), TINY_WEIGHTS).transfer(
                TransferStyleCommand.of(content, List.of(stripes), new InitialImage.Noise(),
                        staged(OptimizerKind.LBFGS, 10, 1, 20, 2)));

        assertThat(withAlpha.image().planes()).containsExactly(opaque.image().planes());
        assertThat(withAlpha.image().alpha()).containsExactly(alpha);
        assertThat(opaque.image().hasAlpha()).isFalse();
        assertThat(imagesCarryIt).hasSize(5).containsOnly(true);
    }
}
