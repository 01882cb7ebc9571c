package io.ggen.ffi.runtime.internal;

import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.ggen.ffi.api.spi.ForeignBridge;
import java.util.HashMap;
import java.util.Map;
import org.osgi.framework.Bundle;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.Version;

/** The service reference a bridge is registered with, as the runtime's tests hand it to {@code addBridge}. */
final class BridgeReferences {

    private BridgeReferences() {
    }

    /**
     * A reference of bundle {@code symbolicName} 1.0.0 (location {@code file:/deploy/NAME.jar}) with the
     * bridge's language and name, the service id and these further properties (ranking, aliases...).
     */
    @SuppressWarnings("unchecked")
    static ServiceReference<ForeignBridge> reference(String symbolicName, String language, String name, long serviceId,
                                                     Map<String, Object> more) {
        ServiceReference<ForeignBridge> ref = mock(ServiceReference.class);
        Bundle bundle = mock(Bundle.class);
        when(bundle.getSymbolicName()).thenReturn(symbolicName);
        when(bundle.getVersion()).thenReturn(new Version(1, 0, 0));
        when(bundle.getLocation()).thenReturn("file:/deploy/" + name + ".jar");
        when(ref.getBundle()).thenReturn(bundle);
        Map<String, Object> props = new HashMap<>(more);
        props.put(ForeignBridge.LANGUAGE, language);
        props.put(ForeignBridge.NAME, name);
        props.put(Constants.SERVICE_ID, serviceId);
        props.forEach((k, v) -> when(ref.getProperty(k)).thenReturn(v));
        return ref;
    }

    /** {@link #reference(String, String, String, long, Map)} with no further properties. */
    static ServiceReference<ForeignBridge> reference(String symbolicName, String language, String name, long serviceId) {
        return reference(symbolicName, language, name, serviceId, Map.of());
    }
}
