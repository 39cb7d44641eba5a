package dev.forge.cuda.testing;

import dev.forge.cuda.Cuda;
import dev.forge.cuda.CudaStatus;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/** Skips GPU tests, saying why, on a machine where CUDA cannot be used. */
public final class GpuAvailableCondition implements ExecutionCondition {
    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        CudaStatus status = Cuda.status();
        return status.available()
                ? ConditionEvaluationResult.enabled("CUDA device found")
                : ConditionEvaluationResult.disabled("GPU test skipped: " + status.reason());
    }
}
