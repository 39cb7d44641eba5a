package dev.forge.cuda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.forge.cuda.testing.NativeLeakCheck;
import dev.forge.cuda.testing.RequiresGpu;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

/** The leak check must fail a test that forgets to close native resources; these tests plant such leaks. */
class LeakDetectionTest {

    static LeakTracker.Registration plantedRegistration;
    static DeviceBuffer plantedBuffer;

    /** Run only through the test kit below: it leaks on purpose. */
    @ExtendWith(NativeLeakCheck.class)
    static class PlantedLeakExample {
        @Test
        void forgetsToReleaseAResource() {
            plantedRegistration = LeakTracker.register("planted resource", 128, "planted by LeakDetectionTest");
        }

        @Test
        void releasesWhatItRegisters() {
            LeakTracker.register("tidy resource", 64, "released at once").release();
        }
    }

    /** Run only through the test kit below: it leaks device memory on purpose. */
    @RequiresGpu
    static class PlantedDeviceLeakExample {
        @Test
        void forgetsToCloseDeviceMemory() {
            plantedBuffer = Cuda.defaultDevice().allocate(4096);
        }
    }

    private static Events run(Class<?> example) {
        return EngineTestKit.engine("junit-jupiter").selectors(selectClass(example)).execute().testEvents();
    }

    @Test
    void aTestThatLeaksFailsWithTheResourceAndWhereItWasCreated() {
        try {
            Events events = run(PlantedLeakExample.class);
            assertThat(events.succeeded().count()).isEqualTo(1);
            assertThat(events.failed().count()).isEqualTo(1);
            Throwable failure = events.failed().stream().findFirst().orElseThrow()
                    .getPayload(org.junit.platform.engine.TestExecutionResult.class).orElseThrow()
                    .getThrowable().orElseThrow();
            assertThat(failure).isInstanceOf(AssertionError.class)
                    .hasMessageContaining("leaked 1 native resource")
                    .hasMessageContaining("planted resource")
                    .hasMessageContaining("128 bytes")
                    .hasMessageContaining("PlantedLeakExample.forgetsToReleaseAResource");
        } finally {
            if (plantedRegistration != null) {
                plantedRegistration.release();
            }
        }
    }

    @Test
    @RequiresGpu
    void aTestThatLeaksDeviceMemoryFails() {
        try {
            Events events = run(PlantedDeviceLeakExample.class);
            assertThat(events.failed().count()).isEqualTo(1);
            Throwable failure = events.failed().stream().findFirst().orElseThrow()
                    .getPayload(org.junit.platform.engine.TestExecutionResult.class).orElseThrow()
                    .getThrowable().orElseThrow();
            assertThat(failure).hasMessageContaining("device memory").hasMessageContaining("4096 bytes");
        } finally {
            if (plantedBuffer != null) {
                plantedBuffer.close();
            }
        }
    }
}
