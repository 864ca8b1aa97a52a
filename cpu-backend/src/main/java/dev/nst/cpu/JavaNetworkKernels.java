package dev.nst.cpu;

import dev.nst.core.backend.NetworkLayout;
import dev.nst.core.backend.NetworkPlan;
import dev.nst.core.domain.Pooling;
import dev.nst.core.domain.Vgg19Weights;
import dev.nst.core.domain.VggLayer;
import dev.nst.core.port.out.TensorScope;
import java.util.EnumMap;
import java.util.Map;

/** The VGG19 trunk's kernels in plain Java: each convolution and its data gradient unrolled once, a plan per size. */
final class JavaNetworkKernels extends CpuNetworkKernels {

    private final Parallel parallel;
    private final TensorScope scope;
    private final Pooling pooling;
    private final Map<VggLayer, JavaConv> convolutions = new EnumMap<>(VggLayer.class);
    private final Map<VggLayer, JavaConv> dataGradients = new EnumMap<>(VggLayer.class);

    /** @param scope where plans allocate the outputs they publish */
    JavaNetworkKernels(Parallel parallel, TensorScope scope, Vgg19Weights weights, Pooling pooling) {
        this.parallel = parallel;
        this.scope = scope;
        this.pooling = pooling;
        weights.convolutions().forEach(conv -> {
            convolutions.put(conv.layer(), JavaConv.of(conv));
            dataGradients.put(conv.layer(), JavaConv.dataGradientOf(conv));
        });
    }

    @Override
    public NetworkPlan plan(NetworkLayout layout) {
        return new JavaPlan(layout, convolutions, dataGradients, pooling, parallel, scope);
    }

    @Override
    public void close() {
        convolutions.clear();
        dataGradients.clear();
    }
}
