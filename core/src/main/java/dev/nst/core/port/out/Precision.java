package dev.nst.core.port.out;

import dev.nst.core.domain.InvalidInputException;
import dev.nst.core.domain.Setting;
import java.util.Locale;

/**
 * The arithmetic a backend may use for convolutions and matrix products. Backends without reduced-precision units
 * (the CPU backend) compute in float32 whatever is chosen.
 */
public enum Precision {
    /** IEEE float32 throughout: no tensor-core rounding. */
    FP32,
    /** TensorFloat-32 tensor cores where the GPU has them (Ampere and newer): inputs rounded to 10 mantissa bits. */
    TF32;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@code fp32} or {@code tf32} (case-insensitive, surrounding blanks ignored). */
    public static Precision parse(String id) {
        String wanted = id == null ? "" : id.trim().toLowerCase(Locale.ROOT);
        for (Precision precision : values()) {
            if (precision.id().equals(wanted)) {
                return precision;
            }
        }
        throw new InvalidInputException(Setting.PRECISION, "unknown precision '" + (id == null ? "" : id.trim()) + "'; use fp32 or tf32");
    }
}
