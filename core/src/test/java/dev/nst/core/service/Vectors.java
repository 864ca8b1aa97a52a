package dev.nst.core.service;

import dev.nst.core.domain.Shape;
import dev.nst.core.port.out.ComputeSession;
import dev.nst.core.port.out.OptimizerKernels;
import dev.nst.core.port.out.Tensor;
import dev.nst.core.port.out.TensorScope;
import dev.nst.core.testing.ReferenceBackend;
import java.util.ArrayList;
import java.util.List;

/**
 * What an optimiser is given, a scope and the vector kernels, over a reference session; counts the tensors allocated
 * with {@link #zeros} and the dot products.
 */
final class Vectors implements TensorScope, OptimizerKernels {

    private final TensorScope scope;
    private final OptimizerKernels kernels;
    /** Every tensor allocated with {@link #zeros}, in order. */
    final List<Tensor> allocated = new ArrayList<>();
    int dots;

    private Vectors(TensorScope scope, OptimizerKernels kernels) {
        this.scope = scope;
        this.kernels = kernels;
    }

    /** A fresh reference session's. */
    static Vectors reference() {
        ComputeSession session = new ReferenceBackend().openSession();
        return new Vectors(session, session.optimizer());
    }

    /** Another counter over the same session. */
    Vectors counting() {
        return new Vectors(scope, kernels);
    }

    @Override
    public Tensor upload(Shape shape, float[] values) {
        return scope.upload(shape, values);
    }

    @Override
    public Tensor zeros(Shape shape) {
        Tensor tensor = scope.zeros(shape);
        allocated.add(tensor);
        return tensor;
    }

    @Override
    public TensorScope openScope() {
        return scope.openScope();
    }

    @Override
    public void close() {
        scope.close();
    }

    @Override
    public void copy(Tensor from, Tensor to) {
        kernels.copy(from, to);
    }

    @Override
    public void zero(Tensor tensor) {
        kernels.zero(tensor);
    }

    @Override
    public double dot(Tensor a, Tensor b) {
        dots++;
        return kernels.dot(a, b);
    }

    @Override
    public double sumAbs(Tensor a) {
        return kernels.sumAbs(a);
    }

    @Override
    public void axpy(double alpha, Tensor x, Tensor y) {
        kernels.axpy(alpha, x, y);
    }

    @Override
    public void scale(Tensor x, double alpha) {
        kernels.scale(x, alpha);
    }

    @Override
    public void adamStep(Tensor x, Tensor gradient, Tensor m, Tensor v, AdamStep step) {
        kernels.adamStep(x, gradient, m, v, step);
    }
}
