package io.ggen.ffi.memory.internal;

import static org.mockito.Mockito.mockingDetails;

import java.util.Arrays;
import java.util.List;
import org.osgi.service.log.Logger;

/** What a mocked OSGi {@link Logger} was told, as {@code "level: argument, argument"} lines. */
final class Logged {

    private Logged() {
    }

    static List<String> lines(Logger logger) {
        return mockingDetails(logger).getInvocations().stream()
            .map(call -> call.getMethod().getName() + ": " + Arrays.toString(call.getArguments()))
            .toList();
    }
}
