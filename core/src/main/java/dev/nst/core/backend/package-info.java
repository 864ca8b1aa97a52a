/**
 * What every compute backend shares, so that a backend writes only its kernels: the plan of the network for an input
 * size ({@link dev.nst.core.backend.NetworkLayout}: which ReLU fuses into which convolution, the shapes, the two
 * gradient arenas of the backward pass, the element limit), the network that runs a backend's
 * {@link dev.nst.core.backend.NetworkPlan} step by step ({@link dev.nst.core.backend.PlannedNetwork}: the plan kept
 * per input size, the checks, "replace or add" gradient injection), tensor scopes
 * ({@link dev.nst.core.backend.OwningScope}) and native resources freed together
 * ({@link dev.nst.core.backend.Resources}). JDK only; the core's service never uses it, backends do.
 */
package dev.nst.core.backend;
