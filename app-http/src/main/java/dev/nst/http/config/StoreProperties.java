package dev.nst.http.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * Where jobs are kept and who runs them, under {@code nst.http.*}.
 *
 * @param store       {@code embedded} (this process: records and results on local disk, an in-process queue) or
 *                    {@code postgres} (jobs, uploads, previews and results in the database of
 *                    {@code datasources.default.*}, shared by every node)
 * @param role        with {@code postgres}: {@code all} (API and worker), {@code api} (takes and serves requests,
 *                    runs nothing) or {@code worker} (runs jobs, serves only the page and {@code /health})
 * @param maxAttempts runs a job gets when its worker stops during each (then it fails, saying so)
 * @param lease       how long a worker holds a job without renewing (it renews every third of it)
 * @param poll        how often an idle worker looks for a job, and an event stream for news
 */
@ConfigurationProperties("nst.http")
public record StoreProperties(
        @Bindable(defaultValue = "embedded") String store,
        @Bindable(defaultValue = "all") String role,
        @Bindable(defaultValue = "3") int maxAttempts,
        @Bindable(defaultValue = "30s") Duration lease,
        @Bindable(defaultValue = "250ms") Duration poll) {

    public StoreProperties {
        if (!store.equals("embedded") && !store.equals("postgres")) {
            throw new ConfigurationRefusedException("nst.http.store must be embedded or postgres, got '" + store + "'");
        }
        if (!role.equals("all") && !role.equals("api") && !role.equals("worker")) {
            throw new ConfigurationRefusedException("nst.http.role must be all, api or worker, got '" + role + "'");
        }
        if (store.equals("embedded") && !role.equals("all")) {
            throw new ConfigurationRefusedException("nst.http.role=" + role + " needs nst.http.store=postgres: an"
                    + " embedded store is one process, API and worker at once");
        }
        if (maxAttempts < 1) {
            throw new ConfigurationRefusedException("nst.http.max-attempts must be 1 or more, got " + maxAttempts);
        }
        if (lease.toMillis() < 300 || poll.isNegative() || poll.isZero()) {
            throw new ConfigurationRefusedException("nst.http.lease must be at least 300ms and nst.http.poll"
                    + " positive");
        }
    }
}
