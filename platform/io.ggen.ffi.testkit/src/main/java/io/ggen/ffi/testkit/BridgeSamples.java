package io.ggen.ffi.testkit;

import io.ggen.ffi.api.ForeignValue;
import io.ggen.ffi.api.ModuleSpec;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The small modules in a bridge's language that {@link BridgeContract} calls: what a bridge
 * project writes once. Most languages hold every sample function in one module:
 *
 * <pre>{@code
 * BridgeSamples.in(ModuleSpec.code("javascript", """
 *         function echo(x) { return x; }
 *         function add(a, b) { return a + b; }
 *         function fail(m) { throw new TypeError(m); }
 *         function spin() { for (;;) {} }
 *         """))
 *     .echo("echo", ValueKind.NULL, ValueKind.BOOLEAN, ValueKind.INT32, ValueKind.STRING)
 *     .add("add")
 *     .error("fail", "TypeError", "boom", ForeignValue.of("boom")).withFrames()
 *     .spin("spin");
 * }</pre>
 *
 * Every method that names a function has a variant that takes the function's own module.
 */
public final class BridgeSamples {

    /**
     * A function of a module, called with these arguments.
     *
     * @param module the module that holds it
     * @param function its name
     * @param args the arguments it is called with (none for echo and add, which take the contract's)
     */
    public record Sample(ModuleSpec module, String function, List<ForeignValue> args) {

        public Sample {
            Objects.requireNonNull(module, "module");
            Objects.requireNonNull(function, "function");
            args = List.copyOf(args);
        }
    }

    /**
     * What the error sample must raise.
     *
     * @param sample the function that raises it
     * @param foreignType the language's name of the error, e.g. {@code TypeError}
     * @param messagePart a part of its message
     * @param frames whether the error carries the language's stack frames
     */
    public record ErrorSample(Sample sample, String foreignType, String messagePart, boolean frames) {
    }

    private final ModuleSpec module;
    private Sample echo;
    private Set<ValueKind> kinds = EnumSet.noneOf(ValueKind.class);
    private Sample add;
    private ErrorSample error;
    private Sample spin;
    private Sample handle;
    private ModuleSpec malformed;

    private BridgeSamples(ModuleSpec module) {
        this.module = Objects.requireNonNull(module, "module");
    }

    /** Samples whose functions are in this module, unless a method names another. */
    public static BridgeSamples in(ModuleSpec module) {
        return new BridgeSamples(module);
    }

    /** A function that returns its one argument; it must give back every value of these kinds unchanged. */
    public BridgeSamples echo(String function, ValueKind... kinds) {
        return echo(module, function, kinds);
    }

    /** {@link #echo(String, ValueKind...)} in a module of its own. */
    public BridgeSamples echo(ModuleSpec module, String function, ValueKind... kinds) {
        if (kinds.length == 0) {
            throw new IllegalArgumentException("echo needs the value kinds it gives back, at least one");
        }
        this.echo = new Sample(module, function, List.of());
        this.kinds = EnumSet.copyOf(List.of(kinds));
        return this;
    }

    /** A function that adds two integers ({@code add(40, 2)} is 42). */
    public BridgeSamples add(String function) {
        return add(module, function);
    }

    /** {@link #add(String)} in a module of its own. */
    public BridgeSamples add(ModuleSpec module, String function) {
        this.add = new Sample(module, function, List.of());
        return this;
    }

    /** A function that, called with these arguments, raises an error of the language. */
    public BridgeSamples error(String function, String foreignType, String messagePart, ForeignValue... args) {
        return error(module, function, foreignType, messagePart, args);
    }

    /** {@link #error(String, String, String, ForeignValue...)} in a module of its own. */
    public BridgeSamples error(ModuleSpec module, String function, String foreignType, String messagePart,
                               ForeignValue... args) {
        this.error = new ErrorSample(new Sample(module, function, List.of(args)), foreignType, messagePart, false);
        return this;
    }

    /** The error sample's error carries the language's stack frames: at least one. */
    public BridgeSamples withFrames() {
        if (error == null) {
            throw new IllegalStateException("name the error sample before withFrames()");
        }
        this.error = new ErrorSample(error.sample(), error.foreignType(), error.messagePart(), true);
        return this;
    }

    /** A function that never returns; a bridge that declares cancellation must stop it. */
    public BridgeSamples spin(String function) {
        return spin(module, function);
    }

    /** {@link #spin(String)} in a module of its own. */
    public BridgeSamples spin(ModuleSpec module, String function) {
        this.spin = new Sample(module, function, List.of());
        return this;
    }

    /** A function that returns a handle; a bridge that declares handles must return one here. */
    public BridgeSamples handle(String function, ForeignValue... args) {
        return handle(module, function, args);
    }

    /** {@link #handle(String, ForeignValue...)} in a module of its own. */
    public BridgeSamples handle(ModuleSpec module, String function, ForeignValue... args) {
        this.handle = new Sample(module, function, List.of(args));
        return this;
    }

    /** A module that must not load (a syntax error, a broken binary): loading it throws a typed error. */
    public BridgeSamples malformed(ModuleSpec module) {
        this.malformed = module;
        return this;
    }

    Sample echoSample() {
        return required(echo, "echo");
    }

    Set<ValueKind> kinds() {
        return kinds;
    }

    Sample addSample() {
        return required(add, "add");
    }

    ErrorSample errorSample() {
        return required(error, "error");
    }

    Optional<Sample> spinSample() {
        return Optional.ofNullable(spin);
    }

    Optional<Sample> handleSample() {
        return Optional.ofNullable(handle);
    }

    Optional<ModuleSpec> malformedModule() {
        return Optional.ofNullable(malformed);
    }

    private static <T> T required(T sample, String name) {
        if (sample == null) {
            throw new IllegalStateException("the bridge's samples have no " + name + " function: name it in samples()"
                + " with ." + name + "(...)");
        }
        return sample;
    }
}
