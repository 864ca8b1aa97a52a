package dev.nst.core.service;

import static dev.nst.core.service.TransferFixture.TINY_WEIGHTS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nst.core.domain.Hint;
import dev.nst.core.domain.InsufficientMemoryException;
import dev.nst.core.domain.MemoryKind;
import dev.nst.core.domain.RgbImage;
import dev.nst.core.port.in.InitialImage;
import dev.nst.core.port.in.OptimizerKind;
import dev.nst.core.port.in.PlanTransferQuery;
import dev.nst.core.port.in.ProgressListener;
import dev.nst.core.port.in.Progress;
import dev.nst.core.port.in.Tiling;
import dev.nst.core.port.in.TransferPlan;
import dev.nst.core.port.in.TransferResult;
import dev.nst.core.port.in.TransferSettings;
import dev.nst.core.port.in.TransferStyleCommand;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The service plans every transfer before it runs it, and runs it as planned. */
class TransferStyleServicePlanTest {

    private final RgbImage content = TransferFixture.content().resize(300, 240);
    private final RgbImage stripes = TransferFixture.stripes();

    private TransferStyleService service(RecordingBackend backend, long memory) {
        return new TransferStyleService(backend, TINY_WEIGHTS, System::nanoTime, () -> new HostMemory(memory,
                8L << 30));
    }

    private TransferStyleCommand command(TransferSettings.Builder settings) {
        return TransferStyleCommand.of(content, List.of(stripes), new InitialImage.Content(), settings.build());
    }

    /** What the whole image needs with the fixture's network. */
    private long wholeImageNeeds(TransferSettings.Builder settings) {
        TransferStyleCommand command = command(settings);
        return new TransferPlanner(new RecordingBackend(), () -> new HostMemory(Long.MAX_VALUE, 8L << 30))
                .plan(PlanTransferQuery.of(command), dev.nst.core.domain.Vgg19Widths.of(TransferFixture.WEIGHTS))
                .peakHostBytes();
    }

    @Test
    void aTransferThatCannotFitIsRefusedBeforeAnythingIsAllocatedNamingWhatWouldFit() {
        RecordingBackend backend = new RecordingBackend();
        TransferSettings.Builder settings = TransferFixture.settings().size(300).iterations(5).tiling(new Tiling.Off());
        long needed = wholeImageNeeds(settings);

        assertThatThrownBy(() -> service(backend, needed - 1)
                .transfer(command(settings)))
                .isInstanceOfSatisfying(InsufficientMemoryException.class, e -> {
                    assertThat(e.memory()).isEqualTo(MemoryKind.HOST);
                    assertThat(e.neededBytes()).isEqualTo(needed);
                    assertThat(e.getMessage()).startsWith("not enough memory: the transfer needs about ")
                            .contains("at 300x240 px");
                    assertThat(e.hints()).extracting(Hint::kind).contains(Hint.Kind.USE_TILES, Hint.Kind.REDUCE_SIZE);
                });
        assertThat(backend.networks).isEmpty();
        assertThat(backend.openSessions()).isZero();
    }

    @Test
    void underAutoATransferThatDoesNotFitWholeRunsOnTilesAndGivesTheSameImage() {
        TransferSettings.Builder settings = TransferFixture.settings().size(300).iterations(3)
                .optimizer(OptimizerKind.ADAM);
        long needed = wholeImageNeeds(settings);
        RecordingBackend tiledBackend = new RecordingBackend();
        List<TransferPlan> plans = new ArrayList<>();

        TransferResult whole = service(new RecordingBackend(), Long.MAX_VALUE).transfer(command(settings));
        TransferResult tiled = service(tiledBackend, needed - 1).transfer(command(settings), new ProgressListener() {
            @Override
            public void onProgress(Progress progress) {
            }

            @Override
            public void onPlan(TransferPlan plan) {
                plans.add(plan);
            }
        });

        assertThat(plans).singleElement().satisfies(plan -> {
            assertThat(plan.tilesChosen()).isTrue();
            assertThat(plan.last().tiles()).isGreaterThan(1);
        });
        int tileWidth = plans.get(0).last().tileWidth();
        assertThat(tiledBackend.forwardShapes).anySatisfy(shape -> assertThat(shape.width()).isEqualTo(tileWidth));
        float[] a = whole.image().planes();
        float[] b = tiled.image().planes();
        for (int i = 0; i < a.length; i++) {
            assertThat(Math.abs(a[i] - b[i])).as("sample %d", i).isLessThan(0.01f);
        }
        assertThat(tiled.finalLoss().total()).isCloseTo(whole.finalLoss().total(),
                org.assertj.core.api.Assertions.within(1e-4 * whole.finalLoss().total()));
    }
}
