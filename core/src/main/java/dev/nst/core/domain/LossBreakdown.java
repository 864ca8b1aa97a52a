package dev.nst.core.domain;

/** The weighted terms of the objective at one image. {@link #total()} is what the optimiser minimises. */
public record LossBreakdown(double content, double style, double tv) {

    public double total() {
        return content + style + tv;
    }
}
