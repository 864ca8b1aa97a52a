package dev.nst.weights;

/** The outcome of re-hashing one cached file against its record. */
public record Verification(CachedWeights entry, Status status, String actualSha256) {

    public enum Status {
        /** The file has the SHA-256 recorded when it was written. */
        OK,
        /** The file changed since it was recorded. */
        MISMATCH,
        /** There is no record to compare with. */
        UNRECORDED
    }
}
