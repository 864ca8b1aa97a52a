package dev.nst.cli;

import dev.nst.core.port.in.PlanTransferUseCase;
import dev.nst.core.port.in.TransferStyleUseCase;
import dev.nst.core.port.out.BackendOptions;
import dev.nst.core.port.out.ComputeBackend;
import dev.nst.core.service.BackendRegistry;
import dev.nst.core.service.TransferStyleService;
import dev.nst.weights.WeightsRepository;
import java.io.PrintStream;

/** Builds the use case from what this process offers: a backend found on the class path and the weights repository. */
final class ServiceWiring {

    private final CliEnvironment environment;
    private final PrintStream err;

    ServiceWiring(CliEnvironment environment, PrintStream err) {
        this.environment = environment;
        this.err = err;
    }

    /** The use cases running on a selected backend; closing it releases the backend. */
    record OpenService(TransferStyleUseCase useCase, PlanTransferUseCase planner, ComputeBackend backend)
            implements AutoCloseable {
        @Override
        public void close() {
            backend.close();
        }
    }

    /** The backend the option names, else {@code -Dnst.backend}, else {@code NST_BACKEND}, else {@code auto}. */
    String backendName(String option) {
        return BackendRegistry.configuredName(option, environment.variables(), System.getProperties());
    }

    /**
     * Selects the backend (reporting on stderr when {@code auto} passed over a better one) and wires the service.
     *
     * @throws dev.nst.core.domain.InvalidInputException       for an unknown backend name or a negative thread count
     * @throws dev.nst.core.domain.BackendUnavailableException when the backend cannot run here
     */
    OpenService open(BackendChoice choice) {
        BackendOptions options = choice.options();
        BackendRegistry.Selection selection = BackendRegistry.discover().select(backendName(choice.backend), options);
        selection.notice().ifPresent(notice -> err.println("note: " + notice));
        TransferStyleService service = new TransferStyleService(selection.backend(), weightsRepository());
        return new OpenService(service, service, selection.backend());
    }

    /** The weights repository of this environment, telling the user on stderr about downloads and conversions. */
    WeightsRepository weightsRepository() {
        return weightsRepository(environment, err);
    }

    static WeightsRepository weightsRepository(CliEnvironment environment, PrintStream err) {
        return WeightsRepository.fromEnvironment(environment.variables(), environment.userHome(),
                System.getProperties(), new CliWeightsListener(err, environment.terminal()));
    }
}
