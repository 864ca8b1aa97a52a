package dev.nst.core.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.nst.core.domain.BackendUnavailableException;
import dev.nst.core.domain.InvalidInputException;
import dev.nst.core.domain.Setting;
import dev.nst.core.port.out.BackendOptions;
import dev.nst.core.port.out.BackendProvider;
import dev.nst.core.port.out.BackendProvider.Availability;
import dev.nst.core.port.out.ComputeBackend;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class BackendRegistryTest {

    private static final BackendOptions OPTIONS = new BackendOptions(2);

    private final ComputeBackend cpuBackend = mock(ComputeBackend.class);
    private final ComputeBackend cudaBackend = mock(ComputeBackend.class);

    // ---------------------------------------------------------------- auto

    @Test
    void autoPicksTheHighestPriorityBackendThatIsAvailable() {
        BackendProvider cpu = provider("cpu", 10, Availability.available("AVX2, 2 threads"), cpuBackend);
        BackendProvider cuda = provider("cuda", 100, Availability.available("NVIDIA H100"), cudaBackend);
        BackendRegistry registry = new BackendRegistry(List.of(cpu, cuda));

        BackendRegistry.Selection selection = registry.select("auto", OPTIONS);

        assertThat(selection.backend()).isSameAs(cudaBackend);
        assertThat(selection.notice()).isEmpty();
        verify(cuda).create(OPTIONS);
        verify(cpu, never()).create(any());
    }

    @Test
    void autoFallsBackWithANoticeNamingTheUnavailableBackendAndWhy() {
        BackendProvider cpu = provider("cpu", 10, Availability.available("AVX2"), cpuBackend);
        BackendProvider cuda = provider("cuda", 100, Availability.unavailable("libcudnn.so.9 not found"), cudaBackend);
        BackendRegistry registry = new BackendRegistry(List.of(cuda, cpu));

        BackendRegistry.Selection selection = registry.select("auto", OPTIONS);

        assertThat(selection.backend()).isSameAs(cpuBackend);
        assertThat(selection.notice()).hasValue("cuda unavailable (libcudnn.so.9 not found); running on cpu");
        verify(cuda, never()).create(any());
    }

    @Test
    void autoFallsBackWhenCreatingTheBetterBackendFails() {
        BackendProvider cpu = provider("cpu", 10, Availability.available("AVX2"), cpuBackend);
        BackendProvider cuda = provider("cuda", 100, Availability.available("driver 550"), null);
        when(cuda.create(OPTIONS)).thenThrow(new BackendUnavailableException("out of device memory"));
        BackendRegistry registry = new BackendRegistry(List.of(cpu, cuda));

        BackendRegistry.Selection selection = registry.select("AUTO", OPTIONS);

        assertThat(selection.backend()).isSameAs(cpuBackend);
        assertThat(selection.notice()).hasValueSatisfying(notice -> assertThat(notice)
                .contains("cuda unavailable (out of device memory)").endsWith("running on cpu"));
    }

    @Test
    void autoWithNothingThatRunsSaysWhyForEachBackend() {
        BackendProvider cpu = provider("cpu", 10, Availability.unavailable("needs AVX2"), cpuBackend);
        BackendProvider cuda = provider("cuda", 100, Availability.unavailable("no GPU"), cudaBackend);
        BackendRegistry registry = new BackendRegistry(List.of(cpu, cuda));

        assertThatThrownBy(() -> registry.select("auto", OPTIONS))
                .isInstanceOf(BackendUnavailableException.class)
                .hasMessage("no compute backend can run here: cuda unavailable (no GPU); cpu unavailable (needs AVX2)");
    }

    @Test
    void autoWithNoBackendInTheBuildSaysSo() {
        assertThatThrownBy(() -> new BackendRegistry(List.of()).select("auto", OPTIONS))
                .isInstanceOf(BackendUnavailableException.class)
                .hasMessage("no compute backend is included in this build");
    }

    // ---------------------------------------------------------------- by name

    @Test
    void aNamedBackendIsUsedEvenIfABetterOneIsAvailable() {
        BackendProvider cpu = provider("cpu", 10, Availability.available("AVX2"), cpuBackend);
        BackendProvider cuda = provider("cuda", 100, Availability.available("H100"), cudaBackend);
        BackendRegistry registry = new BackendRegistry(List.of(cpu, cuda));

        BackendRegistry.Selection selection = registry.select(" CPU ", OPTIONS);

        assertThat(selection.backend()).isSameAs(cpuBackend);
        assertThat(selection.notice()).isEmpty();
        verify(cuda, never()).create(any());
    }

    @Test
    void aNamedBackendThatCannotRunIsReportedWithTheReason() {
        BackendProvider cpu = provider("cpu", 10, Availability.available("AVX2"), cpuBackend);
        BackendProvider cuda = provider("cuda", 100, Availability.unavailable("libcudnn.so.9 not found"), cudaBackend);
        BackendRegistry registry = new BackendRegistry(List.of(cpu, cuda));

        assertThatThrownBy(() -> registry.select("cuda", OPTIONS))
                .isInstanceOf(BackendUnavailableException.class)
                .hasMessage("cuda backend unavailable: libcudnn.so.9 not found");
        verify(cuda, never()).create(any());
        verify(cpu, never()).create(any());
    }

    @Test
    void aBackendLeftOutOfTheBuildIsUnknownAndTheChoicesAreThoseFound() {
        // the registry knows backends by what it finds only: it keeps no list of names of its own
        BackendRegistry registry = new BackendRegistry(List.of(provider("cpu", 10, Availability.available("AVX2"), cpuBackend)));

        assertThatThrownBy(() -> registry.select("cuda", OPTIONS))
                .isInstanceOfSatisfying(InvalidInputException.class,
                        e -> assertThat(e.setting()).contains(Setting.BACKEND))
                .hasMessage("unknown backend 'cuda'; choose one of auto, cpu");
    }

    @Test
    void anUnknownNameIsBadInputListingTheChoices() {
        BackendRegistry registry = new BackendRegistry(List.of(provider("cpu", 10, Availability.available("AVX2"), cpuBackend),
                provider("opencl", 50, Availability.available("OpenCL 3.0"), cudaBackend)));

        assertThatThrownBy(() -> registry.select("tpu", OPTIONS))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("unknown backend 'tpu'; choose one of auto, cpu, opencl");
    }

    // ---------------------------------------------------------------- configuration and description

    @Test
    void anExplicitChoiceBeatsThePropertyAndTheEnvironment() {
        assertThat(BackendRegistry.configuredName(" cpu ", Map.of("NST_BACKEND", "cuda"), properties("cuda")))
                .isEqualTo("cpu");
    }

    @Test
    void theSystemPropertyBeatsTheEnvironment() {
        assertThat(BackendRegistry.configuredName(null, Map.of("NST_BACKEND", "cuda"), properties(" cpu ")))
                .isEqualTo("cpu");
        assertThat(BackendRegistry.configuredName("  ", Map.of("NST_BACKEND", "cuda"), properties("cpu")))
                .isEqualTo("cpu");
    }

    @Test
    void theEnvironmentBeatsTheDefault() {
        assertThat(BackendRegistry.configuredName(null, Map.of("NST_BACKEND", "cuda"), properties(" ")))
                .isEqualTo("cuda");
    }

    @Test
    void withNothingConfiguredTheChoiceIsAuto() {
        assertThat(BackendRegistry.configuredName(null, Map.of(), new Properties())).isEqualTo("auto");
        assertThat(BackendRegistry.configuredName("", Map.of("NST_BACKEND", ""), properties(""))).isEqualTo("auto");
    }

    @Test
    void describeListsEveryBackendFoundByPriority() {
        BackendProvider cpu = provider("cpu", 10, Availability.available("AVX2, 2 threads"), cpuBackend);
        BackendProvider opencl = provider("opencl", 50, Availability.unavailable("no OpenCL platform"), cudaBackend);
        BackendRegistry registry = new BackendRegistry(List.of(cpu, opencl));

        assertThat(registry.describe()).containsExactly(
                new BackendRegistry.BackendStatus("opencl", false, "no OpenCL platform"),
                new BackendRegistry.BackendStatus("cpu", true, "AVX2, 2 threads"));
        verify(cpu, never()).create(any());
        verify(opencl, never()).create(any());
    }

    @Test
    void withoutBackendModulesOnTheClassPathDiscoveryFindsNone() {
        // the core module's own class path registers no BackendProvider
        assertThat(BackendRegistry.discover().describe()).isEmpty();
        assertThatThrownBy(() -> BackendRegistry.discover().select("auto", OPTIONS))
                .isInstanceOf(BackendUnavailableException.class)
                .hasMessage("no compute backend is included in this build");
    }

    private static BackendProvider provider(String name, int priority, Availability availability, ComputeBackend backend) {
        BackendProvider provider = mock(BackendProvider.class, name);
        when(provider.name()).thenReturn(name);
        when(provider.priority()).thenReturn(priority);
        when(provider.availability()).thenReturn(availability);
        if (backend != null) {
            when(provider.create(any())).thenReturn(backend);
        }
        return provider;
    }

    private static Properties properties(String backend) {
        Properties properties = new Properties();
        properties.setProperty("nst.backend", backend);
        return properties;
    }
}
