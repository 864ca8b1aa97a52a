package dev.nst.cuda;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LinkErrorsTest {

    /** What JCublas2's initialisation throws on a machine without cuBLAS 12 (captured with JCuda 12.6.0). */
    static final String JCUBLAS_WITHOUT_CUBLAS = """
            Error while loading native library "JCublas2-12.6.0-linux-x86_64"
            Operating system name: Linux
            Architecture         : amd64
            Architecture bit size: 64
            ---(start of nested stack traces)---
            Stack trace from the attempt to load the library as a file:
            java.lang.UnsatisfiedLinkError: no JCublas2-12.6.0-linux-x86_64 in java.library.path: /usr/java/packages/lib:/usr/lib
            \tat java.base/java.lang.ClassLoader.loadLibrary(ClassLoader.java:2434)
            \tat jcuda.LibUtils.loadLibrary(LibUtils.java:168)
            Stack trace from the attempt to load the library as a resource:
            java.lang.UnsatisfiedLinkError: /tmp/libJCublas2-12.6.0-linux-x86_64.so: libcublas.so.12: cannot open shared object file: No such file or directory
            \tat java.base/jdk.internal.loader.NativeLibraries.load(Native Method)
            \tat jcuda.jcublas.JCublas2.<clinit>(JCublas2.java:71)
            ---(end of nested stack traces)---
            """;

    @Test
    void findsTheLibraryTheDynamicLinkerMissedInJCudasNestedTraces() {
        assertThat(LinkErrors.missingLibrary(JCUBLAS_WITHOUT_CUBLAS)).contains("libcublas.so.12");
        assertThat(LinkErrors.summary(JCUBLAS_WITHOUT_CUBLAS)).isEqualTo("libcublas.so.12: cannot open shared object file");
    }

    @Test
    void withoutAMissingLibraryTheInnermostLinkErrorIsTheSummary() {
        String message = """
                Error while loading native library "JCudnn-12.6.0-linux-x86_64"
                java.lang.UnsatisfiedLinkError: no JCudnn in java.library.path
                java.lang.UnsatisfiedLinkError: /tmp/libJCudnn.so: undefined symbol: cudnnGetVersion
                """;

        assertThat(LinkErrors.missingLibrary(message)).isEmpty();
        assertThat(LinkErrors.summary(message)).isEqualTo("/tmp/libJCudnn.so: undefined symbol: cudnnGetVersion");
    }

    @Test
    void aPlainMessageIsItsFirstLine() {
        assertThat(LinkErrors.summary("Can't find dependent libraries\nmore")).isEqualTo("Can't find dependent libraries");
        assertThat(LinkErrors.summary(null)).isEqualTo("(no message)");
        assertThat(LinkErrors.missingLibrary(null)).isEmpty();
    }
}
