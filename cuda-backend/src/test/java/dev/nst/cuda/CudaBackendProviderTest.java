package dev.nst.cuda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import dev.nst.core.domain.BackendUnavailableException;
import dev.nst.core.port.out.BackendOptions;
import dev.nst.core.port.out.BackendProvider.Availability;
import dev.nst.core.port.out.ComputeBackend;
import dev.nst.core.port.out.Precision;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How the provider turns every way the probe can fail into a reason, with a mocked platform (no GPU needed). */
class CudaBackendProviderTest {

    private static final GpuProperties H100 = new GpuProperties("NVIDIA H100 80GB HBM3", 9, 0, 85_000_000_000L,
            84_000_000_000L);

    @TempDir
    Path root;
    private FakeTree tree;
    private final CudaPlatform platform = mock(CudaPlatform.class);
    private final List<Path> folders = new ArrayList<>();
    private final AtomicInteger platformsMade = new AtomicInteger();
    private CudaBackendProvider provider;

    @BeforeEach
    void setUp() {
        tree = new FakeTree(root);
        provider = new CudaBackendProvider(() -> {
            platformsMade.incrementAndGet();
            return platform;
        }, () -> folders, LibraryNames.LINUX);
    }

    private void aWorkingGpu() {
        when(platform.deviceCount()).thenReturn(1);
        when(platform.gpu(0)).thenReturn(H100);
        when(platform.driverVersion()).thenReturn(13000);
        when(platform.runtimeVersion()).thenReturn(12000);
        when(platform.cublasVersion(eq(0), any())).thenReturn("12.6.4");
        when(platform.cudnnVersion(0)).thenReturn("9.5.1");
    }

    @Test
    void isNamedCudaRanksAboveTheCpuAndTouchesNothingWhenConstructed() {
        assertThat(provider.name()).isEqualTo("cuda");
        assertThat(provider.priority()).isGreaterThan(10);
        assertThat(platformsMade).hasValue(0);
        verifyNoInteractions(platform);
        assertThat(new CudaBackendProvider().name()).isEqualTo("cuda");
    }

    @Test
    void withoutADriverItIsUnavailableAndSaysSo() {
        when(platform.deviceCount()).thenThrow(new CudaCallException("cudaGetDeviceCount", "cudaErrorInsufficientDriver"));
        when(platform.driverVersion()).thenReturn(0);

        assertThat(provider.availability()).isEqualTo(Availability.unavailable(
                "no NVIDIA driver (cudaGetDeviceCount: cudaErrorInsufficientDriver)"));
    }

    @Test
    void aDriverTooOldForCuda12IsNamedWithTheVersionItSupports() {
        when(platform.deviceCount()).thenThrow(new CudaCallException("cudaGetDeviceCount", "cudaErrorInsufficientDriver"));
        when(platform.driverVersion()).thenReturn(11040);

        assertThat(provider.availability().detail()).isEqualTo("the NVIDIA driver supports CUDA 11.4 only; nst needs a"
                + " driver for CUDA 12 or newer (cudaGetDeviceCount: cudaErrorInsufficientDriver)");
    }

    @Test
    void noGpuIsUnavailable() {
        when(platform.deviceCount()).thenThrow(new CudaCallException("cudaGetDeviceCount", "cudaErrorNoDevice"));
        assertThat(provider.availability().detail()).isEqualTo("no CUDA GPU found (cudaGetDeviceCount: cudaErrorNoDevice)");
    }

    @Test
    void zeroDevicesIsUnavailable() {
        when(platform.deviceCount()).thenReturn(0);
        assertThat(provider.availability().detail()).isEqualTo("no CUDA GPU found (cudaGetDeviceCount: 0 devices)");
    }

    @Test
    void jcudasOwnNativeLibraryNotLoadingIsUnavailableNotACrash() {
        when(platform.deviceCount()).thenThrow(new UnsatisfiedLinkError(
                "/tmp/libJCudaRuntime-12.6.0-linux-x86_64.so: libstdc++.so.6: cannot open shared object file"));

        assertThat(provider.availability().detail()).startsWith("JCuda cannot load on ")
                .endsWith(": libstdc++.so.6: cannot open shared object file");
    }

