package io.ggen.ffi.bridge.rpc.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ggen.ffi.api.BridgeUnavailableException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An isolate's JVM gets the options of the distribution's conf/jvm.options, read as bin/ggen reads them. */
class ProcessIsolatorTest {

    @TempDir
    Path home;

    @Test
    void theOptionsAreTheFilesLinesWithTheHomeFilledIn() throws Exception {
        Files.createDirectories(home.resolve("conf"));
        Files.writeString(home.resolve("conf/jvm.options"), """
            # a comment

            --enable-native-access=ALL-UNNAMED
              -XX:+EnableJVMCI  \n\
            --upgrade-module-path=${GGEN_HOME}/lib/upgrade""");
        assertThat(ProcessIsolator.jvmOptions(home, "javascript")).containsExactly("--enable-native-access=ALL-UNNAMED",
            "-XX:+EnableJVMCI", "--upgrade-module-path=" + home + "/lib/upgrade");
    }

    @Test
    void aDistributionWithoutTheFileIsSaidToBeIncomplete() {
        assertThatThrownBy(() -> ProcessIsolator.jvmOptions(home, "javascript"))
            .isInstanceOf(BridgeUnavailableException.class)
            .hasMessageContaining(home.resolve("conf/jvm.options").toString()).hasMessageContaining("install it again");
    }
}
