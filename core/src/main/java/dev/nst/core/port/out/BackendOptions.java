package dev.nst.core.port.out;

/**
 * How a backend should run.
 *
 * @param threads CPU threads to use; 0 means one per available processor
 */
public record BackendOptions(int threads) {

    public static final BackendOptions DEFAULT = new BackendOptions(0);

    public BackendOptions {
        if (threads < 0) {
            throw new dev.nst.core.domain.InvalidInputException("--threads must be >= 0, got " + threads);
        }
    }

    /** The thread count in effect. */
    public int effectiveThreads() {
        return threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
    }
}
