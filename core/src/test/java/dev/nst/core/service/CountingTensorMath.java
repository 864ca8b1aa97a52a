package dev.nst.core.service;

import dev.nst.core.domain.Shape;
import dev.nst.core.port.out.Tensor;
import dev.nst.core.port.out.TensorMath;
import java.util.ArrayList;
import java.util.List;

/** Delegates to another {@link TensorMath} and counts allocations and dot products. */
final class CountingTensorMath implements TensorMath {

    private final TensorMath delegate;
    /** Every tensor allocated with {@link #zeros}, in order. */
    final List<Tensor> allocated = new ArrayList<>();
    int dots;

    CountingTensorMath(TensorMath delegate) {
        this.delegate = delegate;
    }

    @Override
    public Tensor upload(Shape shape, float[] values) {
        return delegate.upload(shape, values);
    }

    @Override
    public Tensor zeros(Shape shape) {
        Tensor tensor = delegate.zeros(shape);
        allocated.add(tensor);
        return tensor;
    }

    @Override
    public void copy(Tensor from, Tensor to) {
        delegate.copy(from, to);
    }

    @Override
    public void zero(Tensor tensor) {
        delegate.zero(tensor);
    }

    @Override
    public double dot(Tensor a, Tensor b) {
        dots++;
        return delegate.dot(a, b);
    }

    @Override
    public double sumAbs(Tensor a) {
        return delegate.sumAbs(a);
    }

    @Override
    public void axpy(double alpha, Tensor x, Tensor y) {
        delegate.axpy(alpha, x, y);
    }

    @Override
    public void scale(Tensor x, double alpha) {
        delegate.scale(x, alpha);
    }

    @Override
    public void adamStep(Tensor x, Tensor gradient, Tensor m, Tensor v, AdamStep step) {
        delegate.adamStep(x, gradient, m, v, step);
    }

    @Override
    public void gram(Tensor features, Tensor gram) {
        delegate.gram(features, gram);
    }

    @Override
    public double meanSquaredError(Tensor x, Tensor target, double weight, Tensor gradient) {
        return delegate.meanSquaredError(x, target, weight, gradient);
    }

    @Override
    public void gramBackward(Tensor features, Tensor gramGradient, Tensor featureGradient) {
        delegate.gramBackward(features, gramGradient, featureGradient);
    }

    @Override
    public double totalVariation(Tensor image, double weight, Tensor gradient) {
        return delegate.totalVariation(image, weight, gradient);
    }
}
