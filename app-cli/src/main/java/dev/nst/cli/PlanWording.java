package dev.nst.cli;

import dev.nst.core.domain.InsufficientMemoryException;
import dev.nst.core.port.in.StagePlan;
import dev.nst.core.port.in.TransferPlan;
import dev.nst.core.port.in.TransferSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** A plan in the CLI's words: the table of {@code nst plan}, its JSON, and the one line a transfer prints under auto. */
final class PlanWording {

    private PlanWording() {
    }

    /**
     * What the plan chose that was not asked for, in one line, e.g. {@code the whole 4000x3000 image needs about 9.8
     * GiB but 3.1 GiB is available: the network runs on 12 tiles of 512 px (about 2.3x the time per iteration) and
     * L-BFGS keeps 20 pairs instead of 100}; empty when it chose nothing.
     */
    static Optional<String> adjustment(TransferPlan plan) {
        if (!plan.adjusted()) {
            return Optional.empty();
        }
        StagePlan last = plan.last();
        List<String> choices = new ArrayList<>();
        List<Integer> tiled = stagesWhere(plan, StagePlan::tiled);
        if (plan.tilesChosen() && !tiled.isEmpty()) {
            StagePlan stage = plan.stages().get(tiled.get(tiled.size() - 1) - 1);
            choices.add(String.format(Locale.ROOT, "the network runs on %d tiles of %d px%s (about %.1fx the time per"
                            + " iteration)", stage.tiles(), stage.tileSize(), inStages(plan, tiled),
                    stage.secondsPerIteration() / Math.max(1e-12, plan.wholeImageSecondsPerIteration())));
        }
        // only a history left to its default is ever shortened
        List<Integer> shortened = stagesWhere(plan, s -> s.lbfgsHistory() > 0
                && s.lbfgsHistory() < TransferSettings.DEFAULT_LBFGS_HISTORY);
        if (plan.historyShortened() && !shortened.isEmpty()) {
            int pairs = plan.stages().get(shortened.get(shortened.size() - 1) - 1).lbfgsHistory();
            choices.add("L-BFGS keeps " + pairs + (pairs == 1 ? " pair" : " pairs") + inStages(plan, shortened)
                    + " instead of " + TransferSettings.DEFAULT_LBFGS_HISTORY);
        }
        return Optional.of(String.format(Locale.ROOT, "the whole %dx%d image needs about %s but %s is available: %s",
                last.width(), last.height(), bytes(plan.wholeImageBytes()), bytes(available(plan)),
                String.join(" and ", choices)));
    }

    /** The table {@code nst plan} prints. */
    static String table(TransferPlan plan) {
        StringBuilder text = new StringBuilder();
        text.append("backend: ").append(plan.backend()).append('\n');
        text.append(String.format(Locale.ROOT, "%-6s %-6s %-11s %-10s %-26s %-8s %-12s %s%n", "stage", "size",
                "image", "iterations", "network runs on", "L-BFGS", "peak memory", "s/iteration"));
        for (int i = 0; i < plan.stages().size(); i++) {
            StagePlan stage = plan.stages().get(i);
            String tiles = stage.tiled() ? String.format(Locale.ROOT, "%d tiles of %d px (%dx%d)", stage.tiles(),
                    stage.tileSize(), stage.tileWidth(), stage.tileHeight()) : "the whole image";
            text.append(String.format(Locale.ROOT, "%-6s %-6d %-11s %-10d %-26s %-8s %-12s %s%n",
                    (i + 1) + "/" + plan.stages().size(), stage.size(), stage.width() + "x" + stage.height(),
                    stage.iterations(), tiles, stage.lbfgsHistory() == 0 ? "-" : String.valueOf(stage.lbfgsHistory()),
                    bytes(plan.tensorsOnDevice() ? stage.peakDeviceBytes() : stage.peakHostBytes()),
                    Double.isFinite(stage.secondsPerIteration())
                            ? String.format(Locale.ROOT, "%.2f", stage.secondsPerIteration()) : "-"));
        }
        if (plan.tensorsOnDevice()) {
            text.append("peak device memory: ").append(bytes(plan.peakDeviceBytes())).append(" of ")
                    .append(plan.availableDeviceBytes().isPresent() ? bytes(plan.availableDeviceBytes().getAsLong())
                            : "?").append(" available\n");
        }
        text.append("peak memory: ").append(bytes(plan.peakHostBytes())).append(" of ")
                .append(bytes(plan.availableHostBytes())).append(" available; Java heap ")
                .append(bytes(plan.javaHeapBytes())).append(" of ").append(bytes(plan.maxJavaHeapBytes())).append('\n');
        if (Double.isFinite(plan.estimatedSeconds())) {
            text.append("estimated time: ").append(Durations.formatSeconds(plan.estimatedSeconds()))
                    .append(" (at the backend's measured speed)\n");
        }
        return text.toString();
    }

