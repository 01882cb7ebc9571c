package io.ggen.ffi.api.spi;

import io.ggen.ffi.api.ForeignValue;
import io.ggen.ffi.api.ModuleSpec;
import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/** One call on its way through the pipeline. */
@ProviderType
public interface Invocation {

    /** The bridge's {@code bridge.name}. */
    String bridgeName();

    String language();

    ModuleSpec module();

    String function();

    List<ForeignValue> args();

    CallContext context();
}
