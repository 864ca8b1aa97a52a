package dev.nst.cuda.internal;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.PointerByReference;
import java.lang.reflect.Method;
import java.nio.file.Path;
import jcuda.Pointer;
import jcuda.runtime.cudaStream_t;

/**
 * {@link Cublas} by calling cuBLAS's C functions by symbol name through JNA: the way to cuBLAS 13, which JCublas 12.6
 * cannot link against. Device pointers and the stream pass as their raw addresses; scalars as pointers to host
 * floats. The {@code _v2} names are the symbols {@code cublas_v2.h} maps the plain names to in cuBLAS 12 and 13;
 * {@code cublasSgeam} and {@code cublasSdgmm} never had a legacy version, so their symbols keep the plain names.
 */
final class DirectCublas implements Cublas {

    /** The C functions, as {@code cublas_api.h} declares them; handles and device pointers are opaque pointers. */
    interface Functions extends Library {
        int cublasGetProperty(int type, IntByReference value);

        int cublasCreate_v2(PointerByReference handle);

        int cublasDestroy_v2(com.sun.jna.Pointer handle);

        int cublasSetStream_v2(com.sun.jna.Pointer handle, com.sun.jna.Pointer stream);

        int cublasSetPointerMode_v2(com.sun.jna.Pointer handle, int mode);

        int cublasSetMathMode(com.sun.jna.Pointer handle, int mode);

        int cublasSgemm_v2(com.sun.jna.Pointer handle, int transA, int transB, int m, int n, int k, float[] alpha,
                           com.sun.jna.Pointer a, int lda, com.sun.jna.Pointer b, int ldb, float[] beta,
                           com.sun.jna.Pointer c, int ldc);

        int cublasSgeam(com.sun.jna.Pointer handle, int transA, int transB, int m, int n, float[] alpha,
                        com.sun.jna.Pointer a, int lda, float[] beta, com.sun.jna.Pointer b, int ldb,
                        com.sun.jna.Pointer c, int ldc);

        int cublasSdgmm(com.sun.jna.Pointer handle, int mode, int m, int n, com.sun.jna.Pointer a, int lda,
                        com.sun.jna.Pointer x, int incX, com.sun.jna.Pointer c, int ldc);

        int cublasSaxpy_v2(com.sun.jna.Pointer handle, int n, float[] alpha, com.sun.jna.Pointer x, int incX,
                           com.sun.jna.Pointer y, int incY);

        int cublasSscal_v2(com.sun.jna.Pointer handle, int n, float[] alpha, com.sun.jna.Pointer x, int incX);
    }

    private static final int CUBLAS_POINTER_MODE_HOST = 0;

    private final Functions cublas;
    private com.sun.jna.Pointer handle;

    private DirectCublas(Functions cublas) {
        this.cublas = cublas;
    }

    /**
     * Opens the cuBLAS at {@code library} and looks up every function now, so a cuBLAS lacking one fails here with
     * its name rather than in the middle of a transfer.
     *
     * @throws UnsatisfiedLinkError when the library does not load or lacks a function
     */
    static DirectCublas load(Path library) {
        NativeLibrary lib = NativeLibrary.getInstance(library.toAbsolutePath().toString());
        for (Method function : Functions.class.getMethods()) {
            lib.getFunction(function.getName());
        }
        return new DirectCublas(Native.load(library.toAbsolutePath().toString(), Functions.class));
    }

    @Override
    public int property(int type, int[] value) {
        IntByReference result = new IntByReference();
        int status = cublas.cublasGetProperty(type, result);
        value[0] = result.getValue();
        return status;
    }

    @Override
    public int create() {
        PointerByReference created = new PointerByReference();
        int status = cublas.cublasCreate_v2(created);
        handle = created.getValue();
        return status;
    }

    @Override
    public int destroy() {
        int status = cublas.cublasDestroy_v2(handle);
        handle = null;
        return status;
    }

    @Override
    public int setStream(cudaStream_t stream) {
        return cublas.cublasSetStream_v2(handle, raw(NativeAddresses.of(stream)));
    }

    @Override
    public int setPointerModeHost() {
        return cublas.cublasSetPointerMode_v2(handle, CUBLAS_POINTER_MODE_HOST);
    }

    @Override
    public int setMathMode(int mode) {
        return cublas.cublasSetMathMode(handle, mode);
    }

    @Override
    public int sgemm(int transA, int transB, int m, int n, int k, float alpha, Pointer a, int lda, Pointer b, int ldb,
                     float beta, Pointer c, int ldc) {
        return cublas.cublasSgemm_v2(handle, transA, transB, m, n, k, new float[] {alpha}, device(a), lda, device(b),
                ldb, new float[] {beta}, device(c), ldc);
    }

    @Override
    public int sgeam(int transA, int transB, int m, int n, float alpha, Pointer a, int lda, float beta, Pointer b,
                     int ldb, Pointer c, int ldc) {
        return cublas.cublasSgeam(handle, transA, transB, m, n, new float[] {alpha}, device(a), lda,
                new float[] {beta}, device(b), ldb, device(c), ldc);
    }

    @Override
    public int sdgmm(int mode, int m, int n, Pointer a, int lda, Pointer x, Pointer c, int ldc) {
        return cublas.cublasSdgmm(handle, mode, m, n, device(a), lda, device(x), 1, device(c), ldc);
    }

    @Override
    public int saxpy(int n, float alpha, Pointer x, Pointer y) {
        return cublas.cublasSaxpy_v2(handle, n, new float[] {alpha}, device(x), 1, device(y), 1);
    }

    @Override
    public int sscal(int n, float alpha, Pointer x) {
        return cublas.cublasSscal_v2(handle, n, new float[] {alpha}, device(x), 1);
    }

    private static com.sun.jna.Pointer device(Pointer pointer) {
        return raw(NativeAddresses.of(pointer));
    }

    private static com.sun.jna.Pointer raw(long address) {
        return address == 0 ? null : new com.sun.jna.Pointer(address);
    }
}
