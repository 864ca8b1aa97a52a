package dev.nst.core.port.in;

/**
 * Plans a transfer before it runs: the memory it will need on the host and the device, the tiles and L-BFGS history
 * chosen where the settings leave them to it, the time per iteration, and whether it fits what the machine has.
 * {@link TransferStyleUseCase#transfer} runs the same plan first and refuses a transfer that does not fit.
 */
public interface PlanTransferUseCase {

    /** The plan; never throws for lack of memory (the plan says so). */
    TransferPlan plan(PlanTransferQuery query);
}
