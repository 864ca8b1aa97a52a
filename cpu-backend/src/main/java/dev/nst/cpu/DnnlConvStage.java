package dev.nst.cpu;

import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_BIAS;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DIFF_DST;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DIFF_SRC;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DST;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_SRC;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_WEIGHTS;

import dev.nst.core.backend.Resources;
import dev.nst.core.backend.StageSpec;
import dev.nst.core.domain.ConvWeights;
import dev.nst.core.domain.VggLayer;
import org.bytedeco.dnnl.IntMemoryMap;
import org.bytedeco.dnnl.convolution_backward_data;
import org.bytedeco.dnnl.convolution_forward;
import org.bytedeco.dnnl.eltwise_backward;
import org.bytedeco.dnnl.eltwise_forward;
import org.bytedeco.dnnl.global.dnnl;
import org.bytedeco.dnnl.memory;
import org.bytedeco.dnnl.post_ops;
import org.bytedeco.dnnl.primitive_attr;

/**
 * A 3x3 convolution, optionally with the ReLU after it fused in (the usual case: the convolution's own output is
 * not needed). Backward: the fused ReLU's gradient in place, then the convolution's data gradient.
 */
final class DnnlConvStage extends DnnlStage {

    private static final long[] ONES = {1, 1};

    private final VggLayer conv;
    private final boolean fusedRelu;
    private final DnnlWeights weights;
    private final memory.desc anyWeights;
    private final convolution_forward.primitive_desc forwardDesc;
    private final convolution_forward forward;
    private final IntMemoryMap forwardArgs;
    private eltwise_backward reluBackward;
    private IntMemoryMap reluBackwardArgs;
    private convolution_backward_data backward;
    private IntMemoryMap backwardArgs;

    DnnlConvStage(StageSpec spec, memory src, DnnlWeights weights, DnnlKernels kernels, Resources resources) {
        super(spec, src, kernels, resources);
        this.conv = spec.convolution();
        this.fusedRelu = spec.fusedRelu();
        this.weights = weights;
        ConvWeights w = weights.of(conv);
        long[] in = dims(src.get_desc());
        anyWeights = new memory.desc(new long[] {w.outChannels(), w.inChannels(), 3, 3}, memory.data_type.f32,
                memory.format_tag.any);
        memory.desc anyDst = new memory.desc(new long[] {1, w.outChannels(), in[2], in[3]}, memory.data_type.f32,
                memory.format_tag.any);
        primitive_attr attr = resources.own(new primitive_attr());
        if (fusedRelu) {
            post_ops relu = resources.own(new post_ops());
            relu.append_eltwise(dnnl.algorithm.eltwise_relu, 0f, 0f);
            attr.set_post_ops(relu);
        }
        forwardDesc = resources.own(new convolution_forward.primitive_desc(engine(), dnnl.prop_kind.forward_training,
                dnnl.algorithm.convolution_direct, src.get_desc(), anyWeights, weights.bias(conv).get_desc(), anyDst,
                ONES, ONES, ONES, attr, false));
        dst = resources.own(new memory(forwardDesc.dst_desc(), engine()));
        forward = resources.own(new convolution_forward(forwardDesc));
        forwardArgs = args(DNNL_ARG_SRC, src, DNNL_ARG_WEIGHTS, weights.forKernel(conv, forwardDesc.weights_desc()),
                DNNL_ARG_BIAS, weights.bias(conv), DNNL_ARG_DST, dst);
    }

    @Override
    void forward() {
        forward.execute(stream(), forwardArgs);
    }

    @Override
    void prepareBackward(memory diffSrc, memory diffDst) {
        if (fusedRelu) {
            eltwise_forward.primitive_desc hint = resources.own(new eltwise_forward.primitive_desc(engine(),
                    dnnl.prop_kind.forward_training, dnnl.algorithm.eltwise_relu_use_dst_for_bwd, dstDesc(), dstDesc()));
            eltwise_backward.primitive_desc reluDesc = resources.own(new eltwise_backward.primitive_desc(engine(),
                    dnnl.algorithm.eltwise_relu_use_dst_for_bwd, diffDst.get_desc(), diffDst.get_desc(), dstDesc(), hint));
            reluBackward = resources.own(new eltwise_backward(reluDesc));
            reluBackwardArgs = args(DNNL_ARG_DST, dst, DNNL_ARG_DIFF_DST, diffDst, DNNL_ARG_DIFF_SRC, diffDst);
        }
        convolution_backward_data.primitive_desc backwardDesc = resources.own(
                new convolution_backward_data.primitive_desc(engine(), dnnl.algorithm.convolution_direct,
                        diffSrc.get_desc(), anyWeights, diffDst.get_desc(), ONES, ONES, ONES, forwardDesc,
                        resources.own(new primitive_attr()), false));
        backward = resources.own(new convolution_backward_data(backwardDesc));
        backwardArgs = args(DNNL_ARG_DIFF_DST, diffDst, DNNL_ARG_WEIGHTS,
                weights.forGradientKernel(conv, backwardDesc.weights_desc()), DNNL_ARG_DIFF_SRC, diffSrc);
    }

    @Override
    memory.desc preferredDiffSrcDesc(memory.desc diffDst) {
        memory.desc anySrc = new memory.desc(dims(src.get_desc()), memory.data_type.f32, memory.format_tag.any);
        try (convolution_backward_data.primitive_desc probe = new convolution_backward_data.primitive_desc(engine(),
                dnnl.algorithm.convolution_direct, anySrc, anyWeights, diffDst, ONES, ONES, ONES, forwardDesc,
                new primitive_attr(), false)) {
            return probe.diff_src_desc();
        }
    }

    @Override
    void backward() {
        if (fusedRelu) {
            reluBackward.execute(stream(), reluBackwardArgs);
        }
        backward.execute(stream(), backwardArgs);
    }
}
