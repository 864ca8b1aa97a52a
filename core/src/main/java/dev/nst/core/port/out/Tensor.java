package dev.nst.core.port.out;

import dev.nst.core.domain.Shape;

/** A block of numbers owned by a backend (host or device memory). Closing frees it early; sessions free the rest. */
public interface Tensor extends AutoCloseable {

    Shape shape();

    /** A host copy of the values, channel-major ({@code c, y, x}). */
    float[] toArray();

    @Override
    void close();
}
