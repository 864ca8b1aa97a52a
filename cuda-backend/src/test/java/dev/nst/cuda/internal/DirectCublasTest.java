package dev.nst.cuda.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.jna.Library;
import com.sun.jna.Native;
import dev.nst.cuda.CublasBinding;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import jcuda.NativePointerObject;
import jcuda.Pointer;
import jcuda.jcublas.cublasOperation;
import jcuda.jcublas.cublasSideMode;
import jcuda.runtime.cudaStream_t;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cuBLAS 13 binding against a stand-in {@code libcublas.so.13} compiled from {@code cublas-stand-in.c}: every
 * argument must arrive where cuBLAS's C signature expects it (the one thing that can be checked without a GPU).
 * Skipped where no C compiler is installed.
 */
class DirectCublasTest {

    /** The stand-in's own functions, to read what it received. */
    interface StandIn extends Library {
        String stand_in_log();

        void stand_in_status(int code);
    }

    @TempDir
    static Path folder;
    private static Path library;
    private static Path withoutSgeam;
    private static Path withoutSdgmm;
    private static StandIn standIn;

    @BeforeAll
    static void compileTheStandIn() throws Exception {
        Path source = folder.resolve("cublas-stand-in.c");
        try (InputStream in = DirectCublasTest.class.getResourceAsStream("cublas-stand-in.c")) {
            Files.copy(in, source);
        }
        library = folder.resolve("full/libcublas.so.13");
        withoutSgeam = folder.resolve("no-sgeam/libcublas.so.13");
        withoutSdgmm = folder.resolve("no-sdgmm/libcublas.so.13");
        assumeTrue(compile(source, library), "no C compiler (cc) to build the stand-in cuBLAS");
        assumeTrue(compile(source, withoutSgeam, "-DWITHOUT_SGEAM"), "the stand-in cuBLAS did not compile");
        assumeTrue(compile(source, withoutSdgmm, "-DWITHOUT_SDGMM"), "the stand-in cuBLAS did not compile");
        standIn = Native.load(library.toString(), StandIn.class);
    }

