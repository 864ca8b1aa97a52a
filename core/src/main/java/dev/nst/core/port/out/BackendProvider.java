package dev.nst.core.port.out;

/**
 * A compute backend as found by {@link java.util.ServiceLoader}. Constructing a provider must be cheap and never
 * load native code; {@link #availability()} may probe (and cache) and {@link #create} does the real work.
 */
public interface BackendProvider {

    /** The name users select it by, e.g. {@code cpu} or {@code cuda}. */
    String name();

    /** Higher wins when the user asks for {@code auto}. */
    int priority();

    /** Whether the backend can run on this machine and, if not, why (e.g. {@code libcudnn.so.9 not found}). */
    Availability availability();

    /**
     * Creates the backend.
     *
     * @throws dev.nst.core.domain.BackendUnavailableException when it cannot run here
     */
    ComputeBackend create(BackendOptions options);

    /** The outcome of a probe; {@code detail} is the reason when unavailable, a short description otherwise. */
    record Availability(boolean available, String detail) {

        public static Availability available(String detail) {
            return new Availability(true, detail);
        }

        public static Availability unavailable(String reason) {
            return new Availability(false, reason);
        }
    }
}
