package dev.nst.cpu;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nst.core.port.out.BackendOptions;
import dev.nst.core.port.out.BackendProvider;
import dev.nst.core.port.out.ComputeBackend;
import dev.nst.core.service.BackendRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CpuBackendProviderTest {

    private final CpuBackendProvider provider = new CpuBackendProvider();

    @AfterEach
    void clearForcedKernels() {
        System.clearProperty(CpuBackendProvider.KERNELS_PROPERTY);
    }

    @Test
    void isDiscoveredByTheRegistryUnderItsName() {
        assertThat(BackendRegistry.discover().describe())
                .anySatisfy(status -> {
                    assertThat(status.name()).isEqualTo("cpu");
                    assertThat(status.available()).isTrue();
                });
    }

    @Test
    void reportsTheBundledOneDnnBuildWithoutLoadingIt() {
        BackendProvider.Availability availability = provider.availability();

        assertThat(availability.available()).isTrue();
        assertThat(availability.detail()).isEqualTo("oneDNN kernels (" + DnnlKernels.platform() + ")");
    }

    @Test
    void runsOnOneDnnWithTheRequestedThreads() {
        try (ComputeBackend backend = provider.create(new BackendOptions(1))) {
            assertThat(backend.name()).isEqualTo("cpu");
            assertThat(backend.description()).startsWith("cpu: oneDNN 3.").endsWith(", 1 thread");
        }
        try (ComputeBackend backend = provider.create(new BackendOptions(3))) {
            assertThat(backend.description()).endsWith(", 3 threads");
        }
    }

    @Test
    void canBeForcedOntoThePureJavaKernels() {
        System.setProperty(CpuBackendProvider.KERNELS_PROPERTY, "java");

        assertThat(provider.availability().detail()).isEqualTo("pure-Java kernels (NST_CPU_KERNELS=java)");
        try (ComputeBackend backend = provider.create(new BackendOptions(2))) {
            assertThat(backend.description()).isEqualTo("cpu: pure-Java kernels (NST_CPU_KERNELS=java), 2 threads");
        }
    }

    @Test
    void openMpThreadCountFollowsTheBackendOnTheCallingThread() {
        DnnlKernels kernels = DnnlKernels.load(1);
        try {
            kernels.useThreads();
            assertThat(OpenMp.find(org.bytedeco.javacpp.Loader.getLoadedLibraries()))
                    .hasValueSatisfying(omp -> assertThat(omp.maxThreads()).isEqualTo(1));
        } finally {
            kernels.close();
        }
    }
}
