package dev.nst.cuda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nst.core.domain.BackendUnavailableException;
import dev.nst.core.port.out.BackendOptions;
import dev.nst.core.port.out.BackendProvider;
import dev.nst.core.service.BackendRegistry;
import org.junit.jupiter.api.Test;

/** The real probe on whatever machine runs the build: it answers, with a reason when it must, and never crashes. */
class CudaBackendProviderOnThisMachineTest {

    @Test
    void isDiscoveredAndAnswersWithAReasonOrADescription() {
        assertThat(BackendRegistry.discover().describe()).anySatisfy(status -> {
            assertThat(status.name()).isEqualTo("cuda");
            assertThat(status.detail()).isNotBlank().doesNotContain("Exception").doesNotContain("\n");
        });
        BackendProvider.Availability availability = Gpu.availability();
        if (availability.available()) {
            assertThat(availability.detail()).contains("compute capability", "cuBLAS", "cuDNN");
        } else {
            assertThatThrownBy(() -> Gpu.PROVIDER.create(BackendOptions.DEFAULT))
                    .isInstanceOf(BackendUnavailableException.class)
                    .hasMessage("cuda backend unavailable: " + availability.detail());
        }
    }

    @Test
    void onAMachineWithoutANvidiaDriverTheReasonSaysSo() {
        org.junit.jupiter.api.Assumptions.assumeFalse(driverInstalled(), "an NVIDIA driver is installed here");

        assertThat(Gpu.availability()).isEqualTo(BackendProvider.Availability.unavailable(
                "no NVIDIA driver (cudaGetDeviceCount: cudaErrorInsufficientDriver)"));
    }

    /** The driver's user-space library, where Linux distributions and NVIDIA's installer put it. */
    private static boolean driverInstalled() {
        return java.util.stream.Stream.of("/usr/lib/x86_64-linux-gnu", "/usr/lib64", "/usr/lib", "/usr/lib/wsl/lib",
                        "/usr/local/nvidia/lib64")
                .anyMatch(dir -> java.nio.file.Files.exists(java.nio.file.Path.of(dir, "libcuda.so.1")))
                || !System.getProperty("os.name").toLowerCase(java.util.Locale.ROOT).contains("linux");
    }
}
