package dev.nst.cuda;

/**
 * What the CUDA runtime says about one GPU.
 *
 * @param name         e.g. {@code NVIDIA H100 80GB HBM3}
 * @param computeMajor compute capability, major part (9 for Hopper)
 * @param computeMinor compute capability, minor part
 * @param totalBytes   device memory
 * @param freeBytes    device memory free when asked
 */
public record GpuProperties(String name, int computeMajor, int computeMinor, long totalBytes, long freeBytes) {

    /** The oldest GPUs nst runs on: its PTX kernels target {@code sm_52} (Maxwell, GeForce 900 series). */
    public static final int MINIMUM_MAJOR = 5;
    public static final int MINIMUM_MINOR = 2;

    public String computeCapability() {
        return computeMajor + "." + computeMinor;
    }

    public boolean supported() {
        return computeMajor > MINIMUM_MAJOR || (computeMajor == MINIMUM_MAJOR && computeMinor >= MINIMUM_MINOR);
    }
}
