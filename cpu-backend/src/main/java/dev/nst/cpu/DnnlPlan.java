package dev.nst.cpu;

import dev.nst.core.backend.NetworkLayout;
import dev.nst.core.backend.NetworkPlan;
import dev.nst.core.backend.Resources;
import dev.nst.core.backend.StageSpec;
import dev.nst.core.domain.Pooling;
import dev.nst.core.domain.Shape;
import dev.nst.core.domain.VggLayer;
import dev.nst.core.port.out.Tensor;
import dev.nst.core.port.out.TensorScope;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.bytedeco.dnnl.memory;
import org.bytedeco.dnnl.post_ops;
import org.bytedeco.dnnl.primitive_attr;
import org.bytedeco.dnnl.reorder;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Pointer;

/**
 * The oneDNN kernels of a {@link NetworkLayout}. Activations stay in the blocked layouts oneDNN picks; only the
 * requested outputs are reordered into plain {@code C x H x W} tensors, and gradients injected at them are reordered
 * back (replacing, or with a sum post-op adding to, what flows there). The backward pass's output gradients live in
 * the layout's two arenas, sized for the largest blocked activation.
 */
final class DnnlPlan implements NetworkPlan {

    private final DnnlKernels kernels;
    private final NetworkLayout layout;
    private final Resources resources = new Resources();
    private final TensorScope published;
    private final memory input;
    private final List<DnnlStage> stages = new ArrayList<>();
    private final Map<VggLayer, Tensor> outputs = new EnumMap<>(VggLayer.class);
    private final List<Publication> publications = new ArrayList<>();
    private final Map<Integer, Injection> injections = new java.util.HashMap<>();
    private memory imageGradient;
    private memory imageGradientBlocked;
    private reorder toImageGradient;

    /** @param scope where the published outputs are allocated (they are freed with the plan) */
    DnnlPlan(DnnlKernels kernels, DnnlWeights weights, Pooling pooling, NetworkLayout layout, TensorScope scope) {
        this.kernels = kernels;
        this.layout = layout;
        this.published = scope.openScope();
        try {
            input = resources.own(new memory(plain(layout.input()), kernels.engine(), new Pointer()));
            memory src = input;
            for (StageSpec spec : layout.stages()) {
                DnnlStage stage = switch (spec.kind()) {
                    case CONV -> new DnnlConvStage(spec, src, weights, kernels, resources);
                    case RELU -> new DnnlReluStage(spec, src, kernels, resources);
                    case POOL -> new DnnlPoolStage(spec, pooling, src, kernels, resources);
                };
                stages.add(stage);
                src = stage.dst;
            }
            for (VggLayer layer : layout.outputs()) {
                DnnlStage stage = stages.get(layout.producerOf(layer));
                Tensor tensor = published.zeros(stage.spec.output());
                memory target = resources.own(new memory(plain(tensor.shape()), kernels.engine(), pointer(tensor)));
                outputs.put(layer, tensor);
                publications.add(new Publication(stage, target, resources.own(new reorder(stage.dst, target))));
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** A requested activation's reorder into its plain tensor. */
    private record Publication(DnnlStage stage, memory target, reorder copy) {
    }

    @Override
    public void bindInput(Tensor image) {
        input.set_data_handle(pointer(image));
    }

    @Override
    public void forward(int i) {
        stages.get(i).forward();
    }

    @Override
    public Map<VggLayer, Tensor> outputs() {
        publications.forEach(p -> p.copy().execute(kernels.stream(), p.stage().dst, p.target()));
        kernels.stream()._wait();
        return Collections.unmodifiableMap(outputs);
    }

    @Override
    public void prepareBackward() {
        long largest = stages.stream().mapToLong(s -> s.dstDesc().get_size()).max().orElseThrow();
        memory.desc arenaDesc = new memory.desc(new long[] {(largest + Float.BYTES - 1) / Float.BYTES},
                memory.data_type.f32, memory.format_tag.a);
        Pointer[] arenas = {
            resources.own(new memory(arenaDesc, kernels.engine())).get_data_handle(),
            resources.own(new memory(arenaDesc, kernels.engine())).get_data_handle()
        };
        imageGradient = resources.own(new memory(plain(layout.input()), kernels.engine(), new Pointer()));
        memory diffSrc = null;
        for (int i = 0; i < stages.size(); i++) {
            DnnlStage stage = stages.get(i);
            memory diffDst = resources.own(new memory(stage.dstDesc(), kernels.engine(),
                    arenas[NetworkLayout.outputGradientArena(i)]));
            if (i == 0) {
                // The kernels' own layout for the image gradient; a plain one can force a slow reference kernel.
                diffSrc = resources.own(new memory(stage.preferredDiffSrcDesc(diffDst.get_desc()), kernels.engine()));
                imageGradientBlocked = diffSrc;
                toImageGradient = resources.own(new reorder(imageGradientBlocked, imageGradient));
            }
            stage.prepareBackward(diffSrc, diffDst);
            if (outputs.containsKey(stage.spec.layer())) {
                injections.put(i, new Injection(diffDst));
            }
            diffSrc = diffDst;
        }
    }

    @Override
    public void beginBackward(Tensor imageGradientOut) {
        imageGradient.set_data_handle(pointer(imageGradientOut));
    }

    @Override
    public void inject(int i, Tensor gradient, boolean add) {
        injections.get(i).put(gradient, add);
    }

    @Override
    public void backward(int i) {
        stages.get(i).backward();
    }

    @Override
    public void endBackward(Tensor imageGradientOut, boolean flowed) {
        if (flowed) {
            toImageGradient.execute(kernels.stream(), imageGradientBlocked, imageGradient);
        }
        kernels.stream()._wait();
        if (!flowed) {
            Pointer.memset(pointer(imageGradientOut), 0, imageGradientOut.shape().size() * Float.BYTES);
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

        void put(Tensor gradient, boolean add) {
            source.set_data_handle(pointer(gradient));
            (add ? accumulate : replace).execute(kernels.stream(), source, target);
        }
    }

    private static memory.desc plain(Shape shape) {
        return new memory.desc(new long[] {1, shape.channels(), shape.height(), shape.width()}, memory.data_type.f32,
                memory.format_tag.nchw);
    }

    private static memory.desc plain(memory.desc blocked) {
        return new memory.desc(DnnlStage.dims(blocked), memory.data_type.f32, memory.format_tag.nchw);
    }

    private static Pointer pointer(Tensor tensor) {
        return new FloatPointer(CpuTensor.of(tensor).data());
    }

    @Override
    public void close() {
        try {
            resources.close();
        } finally {
            published.close();
        }
    }
}
