package dev.nst.cuda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.nst.core.domain.BackendUnavailableException;
import dev.nst.core.port.out.BackendOptions;
import dev.nst.core.port.out.BackendProvider;
import dev.nst.core.service.BackendRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.stream.Stream;
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
        assumeFalse(driverInstalled(), "an NVIDIA driver is installed here");

        assertThat(Gpu.availability()).isEqualTo(BackendProvider.Availability.unavailable(
                "no NVIDIA driver (cudaGetDeviceCount: cudaErrorInsufficientDriver)"));
    }

    /**
     * The kernel driver, or its user-space library where Linux distributions, NVIDIA's installer and container
     * runtimes put it (other systems are assumed to have one).
     */
    private static boolean driverInstalled() {
        return Files.exists(Path.of("/proc/driver/nvidia/version"))
                || Stream.of("/usr/lib/x86_64-linux-gnu", "/usr/lib64", "/usr/lib", "/usr/lib/wsl/lib",
                        "/usr/local/nvidia/lib64").anyMatch(dir -> Files.exists(Path.of(dir, "libcuda.so.1")))
                || !System.getProperty("os.name").toLowerCase(Locale.ROOT).contains("linux");
    }
}
