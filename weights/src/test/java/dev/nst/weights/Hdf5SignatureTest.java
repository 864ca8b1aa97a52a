package dev.nst.weights;

import static dev.nst.weights.KerasFixtures.fixture;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Hdf5SignatureTest {

    @TempDir
    Path temp;

    @Test
    void findsTheSignatureAtTheStart() throws IOException {
        assertThat(Hdf5Signature.isPresentIn(fixture("vgg19_old_names.h5"))).isTrue();
    }

    @Test
    void findsTheSignatureAfterAUserBlock() throws IOException {
        Path file = fixture("vgg19_block1_user_block.h5");

        assertThat(Files.readAllBytes(file)[0]).isNotEqualTo((byte) 0x89);
        assertThat(Hdf5Signature.isPresentIn(file)).isTrue();
    }

    @Test
    void ignoresTheSignatureWhereHdf5NeverPutsIt() throws IOException {
        byte[] bytes = new byte[4096];
        System.arraycopy(Files.readAllBytes(fixture("not_keras.h5")), 0, bytes, 700, 8);

        assertThat(Hdf5Signature.isPresentIn(Files.write(temp.resolve("shifted.h5"), bytes))).isFalse();
    }

    @Test
    void rejectsOtherFilesIncludingEmptyAndTinyOnes() throws IOException {
        Path zip = Files.writeString(temp.resolve("weights.pth"), "PK\u0003\u0004 a torch checkpoint is a zip");
        Path empty = Files.write(temp.resolve("empty.h5"), new byte[0]);
        Path halfASignature = Files.write(temp.resolve("short.h5"), new byte[] {(byte) 0x89, 'H', 'D', 'F'});

        assertThat(Hdf5Signature.isPresentIn(zip)).isFalse();
        assertThat(Hdf5Signature.isPresentIn(empty)).isFalse();
        assertThat(Hdf5Signature.isPresentIn(halfASignature)).isFalse();
    }
}
