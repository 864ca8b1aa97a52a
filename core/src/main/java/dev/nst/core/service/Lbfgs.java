package dev.nst.core.service;

import dev.nst.core.domain.LossBreakdown;
import dev.nst.core.port.out.OptimizerKernels;
import dev.nst.core.port.out.Tensor;
import dev.nst.core.port.out.TensorScope;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;

/**
 * Limited-memory BFGS as in Torch's {@code optim.lbfgs} (used by jcjohnson/neural-style) without line search: one
 * objective evaluation per iteration, the first step scaled by {@code min(1, 1/|g|_1)}, later steps of length
 * {@code learningRate} along the two-loop direction. A pair {@code (s, y)} enters the history only when
 * {@code y.s > 1e-10}; if the direction is not a descent direction the history is dropped and the step falls back to
 * steepest descent (Torch would stop instead). The history is kept in the stage's scope and starts empty in every
 * stage (curvature measured at one size says nothing about another).
 */
final class Lbfgs implements Optimizer {

    static final int DEFAULT_HISTORY = 100;

    private final OptimizerKernels math;
    private final TensorScope scope;
    private final double learningRate;
    private final int historySize;

    /** @param scope where the gradients, the direction and the history are kept (the stage's) */
    Lbfgs(OptimizerKernels math, TensorScope scope, double learningRate, int historySize) {
        this.math = math;
        this.scope = scope;
        this.learningRate = learningRate;
        this.historySize = historySize;
    }

    /** A correction pair: step {@code s}, gradient change {@code y}, and {@code 1 / y.s}. */
    private record Pair(Tensor s, Tensor y, double rho) {
    }

    @Override
    public void minimize(Tensor x, Objective objective, int iterations, Observer observer) {
        Tensor g = scope.zeros(x.shape());
        LossBreakdown loss = objective.evaluate(x, g);
        observer.observe(0, loss, x);
        if (iterations == 0) {
            return;
        }
        Tensor gOld = scope.zeros(x.shape());
        Tensor d = scope.zeros(x.shape());
        Deque<Pair> history = new ArrayDeque<>();
        Deque<Tensor> spare = new ArrayDeque<>();
        double[] alpha = new double[historySize];
        double t = 0;
        for (int k = 1; k <= iterations; k++) {
            if (k > 1) {
                remember(history, spare, g, gOld, d, t);
            }
            direction(history, g, d, alpha);
            if (math.dot(g, d) >= 0) {
                forget(history, spare);
                direction(history, g, d, alpha);
            }
            t = k == 1 ? Math.min(1.0, 1.0 / Math.max(math.sumAbs(g), Double.MIN_NORMAL)) * learningRate : learningRate;
            math.copy(g, gOld);
            math.axpy(t, d, x);
            loss = objective.evaluate(x, g);
            observer.observe(k, loss, x);
        }
    }

    /** Adds {@code s = t*d, y = g - gOld} to the history if it keeps the Hessian estimate positive definite. */
    private void remember(Deque<Pair> history, Deque<Tensor> spare, Tensor g, Tensor gOld, Tensor d, double t) {
        Tensor s = spare.isEmpty() ? scope.zeros(d.shape()) : spare.pop();
        Tensor y = spare.isEmpty() ? scope.zeros(d.shape()) : spare.pop();
        math.copy(d, s);
        math.scale(s, t);
        math.copy(g, y);
        math.axpy(-1, gOld, y);
        double ys = math.dot(y, s);
        if (ys > 1e-10) {
            if (history.size() == historySize) {
                Pair oldest = history.removeFirst();
                spare.push(oldest.s());
                spare.push(oldest.y());
            }
            history.addLast(new Pair(s, y, 1 / ys));
        } else {
            spare.push(s);
            spare.push(y);
        }
    }

    private void forget(Deque<Pair> history, Deque<Tensor> spare) {
        for (Pair p : history) {
            spare.push(p.s());
            spare.push(p.y());
        }
        history.clear();
    }

    /** {@code d = -H g} by the two-loop recursion, with {@code H0 = (y.s / y.y) I} from the newest pair. */
    private void direction(Deque<Pair> history, Tensor g, Tensor d, double[] alpha) {
        math.copy(g, d);
        math.scale(d, -1);
        if (history.isEmpty()) {
            return;
        }
        int i = history.size() - 1;
        for (Iterator<Pair> it = history.descendingIterator(); it.hasNext(); i--) {
            Pair p = it.next();
            alpha[i] = math.dot(p.s(), d) * p.rho();
            math.axpy(-alpha[i], p.y(), d);
        }
        Pair newest = history.getLast();
        math.scale(d, 1 / (newest.rho() * math.dot(newest.y(), newest.y())));
        i = 0;
        for (Pair p : history) {
            double beta = math.dot(p.y(), d) * p.rho();
            math.axpy(alpha[i] - beta, p.s(), d);
            i++;
        }
    }
}
