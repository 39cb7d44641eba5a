package dev.forge.cuda.compile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import org.junit.jupiter.api.Test;

class KernelSourceTest {

    @Test
    void aShippedKernelBringsTheHeadersItIncludes() {
        KernelSource source = KernelSource.fromResource(KernelSourceTest.class, "/kernels/test_kernels.cu");
        assertThat(source.name()).isEqualTo("test_kernels.cu");
        assertThat(source.code()).contains("echo_arguments");
        assertThat(source.headers()).containsOnlyKeys("test_argument_pack.cuh");
        assertThat(source.headers().get("test_argument_pack.cuh")).contains("struct ArgumentPack");
    }

    @Test
    void aMissingKernelFileIsNamed() {
        assertThatThrownBy(() -> KernelSource.fromResource(KernelSourceTest.class, "/kernels/nothing.cu"))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("/kernels/nothing.cu");
    }

    @Test
    void optionsAndNameExpressionsAccumulate() {
        KernelSource source = KernelSource.of("x.cu", "code").withOptions("-DA=1").withOptions("-DB=2")
                .withNameExpressions("f<int>");
        assertThat(source.options()).containsExactly("-DA=1", "-DB=2");
        assertThat(source.nameExpressions()).containsExactly("f<int>");
        assertThat(source.prebuilt()).isEmpty();
    }
}
