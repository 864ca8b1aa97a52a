package dev.nst.cuda.internal;

import dev.nst.core.domain.Pooling;
import dev.nst.core.domain.Shape;
import dev.nst.core.domain.TransferFailedException;
import dev.nst.core.domain.VggLayer;
import dev.nst.core.port.out.Tensor;
import dev.nst.cuda.GpuMemoryMessages;
import dev.nst.cuda.NetworkLayout;
import dev.nst.cuda.StageSpec;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jcuda.Pointer;
import jcuda.jcudnn.cudnnActivationDescriptor;
import jcuda.jcudnn.cudnnPoolingDescriptor;
import jcuda.jcudnn.cudnnTensorDescriptor;
import jcuda.runtime.JCuda;
import jcuda.runtime.cudaMemcpyKind;

/**
 * The network set up for one input size ({@link NetworkLayout}): an activation buffer and descriptors per step,
 * forward algorithms chosen on the first image, backward algorithms and the two gradient arenas on the first
 * backward pass. The requested outputs are views of the activations, valid until the plan is rebuilt or closed.
 */
final class CudnnPlan implements AutoCloseable {

    private final CudaDevice device;
    private final NetworkLayout layout;
    private final NativeResources resources = new NativeResources();
    private final List<Stage> stages = new ArrayList<>();
    private final Map<VggLayer, CudaTensor> outputs = new EnumMap<>(VggLayer.class);
    private final AlgorithmSearch search;
    private final Blas blas;
    private DeviceBuffer[] arenas;

    CudnnPlan(CudaDevice device, GrowingBuffer workspace, DeviceWeights weights, NetworkLayout layout, Pooling pooling,
              Set<VggLayer> requested, CudaTensor image) {
        this.device = device;
        this.layout = layout;
        this.search = new AlgorithmSearch(device);
        this.blas = new Blas(device);
        requireFree(layout.activationBytes(), "the activations");
        try {
            Descriptors descriptors = new Descriptors(device.status, resources);
            cudnnActivationDescriptor relu = descriptors.relu();
            cudnnPoolingDescriptor pool = descriptors.pooling(pooling);
            Pointer input = image.pointer();
            for (StageSpec spec : layout.stages()) {
                Stage stage = stage(spec, descriptors, weights, relu, pool, workspace);
                stage.input = input;
                if (stage instanceof ConvStage conv) {
                    conv.prepareForward(search);
                }
                stages.add(stage);
                input = stage.output.pointer();
            }
            for (VggLayer layer : requested) {
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
        DeviceBuffer output = resources.own(device.allocate((long) spec.output().size() * Float.BYTES));
        // Zeros rather than leftovers, so that measuring algorithms on not yet computed inputs meets no NaN.
        device.status.runtime(JCuda.cudaMemsetAsync(output.pointer(), 0, output.bytes(), device.stream),
                "cudaMemsetAsync");
        return switch (spec.kind()) {
            case CONV -> new ConvStage(spec, device, in, out, output, weights.of(spec.convolution()),
                    descriptors.convolution(device.math.convolution()), spec.reluInPlace() ? relu : null, workspace);
            case RELU -> new ReluStage(spec, device, in, out, output, relu);
            case POOL -> new PoolStage(spec, device, in, out, output, pool);
        };
    }

    Shape inputShape() {
        return layout.input();
    }

    Map<VggLayer, Tensor> forward(CudaTensor image) {
        stages.get(0).input = image.pointer();
        for (Stage stage : stages) {
            stage.forward();
        }
        return Collections.unmodifiableMap(outputs);
    }

    /**
     * Runs the steps backwards from the deepest one that receives a gradient; a gradient given for a layer replaces
     * (if nothing flows there yet) or is added to what flows through it.
     */
    void backward(Map<VggLayer, Tensor> gradients, CudaTensor imageGradient) {
        if (arenas == null) {
            prepareBackward();
        }
        boolean flowing = false;
        for (int i = stages.size() - 1; i >= 0; i--) {
            Stage stage = stages.get(i);
            Pointer outputGradient = arenas[NetworkLayout.outputGradientArena(i)].pointer();
            Tensor injected = gradients.get(stage.spec.layer());
            if (injected != null) {
                inject(CudaTensor.of(injected), stage.spec, outputGradient, flowing);
                flowing = true;
            }
            if (flowing) {
                Pointer inputGradient = NetworkLayout.inputGradientArena(i).map(a -> arenas[a].pointer())
                        .orElseGet(imageGradient::pointer);
                stage.backward(outputGradient, inputGradient);
            }
        }
        if (!flowing) {
            device.status.runtime(JCuda.cudaMemsetAsync(imageGradient.pointer(), 0, imageGradient.bytes(),
                    device.stream), "cudaMemsetAsync(image gradient)");
        }
    }

    private void inject(CudaTensor gradient, StageSpec stage, Pointer target, boolean onTopOfExisting) {
        if (!gradient.shape().equals(stage.output())) {
            throw new IllegalArgumentException("gradient for " + stage.layer().id() + " has shape " + gradient.shape()
                    + ", expected " + stage.output());
        }
        if (onTopOfExisting) {
            blas.saxpy(gradient.size(), 1f, gradient.pointer(), target);
        } else {
            device.status.runtime(JCuda.cudaMemcpyAsync(target, gradient.pointer(), gradient.bytes(),
                    cudaMemcpyKind.cudaMemcpyDeviceToDevice, device.stream), "cudaMemcpyAsync(" + stage.layer().id()
                    + " gradient)");
        }
    }

    private void prepareBackward() {
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

    /** Fails early, with the amount missing, when the device obviously cannot hold what is about to be allocated. */
    private void requireFree(long bytes, String what) {
        long[] memory = Status.freeAndTotal();
        if (memory[1] > 0 && bytes > memory[0]) {
            throw new TransferFailedException(GpuMemoryMessages.notEnough(bytes - memory[0], memory[0], memory[1],
                    device.description.gpu().name()) + " (" + what + " of a " + layout.input().width() + "x"
                    + layout.input().height() + " image need " + (bytes >> 20) + " MiB)");
        }
    }

    @Override
    public void close() {
        outputs.values().forEach(CudaTensor::invalidate);
        resources.close();
    }
}
