package dev.nst.cuda;

/** How many thread blocks a grid-stride kernel over {@code n} elements is launched with. */
public final class KernelGeometry {

    /** Threads per block of every nst kernel (the reduction kernels' shared memory is sized for it). */
    public static final int THREADS = 256;
    /** Blocks of a reduction: each writes one partial sum, added up on the host. */
    public static final int REDUCTION_BLOCKS = 256;
    /** Blocks of an element-wise kernel at most; more elements are covered by the grid-stride loop. */
    public static final int ELEMENTWISE_BLOCKS = 4096;

    private KernelGeometry() {
    }

    /** Enough blocks to give every thread at least one element, at most {@code maxBlocks}, at least one. */
    public static int blocks(int n, int maxBlocks) {
        long needed = ((long) n + THREADS - 1) / THREADS;
        return (int) Math.max(1, Math.min(needed, maxBlocks));
    }
}
