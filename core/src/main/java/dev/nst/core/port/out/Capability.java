package dev.nst.core.port.out;

/**
 * What a backend can or must do that applications plan around, asked with {@link ComputeBackend#has}, as DJL's
 * {@code Engine.hasCapability}: no application recognises a backend by its name.
 */
public enum Capability {
    /**
     * The backend drives one device that runs one transfer at a time: a service queues transfers for it instead of
     * running several at once.
     */
    EXCLUSIVE_DEVICE
}