    @Test
    void missingJCudaClassesAreUnavailableNotACrash() {
        CudaBackendProvider broken = new CudaBackendProvider(() -> {
            throw new NoClassDefFoundError("jcuda/runtime/JCuda");
        }, () -> folders, LibraryNames.LINUX);

        assertThat(broken.availability().available()).isFalse();
        assertThat(broken.availability().detail()).contains("jcuda/runtime/JCuda");
    }

    @Test
    void aGpuThatCannotBeQueriedIsUnavailable() {
        when(platform.deviceCount()).thenReturn(1);
        when(platform.gpu(0)).thenThrow(new CudaCallException("cudaMemGetInfo", "cudaErrorDevicesUnavailable"));

        assertThat(provider.availability().detail()).isEqualTo("cannot query GPU 0 (cudaMemGetInfo:"
                + " cudaErrorDevicesUnavailable)");
    }

    @Test
    void aGpuOlderThanMaxwellIsUnavailable() {
        when(platform.deviceCount()).thenReturn(1);
        when(platform.gpu(0)).thenReturn(new GpuProperties("Tesla K80", 3, 7, 12L << 30, 11L << 30));

        assertThat(provider.availability().detail()).isEqualTo("Tesla K80 has compute capability 3.7; nst needs 5.2 or"
                + " newer");
    }

    @Test
    void noCublasAnywhereSaysHowToInstallOne() {
        aWorkingGpu();
        when(platform.cublasVersion(eq(0), any())).thenThrow(
                new UnsatisfiedLinkError(LinkErrorsTest.JCUBLAS_WITHOUT_CUBLAS));

        assertThat(provider.availability()).isEqualTo(Availability.unavailable("libcublas.so.12 or libcublas.so.13 not"
                + " found (install the cuBLAS of CUDA 12 or 13, e.g. pip install nvidia-cublas-cu12 (CUDA 12) or"
                + " nvidia-cublas (CUDA 13), or point NST_CUDA_LIBRARY_PATH at its lib folder)"));
        verify(platform).cublasVersion(0, new CublasBinding.JCublas());
    }

    @Test
    void onlyACublasTooOldForUseIsNamedInTheReason() {
        aWorkingGpu();
        Path cu11 = tree.file("old/lib/libcublas.so.11");
        folders.add(cu11);
        when(platform.cublasVersion(eq(0), any())).thenThrow(
                new UnsatisfiedLinkError(LinkErrorsTest.JCUBLAS_WITHOUT_CUBLAS));

        assertThat(provider.availability().detail()).endsWith("; found only " + cu11.resolve("libcublas.so.11")
                + ", which is too old");
    }

    @Test
    void onACuda13OnlySystemCublas13IsPreloadedAndCalledDirectly() {
        aWorkingGpu();
        Path cu13 = tree.file("venv/nvidia/cu13/lib/libcublas.so.13");
        tree.file("venv/nvidia/cu13/lib/libcublasLt.so.13");
        folders.add(cu13);
        List<String> events = new ArrayList<>();
        doAnswer(call -> events.add("load " + call.<Path>getArgument(0).getFileName())).when(platform).load(any());
        when(platform.cublasVersion(eq(0), any())).thenAnswer(call -> {
            events.add("cublas " + call.getArgument(1));
            return "13.1.1";
        });

        Availability availability = provider.availability();

        assertThat(events).containsExactly("load libcublasLt.so.13", "load libcublas.so.13",
                "cublas " + new CublasBinding.Direct(cu13.resolve("libcublas.so.13").toAbsolutePath()));
        assertThat(availability.available()).isTrue();
        assertThat(availability.detail()).contains("cuBLAS 13.1.1 (its C API through JNA), cuDNN 9.5.1");
    }

