package dev.nst.core.port.in;

/** Renders the content of one image in the style of others (Gatys, Ecker & Bethge, 2015). */
public interface TransferStyleUseCase {

    TransferResult transfer(TransferStyleCommand command, ProgressListener listener);

    default TransferResult transfer(TransferStyleCommand command) {
        return transfer(command, ProgressListener.NONE);
    }
}