    private static boolean compile(Path source, Path output, String... flags) throws InterruptedException {
        List<String> command = new ArrayList<>(List.of("cc", "-shared", "-fPIC", "-O1", "-o", output.toString()));
        command.addAll(List.of(flags));
        command.add(source.toString());
        try {
            Files.createDirectories(output.getParent());
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(folder.resolve(output.getParent().getFileName() + ".log").toFile()).start();
            return process.waitFor(60, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        }
    }

    private static Pointer at(long address) {
        return new Pointer(address) {
        };
    }

    @Test
    void theVersionComesFromCublasGetPropertyWithoutAHandle() {
        Cublas cublas = Cublas.of(new CublasBinding.Direct(library));
        int[] value = {0};

        assertThat(cublas.property(0, value)).isZero();
        assertThat(value[0]).isEqualTo(13);
        assertThat(cublas.property(2, value)).isZero();
        assertThat(value[0]).isEqualTo(1);
        assertThat(standIn.stand_in_log()).isEqualTo("property 2");
    }

    @Test
    void theHandleCreatedIsTheOneEveryLaterCallReceives() {
        Cublas cublas = DirectCublas.load(library);

        assertThat(cublas.create()).isZero();
        assertThat(cublas.setStream(new cudaStream_t())).isZero();
        assertThat(standIn.stand_in_log()).isEqualTo("setStream handle=ok stream=0");
        cublas.setPointerModeHost();
        assertThat(standIn.stand_in_log()).isEqualTo("setPointerMode handle=ok mode=0");
        cublas.setMathMode(MathModes.of(dev.nst.core.port.out.Precision.TF32).blas());
        assertThat(standIn.stand_in_log()).isEqualTo("setMathMode handle=ok mode=3");
        assertThat(cublas.destroy()).isZero();
        assertThat(standIn.stand_in_log()).isEqualTo("destroy handle=ok");
    }

    @Test
    void sgemmPassesDevicePointersWithTheirOffsetsAndScalarsFromTheHost() {
        Cublas cublas = DirectCublas.load(library);
        cublas.create();

        cublas.sgemm(cublasOperation.CUBLAS_OP_T, cublasOperation.CUBLAS_OP_N, 64, 64, 1024, 1.5f, at(0x7f0000001000L),
                1024, at(0x7f0000001000L).withByteOffset(256), 1024, 0.25f, at(0x7f0000100000L), 64);

        assertThat(standIn.stand_in_log()).isEqualTo("sgemm handle=ok op=1,0 m=64 n=64 k=1024 alpha=1.5"
                + " a=7f0000001000 lda=1024 b=7f0000001100 ldb=1024 beta=0.25 c=7f0000100000 ldc=64");
    }

    @Test
    void sgeamSaxpyAndSscalPassEveryArgumentInCublasOrder() {
        Cublas cublas = DirectCublas.load(library);
        cublas.create();

        cublas.sgeam(0, 1, 3, 5, 2f, at(0xa000), 3, -1f, at(0xb000), 5, at(0xa000), 3);
        assertThat(standIn.stand_in_log()).isEqualTo("sgeam handle=ok op=0,1 m=3 n=5 alpha=2 a=a000 lda=3 beta=-1"
                + " b=b000 ldb=5 c=a000 ldc=3");
        cublas.saxpy(1000, -0.5f, at(0xc000), at(0xd000).withByteOffset(4));
        assertThat(standIn.stand_in_log()).isEqualTo("saxpy handle=ok n=1000 alpha=-0.5 x=c000 incx=1 y=d004 incy=1");
        cublas.sscal(7, 3f, at(0xe000));
        assertThat(standIn.stand_in_log()).isEqualTo("sscal handle=ok n=7 alpha=3 x=e000 incx=1");
    }

    @Test
    void sdgmmPassesTheSideTheMatrixTheVectorWithUnitStrideAndTheResult() {
        Cublas cublas = DirectCublas.load(library);
        cublas.create();

        cublas.sdgmm(cublasSideMode.CUBLAS_SIDE_LEFT, 35, 6, at(0xa000).withByteOffset(8), 35,
                at(0xb000).withByteOffset(16), at(0xc000).withByteOffset(1024), 40);
        assertThat(standIn.stand_in_log()).isEqualTo("sdgmm handle=ok mode=0 m=35 n=6 a=a008 lda=35 x=b010 incx=1"
                + " c=c400 ldc=40");
        cublas.sdgmm(cublasSideMode.CUBLAS_SIDE_RIGHT, 120, 1, at(0xd000), 120, at(0xe000), at(0xf000), 120);
        assertThat(standIn.stand_in_log()).isEqualTo("sdgmm handle=ok mode=1 m=120 n=1 a=d000 lda=120 x=e000 incx=1"
                + " c=f000 ldc=120");
    }

    @Test
    void cublasStatusCodesComeBackUnchanged() {
        Cublas cublas = DirectCublas.load(library);
        standIn.stand_in_status(13); // CUBLAS_STATUS_EXECUTION_FAILED
        try {
            assertThat(cublas.create()).isEqualTo(13);
            assertThat(cublas.sscal(1, 1f, at(0x10))).isEqualTo(13);
        } finally {
            standIn.stand_in_status(0);
        }
    }

    @Test
    void aCublasLackingAFunctionFailsWhenLoadedNamingIt() {
        assertThatThrownBy(() -> DirectCublas.load(withoutSgeam))
                .isInstanceOf(UnsatisfiedLinkError.class)
                .hasMessageContaining("cublasSgeam");
        assertThatThrownBy(() -> DirectCublas.load(withoutSdgmm))
                .isInstanceOf(UnsatisfiedLinkError.class)
                .hasMessageContaining("cublasSdgmm");
    }

    @Test
    void aMissingLibraryFailsWhenLoaded() {
        assertThatThrownBy(() -> DirectCublas.load(folder.resolve("nowhere/libcublas.so.13")))
                .isInstanceOf(UnsatisfiedLinkError.class)
                .hasMessageContaining("nowhere/libcublas.so.13");
    }

    @Test
    void handlesAndPointersGiveTheirRawAddresses() {
        assertThat(NativeAddresses.of(at(0x1234).withByteOffset(0x10))).isEqualTo(0x1244);
        assertThat(NativeAddresses.of(new NativePointerObject(77L) {
        })).isEqualTo(77);
        assertThat(NativeAddresses.of(new cudaStream_t())).isZero();
        assertThat(NativeAddresses.of(new Pointer())).isZero();
    }

    /**
     * Against a real cuBLAS when {@code NST_TEST_CUBLAS} names one (e.g. the {@code libcublas.so.13} of the
     * {@code nvidia-cublas} wheel): every function resolves and the version reads without a GPU.
     */
    @Test
    void aRealCublasNamedByNstTestCublasResolvesEveryFunction() {
        String real = System.getenv("NST_TEST_CUBLAS");
        assumeTrue(real != null && !real.isBlank(), "NST_TEST_CUBLAS not set");
        Cublas cublas = DirectCublas.load(Path.of(real));
        int[] major = {0};

        assertThat(cublas.property(0, major)).isZero();
        assertThat(major[0]).isGreaterThanOrEqualTo(12);
        int created = cublas.create(); // without a usable GPU: CUBLAS_STATUS_NOT_INITIALIZED, not a crash
        if (created == 0) {
            assertThat(cublas.destroy()).isZero();
        } else {
            assertThat(created).isEqualTo(1);
        }
    }
}
