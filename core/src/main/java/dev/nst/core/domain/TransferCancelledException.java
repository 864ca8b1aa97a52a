package dev.nst.core.domain;

/** The transfer was cancelled (its thread was interrupted) before it finished. */
public class TransferCancelledException extends NstException {

    public TransferCancelledException(int iteration) {
        super("style transfer cancelled at iteration " + iteration);
    }
}
