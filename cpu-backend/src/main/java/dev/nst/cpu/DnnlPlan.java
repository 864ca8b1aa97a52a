package dev.nst.cpu;

import dev.nst.core.domain.Pooling;
import dev.nst.core.domain.Shape;
import dev.nst.core.domain.VggLayer;
import dev.nst.core.port.out.Tensor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bytedeco.dnnl.memory;
import org.bytedeco.dnnl.primitive_attr;
import org.bytedeco.dnnl.post_ops;
import org.bytedeco.dnnl.reorder;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Pointer;

/**
 * The network compiled for one input size. Activations stay in the blocked layouts oneDNN picks; only the requested
 * outputs are reordered into plain {@code C x H x W} tensors, and gradients injected at them are reordered back
 * (added to what already flows). Gradients travel backwards through two arenas in turn, so backward needs memory for
 * two activations, not one per layer.
 */
final class DnnlPlan implements AutoCloseable {

    private final DnnlKernels kernels;
    private final Shape inputShape;
    private final NativeResources resources = new NativeResources();
    private final memory input;
    private final List<DnnlStage> stages = new ArrayList<>();
    private final Map<VggLayer, DnnlStage> byLayer = new EnumMap<>(VggLayer.class);
    private final Map<VggLayer, CpuTensor> outputs = new EnumMap<>(VggLayer.class);
    private final Map<VggLayer, reorder> publish = new EnumMap<>(VggLayer.class);
    private final Map<VggLayer, memory> publishTargets = new EnumMap<>(VggLayer.class);
    private final Map<VggLayer, Injection> injections = new EnumMap<>(VggLayer.class);
    private memory imageGradient;
    private memory imageGradientBlocked;
    private reorder toImageGradient;

    DnnlPlan(DnnlKernels kernels, CpuSession session, DnnlWeights weights, List<VggLayer> layers, Pooling pooling,
             Set<VggLayer> requested, Shape inputShape) {
        this.kernels = kernels;
        this.inputShape = inputShape;
        input = resources.own(new memory(plain(inputShape), kernels.engine(), new Pointer()));
        memory src = input;
        for (int i = 0; i < layers.size(); i++) {
            VggLayer layer = layers.get(i);
            DnnlStage stage = switch (layer.kind()) {
                case CONV -> {
                    boolean fuse = i + 1 < layers.size() && !requested.contains(layer);
                    if (fuse) {
                        i++;
                    }
                    yield new DnnlConvStage(layer, fuse, src, weights, kernels, resources);
                }
                case RELU -> new DnnlReluStage(layer, src, kernels, resources);
                case POOL -> new DnnlPoolStage(layer, pooling, src, kernels, resources);
            };
            stages.add(stage);
            byLayer.put(stage.layer, stage);
            src = stage.dst;
        }
        for (VggLayer layer : requested) {
            DnnlStage stage = byLayer.get(layer);
            long[] dims = DnnlStage.dims(stage.dstDesc());
            CpuTensor tensor = session.allocate(new Shape((int) dims[1], (int) dims[2], (int) dims[3]));
            memory target = resources.own(new memory(plain(tensor.shape()), kernels.engine(), pointer(tensor)));
            outputs.put(layer, tensor);
            publishTargets.put(layer, target);
            publish.put(layer, resources.own(new reorder(stage.dst, target)));
        }
    }

    Shape inputShape() {
        return inputShape;
    }

    Map<VggLayer, Tensor> forward(CpuTensor image) {
        input.set_data_handle(pointer(image));
        for (DnnlStage stage : stages) {
            stage.forward();
        }
        publish.forEach((layer, copy) -> copy.execute(kernels.stream(), byLayer.get(layer).dst, publishTargets.get(layer)));
        kernels.stream()._wait();
        return Collections.unmodifiableMap(outputs);
    }

    void backward(Map<VggLayer, Tensor> gradients, CpuTensor imageGradientOut) {
        if (imageGradient == null) {
            prepareBackward();
        }
        imageGradient.set_data_handle(pointer(imageGradientOut));
        boolean flowing = false;
        for (int i = stages.size() - 1; i >= 0; i--) {
            DnnlStage stage = stages.get(i);
            Tensor injected = gradients.get(stage.layer);
            if (injected != null) {
                injections.get(stage.layer).add(CpuTensor.of(injected), flowing);
                flowing = true;
            }
            if (flowing) {
                stage.backward();
            }
        }
        if (flowing) {
            toImageGradient.execute(kernels.stream(), imageGradientBlocked, imageGradient);
        }
        kernels.stream()._wait();
        if (!flowing) {
            Pointer.memset(pointer(imageGradientOut), 0, (long) imageGradientOut.size() * Float.BYTES);
        }
    }

    private void prepareBackward() {
        long largest = stages.stream().mapToLong(s -> s.dstDesc().get_size()).max().orElseThrow();
        memory.desc arenaDesc = new memory.desc(new long[] {(largest + Float.BYTES - 1) / Float.BYTES},
                memory.data_type.f32, memory.format_tag.a);
        Pointer[] arenas = {
            resources.own(new memory(arenaDesc, kernels.engine())).get_data_handle(),
            resources.own(new memory(arenaDesc, kernels.engine())).get_data_handle()
        };
        imageGradient = resources.own(new memory(plain(inputShape), kernels.engine(), new Pointer()));
        memory diffSrc = null;
        for (int i = 0; i < stages.size(); i++) {
            DnnlStage stage = stages.get(i);
            memory diffDst = resources.own(new memory(stage.dstDesc(), kernels.engine(), arenas[i % 2]));
            if (i == 0) {
                // The kernels' own layout for the image gradient; a plain one can force a slow reference kernel.
                diffSrc = resources.own(new memory(stage.preferredDiffSrcDesc(diffDst.get_desc()), kernels.engine()));
                imageGradientBlocked = diffSrc;
                toImageGradient = resources.own(new reorder(imageGradientBlocked, imageGradient));
            }
            stage.prepareBackward(diffSrc, diffDst);
            if (outputs.containsKey(stage.layer)) {
                injections.put(stage.layer, new Injection(diffDst));
            }
            diffSrc = diffDst;
        }
    }

    /** Reorders a plain gradient into a stage's output gradient, replacing it or adding to it. */
    private final class Injection {
        private final memory source;
        private final memory target;
        private final reorder replace;
        private final reorder accumulate;

        Injection(memory target) {
            this.target = target;
            this.source = resources.own(new memory(plain(target.get_desc()), kernels.engine(), new Pointer()));
            this.replace = resources.own(new reorder(source, target));
            post_ops sum = resources.own(new post_ops());
            sum.append_sum();
            primitive_attr attr = resources.own(new primitive_attr());
            attr.set_post_ops(sum);
            this.accumulate = resources.own(new reorder(source, target, attr));
        }

        void add(CpuTensor gradient, boolean onTopOfExisting) {
            source.set_data_handle(pointer(gradient));
            (onTopOfExisting ? accumulate : replace).execute(kernels.stream(), source, target);
        }
    }

    private static memory.desc plain(Shape shape) {
        return new memory.desc(new long[] {1, shape.channels(), shape.height(), shape.width()}, memory.data_type.f32,
                memory.format_tag.nchw);
    }

    private static memory.desc plain(memory.desc blocked) {
        return new memory.desc(DnnlStage.dims(blocked), memory.data_type.f32, memory.format_tag.nchw);
    }

    private static Pointer pointer(CpuTensor tensor) {
        return new FloatPointer(tensor.data());
    }

    @Override
    public void close() {
        outputs.values().forEach(CpuTensor::close);
        resources.close();
    }
}
