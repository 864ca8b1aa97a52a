package dev.nst.http.job.postgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Assumptions;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A real PostgreSQL server for the tests: Debian's {@code postgresql} package, a throw-away cluster in a temporary
 * folder on a free port of 127.0.0.1 (trust authentication, no fsync), started once per test JVM and stopped when it
 * ends. Each caller gets a database of its own, migrated by the service's own Flyway scripts. Run as root (as in CI),
 * the cluster belongs to the {@code postgres} user the package creates.
 */
public final class PostgresServer {

    public static final String MISSING = "PostgreSQL is not installed: apt-get install -y postgresql (.ci/run does)";
    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static PostgresServer shared;

    private final Path bin;
    private final Path data;
    private final int port;
    private final boolean asPostgresUser;

    private PostgresServer(Path bin, Path data, int port, boolean asPostgresUser) {
        this.bin = bin;
        this.data = data;
        this.port = port;
        this.asPostgresUser = asPostgresUser;
    }

    /** The server of this JVM, started on first use; the test is skipped, saying why, where there is none. */
    public static synchronized PostgresServer get() {
        if (shared == null) {
            Optional<Path> bin = binaries();
            Assumptions.assumeTrue(bin.isPresent(), MISSING);
            try {
                shared = start(bin.get());
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException("cannot start PostgreSQL for the tests", e);
            }
            PostgresServer server = shared;
            Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
        }
        return shared;
    }

    public int port() {
        return port;
    }

    /** A new, empty database with the service's schema; its JDBC URL. */
    public String newDatabase() {
        String name = "nst_test_" + ProcessHandle.current().pid() + "_" + DATABASES.incrementAndGet();
        try (Connection admin = DriverManager.getConnection(url("postgres"), "postgres", "");
             Statement create = admin.createStatement()) {
            create.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + name, e);
        }
        Flyway.configure().dataSource(url(name), "postgres", "").locations("classpath:db/migration").load().migrate();
        return url(name);
    }

    public static DataSource dataSource(String url) {
        PGSimpleDataSource source = new PGSimpleDataSource();
        source.setUrl(url);
        source.setUser("postgres");
        return source;
    }

    private String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    private static Optional<Path> binaries() {
        Path root = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(root)) {
            return Optional.empty();
        }
        try (Stream<Path> versions = Files.list(root)) {
            return versions.map(v -> v.resolve("bin")).filter(b -> Files.isExecutable(b.resolve("initdb")))
                    .max(Comparator.comparing(Path::toString));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static PostgresServer start(Path bin) throws IOException, InterruptedException {
        boolean root = "root".equals(System.getProperty("user.name"));
        Path folder = Files.createTempDirectory("nst-postgres");
        Path data = folder.resolve("data");
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        PostgresServer server = new PostgresServer(bin, data, port, root);
        if (root) {
            run(List.of("chown", "-R", "postgres:postgres", folder.toString()), false);
        }
        server.run(List.of(bin.resolve("initdb").toString(), "-D", data.toString(), "-U", "postgres",
                "--auth=trust", "-E", "UTF8", "--no-sync"));
        server.run(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-w", "-t", "60", "-l",
                folder.resolve("server.log").toString(), "-o", "-p " + port + " -k " + folder
                        + " -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off"
                        + " -c full_page_writes=off -c max_connections=200", "start"));
        return server;
    }

    private void stop() {
        try {
            run(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", "immediate", "stop"));
        } catch (IOException | InterruptedException | RuntimeException e) {
            System.err.println("could not stop the test PostgreSQL: " + e);
        }
    }

    private void run(List<String> command) throws IOException, InterruptedException {
        run(command, asPostgresUser);
    }

    private static void run(List<String> command, boolean asPostgresUser) throws IOException, InterruptedException {
        List<String> line = new ArrayList<>();
        if (asPostgresUser) {
            line.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        line.addAll(command);
        Process process = new ProcessBuilder(line).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new UncheckedIOException(new IOException(String.join(" ", line) + " failed: " + output));
        }
    }
}
