/*
 * A stand-in for libcublas.so.13 with the C signatures of cublas_api.h: each function writes what it received into a
 * log line (stand_in_log) and returns the status set with stand_in_status, so a test can check, without a GPU, that
 * the JNA binding passes every argument where cuBLAS expects it. Built by DirectCublasTest with the C compiler.
 */
#include <stdint.h>
#include <stdio.h>

static char log_line[512];
static int status;
static int handle_token;

#define LOG(...) snprintf(log_line, sizeof log_line, __VA_ARGS__)
#define HANDLE(h) ((h) == (void *) &handle_token ? "ok" : "WRONG")
#define ADDR(p) ((unsigned long long) (uintptr_t) (p))

const char *stand_in_log(void) { return log_line; }
void stand_in_status(int code) { status = code; }

int cublasGetProperty(int type, int *value) {
    static const int version[] = {13, 1, 1};
    *value = version[type];
    LOG("property %d", type);
    return status;
}

int cublasCreate_v2(void **handle) {
    *handle = &handle_token;
    LOG("create");
    return status;
}

int cublasDestroy_v2(void *handle) {
    LOG("destroy handle=%s", HANDLE(handle));
    return status;
}

int cublasSetStream_v2(void *handle, void *stream) {
    LOG("setStream handle=%s stream=%llx", HANDLE(handle), ADDR(stream));
    return status;
}

int cublasSetPointerMode_v2(void *handle, int mode) {
    LOG("setPointerMode handle=%s mode=%d", HANDLE(handle), mode);
    return status;
}

int cublasSetMathMode(void *handle, int mode) {
    LOG("setMathMode handle=%s mode=%d", HANDLE(handle), mode);
    return status;
}

int cublasSgemm_v2(void *handle, int transa, int transb, int m, int n, int k, const float *alpha, const float *a,
                   int lda, const float *b, int ldb, const float *beta, float *c, int ldc) {
    LOG("sgemm handle=%s op=%d,%d m=%d n=%d k=%d alpha=%g a=%llx lda=%d b=%llx ldb=%d beta=%g c=%llx ldc=%d",
        HANDLE(handle), transa, transb, m, n, k, *alpha, ADDR(a), lda, ADDR(b), ldb, *beta, ADDR(c), ldc);
    return status;
}

#ifndef WITHOUT_SGEAM
int cublasSgeam(void *handle, int transa, int transb, int m, int n, const float *alpha, const float *a, int lda,
                const float *beta, const float *b, int ldb, float *c, int ldc) {
    LOG("sgeam handle=%s op=%d,%d m=%d n=%d alpha=%g a=%llx lda=%d beta=%g b=%llx ldb=%d c=%llx ldc=%d",
        HANDLE(handle), transa, transb, m, n, *alpha, ADDR(a), lda, *beta, ADDR(b), ldb, ADDR(c), ldc);
    return status;
}
#endif

#ifndef WITHOUT_SDGMM
int cublasSdgmm(void *handle, int mode, int m, int n, const float *a, int lda, const float *x, int incx, float *c,
                int ldc) {
    LOG("sdgmm handle=%s mode=%d m=%d n=%d a=%llx lda=%d x=%llx incx=%d c=%llx ldc=%d", HANDLE(handle), mode, m, n,
        ADDR(a), lda, ADDR(x), incx, ADDR(c), ldc);
    return status;
}
#endif

int cublasSaxpy_v2(void *handle, int n, const float *alpha, const float *x, int incx, float *y, int incy) {
    LOG("saxpy handle=%s n=%d alpha=%g x=%llx incx=%d y=%llx incy=%d", HANDLE(handle), n, *alpha, ADDR(x), incx,
        ADDR(y), incy);
    return status;
}

int cublasSscal_v2(void *handle, int n, const float *alpha, float *x, int incx) {
    LOG("sscal handle=%s n=%d alpha=%g x=%llx incx=%d", HANDLE(handle), n, *alpha, ADDR(x), incx);
    return status;
}