    @Test
    void withBothMajorsInOneFolderJCublasAndCuda12AreUsed() {
        aWorkingGpu();
        Path lib = tree.file("cuda/lib64/libcublas.so.13");
        tree.file("cuda/lib64/libcublas.so.12");
        folders.add(lib);

        provider.availability();

        verify(platform).load(lib.resolve("libcublas.so.12").toAbsolutePath());
        verify(platform).cublasVersion(0, new CublasBinding.JCublas());
    }

    @Test
    void aCudaOpenedThroughTheDirectBindingKeepsItForTheBackend() {
        aWorkingGpu();
        Path cu13 = tree.file("venv/nvidia/cu13/lib/libcublas.so.13");
        folders.add(cu13);
        ComputeBackend backend = mock(ComputeBackend.class);
        when(platform.open(any(), eq(Precision.TF32))).thenReturn(backend);

        assertThat(provider.create(new BackendOptions(0, Precision.TF32))).isSameAs(backend);

        verify(platform).open(argThat(device -> device.cublas()
                .equals(new CublasBinding.Direct(cu13.resolve("libcublas.so.13").toAbsolutePath()))),
                eq(Precision.TF32));
    }

    @Test
    void cudnn9MissingSaysHowToInstallIt() {
        aWorkingGpu();
        when(platform.cudnnVersion(0)).thenThrow(new UnsatisfiedLinkError(
                "java.lang.UnsatisfiedLinkError: /tmp/libJCudnn-12.6.0-linux-x86_64.so: libcudnn.so.9: cannot open"
                        + " shared object file: No such file or directory"));

        assertThat(provider.availability().detail()).isEqualTo("libcudnn.so.9 not found (install cuDNN 9 for your CUDA,"
                + " e.g. pip install nvidia-cudnn-cu12 or nvidia-cudnn-cu13, or point NST_CUDA_LIBRARY_PATH at its lib"
                + " folder)");
    }

    @Test
    void librariesFoundOnTheSearchPathArePreloadedBeforeTheirBindingsAndReported() {
        aWorkingGpu();
        Path cublas = tree.file("pip/nvidia/cublas/lib/libcublas.so.12");
        tree.file("pip/nvidia/cublas/lib/libcublasLt.so.12");
        Path cudnn = tree.file("pip/nvidia/cudnn/lib/libcudnn.so.9");
        tree.file("pip/nvidia/cudnn/lib/libcudnn_ops.so.9");
        folders.addAll(List.of(cublas, cudnn));
        List<String> events = new ArrayList<>();
        doAnswer(call -> events.add("load " + call.<Path>getArgument(0).getFileName()))
                .when(platform).load(any());
        when(platform.cublasVersion(eq(0), any())).thenAnswer(call -> {
            events.add("cublas bindings");
            return "12.6.4";
        });
        when(platform.cudnnVersion(0)).thenAnswer(call -> {
            events.add("cudnn bindings");
            return "9.5.1";
        });

        Availability availability = provider.availability();

        assertThat(events).containsExactly("load libcublasLt.so.12", "load libcublas.so.12", "cublas bindings",
                "load libcudnn_ops.so.9", "load libcudnn.so.9", "cudnn bindings");
        assertThat(availability.available()).isTrue();
        assertThat(availability.detail()).isEqualTo("NVIDIA H100 80GB HBM3 (compute capability 9.0, 79.2 GiB, 78.2 GiB"
                + " free), driver for CUDA 13.0, CUDA runtime 12.0, cuBLAS 12.6.4, cuDNN 9.5.1 (from " + cublas + ", "
                + cudnn + ")");
    }

    @Test
    void aFoundLibraryThatDoesNotLoadIsNamedWithWhatItLacks() {
        aWorkingGpu();
        Path cublas = tree.file("lib/libcublas.so.12");
        folders.add(cublas);
        doThrow(new UnsatisfiedLinkError(cublas + "/libcublas.so.12: libcublasLt.so.12: cannot open shared object"
                + " file")).when(platform).load(any());

        assertThat(provider.availability().detail()).isEqualTo("cannot load " + cublas.resolve("libcublas.so.12")
                + ": libcublasLt.so.12: cannot open shared object file");
        verify(platform, never()).cublasVersion(anyInt(), any());
    }

