package io.ggen.ffi.api.spi;

/**
 * What a bridge can do beyond plain calls.
 *
 * @param nativeBatching {@link GuestFunction#callBatch} crosses into the language once per batch
 * @param cancellation it stops running foreign work when a call times out or is cancelled
 * @param isolation each module runs apart from the others (its own context, process or library)
 * @param handles it returns foreign objects as handles whose members can be called
 */
public record BridgeCapabilities(boolean nativeBatching, boolean cancellation, boolean isolation,
                                 boolean handles) {

    /** None of the extras. */
    public static final BridgeCapabilities NONE = new BridgeCapabilities(false, false, false, false);
}
