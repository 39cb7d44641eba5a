package dev.forge.bench.experiments;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MachineDescriptionTest {
    @Test
    void theDriverVersionIsFoundInBothWordingsOfTheNvrmLine() {
        assertThat(MachineDescription.versionIn("NVRM version: NVIDIA UNIX x86_64 Kernel Module  580.159.04  Tue Nov  4"
                + " 2025")).contains("580.159.04");
        // the open kernel modules' wording, which an H200 machine printed as "NVIDIA for" before
        assertThat(MachineDescription.versionIn("NVRM version: NVIDIA UNIX Open Kernel Module for x86_64  580.159.04"
                + "  Release Build  (dvs-builder@U22)")).contains("580.159.04");
        assertThat(MachineDescription.versionIn("NVRM version: unknown")).isEmpty();
    }
}
