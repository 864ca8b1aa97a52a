package dev.nst.core.service;

import dev.nst.core.domain.Hint;
import dev.nst.core.domain.MemoryKind;
import dev.nst.core.domain.Vgg19Widths;
import dev.nst.core.port.in.OptimizerKind;
import dev.nst.core.port.in.PlanTransferQuery;
import dev.nst.core.port.in.PlanTransferUseCase;
import dev.nst.core.port.in.Stage;
import dev.nst.core.port.in.StagePlan;
import dev.nst.core.port.in.Tiling;
import dev.nst.core.port.in.TransferPlan;
import dev.nst.core.port.in.TransferSettings;
import dev.nst.core.port.out.BackendCapacity;
import dev.nst.core.port.out.ComputeBackend;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Plans a transfer with the {@link MemoryModel} against what the machine has: for each stage, the whole image if it
 * fits; under {@link Tiling.Auto} otherwise the largest tiles that fit, and if even small tiles do not, because the
 * L-BFGS history outgrows the memory, a shorter history (unless the history was given): the largest tiles that keep
 * {@value #USEFUL_HISTORY} pairs (or as many as fit at all), with the longest history that fits them. A plan that does
 * not fit says which memory binds, by how much, and which settings would fit.
 */
final class TransferPlanner implements PlanTransferUseCase {

    /**
     * Where memory forces a shorter L-BFGS history, tiles are chosen as large as keep at least this many pairs (or as
     * many as fit at all): a history of 20 keeps most of what curvature buys, while small tiles cost many times the
     * time (their halos are read again and again).
     */
    static final int USEFUL_HISTORY = 20;

    /** Tile interiors tried under {@code auto}, largest first. */
    static final int[] TILE_LADDER = {4096, 3072, 2048, 1536, 1024, 768, 512, 384, 256, 192, 128, 96, 64};

    /** Distinct network shapes remembered before the memory of them is cleared. */
    private static final int REMEMBERED_SHAPES = 4096;

    private final ComputeBackend backend;
    private final Supplier<HostMemory> host;
    private final Map<List<Object>, Long> networkBytes = new ConcurrentHashMap<>();

    TransferPlanner(ComputeBackend backend, Supplier<HostMemory> host) {
        this.backend = backend;
        this.host = host;
    }

    @Override
    public TransferPlan plan(PlanTransferQuery query) {
        return plan(query, Vgg19Widths.PUBLISHED);
    }

    /** The plan for a network of {@code widths} (the weights' own, once loaded). */
    TransferPlan plan(PlanTransferQuery query, Vgg19Widths widths) {
        return plan(query, widths, true);
    }

    /** @param advise whether a plan that does not fit looks for the settings that would (plans that do not) */
    private TransferPlan plan(PlanTransferQuery query, Vgg19Widths widths, boolean advise) {
        BackendCapacity capacity = backend.capacity();
        Budget budget = budget(capacity, query.settings());
        if (networkBytes.size() > REMEMBERED_SHAPES) {
            networkBytes.clear();
        }
        MemoryModel model = new MemoryModel(capacity, widths, query, networkBytes);
        TransferSettings settings = query.settings();
        List<StagePlan> stages = new ArrayList<>();
        List<Choice> choices = new ArrayList<>();
        Optional<TransferPlan.Shortfall> shortfall = Optional.empty();
        boolean tilesChosen = false;
        boolean historyShortened = false;
        for (int i = 0; i < settings.stages().size(); i++) {
            Choice choice = choose(model, i, budget);
            if (choice == null) {
                choice = leastMemory(model, i);
                if (shortfall.isEmpty()) {
                    shortfall = Optional.of(budget.shortfall(choice.estimate, i + 1));
                }
            } else {
                tilesChosen |= choice.estimate.grid().count() > 1 && settings.tiling() instanceof Tiling.Auto;
                historyShortened |= choice.history < requestedHistory(settings);
            }
            choices.add(choice);
        }
        // time is estimated for plans that will run or be shown; the backend measures its speed for it once
        boolean timed = advise && shortfall.isEmpty();
        for (int i = 0; i < choices.size(); i++) {
            stages.add(stagePlan(model, i, choices.get(i), timed));
        }
        int last = settings.stages().size() - 1;
        MemoryModel.Estimate whole = model.stage(last, 0, 0, requestedHistory(settings));
        List<Hint> hints = shortfall.isPresent() && advise
                ? new PlanAdvice(other -> plan(query, widths, other)).hints(settings, shortfall.get()) : List.of();
        long heap = model.stage(last, 0, 0, 0).heapBytes();
        return new TransferPlan(backend.description(), capacity.tensorsOnDevice(), stages, budget.host, budget.device,
                heap, budget.heap, shortfall, hints, tilesChosen, historyShortened,
                capacity.tensorsOnDevice() ? whole.deviceBytes() : whole.hostBytes(),
                MemoryModel.JVM_BASELINE_BYTES + capacity.hostOverheadBytes(),
                timed ? model.secondsPerIteration(last, whole) : Double.NaN);
    }

    /** What the transfer may use: the machine's memory now, within the memory limit if one is given. */
    private Budget budget(BackendCapacity capacity, TransferSettings settings) {
        HostMemory memory = host.get();
        long limit = settings.maxMemory().orElse(Long.MAX_VALUE);
        OptionalLong device = capacity.freeDeviceBytes();
        return new Budget(Math.min(memory.reachableBytes(), limit), device.isPresent()
                ? OptionalLong.of(Math.min(device.getAsLong(), limit)) : OptionalLong.empty(), memory.maxHeapBytes(),
                capacity.maxTensorElements());
    }

    private static int requestedHistory(TransferSettings settings) {
        return settings.optimizer() == OptimizerKind.LBFGS ? settings.effectiveLbfgsHistory() : 0;
    }

    /** The tiles and history of stage {@code index} that fit, preferring the whole image and the full history. */
    private Choice choose(MemoryModel model, int index, Budget budget) {
        TransferSettings settings = model.settings();
        int history = requestedHistory(settings);
        List<Integer> interiors = interiors(model, index, settings.tiling());
        for (int interior : interiors) {
            Choice choice = withStyleTiles(model, index, interior, history, budget);
            if (choice != null) {
                return choice;
            }
        }
        boolean mayShorten = settings.tiling() instanceof Tiling.Auto && settings.lbfgsHistory().isEmpty()
                && history > 1;
        if (!mayShorten) {
            return null;
        }
        // the smallest tiles leave the most room for the history; then the largest tiles that keep a useful part of it
        Choice longest = longestHistory(model, index, interiors.get(interiors.size() - 1), 1, history - 1, budget);
        if (longest == null) {
            return null;
        }
        int useful = Math.min(longest.history, USEFUL_HISTORY);
        for (int interior : interiors) {
            if (withStyleTiles(model, index, interior, useful, budget) != null) {
                return longestHistory(model, index, interior, useful, history - 1, budget);
            }
        }
        return longest;
    }

    /** The longest history between {@code least} and {@code most} that fits with tiles of {@code interior}, or null. */
    private Choice longestHistory(MemoryModel model, int index, int interior, int least, int most, Budget budget) {
        Choice found = withStyleTiles(model, index, interior, least, budget);
        if (found == null) {
            return null;
        }
        int low = least;
        int high = most;
        while (low < high) {
            int mid = (low + high + 1) >>> 1;
            Choice choice = withStyleTiles(model, index, interior, mid, budget);
            if (choice != null) {
                low = mid;
                found = choice;
            } else {
                high = mid - 1;
            }
        }
        return found;
    }

    /**
     * The content tiles {@code interior} with the largest style tiles that fit, or null. Style tiles only matter where
     * capturing the style targets is what does not fit: if the smallest style tiles do not help, none do.
     */
    private Choice withStyleTiles(MemoryModel model, int index, int interior, int history, Budget budget) {
        List<Integer> styleInteriors = interiors(model, index, model.settings().tiling());
        MemoryModel.Estimate whole = model.stage(index, interior, styleInteriors.get(0), history);
        if (budget.holds(whole)) {
            return new Choice(interior, styleInteriors.get(0), history, whole);
        }
        int smallest = styleInteriors.get(styleInteriors.size() - 1);
        if (styleInteriors.size() == 1 || !budget.holds(model.stage(index, interior, smallest, history))) {
            return null;
        }
        for (int styleInterior : styleInteriors.subList(1, styleInteriors.size())) {
            MemoryModel.Estimate estimate = model.stage(index, interior, styleInterior, history);
            if (budget.holds(estimate)) {
                return new Choice(interior, styleInterior, history, estimate);
            }
        }
        return null;
    }

    /** What uses the least memory within the settings given: the smallest tiles allowed, the shortest history. */
    private Choice leastMemory(MemoryModel model, int index) {
        TransferSettings settings = model.settings();
        List<Integer> interiors = interiors(model, index, settings.tiling());
        int interior = interiors.get(interiors.size() - 1);
        int history = requestedHistory(settings);
        if (settings.tiling() instanceof Tiling.Auto && settings.lbfgsHistory().isEmpty() && history > 0) {
            history = 1;
        }
        return new Choice(interior, interior, history, model.stage(index, interior, interior, history));
    }

    /**
     * The tile interiors to try, largest first: the whole image (0) and, under {@code auto}, every size of the ladder
     * smaller than the image; the size given; or the whole image only.
     */
    private static List<Integer> interiors(MemoryModel model, int index, Tiling tiling) {
        Stage stage = model.settings().stages().get(index);
        int longest = Math.max(model.contentAt(stage).width(), model.contentAt(stage).height());
        List<Integer> interiors = new ArrayList<>();
        if (tiling instanceof Tiling.Size size) {
            interiors.add(size.size());
        } else {
            interiors.add(0);
        }
        if (tiling instanceof Tiling.Auto) {
            int styleLongest = (int) Math.round(stage.size() * model.settings().styleScale());
            for (int interior : TILE_LADDER) {
                if (interior < Math.max(longest, styleLongest)) {
                    interiors.add(interior);
                }
            }
        }
        return interiors;
    }

    /** @param timed whether to estimate its time (NaN otherwise) */
    private StagePlan stagePlan(MemoryModel model, int index, Choice choice, boolean timed) {
        Stage stage = model.settings().stages().get(index);
        MemoryModel.Estimate e = choice.estimate;
        boolean tiled = !e.grid().isWhole();
        return new StagePlan(stage.size(), e.grid().width(), e.grid().height(), stage.iterations(),
                tiled ? e.grid().interior() : 0, e.grid().count(), e.grid().tileWidth(), e.grid().tileHeight(),
                choice.styleInterior, choice.history, e.hostBytes(), e.deviceBytes(),
                timed ? model.secondsPerIteration(index, e) : Double.NaN);
    }

    /** The same plan with other settings, not looking for advice. */
    private TransferPlan plan(PlanTransferQuery query, Vgg19Widths widths, TransferSettings settings) {
        return plan(new PlanTransferQuery(settings, query.content(), query.styles(), query.contentMask(),
                query.styleMasks(), query.initialImage()), widths, false);
    }

    /** A stage's choice: tiles of {@code interior} (0: whole), style tiles, history, and its estimate. */
    private record Choice(int interior, int styleInterior, int history, MemoryModel.Estimate estimate) {
    }

    /** The memories a plan must fit, and the largest tensor a backend can hold. */
    private record Budget(long host, OptionalLong device, long heap, long maxTensorElements) {

        boolean holds(MemoryModel.Estimate e) {
            return e.heapBytes() <= heap && e.hostBytes() <= host
                    && (device.isEmpty() || e.deviceBytes() <= device.getAsLong())
                    && e.largestTensorElements() <= maxTensorElements;
        }

        TransferPlan.Shortfall shortfall(MemoryModel.Estimate e, int stage) {
            if (e.heapBytes() > heap) {
                return new TransferPlan.Shortfall(MemoryKind.JAVA_HEAP, e.heapBytes(), heap, stage);
            }
            if (device.isPresent() && e.deviceBytes() > device.getAsLong()) {
                return new TransferPlan.Shortfall(MemoryKind.DEVICE, e.deviceBytes(), device.getAsLong(), stage);
            }
            return new TransferPlan.Shortfall(MemoryKind.HOST, e.hostBytes(), host, stage);
        }
    }
}
