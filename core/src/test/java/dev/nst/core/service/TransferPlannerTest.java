package dev.nst.core.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nst.core.domain.Hint;
import dev.nst.core.domain.MemoryKind;
import dev.nst.core.port.in.OptimizerKind;
import dev.nst.core.port.in.PictureSize;
import dev.nst.core.port.in.PlanTransferQuery;
import dev.nst.core.port.in.Scales;
import dev.nst.core.port.in.StagePlan;
import dev.nst.core.port.in.Tiling;
import dev.nst.core.port.in.TransferPlan;
import dev.nst.core.port.in.TransferSettings;
import dev.nst.core.testing.ReferenceBackend;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * The plan of the published VGG19 (its real widths) against a machine of a given memory: the whole image where it
 * fits, tiles under {@code auto} where it does not, a shorter L-BFGS history where tiles are not enough, and the
 * settings that would fit where nothing does.
 */
class TransferPlannerTest {

    private static final long GIB = 1L << 30;
    private static final long MIB = 1L << 20;
    private static final long HEAP = 8 * GIB;

    private static TransferPlan plan(long memory, int size, UnaryOperator<TransferSettings.Builder> changes) {
        return plan(memory, HEAP, size, changes);
    }

    private static TransferPlan plan(long memory, long heap, int size, UnaryOperator<TransferSettings.Builder> changes) {
        TransferSettings settings = changes.apply(TransferSettings.builder().size(size).iterations(1000)).build();
        PlanTransferQuery query = new PlanTransferQuery(settings, new PictureSize(4000, 3000),
                List.of(new PictureSize(1200, 900)), false, false, false);
        return new TransferPlanner(new ReferenceBackend(), () -> new HostMemory(memory, heap)).plan(query);
    }

    @Test
    void withMemoryToSpareTheWholeImageRunsWithTheFullHistory() {
        TransferPlan plan = plan(64 * GIB, 512, s -> s);

        assertThat(plan.fits()).isTrue();
        assertThat(plan.adjusted()).isFalse();
        assertThat(plan.stages()).singleElement().satisfies(stage -> {
            assertThat(stage.tiled()).isFalse();
            assertThat(stage.tiles()).isEqualTo(1);
            assertThat(stage.width()).isEqualTo(512);
            assertThat(stage.height()).isEqualTo(384);
            assertThat(stage.lbfgsHistory()).isEqualTo(100);
            assertThat(stage.secondsPerIteration()).isPositive();
        });
        assertThat(plan.peakHostBytes()).isEqualTo(plan.wholeImageBytes());
        assertThat(plan.peakDeviceBytes()).isZero();
    }

    @Test
    void underAutoTheLargestTilesThatFitAreChosen() {
        TransferPlan roomy = plan(64 * GIB, 3000, s -> s.optimizer(OptimizerKind.ADAM));
        long available = roomy.peakHostBytes() / 2;

        TransferPlan plan = plan(available, 3000, s -> s.optimizer(OptimizerKind.ADAM));

        assertThat(plan.fits()).isTrue();
        assertThat(plan.tilesChosen()).isTrue();
        assertThat(plan.historyShortened()).isFalse();
        assertThat(plan.peakHostBytes()).isLessThanOrEqualTo(available);
        assertThat(plan.wholeImageBytes()).isGreaterThan(available);
        assertThat(plan.tileSize()).isIn(java.util.Arrays.stream(TransferPlanner.TILE_LADDER).boxed().toList());
        assertThat(plan.last().tiles()).isGreaterThan(1);
        // the next larger tile of the ladder would not have fitted
        int larger = TransferPlanner.TILE_LADDER[indexOf(plan.tileSize()) - 1];
        TransferPlan largerTiles = plan(available, 3000, s -> s.optimizer(OptimizerKind.ADAM)
                .tiling(new Tiling.Size(larger)));
        assertThat(largerTiles.fits()).isFalse();
        assertThat(plan.secondsPerIteration()).isGreaterThan(roomy.secondsPerIteration());
    }

    @Test
    void whereTheHistoryOutgrowsTheMemoryAutoShortensIt() {
        TransferPlan full = plan(64 * GIB, 3000, s -> s);
        long available = full.peakHostBytes() / 3;

        TransferPlan plan = plan(available, 3000, s -> s);

        assertThat(plan.fits()).isTrue();
        assertThat(plan.historyShortened()).isTrue();
        assertThat(plan.lbfgsHistory()).isBetween(1, 99);
        assertThat(plan.peakHostBytes()).isLessThanOrEqualTo(available);
    }

