package dev.nst.core.service;

import dev.nst.core.domain.Hint;
import dev.nst.core.domain.InvalidInputException;
import dev.nst.core.domain.LossWeights;
import dev.nst.core.domain.RgbImage;
import dev.nst.core.domain.Setting;
import dev.nst.core.domain.Vgg19Weights;
import dev.nst.core.domain.Vgg19Widths;
import dev.nst.core.domain.VggLayer;
import dev.nst.core.domain.WeightsSpec;
import dev.nst.core.port.in.InitialImage;
import dev.nst.core.port.in.OptimizerKind;
import dev.nst.core.port.in.PlanTransferQuery;
import dev.nst.core.port.in.PlanTransferUseCase;
import dev.nst.core.port.in.ProgressListener;
import dev.nst.core.port.in.Stage;
import dev.nst.core.port.in.TransferPlan;
import dev.nst.core.port.in.TransferResult;
import dev.nst.core.port.in.TransferSettings;
import dev.nst.core.port.in.TransferStyleCommand;
import dev.nst.core.port.in.TransferStyleUseCase;
import dev.nst.core.port.out.ComputeBackend;
import dev.nst.core.port.out.LoadWeightsPort;
import java.util.EnumSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Neural style transfer after Gatys, Ecker & Bethge (2015), in the order of jcjohnson's neural_style.lua: load the
 * network, then for each stage capture the content targets, take the style targets, choose the initial image and
 * optimise. What lives for the whole transfer (session, network, style targets) is prepared once
 * ({@link PreparedTransfer}); each later stage starts from the one before, resized to its size. Before anything is
 * loaded, the transfer is planned ({@link TransferPlanner}): a transfer that cannot fit the memory at hand is refused
 * at once, and each stage runs with the tiles and L-BFGS history its plan chose.
 */
public final class TransferStyleService implements TransferStyleUseCase, PlanTransferUseCase {

    private final ComputeBackend backend;
    private final LoadWeightsPort weightsPort;
    private final LongSupplier nanoTime;
    private final TransferPlanner planner;

    public TransferStyleService(ComputeBackend backend, LoadWeightsPort weightsPort) {
        this(backend, weightsPort, System::nanoTime, HostMemory::probe);
    }

    TransferStyleService(ComputeBackend backend, LoadWeightsPort weightsPort, LongSupplier nanoTime) {
        this(backend, weightsPort, nanoTime, HostMemory::probe);
    }

    /**
     * A service whose plans see {@code hostMemory} (e.g. a fixed budget a server admits its jobs against) instead of
     * the machine's memory at each moment.
     */
    public TransferStyleService(ComputeBackend backend, LoadWeightsPort weightsPort, Supplier<HostMemory> hostMemory) {
        this(backend, weightsPort, System::nanoTime, hostMemory);
    }

    TransferStyleService(ComputeBackend backend, LoadWeightsPort weightsPort, LongSupplier nanoTime,
                         Supplier<HostMemory> hostMemory) {
        this.backend = backend;
        this.weightsPort = weightsPort;
        this.nanoTime = nanoTime;
        this.planner = new TransferPlanner(backend, hostMemory);
    }

    @Override
    public TransferPlan plan(PlanTransferQuery query) {
        return planner.plan(query);
    }

    /**
     * Plans the transfer first, once the weights are loaded (their widths decide the network's memory), refusing one
     * that cannot fit before anything else is allocated; then runs each stage with the tiles and L-BFGS history of its
     * plan.
     *
     * @throws dev.nst.core.domain.InsufficientMemoryException when the plan does not fit the memory available
     */
    @Override
    public TransferResult transfer(TransferStyleCommand command, ProgressListener listener) {
        TransferSettings settings = command.settings();
        PlanTransferQuery query = PlanTransferQuery.of(command);
        Set<VggLayer> lossLayers = lossLayers(settings);
        Vgg19Weights weights = loadNetworkWeights(settings, lossLayers);
        LossWeights lossWeights = settings.lossWeights().resolve(weights.recommendedLossWeights());
        TransferPlan plan = planner.plan(query, Vgg19Widths.of(weights)).requireFits();
        listener.onPlan(plan);

        try (PreparedTransfer transfer = new PreparedTransfer(backend, command, weights, lossLayers, lossWeights)) {
            List<Stage> stages = settings.stages();
            ProgressMonitor monitor = new ProgressMonitor(listener, nanoTime, stages.size(), divergenceHints(settings));
            InitialImage start = command.initialImage();
            PreparedTransfer.Optimised stage = null;
            for (int i = 0; i < stages.size(); i++) {
                stage = transfer.optimise(stages.get(i), i + 1, start, plan.stages().get(i), monitor);
                start = new InitialImage.Picture(stage.image());
            }
            return new TransferResult(stage.shown(), monitor.lastLoss(), settings.iterations(), monitor.elapsed(),
                    backend.description(), weights.source(), lossWeights, plan);
        }
    }

    /** Loads the convolutions the losses read (only the first when no loss reads any: the input convention is needed). */
    private Vgg19Weights loadNetworkWeights(TransferSettings settings, Set<VggLayer> lossLayers) {
        WeightsSpec spec = settings.weights() instanceof WeightsSpec.Random random && random.seed().isEmpty()
                ? new WeightsSpec.Random(OptionalLong.of(settings.seed()))
                : settings.weights();
        VggLayer deepest = lossLayers.isEmpty() ? VggLayer.RELU1_1 : VggLayer.deepest(lossLayers);
        Vgg19Weights weights = weightsPort.load(spec, deepest);
        if (!weights.covers(deepest)) {
            throw new InvalidInputException(Setting.WEIGHTS, "weights " + weights.source() + " stop at "
                    + weights.deepestLayer().id() + " but layer " + deepest.id() + " was requested");
        }
        return weights;
    }

    /**
     * The layers whose activations the losses read; a loss given weight 0, and a layer given weight 0, are left out
     * altogether (a weight not given comes from the network's weights and is always positive).
     */
    static Set<VggLayer> lossLayers(TransferSettings settings) {
        Set<VggLayer> layers = EnumSet.noneOf(VggLayer.class);
        if (settings.lossWeights().contentLossWanted()) {
            for (int i = 0; i < settings.contentLayers().size(); i++) {
                if (settings.contentLayerWeight(i) > 0) {
                    layers.add(settings.contentLayers().get(i));
                }
            }
        }
        if (settings.lossWeights().styleLossWanted()) {
            for (int i = 0; i < settings.styleLayers().size(); i++) {
                if (settings.styleLayerWeight(i) > 0) {
                    layers.add(settings.styleLayers().get(i));
                }
            }
        }
        return layers;
    }

    /** L-BFGS without line search can diverge: Adam, or smaller steps, do not. */
    private static List<Hint> divergenceHints(TransferSettings settings) {
        return settings.optimizer() == OptimizerKind.LBFGS
                ? List.of(Hint.useAdam(), Hint.lowerLearningRate()) : List.of(Hint.lowerLearningRate());
    }
}
