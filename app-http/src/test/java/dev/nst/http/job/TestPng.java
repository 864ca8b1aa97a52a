package dev.nst.http.job;

import java.util.Arrays;

final class TestPng {

    private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    private TestPng() {
    }

    static boolean isPng(byte[] bytes) {
        return bytes.length > SIGNATURE.length && Arrays.equals(Arrays.copyOf(bytes, SIGNATURE.length), SIGNATURE);
    }
}
