package dev.nst.cpu;

import dev.nst.core.backend.NetworkKernels;
import dev.nst.core.domain.Pooling;
import dev.nst.core.domain.Vgg19Weights;
import java.nio.FloatBuffer;
import java.util.List;
import java.util.Optional;
import org.bytedeco.dnnl.dnnl_version_t;
import org.bytedeco.dnnl.engine;
import org.bytedeco.dnnl.global.dnnl;
import org.bytedeco.dnnl.stream;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.javacpp.Pointer;

/**
 * oneDNN (Intel's deep-learning kernels, the library PyTorch uses on CPUs) loaded through JavaCPP: JIT-compiled
 * convolution, pooling and ReLU kernels for the running CPU's instruction set, and SGEMM.
 */
final class DnnlKernels implements CpuKernels {

    private static final List<String> JNI_LIBRARY_FILES = List.of("libjnidnnl.so", "libjnidnnl.dylib", "jnidnnl.dll");

    private final engine engine;
    private final stream stream;
    private final int threads;
    private final Optional<OpenMp> openMp;
    private final String description;
    private final DnnlGemm gemm;

    private DnnlKernels(engine engine, stream stream, int threads, Optional<OpenMp> openMp, String description) {
        this.engine = engine;
        this.stream = stream;
        this.threads = threads;
        this.openMp = openMp;
        this.description = description;
        this.gemm = new DnnlGemm(this);
    }

    /** The JavaCPP platform name of this machine, e.g. {@code linux-x86_64}. */
    static String platform() {
        return Loader.getPlatform();
    }

    /** The platform if this build bundles oneDNN's native libraries for it (checked without loading them). */
    static Optional<String> bundledFor() {
        String platform = platform();
        ClassLoader loader = DnnlKernels.class.getClassLoader();
        return JNI_LIBRARY_FILES.stream()
                .anyMatch(file -> loader.getResource("org/bytedeco/dnnl/" + platform + "/" + file) != null)
                ? Optional.of(platform) : Optional.empty();
    }

    /**
     * Loads the native libraries (extracted by JavaCPP to its cache on first use) and creates the CPU engine.
     *
     * @throws LinkageError when the libraries cannot load on this machine
     */
    static DnnlKernels load(int threads) {
        // Off-heap buffers are freed explicitly; JavaCPP need not cap them at the Java heap size or call System.gc().
        setIfAbsent("org.bytedeco.javacpp.maxBytes", "0");
        setIfAbsent("org.bytedeco.javacpp.maxPhysicalBytes", "0");
        Loader.load(dnnl.class);
        Optional<OpenMp> openMp = OpenMp.find(Loader.getLoadedLibraries());
        openMp.ifPresent(omp -> omp.use(threads));
        engine engine = new engine(org.bytedeco.dnnl.engine.kind.cpu, 0);
        stream stream = new stream(engine);
        dnnl_version_t version = dnnl.dnnl_version();
        String isa = String.valueOf(dnnl.get_effective_cpu_isa()).replace("dnnl_cpu_isa_", "");
        String description = "oneDNN " + version.major() + "." + version.minor() + "." + version.patch() + " (" + isa + ")"
                + (openMp.isPresent() ? "" : ", OpenMP threads not adjustable");
        return new DnnlKernels(engine, stream, threads, openMp, description);
    }

    private static void setIfAbsent(String property, String value) {
        if (System.getProperty(property) == null) {
            System.setProperty(property, value);
        }
    }

    /** Makes oneDNN use the configured number of threads for work started from the calling thread. */
    void useThreads() {
        openMp.ifPresent(omp -> omp.use(threads));
    }

    engine engine() {
        return engine;
    }

    stream stream() {
        return stream;
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public Allocator allocator() {
        return floats -> {
            FloatPointer pointer = new FloatPointer(floats);
            Pointer.memset(pointer, 0, (long) floats * Float.BYTES);
            FloatBuffer buffer = pointer.asBuffer();
            return new Allocator.Block() {
                @Override
                public FloatBuffer buffer() {
                    return buffer;
                }

                @Override
                public void free() {
                    pointer.deallocate();
                }
            };
        };
    }

    @Override
    public Gemm gemm() {
        return gemm;
    }

    @Override
    public NetworkKernels network(CpuSession session, Vgg19Weights weights, Pooling pooling) {
        return new DnnlNetworkKernels(this, session, weights, pooling);
    }

    @Override
    public void close() {
        stream.close();
        engine.close();
    }
}
