package dev.nst.cuda;

/**
 * A CUDA library call returned an error status, or its bindings refused it. The message names the call and the
 * library's own name for the error, e.g. {@code cudaGetDeviceCount: cudaErrorInsufficientDriver}.
 */
public final class CudaCallException extends RuntimeException {

    private final String call;
    private final String error;

    public CudaCallException(String call, String error) {
        super(call + ": " + error);
        this.call = call;
        this.error = error;
    }

    /** The function that failed, e.g. {@code cudaGetDeviceCount}. */
    public String call() {
        return call;
    }

    /** The library's name for the error, e.g. {@code cudaErrorInsufficientDriver}. */
    public String error() {
        return error;
    }
}
