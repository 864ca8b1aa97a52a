package dev.nst.cuda;

/** Version numbers as the CUDA libraries encode them, written the way users read them. */
public final class CudaVersions {

    private CudaVersions() {
    }

    /** A CUDA driver or runtime version such as {@code 12040} as {@code 12.4}; {@code 0} means none. */
    public static String cuda(int version) {
        return version <= 0 ? "none" : (version / 1000) + "." + (version % 1000) / 10;
    }

    /**
     * A cuDNN version from {@code cudnnGetVersion}: {@code major*10000 + minor*100 + patch} from cuDNN 9 on
     * ({@code 90100} is 9.1.0), {@code major*1000 + minor*100 + patch} before ({@code 8902} is 8.9.2).
     */
    public static String cudnn(long version) {
        if (version >= 90000) {
            return version / 10000 + "." + (version % 10000) / 100 + "." + version % 100;
        }
        return version / 1000 + "." + (version % 1000) / 100 + "." + version % 100;
    }
}
