package dev.nst.cuda.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The hand-written PTX is what the loader expects and, where NVIDIA's assembler is installed, valid. */
class KernelsPtxTest {

    @TempDir
    Path dir;

    private static String text() {
        byte[] ptx = Kernels.ptx();
        return new String(ptx, 0, ptx.length - 1, StandardCharsets.US_ASCII);
    }

    @Test
    void isNulTerminatedPortablePtxWithTheEntriesTheBackendLaunches() {
        byte[] ptx = Kernels.ptx();

        assertThat(ptx[ptx.length - 1]).isZero();
        assertThat(text()).contains(".version 7.0", ".target sm_52", ".address_size 64",
                ".visible .entry nst_adam_step(", ".visible .entry nst_dot_partials(", ".visible .entry nst_asum_partials(");
    }

    /** ptxas 13 compiles for sm_75 and newer; {@code .target sm_52} PTX compiles for any of them. */
    @ParameterizedTest
    @ValueSource(strings = {"sm_75", "sm_90"})
    void assemblesWithPtxas(String architecture) throws IOException, InterruptedException {
        Path ptxas = onPath("ptxas");
        assumeTrue(ptxas != null, "ptxas is not installed (it comes with the CUDA toolkit); PTX not assembled");
        Path source = Files.writeString(dir.resolve("kernels.ptx"), text());
        Process process = new ProcessBuilder(ptxas.toString(), "-arch=" + architecture, source.toString(), "-o",
                dir.resolve("kernels.cubin").toString()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output).as("ptxas warnings").isEmpty();
    }

    private static Path onPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        return Arrays.stream(path.split(File.pathSeparator)).map(p -> Path.of(p, program))
                .filter(Files::isExecutable).findFirst().orElse(null);
    }
}
