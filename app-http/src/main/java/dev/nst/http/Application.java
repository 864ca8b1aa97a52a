package dev.nst.http;

import dev.nst.http.config.ConfigurationRefusedException;
import dev.nst.http.security.ApiKeys;
import io.micronaut.context.env.Environment;
import io.micronaut.runtime.Micronaut;
import java.io.PrintStream;

/**
 * Starts the HTTP service: {@code java -jar nst-http.jar}, on port 8080 unless {@code micronaut.server.port} says
 * otherwise. {@code java -jar nst-http.jar new-key NAME} makes an API key instead and prints how to configure it.
 */
public final class Application {

    private Application() {
    }

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("new-key")) {
            System.exit(newKey(System.out, System.err, args));
        }
        new Micronaut() {
            @Override
            protected void handleStartupException(Environment environment, Throwable failure) {
                for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
                    if (cause instanceof ConfigurationRefusedException refused) {
                        System.err.println("nst-http: " + refused.getMessage());
                        System.exit(2);
                    }
                    if (cause instanceof java.sql.SQLException database) {
                        System.err.println("nst-http: the job database (datasources.default) cannot be used: "
                                + database.getMessage());
                        System.exit(2);
                    }
                }
                super.handleStartupException(environment, failure);
            }
        }.args(args).mainClass(Application.class).banner(false).start();
    }

    /** {@code new-key NAME}: a new random key, shown once, and the setting that makes the server accept it. */
    static int newKey(PrintStream out, PrintStream err, String... args) {
        if (args.length != 2 || !args[1].matches("[a-z0-9]{1,32}")) {
            err.println("usage: java -jar nst-http.jar new-key NAME (NAME: up to 32 lower-case letters and"
                    + " digits, e.g. alice or farm2)");
            return 2;
        }
        String name = args[1];
        String key = ApiKeys.newKey();
        String hash = ApiKeys.sha256Hex(key);
        out.println("API key for " + name + " (give it to them; it is not kept anywhere and cannot be shown again):");
        out.println();
        out.println("  " + key);
        out.println();
        out.println("Configure the server with its SHA-256, in application.yml:");
        out.println();
        out.println("  nst.http.keys." + name + ".sha256: " + hash);
        out.println();
        out.println("or in the environment: NST_HTTP_KEYS_" + name.toUpperCase() + "_SHA256="
                + hash);
        out.println("Limit its running and queued jobs with nst.http.keys." + name + ".max-jobs.");
        return 0;
    }
}