    /** The plan as one JSON object. */
    static String json(TransferPlan plan, Optional<String> refusal) {
        StringBuilder json = new StringBuilder("{");
        field(json, "fits", plan.fits() || refusal.isEmpty());
        field(json, "backend", quoted(plan.backend()));
        field(json, "peakHostMiB", mib(plan.peakHostBytes()));
        field(json, "peakDeviceMiB", mib(plan.peakDeviceBytes()));
        field(json, "tileSize", plan.tileSize());
        field(json, "lbfgsHistory", plan.lbfgsHistory());
        field(json, "secondsPerIteration", seconds(plan.secondsPerIteration()));
        field(json, "estimatedSeconds", seconds(plan.estimatedSeconds()));
        field(json, "availableHostMiB", mib(plan.availableHostBytes()));
        field(json, "availableDeviceMiB", plan.availableDeviceBytes().isPresent()
                ? String.valueOf(mib(plan.availableDeviceBytes().getAsLong())) : "null");
        field(json, "javaHeapMiB", mib(plan.javaHeapBytes()));
        field(json, "maxJavaHeapMiB", mib(plan.maxJavaHeapBytes()));
        field(json, "tilesChosen", plan.tilesChosen());
        field(json, "historyShortened", plan.historyShortened());
        field(json, "wholeImageMiB", mib(plan.wholeImageBytes()));
        field(json, "refusal", refusal.map(PlanWording::quoted).orElse("null"));
        json.append("\"stages\":[");
        json.append(plan.stages().stream().map(PlanWording::json).collect(Collectors.joining(",")));
        return json.append("]}").toString();
    }

    private static String json(StagePlan stage) {
        StringBuilder json = new StringBuilder("{");
        field(json, "size", stage.size());
        field(json, "width", stage.width());
        field(json, "height", stage.height());
        field(json, "iterations", stage.iterations());
        field(json, "tileSize", stage.tileSize());
        field(json, "tiles", stage.tiles());
        field(json, "tileWidth", stage.tileWidth());
        field(json, "tileHeight", stage.tileHeight());
        field(json, "styleTileSize", stage.styleTileSize());
        field(json, "lbfgsHistory", stage.lbfgsHistory());
        field(json, "peakHostMiB", mib(stage.peakHostBytes()));
        field(json, "peakDeviceMiB", mib(stage.peakDeviceBytes()));
        json.append("\"secondsPerIteration\":").append(seconds(stage.secondsPerIteration()));
        return json.append('}').toString();
    }

    private static void field(StringBuilder json, String name, Object value) {
        json.append('"').append(name).append("\":").append(value).append(',');
    }

    private static String quoted(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static long mib(long bytes) {
        return (bytes + (1L << 20) - 1) >> 20;
    }

    /** Seconds in JSON: null where they were not estimated (a plan that does not fit). */
    private static String seconds(double seconds) {
        return Double.isFinite(seconds) ? String.format(Locale.ROOT, "%.4f", seconds) : "null";
    }

    private static String bytes(long bytes) {
        return InsufficientMemoryException.formatBytes(bytes);
    }

    private static long available(TransferPlan plan) {
        return plan.tensorsOnDevice() && plan.availableDeviceBytes().isPresent()
                ? plan.availableDeviceBytes().getAsLong() : plan.availableHostBytes();
    }

    /** The stages (from 1) where {@code condition} holds. */
    private static List<Integer> stagesWhere(TransferPlan plan, java.util.function.Predicate<StagePlan> condition) {
        List<Integer> stages = new ArrayList<>();
        for (int i = 0; i < plan.stages().size(); i++) {
            if (condition.test(plan.stages().get(i))) {
                stages.add(i + 1);
            }
        }
        return stages;
    }

    /** {@code  in stages 3-4} of a transfer of several stages, else nothing. */
    private static String inStages(TransferPlan plan, List<Integer> stages) {
        if (plan.stages().size() == 1) {
            return "";
        }
        int first = stages.get(0);
        int last = stages.get(stages.size() - 1);
        return first == last ? " in stage " + first : " in stages " + first + "-" + last;
    }
}
