package dev.nst.core.backend;

import dev.nst.core.domain.Shape;

/**
 * What a backend writes to run the VGG19 trunk: plans for input sizes, on weights it holds. Everything else (when to
 * build a plan, the checks, the order of the steps, replace-or-add injection) is {@link PlannedNetwork}'s.
 */
public interface NetworkKernels extends AutoCloseable {

    /** The network built for {@code layout}'s input size. */
    NetworkPlan plan(NetworkLayout layout);

    /** The most values the backend can hold in one tensor. */
    long maxTensorElements();

    /** The backend as users know it, in messages, e.g. {@code the cpu backend}. */
    String description();

    /** Called before each pass, on the calling thread: bind the device, set the thread count. */
    default void enter() {
    }

    /**
     * What a failure of a pass on an input of {@code shape} means to users, e.g. a native library's "out of memory"
     * turned into a {@link dev.nst.core.domain.TransferFailedException}; by default the failure itself.
     */
    default RuntimeException failure(String pass, Shape shape, RuntimeException e) {
        return e;
    }

    /** Frees the weights. */
    @Override
    void close();
}
