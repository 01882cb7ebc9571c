package io.ggen.ffi.runtime.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** The runtime's configuration (PID {@value ForeignRuntimeImpl#PID}), e.g. in {@code deploy/io.ggen.ffi.runtime.cfg}. */
@ObjectClassDefinition(name = "GGen FFI runtime",
    description = "Where modules run by default, and how long a call that its bridge cannot stop is waited for.")
@interface RuntimeConfiguration {

    @AttributeDefinition(name = "Isolated by default",
        description = "Languages, aliases or bridge names whose modules run in an isolate (a child JVM) unless"
            + " a module says isolation=none, e.g. c or jna, graalpy. Empty: every module runs in process unless"
            + " it says isolation=process.")
    String[] isolated() default {};

    @AttributeDefinition(name = "Hard timeout grace (ms)", min = "0",
        description = "How long past its timeout a call of a bridge that cannot cancel is waited for before the"
            + " caller is given a timeout and the call is counted as stuck.")
    long hard_timeout_grace() default 1000;
}
