package dev.nst.core.port.out;

import dev.nst.core.domain.Shape;

/**
 * Where tensors are allocated, and for how long they live: every tensor allocated in a scope is freed when the scope
 * closes (a tensor may also be closed earlier). {@link #openScope()} opens a scope inside this one for what lives
 * shorter, such as the buffers of one optimisation stage, as DJL's {@code NDManager.newSubManager}; closing a scope
 * closes the scopes opened in it.
 */
public interface TensorScope extends AutoCloseable {

    /** A tensor holding {@code values} (channel-major, {@code shape.size()} of them). */
    Tensor upload(Shape shape, float[] values);

    /** A tensor of zeros. */
    Tensor zeros(Shape shape);

    /** A scope inside this one. */
    TensorScope openScope();

    /** Frees every tensor allocated in this scope and in the scopes opened in it. */
    @Override
    void close();
}
