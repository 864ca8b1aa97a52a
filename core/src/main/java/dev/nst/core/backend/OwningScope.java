package dev.nst.core.backend;

import dev.nst.core.domain.Shape;
import dev.nst.core.port.out.Tensor;
import dev.nst.core.port.out.TensorScope;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * A {@link TensorScope} that keeps what it allocated and frees it when it closes, together with the scopes opened in
 * it (newest first). Backends supply only the allocation ({@link Allocation}); their tensors tell their scope when
 * they are closed early ({@link #released}).
 */
public class OwningScope implements TensorScope {

    /** How a backend makes tensors. */
    public interface Allocation {

        /**
         * A new tensor of {@code shape}, zero-filled if {@code zeroed} (else its contents are undefined), which calls
         * {@code owner.released(itself)} when it is closed.
         */
        Tensor allocate(Shape shape, boolean zeroed, OwningScope owner);

        /** Writes {@code values} (channel-major) into a tensor {@link #allocate} made. */
        void write(Tensor tensor, float[] values);
    }

    private final Allocation allocation;
    private final OwningScope parent;
    private final Set<Tensor> tensors = Collections.newSetFromMap(new IdentityHashMap<>());
    private final List<OwningScope> children = new ArrayList<>();
    private boolean closed;

    /** The outermost scope of a session. */
    protected OwningScope(Allocation allocation) {
        this(allocation, null);
    }

    private OwningScope(Allocation allocation, OwningScope parent) {
        this.allocation = allocation;
        this.parent = parent;
    }

    @Override
    public final Tensor upload(Shape shape, float[] values) {
        if (values.length != shape.size()) {
            throw new IllegalArgumentException(values.length + " values for a tensor of " + shape);
        }
        requireOpen();
        Tensor tensor = keep(allocation.allocate(shape, false, this));
        allocation.write(tensor, values);
        return tensor;
    }

    @Override
    public final Tensor zeros(Shape shape) {
        requireOpen();
        return keep(allocation.allocate(shape, true, this));
    }

    @Override
    public final TensorScope openScope() {
        requireOpen();
        OwningScope child = new OwningScope(allocation, this);
        children.add(child);
        return child;
    }

    /** A tensor of this scope was closed early: it is no longer this scope's to free. */
    public final void released(Tensor tensor) {
        tensors.remove(tensor);
    }

    /** Tensors of this scope, and of the scopes open in it, that are not freed yet. */
    public final int liveTensors() {
        return tensors.size() + children.stream().mapToInt(OwningScope::liveTensors).sum();
    }

    /** Frees the scopes opened in this one (newest first), then this scope's tensors; idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        Resources all = new Resources();
        new ArrayList<>(tensors).forEach(all::own);
        children.forEach(all::own);
        all.close();
        tensors.clear();
        children.clear();
        if (parent != null) {
            parent.children.remove(this);
        }
    }

    private Tensor keep(Tensor tensor) {
        tensors.add(tensor);
        return tensor;
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("tensor scope used after it was closed");
        }
    }
}
