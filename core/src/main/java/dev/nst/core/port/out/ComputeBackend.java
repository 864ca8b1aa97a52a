package dev.nst.core.port.out;

/** Where the numbers are crunched. One backend serves many transfers, each in its own session. */
public interface ComputeBackend extends AutoCloseable {

    /** The name it was selected by, e.g. {@code cpu}. */
    String name();

    /** What it runs on, for users: libraries, instruction set, threads, device. */
    String description();

    /** Whether it has {@code capability}. */
    boolean has(Capability capability);

    /** What the memory plan needs to know about this backend. */
    BackendCapacity capacity();

    /** A workspace for one transfer; everything it allocates is freed when it closes. */
    ComputeSession openSession();

    @Override
    void close();
}
