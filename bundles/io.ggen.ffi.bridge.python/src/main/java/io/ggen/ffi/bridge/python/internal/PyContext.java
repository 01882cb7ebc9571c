package io.ggen.ffi.bridge.python.internal;

import io.ggen.ffi.polyglot.PooledContext;
import java.util.LinkedHashSet;
import java.util.Set;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;

/**
 * One Python context of a module's pool: the helpers, then the module, imported (a named module)
 * or run in {@code __main__} (code or a file). Used by one thread at a time: whoever took it from
 * the pool. When the module's file changed, {@link #ensureCurrent} loads it again here before the
 * next call.
 *
 * <p>The helpers are plain functions closed over the original built-ins ({@code int},
 * {@code type}, {@code importlib}...), so a module that rebinds them does not change conversions.
 */
final class PyContext extends PooledContext {

    /** The source name of the helpers; their frames are left out of error stacks. */
    static final String HELPERS_NAME = "ggen-py-helpers.py";

    /** Values of {@link #kind(Value)}. */
    static final int OTHER = 0, INT = 1, FLOAT = 2, BYTES = 3, LIST = 4, DICT = 5, FLOAT_BOX = 6;

    private static final String HELPERS_VARIABLE = "_ggen_helpers";
    /** The most arguments a call passes through the one call helper; more go through {@code call_any}. */
    private static final int CALL_ARITY = 4;
    /** Where the arguments begin in a call helper's arguments, after the function and the arity. */
    static final int FIRST_ARGUMENT = 2;

    /*
     * GraalPy keeps one polyglot call node for every Python function the host executes, specialized
     * to one argument count and a few callees: a host that executes functions of several argument
     * counts makes it generic, and a call then costs about twice as much (JMH). So the host executes
     * one function only, `call`, always with f, the arity and four arguments (null for the unused
     * ones), for a module's functions and callable handles alike; every other helper is a bound method,
     * which has a call node of its own.
     */
    private static final Source HELPERS = Source.newBuilder(PyErrors.LANGUAGE_ID, """
        def _ggen_helpers():
            # importlib is imported when a named module is loaded, not here: with --inspect-brk, the first line
            # run must be the guest's, not importlib's (a standard library source, which a debugger shows).
            _import = __import__
            _int, _float, _bool, _bytes, _bytearray, _list, _tuple, _dict = int, float, bool, bytes, bytearray, list, tuple, dict
            _type, _isinstance, _range, _len, _abs = type, isinstance, range, len, abs
            class FloatBox:
                __slots__ = ('v',)
                def __init__(self, v):
                    self.v = v
            _bound = _type(FloatBox(0).__init__)   # the type of bound methods, without importing types
            def boxed(r):
                # From 2**52 on every float is integral, but GraalPy's is_integer() says False beyond 64 bits (1e19).
                if _type(r) is _float and (r.is_integer() or _abs(r) >= 4503599627370496.0):
                    return FloatBox(r)
                return r
            # no tuple of arguments to pack and spread: much faster than f(*args)
            def call(f, n, a, b, c, d):
                if n == 2: return boxed(f(a, b))
                if n == 1: return boxed(f(a))
                if n == 0: return boxed(f())
                if n == 3: return boxed(f(a, b, c))
                return boxed(f(a, b, c, d))
            def call_any(_, f, n, *args): return boxed(f(*args))
            def kind(_, v):
                t = _type(v)
                if t is _int: return 1
                if t is _float: return 2
                if t is _bytes or t is _bytearray: return 3
                if t is _list or t is _tuple: return 4
                if t is _dict: return 5
                if t is FloatBox: return 6
                if _isinstance(v, _bool): return 0
                if _isinstance(v, _int): return 1
                if _isinstance(v, _float): return 2
                if _isinstance(v, (_list, _tuple)): return 4
                if _isinstance(v, _dict): return 5
                return 0
            def big(_, text):
                return _int(text)
            def to_bytes(_, latin1):
                return latin1.encode('latin-1')
            def make_list(_, *items):
                return _list(items)
            def make_dict(_, *keys_and_values):
                d = {}
                for i in _range(0, _len(keys_and_values), 2):
                    d[keys_and_values[i]] = keys_and_values[i + 1]
                return d
            def items(_, d):
                flat = []
                for k, v in d.items():
                    flat.append(k)
                    flat.append(v)
                return flat
            def load(_, name):
                return _import('importlib').import_module(name)
            def reload(_, module):
                return _import('importlib').reload(module)
            import builtins
            # bound to any object: what counts is that the host executes methods, not functions
            methods = [_bound(m, builtins) for m in (kind, big, to_bytes, make_list, make_dict, items, load, reload, call_any)]
            return methods + [builtins, None, call]
        _ggen_helpers = _ggen_helpers()
        _ggen_helpers
        """, HELPERS_NAME).internal(true).cached(true).buildLiteral();   // internal: a debugger steps over it

