package io.ggen.ffi.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import picocli.CommandLine;

class StartCommandTest {

    private static StartCommand parse(String... args) {
        StartCommand command = new StartCommand(new GgenHome(Path.of("/opt/ggen")));
        new CommandLine(command).parseArgs(args);
        return command;
    }

    private static Map<String, String> conf() {
        return new HashMap<>(Map.of(StartCommand.HTTP_PORT, "8080", StartCommand.HTTP_HOST, "127.0.0.1",
                StartCommand.CONSOLE_USER, "admin", StartCommand.CONSOLE_PASSWORD, "admin"));
    }

    @Test
    void optionsOverrideTheConfigurationFile() {
        Map<String, String> properties = conf();

        parse("--port", "9090", "--host", "0.0.0.0", "--console-user", "ops", "--no-shell").applyOptions(properties, null);

        assertThat(properties).containsEntry(StartCommand.HTTP_PORT, "9090").containsEntry(StartCommand.HTTP_HOST, "0.0.0.0")
                .containsEntry(StartCommand.CONSOLE_USER, "ops").containsEntry(StartCommand.CONSOLE_PASSWORD, "admin");
    }

    @Test
    void thePasswordComesFromTheEnvironmentUnlessTheOptionIsGiven() {
        Map<String, String> fromEnvironment = conf();
        parse().applyOptions(fromEnvironment, "from-env");
        assertThat(fromEnvironment).containsEntry(StartCommand.CONSOLE_PASSWORD, "from-env");

        Map<String, String> fromOption = conf();
        parse("--console-password", "from-option").applyOptions(fromOption, "from-env");
        assertThat(fromOption).containsEntry(StartCommand.CONSOLE_PASSWORD, "from-option");

        Map<String, String> emptyEnvironment = conf();
        parse().applyOptions(emptyEnvironment, "");
        assertThat(emptyEnvironment).containsEntry(StartCommand.CONSOLE_PASSWORD, "admin");
    }

    @Test
    void withoutOptionsTheFileIsKept() {
        Map<String, String> properties = conf();

        parse().applyOptions(properties, null);

        assertThat(properties).isEqualTo(conf());
    }
}
