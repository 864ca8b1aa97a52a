package dev.nst.core.service;

import static dev.nst.core.service.TransferFixture.TINY_WEIGHTS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nst.core.domain.InvalidInputException;
import dev.nst.core.domain.Preprocessing;
import dev.nst.core.domain.RgbImage;
import dev.nst.core.domain.TransferCancelledException;
import dev.nst.core.domain.Hint;
import dev.nst.core.domain.TransferFailedException;
import dev.nst.core.domain.VggLayer;
import dev.nst.core.port.in.InitialImage;
import dev.nst.core.port.in.OptimizerKind;
import dev.nst.core.port.in.ProgressListener;
import dev.nst.core.port.in.TransferResult;
import dev.nst.core.port.in.TransferSettings;
import dev.nst.core.port.in.TransferStyleCommand;
import dev.nst.core.service.TransferFixture.RecordingListener;
import dev.nst.core.service.TransferFixture.Report;
import dev.nst.core.testing.ReferenceBackend;
import dev.nst.core.testing.TinyVgg;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** What a caller sees while a transfer runs: progress, the image of the moment, sessions, cancellation. */
class TransferStyleServiceProgressTest {

    private final ReferenceBackend backend = new ReferenceBackend();
    private final TransferStyleService service = new TransferStyleService(backend, TINY_WEIGHTS);
    private final RgbImage content = TransferFixture.content();
    private final RgbImage start = TransferFixture.checks();

    @AfterEach
    void clearInterruptFlag() {
        Thread.interrupted();
    }

    // ---------------------------------------------------------------- iterations and reports

    @ParameterizedTest
    @EnumSource(OptimizerKind.class)
    void zeroIterationsReportOnceAndReturnTheStartingImage(OptimizerKind optimizer) {
        RecordingListener listener = new RecordingListener();

        TransferResult result = service.transfer(command(new InitialImage.Picture(start),
                TransferFixture.settings().optimizer(optimizer).iterations(0).build()), listener);

        assertThat(listener.reports).singleElement().satisfies(report -> {
            assertThat(report.iteration()).isZero();
            assertThat(report.iterations()).isZero();
            assertThat(report.last()).isTrue();
        });
        RgbImage deprocessed = Preprocessing.CAFFE_BGR.fromNetwork(Preprocessing.CAFFE_BGR.toNetwork(start), 20, 16);
        assertThat(result.image()).isEqualTo(deprocessed);
        assertThat(result.image().toPackedRgb()).containsExactly(start.toPackedRgb());
        assertThat(result.iterations()).isZero();
        assertThat(result.finalLoss()).isEqualTo(listener.first());
    }

    @ParameterizedTest
    @EnumSource(OptimizerKind.class)
    void nIterationsReportZeroToNInOrderAndOnlyTheLastIsLast(OptimizerKind optimizer) {
        RecordingListener listener = new RecordingListener();

        TransferResult result = service.transfer(command(new InitialImage.Noise(),
                TransferFixture.settings().optimizer(optimizer).iterations(5).build()), listener);

        assertThat(listener.iterations()).containsExactly(0, 1, 2, 3, 4, 5);
        assertThat(listener.reports).extracting(Report::iterations).containsOnly(5);
        assertThat(listener.reports).extracting(Report::last).containsExactly(false, false, false, false, false, true);
        assertThat(result.iterations()).isEqualTo(5);
        assertThat(result.finalLoss()).isEqualTo(listener.last());
    }

    @Test
    void theProgressImageIsTheImageOfThatIteration() {
        RecordingListener listener = new RecordingListener();

        TransferResult result = service.transfer(command(new InitialImage.Picture(start),
                TransferFixture.settings().iterations(4).build()), listener);

        List<RgbImage> images = listener.reports.stream().map(Report::image).toList();
        assertThat(images.get(0).toPackedRgb()).containsExactly(start.toPackedRgb());
        assertThat(images.get(4)).isEqualTo(result.image());
        for (int k = 1; k < images.size(); k++) {
            assertThat(images.get(k)).as("image at iteration %d", k).isNotEqualTo(images.get(k - 1));
            assertThat(images.get(k).width()).isEqualTo(20);
            assertThat(images.get(k).height()).isEqualTo(16);
        }
    }

    @Test
    void elapsedTimeComesFromTheClockAndGrowsWithEachReport() {
        AtomicLong clock = new AtomicLong(5_000_000_000L);
        TransferStyleService timed = new TransferStyleService(backend, TINY_WEIGHTS,
                () -> clock.getAndAdd(1_000_000));
        RecordingListener listener = new RecordingListener();

        TransferResult result = timed.transfer(command(new InitialImage.Noise(),
                TransferFixture.settings().iterations(2).build()), listener);

        // the clock starts at 5 s and moves 1 ms per reading: elapsed counts from the start of the run, not from 0
        List<Duration> elapsed = listener.reports.stream().map(Report::elapsed).toList();
        assertThat(elapsed.get(0)).isPositive().isLessThan(Duration.ofMillis(100));
        assertThat(elapsed).isSorted().doesNotHaveDuplicates();
        assertThat(result.elapsed()).isGreaterThan(elapsed.get(elapsed.size() - 1)).isLessThan(Duration.ofMillis(100));
    }

    @Test
    void theResultNamesTheBackendAndTheWeights() {
        TransferResult result = service.transfer(command(new InitialImage.Content(), TransferFixture.settings().build()));

        assertThat(result.backend()).isEqualTo(backend.description());
        assertThat(result.weights()).isEqualTo(TransferFixture.WEIGHTS.source());
    }

