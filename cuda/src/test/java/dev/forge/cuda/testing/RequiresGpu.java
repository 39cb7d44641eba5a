package dev.forge.cuda.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a test class or method that needs a CUDA GPU: tagged {@code gpu}, skipped with the reason where there is
 * none, and failed if it leaks device memory, pinned memory, modules or other native resources.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Tag("gpu")
@ExtendWith(GpuAvailableCondition.class)
@ExtendWith(NativeLeakCheck.class)
public @interface RequiresGpu {
}
