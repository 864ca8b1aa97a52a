package dev.nst.cpu;

import java.util.ArrayDeque;
import java.util.Deque;
import org.bytedeco.javacpp.Pointer;

/** Native objects (primitives, memories, argument maps) released together, newest first. */
final class NativeResources implements AutoCloseable {

    private final Deque<Pointer> pointers = new ArrayDeque<>();

    <T extends Pointer> T own(T pointer) {
        pointers.push(pointer);
        return pointer;
    }

    @Override
    public void close() {
        while (!pointers.isEmpty()) {
            pointers.pop().close();
        }
    }
}
