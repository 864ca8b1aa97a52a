package dev.nst.http.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import dev.nst.core.domain.WeightsSpec;
import dev.nst.core.port.out.BackendOptions;
import dev.nst.core.port.out.BackendProvider;
import dev.nst.core.port.out.Capability;
import dev.nst.core.port.out.ComputeBackend;
import dev.nst.core.port.out.LoadWeightsPort;
import dev.nst.core.service.BackendRegistry;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The service plans around what a backend declares, whatever it is called. */
class TransferEngineTest {

    @ParameterizedTest(name = "{0} declaring an exclusive device: {1}")
    @CsvSource({"cpu, true", "cpu, false", "cuda, false", "opencl, true"})
    void oneJobAtATimeWhereTheBackendSaysItDrivesOneDevice(String name, boolean exclusive) {
        ComputeBackend backend = mock(ComputeBackend.class);
        when(backend.name()).thenReturn(name);
        when(backend.description()).thenReturn(name + ": test");
        when(backend.has(Capability.EXCLUSIVE_DEVICE)).thenReturn(exclusive);
        BackendProvider provider = mock(BackendProvider.class);
        when(provider.name()).thenReturn(name);
        when(provider.availability()).thenReturn(BackendProvider.Availability.available("test"));
        when(provider.create(any())).thenReturn(backend);

        TransferEngine engine = new TransferEngine(new BackendRegistry(List.of(provider)),
                new EngineSettings("auto", BackendOptions.DEFAULT, WeightsSpec.parse("random")),
                mock(LoadWeightsPort.class));

        assertThat(engine.exclusiveDevice()).isEqualTo(exclusive);
        assertThat(engine.status().backend()).isEqualTo(name);
    }
}
