package dev.nst.cpu;

import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DIFF_DST;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DIFF_SRC;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DST;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_SRC;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_WORKSPACE;

import dev.nst.core.backend.Resources;
import dev.nst.core.backend.StageSpec;
import dev.nst.core.domain.Pooling;
import org.bytedeco.dnnl.IntMemoryMap;
import org.bytedeco.dnnl.global.dnnl;
import org.bytedeco.dnnl.memory;
import org.bytedeco.dnnl.pooling_backward;
import org.bytedeco.dnnl.pooling_forward;

/** 2x2 stride-2 pooling without padding (odd trailing rows and columns are dropped, as in VGG). */
final class DnnlPoolStage extends DnnlStage {

    private static final long[] TWOS = {2, 2};
    private static final long[] ZEROS = {0, 0};

    private final dnnl.algorithm algorithm;
    private final pooling_forward.primitive_desc forwardDesc;
    private final pooling_forward forward;
    private final memory workspace;
    private final IntMemoryMap forwardArgs;
    private pooling_backward backward;
    private IntMemoryMap backwardArgs;

    DnnlPoolStage(StageSpec spec, Pooling pooling, memory src, DnnlKernels kernels, Resources resources) {
        super(spec, src, kernels, resources);
        algorithm = pooling == Pooling.MAX ? dnnl.algorithm.pooling_max : dnnl.algorithm.pooling_avg_exclude_padding;
        long[] in = dims(src.get_desc());
        memory.desc anyDst = new memory.desc(new long[] {1, in[1], in[2] / 2, in[3] / 2}, memory.data_type.f32,
                memory.format_tag.any);
        forwardDesc = resources.own(new pooling_forward.primitive_desc(engine(), dnnl.prop_kind.forward_training,
                algorithm, src.get_desc(), anyDst, TWOS, TWOS, ZEROS, ZEROS, ZEROS));
        dst = resources.own(new memory(forwardDesc.dst_desc(), engine()));
        memory.desc workspaceDesc = forwardDesc.workspace_desc();
        workspace = workspaceDesc.is_zero() ? null : resources.own(new memory(workspaceDesc, engine()));
        forward = resources.own(new pooling_forward(forwardDesc));
        forwardArgs = workspace == null
                ? args(DNNL_ARG_SRC, src, DNNL_ARG_DST, dst)
                : args(DNNL_ARG_SRC, src, DNNL_ARG_DST, dst, DNNL_ARG_WORKSPACE, workspace);
    }

    @Override
    void forward() {
        forward.execute(stream(), forwardArgs);
    }

    @Override
    void prepareBackward(memory diffSrc, memory diffDst) {
        pooling_backward.primitive_desc backwardDesc = resources.own(new pooling_backward.primitive_desc(engine(),
                algorithm, diffSrc.get_desc(), diffDst.get_desc(), TWOS, TWOS, ZEROS, ZEROS, ZEROS, forwardDesc));
        backward = resources.own(new pooling_backward(backwardDesc));
        backwardArgs = workspace == null
                ? args(DNNL_ARG_DIFF_DST, diffDst, DNNL_ARG_DIFF_SRC, diffSrc)
                : args(DNNL_ARG_DIFF_DST, diffDst, DNNL_ARG_DIFF_SRC, diffSrc, DNNL_ARG_WORKSPACE, workspace);
    }

    @Override
    void backward() {
        backward.execute(stream(), backwardArgs);
    }
}