    @Test
    void aLibraryThatLoadsButCannotStartIsNamedWithTheCallThatFailed() {
        aWorkingGpu();
        when(platform.cudnnVersion(0)).thenThrow(new CudaCallException("cudnnCreate",
                "CUDNN_STATUS_SUBLIBRARY_LOADING_FAILED"));

        assertThat(provider.availability().detail()).isEqualTo("cuDNN cannot start: cudnnCreate:"
                + " CUDNN_STATUS_SUBLIBRARY_LOADING_FAILED");
    }

    @Test
    void subLibrariesThatDidNotLoadAreNamedWhenCudnnCannotStart() {
        aWorkingGpu();
        Path cudnn = tree.file("lib/libcudnn.so.9");
        tree.file("lib/libcudnn_engines_runtime_compiled.so.9");
        folders.add(cudnn);
        doAnswer(call -> {
            if (call.<Path>getArgument(0).toString().contains("runtime_compiled")) {
                throw new UnsatisfiedLinkError("x: libnvrtc.so.12: cannot open shared object file");
            }
            return null;
        }).when(platform).load(any());
        when(platform.cudnnVersion(0)).thenThrow(new CudaCallException("cudnnCreate", "CUDNN_STATUS_NOT_INITIALIZED"));

        assertThat(provider.availability().detail()).isEqualTo("cuDNN cannot start: cudnnCreate:"
                + " CUDNN_STATUS_NOT_INITIALIZED (not loaded: libcudnn_engines_runtime_compiled.so.9: libnvrtc.so.12:"
                + " cannot open shared object file)");
    }

    @Test
    void theProbeRunsOnceAndItsAnswerIsKept() {
        when(platform.deviceCount()).thenThrow(new CudaCallException("cudaGetDeviceCount", "cudaErrorInsufficientDriver"));

        provider.availability();
        provider.availability();
        assertThatThrownBy(() -> provider.create(BackendOptions.DEFAULT)).isInstanceOf(BackendUnavailableException.class);

        verify(platform, times(1)).deviceCount();
        assertThat(platformsMade).hasValue(1);
    }

    @Test
    void creatingAnUnavailableBackendFailsWithTheReason() {
        when(platform.deviceCount()).thenThrow(new CudaCallException("cudaGetDeviceCount", "cudaErrorInsufficientDriver"));

        assertThatThrownBy(() -> provider.create(BackendOptions.DEFAULT))
                .isInstanceOf(BackendUnavailableException.class)
                .hasMessage("cuda backend unavailable: no NVIDIA driver (cudaGetDeviceCount: cudaErrorInsufficientDriver)");
        verify(platform, never()).open(any(), any());
    }

    @Test
    void anAvailableBackendIsOpenedOnTheProbedDeviceWithTheRequestedPrecision() {
        aWorkingGpu();
        ComputeBackend backend = mock(ComputeBackend.class);
        when(platform.open(any(), any())).thenReturn(backend);

        assertThat(provider.create(new BackendOptions(0, Precision.TF32))).isSameAs(backend);

        verify(platform).open(argThat(d -> d.gpu().equals(H100) && d.device() == 0),
                eq(Precision.TF32));
    }

    @Test
    void aBackendThatCannotStartIsUnavailableSoAutoFallsBack() {
        aWorkingGpu();
        when(platform.open(any(), any())).thenThrow(new CudaCallException("cuModuleLoadData(kernels.ptx)",
                "CUDA_ERROR_INVALID_PTX"));

        assertThatThrownBy(() -> provider.create(BackendOptions.DEFAULT))
                .isInstanceOf(BackendUnavailableException.class)
                .hasMessage("cuda backend cannot start on NVIDIA H100 80GB HBM3: cuModuleLoadData(kernels.ptx):"
                        + " CUDA_ERROR_INVALID_PTX");
    }
}
