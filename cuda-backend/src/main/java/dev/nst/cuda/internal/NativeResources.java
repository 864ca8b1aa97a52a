package dev.nst.cuda.internal;

import java.util.ArrayDeque;
import java.util.Deque;

/** Native objects (device memory, cuDNN descriptors) freed together, newest first, when their owner closes. */
final class NativeResources implements AutoCloseable {

    private final Deque<AutoCloseable> owned = new ArrayDeque<>();

    <T extends AutoCloseable> T own(T resource) {
        owned.push(resource);
        return resource;
    }

    /** Frees everything; the first failure is rethrown after the rest has been freed. */
    @Override
    public void close() {
        RuntimeException first = null;
        while (!owned.isEmpty()) {
            try {
                owned.pop().close();
            } catch (Exception e) {
                if (first == null) {
                    first = e instanceof RuntimeException r ? r : new IllegalStateException(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
