package dev.nst.core.service;

import dev.nst.core.domain.Pooling;
import dev.nst.core.domain.Shape;
import dev.nst.core.domain.Vgg19Weights;
import dev.nst.core.domain.VggLayer;
import dev.nst.core.port.out.BackendCapacity;
import dev.nst.core.port.out.Capability;
import dev.nst.core.port.out.ComputeBackend;
import dev.nst.core.port.out.ComputeSession;
import dev.nst.core.port.out.FeatureNetwork;
import dev.nst.core.port.out.Tensor;
import dev.nst.core.port.out.LossKernels;
import dev.nst.core.port.out.OptimizerKernels;
import dev.nst.core.port.out.TensorScope;
import dev.nst.core.testing.ReferenceBackend;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A {@link ReferenceBackend} that remembers which networks were built and what shapes went through them. */
final class RecordingBackend implements ComputeBackend {

    private final ReferenceBackend delegate = new ReferenceBackend();
    /** The output layers of every network built. */
    final List<Set<VggLayer>> networks = new ArrayList<>();
    /** The shape of every image run forward, in order. */
    final List<Shape> forwardShapes = new ArrayList<>();
    /** Every scope opened in a session, in order, with what was allocated in it. */
    final List<RecordingScope> scopes = new ArrayList<>();

    @Override
    public String name() {
        return delegate.name();
    }

    @Override
    public String description() {
        return delegate.description();
    }

    @Override
    public boolean has(Capability capability) {
        return delegate.has(capability);
    }

    @Override
    public BackendCapacity capacity() {
        return delegate.capacity();
    }

    int openSessions() {
        return delegate.openSessions();
    }

    /** Tensors allocated and not freed yet. */
    int liveTensors() {
        return delegate.liveTensors();
    }

    @Override
    public ComputeSession openSession() {
        ComputeSession session = delegate.openSession();
        return new ComputeSession() {
            @Override
            public FeatureNetwork network(Vgg19Weights weights, Pooling pooling, Set<VggLayer> outputs) {
                networks.add(Set.copyOf(outputs));
                FeatureNetwork network = session.network(weights, pooling, outputs);
                return new FeatureNetwork() {
                    @Override
                    public Map<VggLayer, Tensor> forward(Tensor image) {
                        forwardShapes.add(image.shape());
                        return network.forward(image);
                    }

                    @Override
                    public void backward(Map<VggLayer, Tensor> outputGradients, Tensor imageGradient) {
                        network.backward(outputGradients, imageGradient);
                    }
                };
            }

            @Override
            public LossKernels losses() {
                return session.losses();
            }

            @Override
            public OptimizerKernels optimizer() {
                return session.optimizer();
            }

            @Override
            public Tensor upload(Shape shape, float[] values) {
                return session.upload(shape, values);
            }

            @Override
            public Tensor zeros(Shape shape) {
                return session.zeros(shape);
            }

            @Override
            public TensorScope openScope() {
                RecordingScope scope = new RecordingScope(session.openScope());
                scopes.add(scope);
                return scope;
            }

            @Override
            public void close() {
                session.close();
            }
        };
    }

    @Override
    public void close() {
        delegate.close();
    }

    /** A scope that remembers what it allocated and whether it was closed. */
    static final class RecordingScope implements TensorScope {
        private final TensorScope delegate;
        final List<Tensor> tensors = new ArrayList<>();
        boolean closed;

        RecordingScope(TensorScope delegate) {
            this.delegate = delegate;
        }

        @Override
        public Tensor upload(Shape shape, float[] values) {
            Tensor tensor = delegate.upload(shape, values);
            tensors.add(tensor);
            return tensor;
        }

        @Override
        public Tensor zeros(Shape shape) {
            Tensor tensor = delegate.zeros(shape);
            tensors.add(tensor);
            return tensor;
        }

        @Override
        public TensorScope openScope() {
            return delegate.openScope();
        }

        @Override
        public void close() {
            closed = true;
            delegate.close();
        }

        /** Whether every tensor allocated in it has been freed. */
        boolean allFreed() {
            return tensors.stream().allMatch(t -> ((ReferenceBackend.RefTensor) t).isClosed());
        }
    }
}
