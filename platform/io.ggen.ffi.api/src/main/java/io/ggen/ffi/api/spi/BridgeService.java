package io.ggen.ffi.api.spi;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.osgi.service.component.annotations.ComponentPropertyType;

/**
 * The service properties of a {@link ForeignBridge} component, checked by the compiler instead of
 * written as strings: {@code bridge.language}, {@code bridge.name} and {@code bridge.aliases}.
 * Rank the bridge with the standard {@code @ServiceRanking} of
 * {@code org.osgi.service.component.propertytypes}.
 *
 * <pre>{@code
 * @Component(service = ForeignBridge.class)
 * @BridgeService(language = "lua", name = "luaj", aliases = "luajit")
 * @ServiceRanking(100)
 * public final class LuajBridge implements ForeignBridge { ... }
 * }</pre>
 *
 * @since 1.1
 */
@ComponentPropertyType
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface BridgeService {

    /** Maps the elements to {@code bridge.*} properties. */
    String PREFIX_ = "bridge.";

    /** {@value ForeignBridge#LANGUAGE}: the language id, lower case, e.g. {@code lua}. */
    String language();

    /** {@value ForeignBridge#NAME}: the bridge's name, unique per language, e.g. {@code luaj}. */
    String name();

    /** {@value ForeignBridge#ALIASES}: other language ids it serves, e.g. {@code luajit}. */
    String[] aliases() default {};
}
