package io.ggen.ffi.bridge.js.internal;

import io.ggen.ffi.polyglot.PooledContext;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;

/**
 * One JavaScript context of a module's pool, with the module evaluated in it and the conversion
 * helpers. Used by one thread at a time: whoever took it from the pool.
 *
 * <p>The helpers are evaluated before the module, so they hold the original built-ins
 * ({@code BigInt}, {@code Object.defineProperty}...) whatever the module does to the globals, and
 * the module cannot reach them.
 */
final class JsContext extends PooledContext {

    /** The source name of the helpers; their frames are left out of error stacks. */
    static final String HELPERS_NAME = "ggen-js-helpers.js";

    /** Values of {@link #kind(Value)}. */
    static final int PLAIN_OBJECT = 0, ARRAY = 1, BYTE_VIEW = 2, OTHER_VIEW = 3, OTHER = 4;

    private static final Source HELPERS = Source.newBuilder(JsErrors.LANGUAGE_ID, """
        (function () {
          'use strict';
          const getPrototypeOf = Object.getPrototypeOf, objectPrototype = Object.prototype,
                isArray = Array.isArray, isView = ArrayBuffer.isView, defineProperty = Object.defineProperty,
                toBigInt = BigInt, Bytes = Uint8Array, sourceOf = Function.prototype.toString,
                apply = Reflect.apply;
          function kind(v) {
            if (isArray(v)) return 1;
            if (isView(v)) return v.BYTES_PER_ELEMENT === 1 ? 2 : v.BYTES_PER_ELEMENT === undefined ? 4 : 3;
            const p = getPrototypeOf(v);
            return p === objectPrototype || p === null ? 0 : 4;
          }
          function source(f) {
            try { return [f.length, apply(sourceOf, f, [])]; } catch (e) { return [f.length, '']; }
          }
          function bytes(latin1) {
            const n = latin1.length, a = new Bytes(n);
            for (let i = 0; i < n; i++) a[i] = latin1.charCodeAt(i);
            return a;
          }
          function bufferOf(view) {
            return view.buffer.slice(view.byteOffset, view.byteOffset + view.byteLength);
          }
          function append(a, ...items) {
            if (a === null) a = [];
            for (let i = 0; i < items.length; i++) a[a.length] = items[i];
            return a;
          }
          function assign(o, ...keysAndValues) {
            if (o === null) o = {};
            for (let i = 0; i < keysAndValues.length; i += 2) {
              defineProperty(o, keysAndValues[i],
                { value: keysAndValues[i + 1], writable: true, enumerable: true, configurable: true });
            }
            return o;
          }
          return [kind, toBigInt, bytes, bufferOf, append, assign, source];
        })()
        """, HELPERS_NAME).internal(true).cached(true).buildLiteral();   // internal: a debugger steps over it

    final Value bigInt;
    final Value bytes;
    final Value bufferOf;
    final Value append;
    final Value assign;
    private final Value kind;
    private final Value source;
    private final Value bindings;
    private final Set<String> definedFunctions;

    /**
     * Evaluates the helpers and the module in a new context. On failure the caller maps the
     * exception (the context must still be open to read the error) and closes the context.
     *
     * @param resetLimits whether to reset the statement count after the module and before each call
     */
    JsContext(int index, Context context, Source module, boolean resetLimits) {
        super(index, context, resetLimits);
        Value helpers = context.eval(HELPERS);
        this.kind = helpers.getArrayElement(0);
        this.bigInt = helpers.getArrayElement(1);
        this.bytes = helpers.getArrayElement(2);
        this.bufferOf = helpers.getArrayElement(3);
        this.append = helpers.getArrayElement(4);
        this.assign = helpers.getArrayElement(5);
        this.source = helpers.getArrayElement(6);
        this.bindings = context.getBindings(JsErrors.LANGUAGE_ID);
        Set<String> before = Set.copyOf(bindings.getMemberKeys());
        context.eval(module);
        Set<String> defined = new LinkedHashSet<>();
        for (String key : bindings.getMemberKeys()) {
            if (!before.contains(key)) {
                Value member = bindings.getMember(key);
                if (member != null && member.canExecute()) {
                    defined.add(key);
                }
            }
        }
        this.definedFunctions = Set.copyOf(defined);
        if (resetLimits) {
            context.resetLimits();
        }
    }

    /** The global functions the module defined (not the built-ins). */
    Set<String> definedFunctions() {
        return definedFunctions;
    }

    /**
     * The required parameters of a function: {@code length} of them, named as in its source when
     * its parameter list is plain names ({@code function f(a, b)}, {@code (a, b) => ...},
     * {@code a => ...}), else {@code arg0}, {@code arg1}... The source is read with the original
     * {@code Function.prototype.toString} and parsed here, so that making a context evaluates no more
     * than it must.
     */
    List<String> parameterNames(Value function) {
        Value lengthAndSource = source.execute(function);
        int length = lengthAndSource.getArrayElement(0).fitsInInt() ? lengthAndSource.getArrayElement(0).asInt() : 0;
        List<String> names = JsParameters.names(lengthAndSource.getArrayElement(1).asString());
        List<String> result = new ArrayList<>(Math.max(length, 0));
        for (int i = 0; i < length; i++) {
            result.add(names != null && i < names.size() ? names.get(i) : "arg" + i);
        }
        return result;
    }

    @Override
    protected Value lookupFunction(String name) {
        return bindings.getMember(name);
    }

    /** What kind of object a value is: {@link #PLAIN_OBJECT}, {@link #ARRAY}, ... */
    int kind(Value value) {
        return kind.execute(value).asInt();
    }
}
