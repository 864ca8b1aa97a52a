package dev.nst.core.domain;

import java.util.Locale;

/** How the 2x2 stride-2 pooling layers reduce: {@code max} (the network as trained) or {@code avg} (as in Gatys et al.). */
public enum Pooling {
    MAX, AVG;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Pooling parse(String id) {
        return switch (id.trim().toLowerCase(Locale.ROOT)) {
            case "max" -> MAX;
            case "avg", "average" -> AVG;
            default -> throw new InvalidInputException(Setting.POOLING, "unknown pooling '" + id + "'; use max or avg");
        };
    }
}
