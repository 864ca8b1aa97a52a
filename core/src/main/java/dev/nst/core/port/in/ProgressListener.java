package dev.nst.core.port.in;

/** Hears about every evaluated iteration, starting with iteration 0 (the initial image). */
@FunctionalInterface
public interface ProgressListener {

    ProgressListener NONE = progress -> { };

    void onProgress(Progress progress);
}
