package dev.nst.core.domain;

/** The memories a transfer's plan must fit. */
public enum MemoryKind {
    /** The machine's memory, which the whole process (JVM, native libraries, host tensors) uses. */
    HOST("memory"),
    /** The backend's device (a GPU's memory), where its tensors live. */
    DEVICE("device memory"),
    /** The JVM's heap, which holds the pictures and the weights as read (limited by {@code -Xmx}). */
    JAVA_HEAP("Java heap");

    private final String label;

    MemoryKind(String label) {
        this.label = label;
    }

    /** A neutral name, e.g. {@code device memory}. */
    public String label() {
        return label;
    }
}
