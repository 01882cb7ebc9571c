package io.ggen.ffi.api.spi;

import io.ggen.ffi.api.ForeignValue;
import io.ggen.ffi.api.ModuleSpec;
import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/** One call on its way through the pipeline. */
@ProviderType
public interface Invocation {

    /** The function called: bridge, module and name; the same instance for every call to it. */
    FunctionId functionId();

    String language();

    ModuleSpec module();

    List<ForeignValue> args();

    CallContext context();
}
