package dev.nst.core.service;

import dev.nst.core.domain.Pooling;
import dev.nst.core.domain.Shape;
import dev.nst.core.domain.Vgg19Weights;
import dev.nst.core.domain.VggLayer;
import dev.nst.core.port.out.ComputeBackend;
import dev.nst.core.port.out.ComputeSession;
import dev.nst.core.port.out.FeatureNetwork;
import dev.nst.core.port.out.Tensor;
import dev.nst.core.port.out.TensorMath;
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

    @Override
    public String name() {
        return delegate.name();
    }

    @Override
    public String description() {
        return delegate.description();
    }

    int openSessions() {
        return delegate.openSessions();
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
            public TensorMath math() {
                return session.math();
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
}
