package dev.nst.core.service;

import dev.nst.core.domain.BackendUnavailableException;
import dev.nst.core.domain.InvalidInputException;
import dev.nst.core.domain.Setting;
import dev.nst.core.port.out.BackendOptions;
import dev.nst.core.port.out.BackendProvider;
import dev.nst.core.port.out.ComputeBackend;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The compute backends on the class path, found with {@link ServiceLoader} (applications never import them), and
 * the rules for choosing one: {@code auto} takes the highest-priority backend that works, with a notice when it had
 * to pass over a better one; a named backend is used or the reason it cannot be is reported. The registry knows
 * backends only by what it finds: it compares no names of its own.
 */
public final class BackendRegistry {

    public static final String AUTO = "auto";
    /** Environment variable and system property that choose the backend when no option does. */
    public static final String ENVIRONMENT_VARIABLE = "NST_BACKEND";
    public static final String SYSTEM_PROPERTY = "nst.backend";

    private final List<BackendProvider> providers;

    public BackendRegistry(List<BackendProvider> providers) {
        this.providers = providers.stream()
                .sorted(Comparator.comparingInt(BackendProvider::priority).reversed())
                .toList();
    }

    public static BackendRegistry discover() {
        List<BackendProvider> found = new ArrayList<>();
        ServiceLoader.load(BackendProvider.class).forEach(found::add);
        return new BackendRegistry(found);
    }

    /**
     * The backend name in effect: the explicit choice if given, else the system property {@code nst.backend}, else
     * {@code NST_BACKEND}, else {@code auto}.
     */
    public static String configuredName(String explicit, Map<String, String> environment, java.util.Properties properties) {
        if (explicit != null && !explicit.isBlank()) {
            return explicit.trim();
        }
        String property = properties.getProperty(SYSTEM_PROPERTY);
        if (property != null && !property.isBlank()) {
            return property.trim();
        }
        String variable = environment.get(ENVIRONMENT_VARIABLE);
        return variable != null && !variable.isBlank() ? variable.trim() : AUTO;
    }

    /** A backend's name, whether it can run here, and why not or on what. */
    public record BackendStatus(String name, boolean available, String detail) {
    }

    /** The chosen backend and, if {@code auto} passed over a better one, a one-line notice saying so. */
    public record Selection(ComputeBackend backend, Optional<String> notice) {
    }

    public List<BackendStatus> describe() {
        List<BackendStatus> statuses = new ArrayList<>();
        for (BackendProvider provider : providers) {
            BackendProvider.Availability availability = provider.availability();
            statuses.add(new BackendStatus(provider.name(), availability.available(), availability.detail()));
        }
        return statuses;
    }

    /**
     * @throws InvalidInputException       for a name that is no backend on the class path
     * @throws BackendUnavailableException when the named backend (or, for auto, every backend) cannot run
     */
    public Selection select(String name, BackendOptions options) {
        String wanted = name.trim().toLowerCase(Locale.ROOT);
        if (wanted.equals(AUTO)) {
            return selectAutomatically(options);
        }
        BackendProvider provider = find(wanted).orElseThrow(() -> new InvalidInputException(Setting.BACKEND,
                "unknown backend '" + name.trim() + "'; choose one of " + choices()));
        BackendProvider.Availability availability = provider.availability();
        if (!availability.available()) {
            throw new BackendUnavailableException(wanted + " backend unavailable: " + availability.detail());
        }
        return new Selection(provider.create(options), Optional.empty());
    }

    private Selection selectAutomatically(BackendOptions options) {
        List<String> passedOver = new ArrayList<>();
        for (BackendProvider provider : providers) {
            BackendProvider.Availability availability = provider.availability();
            if (!availability.available()) {
                passedOver.add(provider.name() + " unavailable (" + availability.detail() + ")");
                continue;
            }
            try {
                ComputeBackend backend = provider.create(options);
                Optional<String> notice = passedOver.isEmpty() ? Optional.empty()
                        : Optional.of(String.join("; ", passedOver) + "; running on " + provider.name());
                return new Selection(backend, notice);
            } catch (BackendUnavailableException e) {
                passedOver.add(provider.name() + " unavailable (" + e.getMessage() + ")");
            }
        }
        throw new BackendUnavailableException(passedOver.isEmpty()
                ? "no compute backend is included in this build"
                : "no compute backend can run here: " + String.join("; ", passedOver));
    }

    private Optional<BackendProvider> find(String name) {
        return providers.stream().filter(p -> p.name().equalsIgnoreCase(name)).findFirst();
    }

    private String choices() {
        Set<String> names = new java.util.TreeSet<>();
        providers.forEach(p -> names.add(p.name()));
        return AUTO + ", " + names.stream().collect(Collectors.joining(", "));
    }
}
