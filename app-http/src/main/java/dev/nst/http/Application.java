package dev.nst.http;

import io.micronaut.runtime.Micronaut;

/** Starts the HTTP service: {@code java -jar nst-http.jar}, on port 8080 unless {@code micronaut.server.port} says otherwise. */
public final class Application {

    private Application() {
    }

    public static void main(String[] args) {
        Micronaut.build(args).mainClass(Application.class).banner(false).start();
    }
}
