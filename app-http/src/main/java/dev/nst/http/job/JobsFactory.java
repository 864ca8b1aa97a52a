package dev.nst.http.job;

import dev.nst.http.config.ConfigurationRefusedException;
import dev.nst.http.config.StoreProperties;
import dev.nst.http.engine.TransferEngine;
import dev.nst.http.job.postgres.PostgresJobs;
import io.micronaut.context.BeanProvider;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * Wires the jobs: by default to the engine and a folder under the data directory ({@link TransferJobs}); with
 * {@code nst.http.store=postgres} to the shared database ({@link ClusterJobs}), with a {@link ClusterWorker} on every
 * node whose role is not {@code api}.
 */
@Factory
final class JobsFactory {

    /**
     * Created at start-up, so that jobs a restart interrupted are recorded before the first request. It takes the
     * store's settings only to have them checked: a misspelt store, or a role without a job database, stops start-up.
     */
    @Context
    @Bean(preDestroy = "close")
    @Requires(property = "nst.http.store", notEquals = "postgres")
    TransferJobs transferJobs(TransferEngine engine, JobSettings settings, JsonMapper json, StoreProperties store) {
        return new TransferJobs(engine::useCase, engine.exclusiveDevice(), engine.threadsPerJob(), admission(engine),
                new JobStore(settings.dataDir().resolve("jobs"), json, settings.minFreeSpace()), settings,
                Clock.systemUTC());
    }

    /** The job database, its schema brought up to date by Flyway before anything uses it. */
    @Singleton
    @Requires(property = "nst.http.store", value = "postgres")
    PostgresJobs postgresJobs(BeanProvider<DataSource> database, JsonMapper json) {
        if (!database.isPresent()) {
            throw new ConfigurationRefusedException("nst.http.store=postgres needs its database: set"
                    + " datasources.default.url (jdbc:postgresql://HOST:5432/DATABASE), datasources.default.username"
                    + " and datasources.default.password");
        }
        DataSource source = database.get();
        try {
            Flyway.configure().dataSource(source).locations("classpath:db/migration").load().migrate();
        } catch (RuntimeException e) {
            Throwable cause = e;
            while (cause.getCause() != null) {
                cause = cause.getCause();
            }
            throw new ConfigurationRefusedException("the job database (datasources.default) cannot be used: "
                    + cause.getMessage());
        }
        return new PostgresJobs(source, json);
    }

    @Context
    @Requires(property = "nst.http.store", value = "postgres")
    ClusterJobs clusterJobs(PostgresJobs store, TransferEngine engine, JobSettings settings, StoreProperties cluster) {
        return new ClusterJobs(store, admission(engine), settings, cluster.maxAttempts(), cluster.poll(),
                cluster.lease().multipliedBy(3));
    }

    @Context
    @Bean(preDestroy = "close")
    @Requires(property = "nst.http.store", value = "postgres")
    @Requires(property = "nst.http.role", notEquals = "api")
    ClusterWorker clusterWorker(PostgresJobs store, TransferEngine engine, CommandReader reader, JobSettings settings,
                                StoreProperties cluster) {
        int cores = Runtime.getRuntime().availableProcessors();
        int slots = engine.exclusiveDevice() ? 1 : settings.workers() > 0 ? settings.workers()
                : Math.max(1, cores / Math.max(1, engine.threadsPerJob()));
        String host = hostName();
        ClusterWorker.WorkerSettings worker = new ClusterWorker.WorkerSettings(host + "-" + ProcessHandle.current().pid()
                + "-" + UUID.randomUUID().toString().substring(0, 8), host, engine.status().detail(), slots,
                cluster.lease(), cluster.poll());
        return new ClusterWorker(store, engine::useCase, reader, admission(engine), settings, worker).start();
    }

    private static MemoryAdmission admission(TransferEngine engine) {
        return engine.exclusiveDevice() ? MemoryAdmission.unlimited()
                : new MemoryAdmission(engine::planner, engine.jobMemoryBytes(), engine.memory().maxHeapBytes());
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown-host";
        }
    }
}
