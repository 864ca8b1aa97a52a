package dev.nst.http.job;

/** No job has this id (never had, or it expired). */
public final class UnknownJobException extends RuntimeException {

    public UnknownJobException(String id) {
        super("no transfer with id '" + abbreviate(id) + "' (unknown, or its result expired)");
    }

    private static String abbreviate(String id) {
        String printable = id.replaceAll("[^A-Za-z0-9._-]", "?");
        return printable.length() > 64 ? printable.substring(0, 64) + "..." : printable;
    }
}
