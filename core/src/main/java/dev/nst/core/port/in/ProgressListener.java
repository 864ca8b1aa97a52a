package dev.nst.core.port.in;

/** Hears about every evaluated iteration, starting with iteration 0 (the initial image). */
@FunctionalInterface
public interface ProgressListener {

    ProgressListener NONE = progress -> { };

    void onProgress(Progress progress);

    /** Hears the plan the transfer runs with, once, before its first stage (after the weights are loaded). */
    default void onPlan(TransferPlan plan) {
    }
}
