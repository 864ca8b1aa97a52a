package dev.nst.cpu;

import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DIFF_DST;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DIFF_SRC;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DST;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_SRC;

import dev.nst.core.backend.Resources;
import dev.nst.core.backend.StageSpec;
import org.bytedeco.dnnl.IntMemoryMap;
import org.bytedeco.dnnl.eltwise_backward;
import org.bytedeco.dnnl.eltwise_forward;
import org.bytedeco.dnnl.global.dnnl;
import org.bytedeco.dnnl.memory;

/** A ReLU kept apart from its convolution because that convolution's output is itself requested. */
final class DnnlReluStage extends DnnlStage {

    private final eltwise_forward.primitive_desc forwardDesc;
    private final eltwise_forward forward;
    private final IntMemoryMap forwardArgs;
    private eltwise_backward backward;
    private IntMemoryMap backwardArgs;

    DnnlReluStage(StageSpec spec, memory src, DnnlKernels kernels, Resources resources) {
        super(spec, src, kernels, resources);
        forwardDesc = resources.own(new eltwise_forward.primitive_desc(engine(), dnnl.prop_kind.forward_training,
                dnnl.algorithm.eltwise_relu, src.get_desc(), src.get_desc()));
        dst = resources.own(new memory(forwardDesc.dst_desc(), engine()));
        forward = resources.own(new eltwise_forward(forwardDesc));
        forwardArgs = args(DNNL_ARG_SRC, src, DNNL_ARG_DST, dst);
    }

    @Override
    void forward() {
        forward.execute(stream(), forwardArgs);
    }

    @Override
    void prepareBackward(memory diffSrc, memory diffDst) {
        eltwise_backward.primitive_desc backwardDesc = resources.own(new eltwise_backward.primitive_desc(engine(),
                dnnl.algorithm.eltwise_relu, diffSrc.get_desc(), diffDst.get_desc(), src.get_desc(), forwardDesc));
        backward = resources.own(new eltwise_backward(backwardDesc));
        backwardArgs = args(DNNL_ARG_SRC, src, DNNL_ARG_DIFF_DST, diffDst, DNNL_ARG_DIFF_SRC, diffSrc);
    }

    @Override
    void backward() {
        backward.execute(stream(), backwardArgs);
    }
}
