package dev.nst.cuda;

import dev.nst.core.port.out.BackendProvider;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs a test class's tests only where the CUDA backend can run; elsewhere each test is reported as skipped with the
 * reason ({@code no usable GPU: cuda unavailable: no NVIDIA driver (...)}). Decided per test rather than for the class
 * so that the build's report counts them, and before any set-up, so nothing tries to open the backend.
 */
final class RequiresGpu implements ExecutionCondition {

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if (context.getTestMethod().isEmpty()) {
            return ConditionEvaluationResult.enabled("decided per test");
        }
        BackendProvider.Availability availability = Gpu.availability();
        return availability.available()
                ? ConditionEvaluationResult.enabled("GPU: " + availability.detail())
                : ConditionEvaluationResult.disabled("no usable GPU: cuda unavailable: " + availability.detail());
    }
}