    final Value big;
    final Value toBytes;
    final Value makeList;
    final Value makeDict;
    final Value items;
    /**
     * Call {@code f(a, b...)} and box an integral float result ({@code 2.0}, {@code 1e100}), which the
     * polyglot API cannot tell from an {@code int}: the result then needs no {@link #kind} call when it is
     * a number. Both take f, the arity and the arguments: {@code call} always {@value #CALL_ARITY} (null for
     * the unused ones), {@code callAny} more.
     */
    private final Value call;
    private final Value callAny;
    /** Python's {@code None}: a Java {@code null} would arrive as a foreign null object. */
    final Value none;
    private final Value kind;
    private final Value reload;
    private final Value builtins;
    private final PyModule module;
    private final Value bindings;
    private final Set<String> definedFunctions;
    /** The imported module object of a named module; {@code null} for code and files ({@code __main__}). */
    private Value moduleObject;
    private int loadedVersion;

    /**
     * Evaluates the helpers and loads the module in a new context. On failure the caller maps the
     * exception (the context must still be open to read the error) and closes the context.
     */
    PyContext(int index, Context context, PyModule module, int version, boolean resetLimits) {
        super(index, context, resetLimits);
        this.module = module;
        Value helpers = context.eval(HELPERS);
        this.bindings = context.getBindings(PyErrors.LANGUAGE_ID);
        bindings.removeMember(HELPERS_VARIABLE);
        this.kind = helpers.getArrayElement(0);
        this.big = helpers.getArrayElement(1);
        this.toBytes = helpers.getArrayElement(2);
        this.makeList = helpers.getArrayElement(3);
        this.makeDict = helpers.getArrayElement(4);
        this.items = helpers.getArrayElement(5);
        Value load = helpers.getArrayElement(6);
        this.reload = helpers.getArrayElement(7);
        this.callAny = helpers.getArrayElement(8);
        this.builtins = helpers.getArrayElement(9);
        this.none = helpers.getArrayElement(10);
        this.call = helpers.getArrayElement(11);
        Set<String> before = Set.copyOf(bindings.getMemberKeys());
        Set<String> defined = new LinkedHashSet<>();
        if (module.moduleName() != null) {
            moduleObject = load.execute(module.moduleName());
            for (String key : moduleObject.getMemberKeys()) {
                if (!key.startsWith("_") && executable(moduleObject.getMember(key))) {
                    defined.add(key);
                }
            }
        } else {
            context.eval(module.source());
            for (String key : bindings.getMemberKeys()) {
                if (!before.contains(key) && executable(bindings.getMember(key))) {
                    defined.add(key);
                }
            }
        }
        this.definedFunctions = Set.copyOf(defined);
        this.loadedVersion = version;
        beforeCall();
    }

    private static boolean executable(Value member) {
        return member != null && member.canExecute();
    }

    /** The module's functions (and classes) that do not start with an underscore. */
    Set<String> definedFunctions() {
        return definedFunctions;
    }

    /** The module's imported file, for a named module; {@code null} for code or a module without one. */
    String moduleFile() {
        if (moduleObject == null) {
            return null;
        }
        Value file = moduleObject.getMember("__file__");
        return file != null && file.isString() ? file.asString() : null;
    }

    /**
     * The arguments of a call helper for a call of {@code f} with {@code arity} arguments: {@code f},
     * the arity, then room for the arguments (from {@value #FIRST_ARGUMENT} on).
     */
    static Object[] callArguments(Value f, int arity) {
        Object[] arguments = new Object[FIRST_ARGUMENT + Math.max(arity, CALL_ARITY)];
        arguments[0] = f;
        arguments[1] = arity;
        return arguments;
    }

    /** Calls through the helper for the arity of these arguments, made by {@link #callArguments}. */
    Value call(Object[] arguments) {
        return arguments.length == FIRST_ARGUMENT + CALL_ARITY ? call.execute(arguments) : callAny.execute(arguments);
    }

    /** Calls {@code f} with these guest arguments through a call helper (for callers that have them already). */
    Value call(Value f, Object[] args) {
        Object[] arguments = callArguments(f, args.length);
        System.arraycopy(args, 0, arguments, FIRST_ARGUMENT, args.length);
        return call(arguments);
    }

    /**
     * Loads the module again when its file changed since it was loaded here.
     *
     * @param version the module's version now ({@link PyModule#version()})
     */
    void ensureCurrent(int version) {
        if (version == loadedVersion) {
            return;
        }
        if (moduleObject != null) {
            moduleObject = reload.execute(moduleObject);
        } else {
            context().eval(module.source());
        }
        loadedVersion = version;
        forgetFunctions();
    }

    /** A function of the module by name, else a built-in one ({@code len}, {@code sorted}...). */
    @Override
    protected Value lookupFunction(String name) {
        Value member = moduleObject != null ? moduleObject.getMember(name) : bindings.getMember(name);
        if (member == null && builtins.hasMember(name)) {
            member = builtins.getMember(name);
        }
        return member;
    }

    /**
     * The signatures of the module's own public functions as {@link PySignatures} reads them.
     * The reader is evaluated the first time, so modules that never ask do not import {@code inspect}.
     */
    Value signatures() {
        Value reader = context().eval(PySignatures.READER);
        bindings.removeMember(PySignatures.READER_VARIABLE);
        String own = moduleObject != null ? moduleObject.getMember("__name__").asString() : "__main__";
        return reader.execute(own);
    }

    /** What kind of value it is: {@link #INT}, {@link #LIST}, ..., {@link #OTHER}. */
    int kind(Value value) {
        return kind.execute(value).asInt();
    }
}
