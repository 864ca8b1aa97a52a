package dev.nst.cpu;

import dev.nst.core.backend.Resources;
import dev.nst.core.backend.StageSpec;
import org.bytedeco.dnnl.IntMemoryMap;
import org.bytedeco.dnnl.engine;
import org.bytedeco.dnnl.memory;
import org.bytedeco.dnnl.stream;

/**
 * One step of the oneDNN network: it reads {@link #src}, writes {@link #dst}, and backwards maps the gradient at its
 * output ({@code diffDst}) to the gradient at its input ({@code diffSrc}). Backward primitives are only built when a
 * backward pass is first asked for.
 */
abstract class DnnlStage {

    final StageSpec spec;
    final memory src;
    memory dst;
    protected final DnnlKernels kernels;
    protected final Resources resources;

    DnnlStage(StageSpec spec, memory src, DnnlKernels kernels, Resources resources) {
        this.spec = spec;
        this.src = src;
        this.kernels = kernels;
        this.resources = resources;
    }

    abstract void forward();

    abstract void prepareBackward(memory diffSrc, memory diffDst);

    /**
     * The layout this stage's kernels prefer for the gradient at its input, given the one at its output. Used for
     * the first stage, whose input gradient is then reordered into the plain image gradient.
     */
    memory.desc preferredDiffSrcDesc(memory.desc diffDst) {
        return src.get_desc();
    }

    abstract void backward();

    memory.desc dstDesc() {
        return dst.get_desc();
    }

    protected engine engine() {
        return kernels.engine();
    }

    protected stream stream() {
        return kernels.stream();
    }

    /** An argument map owned by this stage's resources. */
    protected IntMemoryMap args(Object... pairs) {
        IntMemoryMap map = resources.own(new IntMemoryMap());
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((Integer) pairs[i], (memory) pairs[i + 1]);
        }
        return map;
    }

    /** The dimensions of a memory descriptor, e.g. {@code {1, C, H, W}}. */
    static long[] dims(memory.desc desc) {
        org.bytedeco.javacpp.LongPointer dims = desc.get_dims();
        long[] values = new long[desc.get_ndims()];
        for (int i = 0; i < values.length; i++) {
            values[i] = dims.get(i);
        }
        return values;
    }
}
