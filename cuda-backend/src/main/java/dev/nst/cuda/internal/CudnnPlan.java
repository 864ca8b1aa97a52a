package dev.nst.cuda.internal;

import dev.nst.core.backend.NetworkLayout;
import dev.nst.core.backend.NetworkPlan;
import dev.nst.core.backend.Resources;
import dev.nst.core.backend.StageSpec;
import dev.nst.core.domain.Pooling;
import dev.nst.core.domain.VggLayer;
import dev.nst.core.port.out.Tensor;
import dev.nst.cuda.GpuMemoryMessages;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import jcuda.Pointer;
import jcuda.jcudnn.cudnnActivationDescriptor;
import jcuda.jcudnn.cudnnPoolingDescriptor;
import jcuda.jcudnn.cudnnTensorDescriptor;
import jcuda.runtime.JCuda;
import jcuda.runtime.cudaMemcpyKind;

/**
 * The cuDNN kernels of a {@link NetworkLayout}: an activation buffer and descriptors per step, each convolution's
 * forward algorithm chosen on its first input, backward algorithms and the layout's two gradient arenas on the first
 * backward pass. The requested outputs are views of the activations, valid until the plan is closed.
 */
final class CudnnPlan implements NetworkPlan {

    private final CudaDevice device;
    private final NetworkLayout layout;
    private final Resources resources = new Resources();
    private final List<Stage> stages = new ArrayList<>();
    private final Map<VggLayer, CudaTensor> outputs = new EnumMap<>(VggLayer.class);
    private final AlgorithmSearch search;
    private final Blas blas;
    private DeviceBuffer[] arenas;
    private Pointer imageGradient;

