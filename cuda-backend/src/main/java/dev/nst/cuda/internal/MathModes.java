package dev.nst.cuda.internal;

import dev.nst.core.port.out.Precision;
import jcuda.jcublas.cublasMath;
import jcuda.jcudnn.cudnnMathType;

/**
 * What {@code --precision} means to cuDNN and cuBLAS. fp32: fused multiply-adds in float32 only
 * ({@code CUDNN_FMA_MATH}, {@code CUBLAS_DEFAULT_MATH}, which never rounds float32 inputs down). tf32: tensor cores
 * allowed, with inputs rounded to TensorFloat-32's 10 mantissa bits ({@code CUDNN_TENSOR_OP_MATH},
 * {@code CUBLAS_TF32_TENSOR_OP_MATH}); GPUs without tensor cores compute as with fp32.
 */
record MathModes(int convolution, int blas) {

    static MathModes of(Precision precision) {
        return switch (precision) {
            case FP32 -> new MathModes(cudnnMathType.CUDNN_FMA_MATH, cublasMath.CUBLAS_DEFAULT_MATH);
            case TF32 -> new MathModes(cudnnMathType.CUDNN_TENSOR_OP_MATH, cublasMath.CUBLAS_TF32_TENSOR_OP_MATH);
        };
    }
}
