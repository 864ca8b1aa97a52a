package dev.nst.cuda.internal;

import dev.nst.core.domain.TransferFailedException;
import dev.nst.cuda.AlgorithmChoice;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import jcuda.Pointer;
import jcuda.jcudnn.JCudnn;
import jcuda.jcudnn.cudnnConvolutionBwdDataAlgo;
import jcuda.jcudnn.cudnnConvolutionBwdDataAlgoPerf;
import jcuda.jcudnn.cudnnConvolutionDescriptor;
import jcuda.jcudnn.cudnnConvolutionFwdAlgoPerf;
import jcuda.jcudnn.cudnnFilterDescriptor;
import jcuda.jcudnn.cudnnTensorDescriptor;

/**
 * Measures cuDNN's convolution algorithms on the real buffers ({@code cudnnFind...AlgorithmEx}) with a temporary
 * workspace of {@link AlgorithmChoice#workspaceLimit}, and picks one with {@link AlgorithmChoice}. The measured
 * workspace and math type are not read from the results (JCudnn's bindings do not fill them reliably); the workspace
 * is asked of cuDNN for the chosen algorithm, and the math type stays the precision's.
 */
final class AlgorithmSearch {

    private final CudaDevice device;

    AlgorithmSearch(CudaDevice device) {
        this.device = device;
    }

    /** The convolution {@code y = conv(x, w)}; its {@code y} is overwritten while measuring. */
    record Forward(cudnnTensorDescriptor x, Pointer xData, cudnnFilterDescriptor w, Pointer wData,
                   cudnnConvolutionDescriptor convolution, cudnnTensorDescriptor y, Pointer yData) {
    }

    /** The data gradient {@code dx} of a convolution from {@code dy}; {@code dx} is overwritten while measuring. */
    record BackwardData(cudnnFilterDescriptor w, Pointer wData, cudnnTensorDescriptor dy, Pointer dyData,
                        cudnnConvolutionDescriptor convolution, cudnnTensorDescriptor dx, Pointer dxData) {
    }

    AlgorithmChoice.Choice forward(Forward c, String what) {
        int[] count = {0};
        device.status.cudnn(JCudnn.cudnnGetConvolutionForwardAlgorithmMaxCount(device.cudnn, count),
                "cudnnGetConvolutionForwardAlgorithmMaxCount");
        cudnnConvolutionFwdAlgoPerf[] results = new cudnnConvolutionFwdAlgoPerf[count[0]];
        int[] returned = {0};
        long limit = limit();
        try (DeviceBuffer workspace = device.allocate(limit)) {
            device.status.cudnn(JCudnn.cudnnFindConvolutionForwardAlgorithmEx(device.cudnn, c.x(), c.xData(), c.w(),
                    c.wData(), c.convolution(), c.y(), c.yData(), count[0], returned, results, workspace.pointer(),
                    limit), "cudnnFindConvolutionForwardAlgorithmEx(" + what + ")");
        }
        List<AlgorithmChoice.Timing> timings = new ArrayList<>();
        for (int i = 0; i < returned[0]; i++) {
            // Every forward algorithm is deterministic.
            timings.add(new AlgorithmChoice.Timing(results[i].algo, results[i].status == 0, results[i].time, true));
        }
        return AlgorithmChoice.fastest(timings, algorithm -> {
            long[] bytes = {0};
            return JCudnn.cudnnGetConvolutionForwardWorkspaceSize(device.cudnn, c.x(), c.w(), c.convolution(), c.y(),
                    algorithm, bytes) == 0 ? OptionalLong.of(bytes[0]) : OptionalLong.empty();
        }, limit).orElseThrow(() -> noAlgorithm("forward", what));
    }

    AlgorithmChoice.Choice backwardData(BackwardData c, String what) {
        int[] count = {0};
        device.status.cudnn(JCudnn.cudnnGetConvolutionBackwardDataAlgorithmMaxCount(device.cudnn, count),
                "cudnnGetConvolutionBackwardDataAlgorithmMaxCount");
        cudnnConvolutionBwdDataAlgoPerf[] results = new cudnnConvolutionBwdDataAlgoPerf[count[0]];
        int[] returned = {0};
        long limit = limit();
        try (DeviceBuffer workspace = device.allocate(limit)) {
            device.status.cudnn(JCudnn.cudnnFindConvolutionBackwardDataAlgorithmEx(device.cudnn, c.w(), c.wData(),
                    c.dy(), c.dyData(), c.convolution(), c.dx(), c.dxData(), count[0], returned, results,
                    workspace.pointer(), limit), "cudnnFindConvolutionBackwardDataAlgorithmEx(" + what + ")");
        }
        List<AlgorithmChoice.Timing> timings = new ArrayList<>();
        for (int i = 0; i < returned[0]; i++) {
            // ALGO_0 sums with atomic adds: its results vary from run to run.
            boolean deterministic = results[i].algo != cudnnConvolutionBwdDataAlgo.CUDNN_CONVOLUTION_BWD_DATA_ALGO_0;
            timings.add(new AlgorithmChoice.Timing(results[i].algo, results[i].status == 0, results[i].time,
                    deterministic));
        }
        return AlgorithmChoice.fastest(timings, algorithm -> {
            long[] bytes = {0};
            return JCudnn.cudnnGetConvolutionBackwardDataWorkspaceSize(device.cudnn, c.w(), c.dy(), c.convolution(),
                    c.dx(), algorithm, bytes) == 0 ? OptionalLong.of(bytes[0]) : OptionalLong.empty();
        }, limit).orElseThrow(() -> noAlgorithm("backward", what));
    }

    private static long limit() {
        return AlgorithmChoice.workspaceLimit(Status.freeAndTotal()[0]);
    }

    private static TransferFailedException noAlgorithm(String direction, String what) {
        return new TransferFailedException("cuDNN has no usable " + direction + " algorithm for " + what);
    }
}