    @Test
    void aHistoryGivenIsNeverShortenedAndTheRefusalSaysWhatWouldFit() {
        TransferPlan full = plan(64 * GIB, 3000, s -> s);
        long available = full.peakHostBytes() / 3;

        TransferPlan plan = plan(available, 3000, s -> s.lbfgsHistory(100));

        assertThat(plan.fits()).isFalse();
        TransferPlan.Shortfall shortfall = plan.shortfall().orElseThrow();
        assertThat(shortfall.memory()).isEqualTo(MemoryKind.HOST);
        assertThat(shortfall.neededBytes()).isGreaterThan(available);
        assertThat(shortfall.availableBytes()).isEqualTo(available);
        assertThat(plan.hints()).extracting(Hint::kind)
                .contains(Hint.Kind.SHORTEN_LBFGS_HISTORY, Hint.Kind.USE_ADAM, Hint.Kind.REDUCE_SIZE);
        int history = plan.hints().stream().filter(h -> h.kind() == Hint.Kind.SHORTEN_LBFGS_HISTORY).findFirst()
                .orElseThrow().value().getAsInt();
        assertThat(plan(available, 3000, s -> s.lbfgsHistory(history)).fits()).isTrue();
        int size = plan.hints().stream().filter(h -> h.kind() == Hint.Kind.REDUCE_SIZE).findFirst().orElseThrow()
                .value().getAsInt();
        assertThat(plan(available, size, s -> s.lbfgsHistory(100)).fits()).isTrue();
        assertThat(plan(available, size + 1, s -> s.lbfgsHistory(100)).fits()).isFalse();
    }

    @Test
    void withTilesOffTheRefusalNamesATileSizeThatFits() {
        TransferPlan roomy = plan(64 * GIB, 3000, s -> s.optimizer(OptimizerKind.ADAM));
        long available = roomy.peakHostBytes() / 2;

        TransferPlan plan = plan(available, 3000, s -> s.optimizer(OptimizerKind.ADAM).tiling(new Tiling.Off()));

        assertThat(plan.fits()).isFalse();
        Hint tiles = plan.hints().get(0);
        assertThat(tiles.kind()).isEqualTo(Hint.Kind.USE_TILES);
        assertThat(plan(available, 3000, s -> s.optimizer(OptimizerKind.ADAM)
                .tiling(new Tiling.Size(tiles.value().getAsInt()))).fits()).isTrue();
    }

    @Test
    void whereTilesAloneAreNotEnoughTheRefusalOffersAutoWhichAlsoShortensTheHistory() {
        TransferPlan full = plan(64 * GIB, 3000, s -> s);
        long available = full.peakHostBytes() / 3;

        TransferPlan plan = plan(available, 3000, s -> s.tiling(new Tiling.Off()));

        assertThat(plan.fits()).isFalse();
        assertThat(plan.hints()).first().satisfies(hint -> {
            assertThat(hint.kind()).isEqualTo(Hint.Kind.USE_TILES);
            assertThat(hint.value()).isEmpty();
        });
        assertThat(plan.hints()).extracting(Hint::kind).doesNotContain(Hint.Kind.SHORTEN_LBFGS_HISTORY);
        assertThat(plan(available, 3000, s -> s.tiling(new Tiling.Auto())).fits()).isTrue();
    }

    @Test
    void aHeapTooSmallForThePicturesIsTheJavaHeapsShortfall() {
        TransferPlan plan = plan(64 * GIB, 16 * MIB, 512, s -> s);

        assertThat(plan.fits()).isFalse();
        assertThat(plan.shortfall().orElseThrow().memory()).isEqualTo(MemoryKind.JAVA_HEAP);
        assertThat(plan.hints()).extracting(Hint::kind).containsExactly(Hint.Kind.MORE_JAVA_HEAP);
    }

    @Test
    void eachStageIsPlannedOnItsOwnAndOnlyTheLargeOnesAreTiled() {
        TransferPlan roomy = plan(64 * GIB, 2048, s -> s.scales(new Scales.Auto()).optimizer(OptimizerKind.ADAM));
        long available = roomy.stages().get(2).peakHostBytes() + 64 * MIB;

        TransferPlan plan = plan(available, 2048, s -> s.scales(new Scales.Auto()).optimizer(OptimizerKind.ADAM));

        assertThat(plan.fits()).isTrue();
        assertThat(plan.stages()).extracting(StagePlan::size).containsExactly(256, 512, 1024, 2048);
        assertThat(plan.stages()).extracting(StagePlan::iterations).containsExactly(1000, 500, 250, 125);
        assertThat(plan.stages()).extracting(StagePlan::tiled).containsExactly(false, false, false, true);
    }

    @Test
    void memoryGrowsWithTheSizeTheHistoryAndTheIterationsAndAdamKeepsLess() {
        long at512 = plan(64 * GIB, 512, s -> s).peakHostBytes();
        long at1024 = plan(64 * GIB, 1024, s -> s).peakHostBytes();
        long fewIterations = plan(64 * GIB, 1024, s -> s.iterations(3)).peakHostBytes();
        long shortHistory = plan(64 * GIB, 1024, s -> s.lbfgsHistory(5)).peakHostBytes();
        long adam = plan(64 * GIB, 1024, s -> s.optimizer(OptimizerKind.ADAM)).peakHostBytes();

        assertThat(at1024).isGreaterThan(3 * at512 / 2);
        assertThat(fewIterations).isLessThan(at1024);
        assertThat(shortHistory).isLessThan(at1024);
        assertThat(adam).isLessThan(shortHistory);
    }

    private static int indexOf(int tile) {
        for (int i = 0; i < TransferPlanner.TILE_LADDER.length; i++) {
            if (TransferPlanner.TILE_LADDER[i] == tile) {
                return i;
            }
        }
        throw new AssertionError(tile + " is not on the ladder");
    }
}
