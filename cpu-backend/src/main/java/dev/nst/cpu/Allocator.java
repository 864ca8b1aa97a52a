package dev.nst.cpu;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;

/** Off-heap float storage, zero-filled, freed explicitly (never left to the garbage collector). */
interface Allocator {

    Block allocate(int floats);

    /** A zero-filled block; {@link #free()} releases it at once. */
    interface Block {
        FloatBuffer buffer();

        void free();
    }

    /** JDK direct buffers, counted against {@code -XX:MaxDirectMemorySize}; used by the pure-Java kernels. */
    Allocator DIRECT = floats -> {
        ByteBuffer bytes = ByteBuffer.allocateDirect(Math.multiplyExact(floats, Float.BYTES)).order(ByteOrder.nativeOrder());
        FloatBuffer buffer = bytes.asFloatBuffer();
        return new Block() {
            @Override
            public FloatBuffer buffer() {
                return buffer;
            }

            @Override
            public void free() {
                DirectBuffers.free(bytes);
            }
        };
    };
}
