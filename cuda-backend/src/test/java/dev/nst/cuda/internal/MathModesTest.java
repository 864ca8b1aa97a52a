package dev.nst.cuda.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nst.core.port.out.Precision;
import org.junit.jupiter.api.Test;

/** Only JCuda's constants are used here: no native library is loaded. */
class MathModesTest {

    @Test
    void fp32AllowsNoTensorCoreRounding() {
        assertThat(MathModes.of(Precision.FP32)).isEqualTo(new MathModes(3, 0)); // CUDNN_FMA_MATH, CUBLAS_DEFAULT_MATH
    }

    @Test
    void tf32AllowsTensorCoresInCuDnnAndCuBlas() {
        // CUDNN_TENSOR_OP_MATH, CUBLAS_TF32_TENSOR_OP_MATH
        assertThat(MathModes.of(Precision.TF32)).isEqualTo(new MathModes(1, 3));
    }
}
