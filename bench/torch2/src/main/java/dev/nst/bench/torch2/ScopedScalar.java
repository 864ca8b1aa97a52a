package dev.nst.bench.torch2;

import ai.djl.ndarray.NDArray;

/**
 * A constant for arithmetic that autograd records. DJL's {@code mul(Number)} and {@code div(Number)} wrap the number in
 * an array over Java-owned memory and close it as soon as the product is computed, but autograd keeps that array for
 * the backward pass, which may then read memory the garbage collector has already reused (seen as sporadic NaN
 * gradients). A scalar made here belongs to the enclosing {@code NDScope} instead and lives until it closes.
 */
final class ScopedScalar {

    private ScopedScalar() {
    }

    /** A float32 scalar array with {@code like}'s manager, closed with the current {@code NDScope}. */
    static NDArray of(NDArray like, double value) {
        return like.getManager().create((float) value);
    }
}
