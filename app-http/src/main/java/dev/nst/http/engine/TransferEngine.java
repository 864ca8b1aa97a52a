package dev.nst.http.engine;

import dev.nst.core.domain.BackendUnavailableException;
import dev.nst.core.domain.NstException;
import dev.nst.core.domain.VggLayer;
import dev.nst.core.domain.WeightsSpec;
import dev.nst.core.domain.WeightsUnavailableException;
import dev.nst.core.port.in.TransferStyleUseCase;
import dev.nst.core.port.out.Capability;
import dev.nst.core.port.out.ComputeBackend;
import dev.nst.core.port.out.LoadWeightsPort;
import dev.nst.core.service.BackendRegistry;
import dev.nst.core.service.TransferStyleService;
import io.micronaut.context.annotation.Context;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one compute backend of this process, selected when the service starts, and the use case running on it. Every
 * job runs on this backend in a session of its own. When no backend can run, the service still starts: health says
 * DOWN with the reason and submissions are answered 503.
 */
@Context
public final class TransferEngine implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TransferEngine.class);

    private final EngineSettings settings;
    private final LoadWeightsPort weights;
    private final ComputeBackend backend;
    private final TransferStyleUseCase useCase;
    private final String detail;
    private final Optional<String> notice;

    @Inject
    public TransferEngine(EngineSettings settings, LoadWeightsPort weights) {
        this(BackendRegistry.discover(), settings, weights);
    }

    TransferEngine(BackendRegistry registry, EngineSettings settings, LoadWeightsPort weights) {
        this.settings = settings;
        this.weights = weights;
        ComputeBackend selected = null;
        String why;
        Optional<String> passedOver = Optional.empty();
        try {
            BackendRegistry.Selection selection = registry.select(settings.backend(), settings.options());
            selected = selection.backend();
            passedOver = selection.notice();
            why = selected.description();
            passedOver.ifPresent(text -> LOG.warn("backend: {}", text));
            LOG.info("backend {}: {}; default weights {}", selected.name(), why, settings.defaultWeights());
        } catch (NstException e) {
            why = e.getMessage();
            LOG.error("no compute backend: {}; every submission will be refused until this is fixed", why);
        }
        this.backend = selected;
        this.useCase = selected == null ? null : new TransferStyleService(selected, weights);
        this.detail = why;
        this.notice = passedOver;
    }

    /** Whether a backend runs, which one, on what (or why none does), and what {@code auto} passed over. */
    public record Status(boolean up, String backend, String detail, Optional<String> notice) {
    }

    public Status status() {
        return new Status(backend != null, backend != null ? backend.name() : settings.backend(), detail, notice);
    }

    /** @throws BackendUnavailableException when no backend could be started */
    public TransferStyleUseCase useCase() {
        if (useCase == null) {
            throw new BackendUnavailableException("no compute backend can run on this server: " + detail);
        }
        return useCase;
    }

    /** Whether the backend drives one device, which runs one transfer at a time (as the backend declares). */
    public boolean exclusiveDevice() {
        return backend != null && backend.has(Capability.EXCLUSIVE_DEVICE);
    }

    public WeightsSpec defaultWeights() {
        return settings.defaultWeights();
    }

    /**
     * Checks, by loading the first convolution, that {@code spec} can be loaded, so that a job is refused at once
     * rather than failing in the queue. The reason (which names server paths) goes to the log, not to the client.
     *
     * @throws WeightsUnavailableException when the weights cannot be loaded
     */
    public void requireWeights(WeightsSpec spec) {
        try {
            weights.load(spec, VggLayer.CONV1_1);
        } catch (NstException e) {
            LOG.warn("weights {} unavailable: {}", spec, e.getMessage());
            throw new WeightsUnavailableException("the " + spec + " weights are not available on this server"
                    + (spec instanceof WeightsSpec.Random ? "" : "; ask its operator to install them, or submit with"
                    + " weights=random (results will not look like real style transfer)"));
        }
    }

    @PreDestroy
    @Override
    public void close() {
        if (backend != null) {
            backend.close();
        }
    }
}
