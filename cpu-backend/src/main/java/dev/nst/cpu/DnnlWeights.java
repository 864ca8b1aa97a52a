package dev.nst.cpu;

import dev.nst.core.backend.Resources;
import dev.nst.core.domain.ConvWeights;
import dev.nst.core.domain.Vgg19Weights;
import dev.nst.core.domain.VggLayer;
import java.util.EnumMap;
import java.util.Map;
import org.bytedeco.dnnl.engine;
import org.bytedeco.dnnl.memory;
import org.bytedeco.dnnl.reorder;
import org.bytedeco.dnnl.stream;
import org.bytedeco.javacpp.FloatPointer;

/**
 * Convolution weights in the blocked layouts oneDNN's kernels ask for. A layout depends on the kernel chosen (and
 * so, in principle, on the image size); weights are reordered once per layout and reused by every plan that asks
 * for the same one.
 */
final class DnnlWeights implements AutoCloseable {

    private record Reordered(memory.desc desc, memory memory) {
    }

    private final Vgg19Weights weights;
    private final engine engine;
    private final stream stream;
    private final Resources resources = new Resources();
    private final Map<VggLayer, memory> biases = new EnumMap<>(VggLayer.class);
    private final Map<VggLayer, Reordered> forward = new EnumMap<>(VggLayer.class);
    private final Map<VggLayer, Reordered> backward = new EnumMap<>(VggLayer.class);

    DnnlWeights(Vgg19Weights weights, engine engine, stream stream) {
        this.weights = weights;
        this.engine = engine;
        this.stream = stream;
    }

    ConvWeights of(VggLayer conv) {
        return weights.convolution(conv);
    }

    memory bias(VggLayer conv) {
        return biases.computeIfAbsent(conv, layer -> {
            float[] values = weights.convolution(layer).bias();
            memory.desc desc = new memory.desc(new long[] {values.length}, memory.data_type.f32, memory.format_tag.a);
            return resources.own(new memory(desc, engine, resources.own(new FloatPointer(values))));
        });
    }

    /** The kernel of {@code conv} in layout {@code desc}, for the forward pass. */
    memory forKernel(VggLayer conv, memory.desc desc) {
        return inLayout(forward, conv, desc);
    }

    /** The kernel of {@code conv} in layout {@code desc}, for the backward-data pass. */
    memory forGradientKernel(VggLayer conv, memory.desc desc) {
        return inLayout(backward, conv, desc);
    }

    private memory inLayout(Map<VggLayer, Reordered> cache, VggLayer conv, memory.desc desc) {
        Reordered cached = cache.get(conv);
        if (cached != null && cached.desc().equals(desc)) {
            return cached.memory();
        }
        ConvWeights w = weights.convolution(conv);
        memory.desc plain = new memory.desc(new long[] {w.outChannels(), w.inChannels(), 3, 3},
                memory.data_type.f32, memory.format_tag.oihw);
        memory reordered = resources.own(new memory(desc, engine));
        try (FloatPointer values = new FloatPointer(w.kernel());
             memory source = new memory(plain, engine, values);
             reorder copy = new reorder(source, reordered)) {
            copy.execute(stream, source, reordered);
            stream._wait();
        }
        cache.put(conv, new Reordered(desc, reordered));
        return reordered;
    }

    @Override
    public void close() {
        biases.clear();
        forward.clear();
        backward.clear();
        resources.close();
    }
}
