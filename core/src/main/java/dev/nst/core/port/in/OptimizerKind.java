package dev.nst.core.port.in;

import dev.nst.core.domain.InvalidInputException;
import dev.nst.core.domain.Setting;
import java.util.Locale;

/** The optimisers on offer and their default learning rates on the 0..255 pixel scale. */
public enum OptimizerKind {
    /** L-BFGS as in Torch's optim.lbfgs: history 100, no line search; the step is {@code learningRate} (default 1). */
    LBFGS(1.0),
    /** Adam (beta1 0.9, beta2 0.999, eps 1e-8), default learning rate 10 as in jcjohnson/neural-style. */
    ADAM(10.0);

    private final double defaultLearningRate;

    OptimizerKind(double defaultLearningRate) {
        this.defaultLearningRate = defaultLearningRate;
    }

    public double defaultLearningRate() {
        return defaultLearningRate;
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static OptimizerKind parse(String id) {
        return switch (id.trim().toLowerCase(Locale.ROOT)) {
            case "lbfgs", "l-bfgs" -> LBFGS;
            case "adam" -> ADAM;
            default -> throw new InvalidInputException(Setting.OPTIMIZER, "unknown optimizer '" + id + "'; use lbfgs or adam");
        };
    }
}