    @Test
    void theDefaultLayersRunThroughRelu5() {
        TransferStyleService deep = new TransferStyleService(backend, (spec, deepest) -> TinyVgg.weights(9));
        TransferSettings settings = TransferSettings.builder().size(32).iterations(3).build();
        RecordingListener listener = new RecordingListener();

        TransferResult result = deep.transfer(command(new InitialImage.Noise(), settings), listener);

        assertThat(settings.deepestLayer()).isEqualTo(VggLayer.RELU5_1);
        assertThat(result.image().width()).isEqualTo(32);
        assertThat(result.image().height()).isEqualTo(26);
        assertThat(listener.last().total()).isLessThan(listener.first().total());
    }

    // ---------------------------------------------------------------- sessions

    @Test
    void theSessionIsClosedAfterSuccess() {
        service.transfer(command(new InitialImage.Noise(), TransferFixture.settings().iterations(2).build()));

        assertThat(backend.openSessions()).isZero();
    }

    @Test
    void theSessionIsClosedWhenTheListenerFails() {
        ProgressListener failing = progress -> {
            assertThat(backend.openSessions()).isEqualTo(1);
            if (progress.iteration() == 1) {
                throw new IllegalStateException("disk full");
            }
        };

        assertThatThrownBy(() -> service.transfer(command(new InitialImage.Noise(),
                TransferFixture.settings().iterations(5).build()), failing))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("disk full");
        assertThat(backend.openSessions()).isZero();
    }

    @Test
    void noSessionIsLeftOpenWhenTheWeightsAreRefused() {
        TransferStyleService shallow = new TransferStyleService(backend,
                (spec, deepest) -> TinyVgg.weights(5, TinyVgg.WIDTHS, VggLayer.CONV2_1));

        assertThatThrownBy(() -> shallow.transfer(command(new InitialImage.Noise(), TransferFixture.settings().build())))
                .isInstanceOf(InvalidInputException.class);
        assertThat(backend.openSessions()).isZero();
    }

    // ---------------------------------------------------------------- cancellation

    @Test
    void interruptingTheThreadCancelsAfterTheCurrentIteration() {
        RecordingListener listener = new RecordingListener();
        ProgressListener interruptAtTwo = progress -> {
            listener.onProgress(progress);
            if (progress.iteration() == 2) {
                Thread.currentThread().interrupt();
            }
        };

        assertThatThrownBy(() -> service.transfer(command(new InitialImage.Noise(),
                TransferFixture.settings().iterations(10).build()), interruptAtTwo))
                .isInstanceOf(TransferCancelledException.class)
                .hasMessage("style transfer cancelled at iteration 2");

        assertThat(listener.iterations()).containsExactly(0, 1, 2);
        assertThat(backend.openSessions()).isZero();
        // the interrupt stays visible to the caller, who decides what it means
        assertThat(Thread.interrupted()).isTrue();
    }

    @Test
    void aThreadInterruptedBeforehandIsCancelledAtTheFirstReport() {
        RecordingListener listener = new RecordingListener();
        Thread.currentThread().interrupt();

        assertThatThrownBy(() -> service.transfer(command(new InitialImage.Noise(),
                TransferFixture.settings().iterations(10).build()), listener))
                .isInstanceOf(TransferCancelledException.class)
                .hasMessage("style transfer cancelled at iteration 0");

        assertThat(listener.iterations()).containsExactly(0);
        assertThat(backend.openSessions()).isZero();
        assertThat(Thread.interrupted()).isTrue();
    }

    @Test
    void anInterruptAtTheLastIterationStillReturnsTheFinishedImage() {
        ProgressListener interruptAtEnd = progress -> {
            if (progress.isLast()) {
                Thread.currentThread().interrupt();
            }
        };

        TransferResult result = service.transfer(command(new InitialImage.Noise(),
                TransferFixture.settings().iterations(3).build()), interruptAtEnd);

        assertThat(result.iterations()).isEqualTo(3);
        assertThat(Thread.interrupted()).isTrue();
    }

    @Test
    void anUninterruptedRunLeavesTheFlagClear() {
        service.transfer(command(new InitialImage.Noise(), TransferFixture.settings().iterations(3).build()));

        assertThat(Thread.currentThread().isInterrupted()).isFalse();
    }

    @Test
    void aDivergingRunStopsWithAReasonInsteadOfWritingNaN() {
        RecordingListener listener = new RecordingListener();
        TransferSettings explosive = TransferFixture.settings().optimizer(OptimizerKind.ADAM).learningRate(1e38)
                .iterations(5).build();

        assertThatThrownBy(() -> service.transfer(command(new InitialImage.Picture(start), explosive), listener))
                .isInstanceOf(TransferFailedException.class)
                .hasMessageContaining("diverged at iteration 1")
                .satisfies(e -> assertThat(((TransferFailedException) e).hints())
                        .containsExactly(Hint.lowerLearningRate()));
        assertThat(listener.reports).hasSize(2);
        assertThat(backend.openSessions()).isZero();
    }

    @Test
    void aDivergingLbfgsRunAdvisesAdamOrSmallerSteps() {
        TransferSettings explosive = TransferFixture.settings().optimizer(OptimizerKind.LBFGS).learningRate(1e38)
                .iterations(5).build();

        assertThatThrownBy(() -> service.transfer(command(new InitialImage.Picture(start), explosive)))
                .isInstanceOf(TransferFailedException.class)
                .hasMessageContaining("diverged at iteration")
                .satisfies(e -> assertThat(((TransferFailedException) e).hints())
                        .containsExactly(Hint.useAdam(), Hint.lowerLearningRate()));
        assertThat(backend.openSessions()).isZero();
    }

    private TransferStyleCommand command(InitialImage init, TransferSettings settings) {
        return TransferStyleCommand.of(content, List.of(TransferFixture.stripes()), init, settings);
    }
}
