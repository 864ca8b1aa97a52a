package dev.nst.cuda;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nst.core.domain.Hint;
import dev.nst.core.domain.TransferFailedException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The small texts and numbers users see: out-of-memory messages, versions, the device summary, launch sizes. */
class MessagesAndVersionsTest {

    @Test
    void outOfMemorySaysWhatWasNeededAndWhatIsFreeWithTheHintToReduceTheSize() {
        TransferFailedException failure = GpuMemoryMessages.notEnough(1500L << 20, 512L << 20, 81_559L << 20,
                "NVIDIA H100 80GB HBM3");

        assertThat(failure).hasMessage("not enough GPU memory: needed 1500 MiB more, 512 MiB free of 81559 MiB on"
                + " NVIDIA H100 80GB HBM3");
        assertThat(failure.hints()).containsExactly(Hint.reduceSize());
        assertThat(GpuMemoryMessages.notEnough(1, 0, 0, "GPU")).hasMessageStartingWith("not enough GPU memory: needed 1"
                + " MiB more");
    }

    @Test
    void outOfMemoryKnownInAdvanceSaysWhatTheMemoryWasFor() {
        TransferFailedException failure = GpuMemoryMessages.notEnough(100L << 20, 900L << 20, 24_000L << 20,
                "NVIDIA RTX A5000", "the activations of a 4000x3000 image need 1000 MiB");

        assertThat(failure).hasMessage("not enough GPU memory: needed 100 MiB more, 900 MiB free of 24000 MiB on NVIDIA"
                + " RTX A5000 (the activations of a 4000x3000 image need 1000 MiB)");
        assertThat(failure.hints()).containsExactly(Hint.reduceSize());
    }

    @Test
    void outOfMemoryInALibraryCallNamesTheCall() {
        TransferFailedException failure = GpuMemoryMessages.notEnoughFor(
                "cudnnConvolutionForward(conv1_1 on 3x1024x1024)", 100L << 20, 24_000L << 20, "NVIDIA RTX A5000");

        assertThat(failure).hasMessage("not enough GPU memory for cudnnConvolutionForward(conv1_1 on 3x1024x1024): 100"
                + " MiB free of 24000 MiB on NVIDIA RTX A5000");
        assertThat(failure.hints()).containsExactly(Hint.reduceSize());
    }

    @ParameterizedTest
    @ValueSource(strings = {"cudaErrorMemoryAllocation", "CUDA_ERROR_OUT_OF_MEMORY", "CUBLAS_STATUS_ALLOC_FAILED",
        "CUDNN_STATUS_ALLOC_FAILED", "CUDNN_STATUS_INTERNAL_ERROR_DEVICE_ALLOCATION_FAILED"})
    void recognisesEveryLibrarysNameForRunningOutOfDeviceMemory(String error) {
        assertThat(GpuMemoryMessages.isOutOfMemory(error)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"cudaErrorIllegalAddress", "CUBLAS_STATUS_EXECUTION_FAILED", "CUDNN_STATUS_BAD_PARAM",
        "CUDNN_STATUS_INTERNAL_ERROR_HOST_ALLOCATION_FAILED"})
    void otherErrorsAreNotOutOfMemory(String error) {
        assertThat(GpuMemoryMessages.isOutOfMemory(error)).isFalse();
    }

    @ParameterizedTest
    @CsvSource({"13000, 13.0", "12040, 12.4", "12000, 12.0", "11080, 11.8", "0, none"})
    void cudaVersionsAreMajorDotMinor(int encoded, String expected) {
        assertThat(CudaVersions.cuda(encoded)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"90100, 9.1.0", "90501, 9.5.1", "91000, 9.10.0", "8902, 8.9.2"})
    void cudnnVersionsFollowTheEncodingOfTheirMajorVersion(long encoded, String expected) {
        assertThat(CudaVersions.cudnn(encoded)).isEqualTo(expected);
    }

    @Test
    void theDeviceSummaryNamesTheGpuItsMemoryAndEveryLibraryVersion() {
        DeviceDescription device = new DeviceDescription(0, new GpuProperties("NVIDIA GeForce RTX 4090", 8, 9,
                24L << 30, 23L << 30), 12080, 12000, "12.6.4", new CublasBinding.JCublas(), "9.5.1", List.of());

        assertThat(device.summary()).isEqualTo("NVIDIA GeForce RTX 4090 (compute capability 8.9, 24.0 GiB, 23.0 GiB"
                + " free), driver for CUDA 12.8, CUDA runtime 12.0, cuBLAS 12.6.4, cuDNN 9.5.1");
        assertThat(new DeviceDescription(0, device.gpu(), 12080, 12000, "12.6.4", new CublasBinding.JCublas(), "9.5.1",
                List.of(Path.of("/a"),
                Path.of("/b"))).summary()).endsWith(" (from /a, /b)");
    }

    @ParameterizedTest
    @CsvSource({"5, 2, true", "9, 0, true", "5, 0, false", "3, 7, false", "6, 1, true"})
    void computeCapability52AndNewerIsSupported(int major, int minor, boolean supported) {
        assertThat(new GpuProperties("gpu", major, minor, 1, 1).supported()).isEqualTo(supported);
    }

    @ParameterizedTest
    @CsvSource({"1, 256, 1", "256, 256, 1", "257, 256, 2", "1000000, 256, 256", "2147483647, 4096, 4096"})
    void aGridHasEnoughBlocksForItsElementsWithinTheCap(int n, int max, int blocks) {
        assertThat(KernelGeometry.blocks(n, max)).isEqualTo(blocks);
    }
}
