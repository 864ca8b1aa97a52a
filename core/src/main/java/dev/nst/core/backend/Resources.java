package dev.nst.core.backend;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Native objects (primitives, descriptors, device memory) freed together, newest first, when their owner closes. A
 * failure to free one does not stop the others from being freed; the first is rethrown at the end.
 */
public final class Resources implements AutoCloseable {

    private final Deque<AutoCloseable> owned = new ArrayDeque<>();

    /** Takes {@code resource} over: it is freed when this closes. */
    public <T extends AutoCloseable> T own(T resource) {
        owned.push(resource);
        return resource;
    }

    @Override
    public void close() {
        RuntimeException first = null;
        while (!owned.isEmpty()) {
            try {
                owned.pop().close();
            } catch (Exception e) {
                if (first == null) {
                    first = e instanceof RuntimeException r ? r : new IllegalStateException(e);
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