    CudnnPlan(CudaDevice device, GrowingBuffer workspace, DeviceWeights weights, NetworkLayout layout,
              Pooling pooling) {
        this.device = device;
        this.layout = layout;
        this.search = new AlgorithmSearch(device);
        this.blas = new Blas(device);
        requireFree(layout.activationBytes(), "the activations");
        try {
            Descriptors descriptors = new Descriptors(device.status, resources);
            cudnnActivationDescriptor relu = descriptors.relu();
            cudnnPoolingDescriptor pool = descriptors.pooling(pooling);
            Pointer input = null; // the first step's is bound before each forward pass
            for (StageSpec spec : layout.stages()) {
                Stage stage = stage(spec, descriptors, weights, relu, pool, workspace);
                stage.input = input;
                stages.add(stage);
                input = stage.output.pointer();
            }
            for (VggLayer layer : layout.outputs()) {
                Stage stage = stages.get(layout.producerOf(layer));
                outputs.put(layer, CudaTensor.view(stage.spec.output(), stage.output, device));
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    private Stage stage(StageSpec spec, Descriptors descriptors, DeviceWeights weights, cudnnActivationDescriptor relu,
                        cudnnPoolingDescriptor pool, GrowingBuffer workspace) {
        cudnnTensorDescriptor in = descriptors.tensor(spec.input());
        cudnnTensorDescriptor out = descriptors.tensor(spec.output());
        DeviceBuffer output = resources.own(device.allocate(spec.output().size() * Float.BYTES));
        // Zeros rather than leftovers, so that nothing ever reads uninitialised memory as NaN.
        device.status.runtime(JCuda.cudaMemsetAsync(output.pointer(), 0, output.bytes(), device.stream),
                "cudaMemsetAsync");
        return switch (spec.kind()) {
            case CONV -> new ConvStage(spec, device, in, out, output, weights.of(spec.convolution()),
                    descriptors.convolution(device.math.convolution()), spec.fusedRelu() ? relu : null, workspace);
            case RELU -> new ReluStage(spec, device, in, out, output, relu);
            case POOL -> new PoolStage(spec, device, in, out, output, pool);
        };
    }

    @Override
    public void bindInput(Tensor image) {
        stages.get(0).input = CudaTensor.of(image).pointer();
    }

    /** The first time, a convolution measures its algorithms on the input it is given (then cached per shape). */
    @Override
    public void forward(int i) {
        Stage stage = stages.get(i);
        stage.prepareForward(search);
        stage.forward();
    }

    @Override
    public Map<VggLayer, Tensor> outputs() {
        return Collections.unmodifiableMap(outputs);
    }

    @Override
    public void prepareBackward() {
        requireFree(layout.arenaBytes(), "the backward pass");
        long floats = layout.arenaFloats();
        DeviceBuffer[] made = new DeviceBuffer[2];
        try {
            for (int a = 0; a < made.length; a++) {
                made[a] = device.allocate(floats * Float.BYTES);
                // Zeros, as for the stage outputs: measuring the backward algorithms on them meets no NaN.
                device.status.runtime(JCuda.cudaMemsetAsync(made[a].pointer(), 0, made[a].bytes(), device.stream),
                        "cudaMemsetAsync(gradient arena)");
            }
            for (int i = 0; i < stages.size(); i++) {
                int out = NetworkLayout.outputGradientArena(i);
                // The other arena stands in for the image gradient of step 0 while measuring: it is large enough.
                stages.get(i).prepareBackward(search, made[out].pointer(), made[1 - out].pointer());
            }
        } catch (RuntimeException e) {
            for (DeviceBuffer buffer : made) {
                if (buffer != null) {
                    try {
                        buffer.close();
                    } catch (RuntimeException cleanup) {
                        e.addSuppressed(cleanup);
                    }
                }
            }
            throw e;
        }
        arenas = made;
        resources.own(made[0]);
        resources.own(made[1]);
    }

    @Override
    public void beginBackward(Tensor imageGradient) {
        this.imageGradient = CudaTensor.of(imageGradient).pointer();
    }

    /** A copy ({@code cudaMemcpyAsync}) replacing the arena's contents, or a {@code cublasSaxpy} adding to them. */
    @Override
    public void inject(int i, Tensor gradient, boolean add) {
        CudaTensor source = CudaTensor.of(gradient);
        Pointer target = arenas[NetworkLayout.outputGradientArena(i)].pointer();
        if (add) {
            blas.saxpy(source.size(), 1f, source.pointer(), target);
        } else {
            device.status.runtime(JCuda.cudaMemcpyAsync(target, source.pointer(), source.bytes(),
                    cudaMemcpyKind.cudaMemcpyDeviceToDevice, device.stream), "cudaMemcpyAsync("
                    + layout.stages().get(i).layer().id() + " gradient)");
        }
    }

    @Override
    public void backward(int i) {
        Pointer outputGradient = arenas[NetworkLayout.outputGradientArena(i)].pointer();
        Pointer inputGradient = NetworkLayout.inputGradientArena(i).map(a -> arenas[a].pointer())
                .orElse(imageGradient);
        stages.get(i).backward(outputGradient, inputGradient);
    }

    @Override
    public void endBackward(Tensor imageGradient, boolean flowed) {
        if (!flowed) {
            CudaTensor target = CudaTensor.of(imageGradient);
            device.status.runtime(JCuda.cudaMemsetAsync(target.pointer(), 0, target.bytes(), device.stream),
                    "cudaMemsetAsync(image gradient)");
        }
        this.imageGradient = null;
    }

    /** Fails early, with the amount missing, when the device obviously cannot hold what is about to be allocated. */
    private void requireFree(long bytes, String what) {
        long[] memory = Status.freeAndTotal();
        if (memory[1] > 0 && bytes > memory[0]) {
            throw GpuMemoryMessages.notEnough(bytes - memory[0], memory[0], memory[1], device.description.gpu().name(),
                    what + " of a " + layout.input().width() + "x" + layout.input().height() + " image need "
                            + (bytes >> 20) + " MiB");
        }
    }

    /** Frees the activations, arenas and descriptors (binding the device: the core calls this without entering). */
    @Override
    public void close() {
        outputs.values().forEach(CudaTensor::invalidate);
        device.bind();
        resources.close();
    }
}
