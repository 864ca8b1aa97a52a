package dev.nst.http.engine;

import dev.nst.core.domain.BackendUnavailableException;
import dev.nst.core.domain.NstException;
import dev.nst.core.domain.VggLayer;
import dev.nst.core.domain.WeightsSpec;
import dev.nst.core.domain.WeightsUnavailableException;
import dev.nst.core.port.in.PlanTransferUseCase;
import dev.nst.core.port.out.Capability;
import dev.nst.core.port.out.ComputeBackend;
import dev.nst.core.port.out.LoadWeightsPort;
import dev.nst.core.service.BackendRegistry;
import dev.nst.core.service.HostMemory;
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
    private final TransferStyleService useCase;
    private final HostMemory memory;
    private final long residentAtStart = HostMemory.residentBytes();
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
        this.memory = budget(settings);
        this.useCase = selected == null ? null : new TransferStyleService(selected, weights, () -> memory);
        LOG.info("jobs plan with {} MiB of memory ({}) and {} MiB of Java heap", memory.reachableBytes() >> 20,
                settings.maxMemory().isPresent() ? "nst.http.max-memory" : "what the machine had available at start",
                memory.maxHeapBytes() >> 20);
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
    public TransferStyleService useCase() {
        if (useCase == null) {
            throw new BackendUnavailableException("no compute backend can run on this server: " + detail);
        }
        return useCase;
    }

    /**
     * The memory the service's jobs plan with: what the process may reach when the service starts (what it holds plus
     * what the machine has available), or what it holds plus {@code nst.http.max-memory}; and the heap limit.
     */
    private HostMemory budget(EngineSettings settings) {
        HostMemory now = HostMemory.probe();
        long reachable = settings.maxMemory().isPresent() ? residentAtStart + settings.maxMemory().getAsLong()
                : now.reachableBytes();
        return new HostMemory(reachable, now.maxHeapBytes());
    }

    /** Plans transfers against the service's memory budget. */
    public PlanTransferUseCase planner() {
        useCase();
        return useCase;
    }

    /** The memory and Java heap the service's jobs plan with. */
    public HostMemory memory() {
        return memory;
    }

    /**
     * The host memory jobs may hold together: the budget less the service's own baseline (the JVM and the backend's
     * libraries, which a plan counts in every job's peak).
     */
    public long jobMemoryBytes() {
        return Math.max(0, memory.reachableBytes() - residentAtStart);
    }

    /** The CPU threads each job computes on. */
    public int threadsPerJob() {
        return settings.options().effectiveThreads();
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
            String named = spec instanceof WeightsSpec.File file ? "server file " + file.path().getFileName() : spec.toString();
            throw new WeightsUnavailableException("the " + named + " weights are not available on this server"
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
