package dev.nst.cuda.internal;

import dev.nst.cuda.CudaCallException;
import dev.nst.cuda.KernelGeometry;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import jcuda.Pointer;
import jcuda.driver.CUfunction;
import jcuda.driver.CUmodule;
import jcuda.driver.CUresult;
import jcuda.driver.CUstream;
import jcuda.driver.JCudaDriver;

/**
 * nst's own kernels ({@code kernels.ptx}: Adam's update and double-precision dot products), compiled by the driver
 * for the GPU at hand when the backend starts. Launches go to the backend's stream, in order with cuBLAS and cuDNN.
 */
final class Kernels implements AutoCloseable {

    static final String RESOURCE = "kernels.ptx";

    private final CUmodule module;
    private final CUfunction adam = new CUfunction();
    private final CUfunction dot = new CUfunction();
    private final CUfunction asum = new CUfunction();
    private final CUstream stream;
    private final Status status;

    private Kernels(CUmodule module, CUstream stream, Status status) {
        this.module = module;
        this.stream = stream;
        this.status = status;
        function(module, adam, "nst_adam_step");
        function(module, dot, "nst_dot_partials");
        function(module, asum, "nst_asum_partials");
    }

    private void function(CUmodule module, CUfunction function, String name) {
        status.driver(JCudaDriver.cuModuleGetFunction(function, module, name), "cuModuleGetFunction(" + name + ")");
    }

    /**
     * JIT-compiles the PTX for the current context's GPU.
     *
     * @throws CudaCallException when the driver cannot compile or load it (then the backend cannot start)
     */
    static Kernels load(CUstream stream, Status status) {
        CUmodule module = new CUmodule();
        int code = JCudaDriver.cuModuleLoadData(module, ptx());
        if (code != CUresult.CUDA_SUCCESS) {
            throw new CudaCallException("cuModuleLoadData(" + RESOURCE + ")", CUresult.stringFor(code));
        }
        try {
            return new Kernels(module, stream, status);
        } catch (RuntimeException e) {
            JCudaDriver.cuModuleUnload(module);
            throw e;
        }
    }

    /** The PTX text, NUL-terminated as the driver expects. */
    static byte[] ptx() {
        try (InputStream in = Kernels.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the class path");
            }
            String text = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
            return (text + '\0').getBytes(StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + RESOURCE, e);
        }
    }

    /** Launches {@code nst_adam_step} over {@code n} elements. */
    void adam(Pointer x, Pointer g, Pointer m, Pointer v, int n, float beta1, float oneMinusBeta1, float beta2,
              float oneMinusBeta2, float stepSize, float rootC2, float epsilon) {
        Pointer parameters = Pointer.to(Pointer.to(x), Pointer.to(g), Pointer.to(m), Pointer.to(v),
                Pointer.to(new int[] {n}), Pointer.to(new float[] {beta1}), Pointer.to(new float[] {oneMinusBeta1}),
                Pointer.to(new float[] {beta2}), Pointer.to(new float[] {oneMinusBeta2}),
                Pointer.to(new float[] {stepSize}), Pointer.to(new float[] {rootC2}),
                Pointer.to(new float[] {epsilon}));
        launch(adam, "nst_adam_step", KernelGeometry.blocks(n, KernelGeometry.ELEMENTWISE_BLOCKS), parameters);
    }

    /**
     * Launches {@code nst_dot_partials}: one double per block into {@code partials}.
     *
     * @return the number of blocks, i.e. of partial sums written
     */
    int dotPartials(Pointer a, Pointer b, int n, Pointer partials) {
        int blocks = KernelGeometry.blocks(n, KernelGeometry.REDUCTION_BLOCKS);
        launch(dot, "nst_dot_partials", blocks, Pointer.to(Pointer.to(a), Pointer.to(b), Pointer.to(partials),
                Pointer.to(new int[] {n})));
        return blocks;
    }

    /** Launches {@code nst_asum_partials}, as {@link #dotPartials}. */
    int asumPartials(Pointer a, int n, Pointer partials) {
        int blocks = KernelGeometry.blocks(n, KernelGeometry.REDUCTION_BLOCKS);
        launch(asum, "nst_asum_partials", blocks, Pointer.to(Pointer.to(a), Pointer.to(partials),
                Pointer.to(new int[] {n})));
        return blocks;
    }

    private void launch(CUfunction function, String name, int blocks, Pointer parameters) {
        status.driver(JCudaDriver.cuLaunchKernel(function, blocks, 1, 1, KernelGeometry.THREADS, 1, 1, 0, stream,
                parameters, null), "cuLaunchKernel(" + name + ")");
    }

    @Override
    public void close() {
        status.driver(JCudaDriver.cuModuleUnload(module), "cuModuleUnload");
    }
}
