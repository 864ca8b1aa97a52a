package dev.nst.core.backend;

import dev.nst.core.port.out.ComputeBackend;
import java.util.function.Supplier;

/**
 * A backend's speeds, measured by the {@link SpeedProbe} the first time a plan asks for them and kept for the
 * backend's life (a measurement takes a few tenths of a second). Thread-safe.
 */
public final class MeasuredSpeeds implements Supplier<SpeedProbe.Speeds> {

    private final ComputeBackend backend;
    private SpeedProbe.Speeds speeds;

    public MeasuredSpeeds(ComputeBackend backend) {
        this.backend = backend;
    }

    @Override
    public synchronized SpeedProbe.Speeds get() {
        if (speeds == null) {
            speeds = SpeedProbe.measure(backend);
        }
        return speeds;
    }
}
