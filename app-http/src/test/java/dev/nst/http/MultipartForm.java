package dev.nst.http;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A multipart/form-data body written by hand, for tests that talk to a server in another process with the JDK's
 * HTTP client (which has no form support).
 */
public final class MultipartForm {

    private static final String BOUNDARY = "nst-test-form";

    private final ByteArrayOutputStream body = new ByteArrayOutputStream();

    public MultipartForm file(String name, String filename, byte[] bytes) {
        write("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + name + "\"; filename=\"" + filename
                + "\"\r\nContent-Type: image/png\r\n\r\n");
        body.writeBytes(bytes);
        write("\r\n");
        return this;
    }

    public MultipartForm text(String name, String value) {
        write("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n");
        return this;
    }

    /** The value of the request's Content-Type header. */
    public static String contentType() {
        return "multipart/form-data; boundary=" + BOUNDARY;
    }

    /** The whole body, closing boundary included. */
    public byte[] bytes() {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        all.writeBytes(body.toByteArray());
        all.writeBytes(("--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        return all.toByteArray();
    }

    private void write(String text) {
        body.writeBytes(text.getBytes(StandardCharsets.US_ASCII));
    }
}
