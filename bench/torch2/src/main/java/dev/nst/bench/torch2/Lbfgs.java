package dev.nst.bench.torch2;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;

/**
 * nst's L-BFGS ({@code dev.nst.core.service.Lbfgs}, after Torch's {@code optim.lbfgs}) on libtorch arrays, step for
 * step: no line search, one evaluation per iteration, the first step scaled by {@code min(1, 1/|g|_1)}, later steps
 * of length {@code learningRate} along the two-loop direction; a pair enters the history only when
 * {@code y.s > 1e-10}, and a direction that does not descend drops the history for steepest descent. Vectors are
 * float32 and so are their dot products (libtorch's), where nst sums in double.
 */
final class Lbfgs implements Optimizer {

    static final int DEFAULT_HISTORY = 100;

    private final double learningRate;
    private final int historySize;

    Lbfgs(double learningRate, int historySize) {
        this.learningRate = learningRate;
        this.historySize = historySize;
    }

    /** A correction pair: step {@code s}, gradient change {@code y}, and {@code 1 / y.s}. */
    private record Pair(NDArray s, NDArray y, double rho) {
        void close() {
            s.close();
            y.close();
        }
    }

    @Override
    public void minimize(NDArray x, Objective objective, int iterations, Observer observer) {
        Objective.Evaluation evaluation = objective.evaluate(x);
        observer.observe(0, evaluation.loss());
        Deque<Pair> history = new ArrayDeque<>();
        double[] alpha = new double[historySize];
        NDArray g = evaluation.gradient();
        NDArray gOld = null;
        NDArray d = null;
        double t = 0;
        try {
            for (int k = 1; k <= iterations; k++) {
                if (k > 1) {
                    remember(history, g, gOld, d, t);
                }
                NDArray next = direction(history, g, alpha);
                if (dot(g, next) >= 0) {
                    next.close();
                    history.forEach(Pair::close);
                    history.clear();
                    next = direction(history, g, alpha);
                }
                close(d);
                d = next;
                t = k == 1 ? Math.min(1.0, 1.0 / Math.max(sumAbs(g), Double.MIN_NORMAL)) * learningRate : learningRate;
                try (NDScope step = new NDScope()) {
                    x.addi(d.mul((float) t));
                }
                close(gOld);
                gOld = g;
                evaluation = objective.evaluate(x);
                g = evaluation.gradient();
                observer.observe(k, evaluation.loss());
            }
        } finally {
            history.forEach(Pair::close);
            close(g);
            close(gOld);
            close(d);
        }
    }

    /** Adds {@code s = t*d, y = g - gOld} to the history if it keeps the Hessian estimate positive definite. */
    private void remember(Deque<Pair> history, NDArray g, NDArray gOld, NDArray d, double t) {
        NDArray s = d.mul((float) t);
        NDArray y = g.sub(gOld);
        double ys = dot(y, s);
        if (ys > 1e-10) {
            if (history.size() == historySize) {
                history.removeFirst().close();
            }
            history.addLast(new Pair(s, y, 1 / ys));
        } else {
            s.close();
            y.close();
        }
    }

    /** {@code d = -H g} by the two-loop recursion, with {@code H0 = (y.s / y.y) I} from the newest pair. */
    private static NDArray direction(Deque<Pair> history, NDArray g, double[] alpha) {
        NDArray d = g.neg();
        if (history.isEmpty()) {
            return d;
        }
        try (NDScope temporaries = new NDScope()) { // the products; d itself is updated in place
            int i = history.size() - 1;
            for (Iterator<Pair> it = history.descendingIterator(); it.hasNext(); i--) {
                Pair p = it.next();
                alpha[i] = dot(p.s(), d) * p.rho();
                d.subi(p.y().mul((float) alpha[i]));
            }
            Pair newest = history.getLast();
            d.muli((float) (1 / (newest.rho() * dot(newest.y(), newest.y()))));
            i = 0;
            for (Pair p : history) {
                double beta = dot(p.y(), d) * p.rho();
                d.addi(p.s().mul((float) (alpha[i] - beta)));
                i++;
            }
        }
        return d;
    }

    private static double dot(NDArray a, NDArray b) {
        try (NDArray product = a.dot(b)) {
            return product.getFloat();
        }
    }

    private static double sumAbs(NDArray a) {
        try (NDScope scope = new NDScope()) {
            return a.abs().sum().getFloat();
        }
    }

    private static void close(NDArray array) {
        if (array != null) {
            array.close();
        }
    }
}
