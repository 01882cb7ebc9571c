package io.ggen.ffi.api.spi;

import io.ggen.ffi.api.BridgeInfo;
import io.ggen.ffi.api.ModuleSpec;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Runs modules apart from the platform's JVM: the runtime hands it the modules whose
 * {@link ModuleSpec#ISOLATION} is {@link ModuleSpec#PROCESS}, with the bridge that would load
 * them in process, and calls the guest module it returns as it would the bridge's own. The
 * platform's RPC bundle provides one (isolates are child JVMs reached over protocol 1).
 */
@ConsumerType
public interface Isolator {

    /**
     * Loads the spec in an isolate, through the same bridge code that serves it in process.
     *
     * @param spec the module, its isolation option included
     * @param bridge the bridge that serves the spec (its name, bundle and capabilities)
     * @param bridgeLocation the location of the bridge's bundle, which the isolate installs
     * @param context the load's context; cancelled when the load times out
     * @throws io.ggen.ffi.api.ForeignException the isolate does not start or the module does not load in it
     */
    GuestModule load(ModuleSpec spec, BridgeInfo bridge, String bridgeLocation, CallContext context);

    /** What the isolates cost and limit, for listings, e.g. {@code child JVM, heap 512m}. */
    String description();
}
