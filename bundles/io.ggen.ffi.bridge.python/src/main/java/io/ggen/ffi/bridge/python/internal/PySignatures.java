package io.ggen.ffi.bridge.python.internal;

import io.ggen.ffi.api.FunctionSignature;
import java.util.ArrayList;
import java.util.List;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;

/**
 * The signatures of a Python module's own public functions, read in Python with
 * {@code inspect.signature} and {@code typing.get_type_hints}: functions defined in the module (not
 * imported ones, not classes) whose names do not start with {@code _}, in the order they were defined.
 *
 * <p>Hints map to neutral type names: {@code int} → {@code int}, {@code Annotated[int, "bigint"]} →
 * {@code bigint}, {@code float}, {@code str} → {@code string}, {@code bool}, {@code bytes} and
 * {@code bytearray} → {@code bytes}, {@code list[T]}, {@code List[T]}, {@code Sequence[T]} and
 * {@code tuple[T, ...]} → {@code list<T>}, {@code dict[str, T]} and {@code Mapping[str, T]} →
 * {@code map<T>}, {@code Optional[T]} and {@code T | None} → {@code optional<T>}, {@code None} →
 * {@code null}; a missing hint, {@code Any} and anything else → {@code any}. A parameter with a
 * default is optional; {@code *args} makes the function variadic; keyword-only parameters and
 * {@code **kwargs} are left out (calls pass arguments by position); the docstring is the doc.
 */
final class PySignatures {

    /** The variable the reader is bound to while it is evaluated; removed right after. */
    static final String READER_VARIABLE = "_ggen_signatures";

    /**
     * Evaluates to {@code reader(module_name)}, which gives a list of
     * {@code [name, doc, result, variadic, [[name, type, optional], ...]]}.
     */
    static final Source READER = Source.newBuilder(PyErrors.LANGUAGE_ID, """
        def _ggen_signatures():
            import collections.abc, inspect, sys, types, typing
            lists = (list, tuple, set, frozenset, collections.abc.Sequence, collections.abc.Iterable,
                     collections.abc.Collection, collections.abc.Set)
            maps = (dict, collections.abc.Mapping, collections.abc.MutableMapping)
            unions = (typing.Union, getattr(types, 'UnionType', typing.Union))
            simple = {int: 'int', float: 'float', str: 'string', bool: 'bool', bytes: 'bytes', bytearray: 'bytes'}
            def name_of(hint):
                if hint is inspect.Parameter.empty or hint is typing.Any:
                    return 'any'
                if hint is None or hint is type(None):
                    return 'null'
                try:
                    if hint in simple:
                        return simple[hint]
                except TypeError:
                    pass
                origin, args = typing.get_origin(hint), typing.get_args(hint)
                if origin is typing.Annotated:
                    return 'bigint' if args[0] is int and 'bigint' in args[1:] else name_of(args[0])
                if origin in unions:
                    rest = [a for a in args if a is not type(None)]
                    if len(rest) == 1 and len(rest) < len(args):
                        return 'optional<' + name_of(rest[0]) + '>'
                    return 'any'
                if origin in lists:
                    if origin is tuple and not (len(args) == 2 and args[1] is Ellipsis):
                        return 'list<any>'
                    return 'list<' + (name_of(args[0]) if args else 'any') + '>'
                if origin in maps:
                    if args and args[0] is not str:
                        return 'any'
                    return 'map<' + (name_of(args[1]) if len(args) == 2 else 'any') + '>'
                if hint in lists:
                    return 'list<any>'
                if hint in maps:
                    return 'map<any>'
                return 'any'
            def hints_of(f):
                try:
                    return typing.get_type_hints(f, include_extras=True)
                except Exception:
                    # A hint that does not resolve (a forward reference to a missing name): the plain ones.
                    return {k: v for k, v in getattr(f, '__annotations__', {}).items() if not isinstance(v, str)}
            def describe(name, f):
                try:
                    signature = inspect.signature(f)
                except (TypeError, ValueError):
                    return None
                hints = hints_of(f)
                params, variadic = [], False
                for p in signature.parameters.values():
                    if p.kind is p.VAR_POSITIONAL:
                        variadic = True
                    elif p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD):
                        params.append([p.name, name_of(hints.get(p.name, p.empty)), p.default is not p.empty])
                result = name_of(hints.get('return', inspect.Parameter.empty))
                return [name, inspect.getdoc(f) or '', result, variadic, params]
            class Reader:
                # a bound method: the host's calls of functions must all have one argument count (see PyContext)
                __slots__ = ()
                def read(self, own):
                    module = sys.modules[own]
                    found = []
                    for name, f in list(vars(module).items()):
                        if not name.startswith('_') and inspect.isfunction(f) and f.__module__ == own:
                            described = describe(name, f)
                            if described is not None:
                                found.append(described)
                    return found
            return Reader().read
        _ggen_signatures = _ggen_signatures()
        _ggen_signatures
        """, "ggen-py-signatures.py").internal(true).cached(true).buildLiteral();

    private PySignatures() {
    }

    /** Reads the reader's answer. */
    static List<FunctionSignature> from(Value described) {
        List<FunctionSignature> signatures = new ArrayList<>();
        for (long i = 0; i < described.getArraySize(); i++) {
            Value function = described.getArrayElement(i);
            Value params = function.getArrayElement(4);
            List<FunctionSignature.Parameter> parameters = new ArrayList<>();
            for (long j = 0; j < params.getArraySize(); j++) {
                Value param = params.getArrayElement(j);
                parameters.add(new FunctionSignature.Parameter(param.getArrayElement(0).asString(),
                    param.getArrayElement(1).asString(), param.getArrayElement(2).asBoolean()));
            }
            signatures.add(new FunctionSignature(function.getArrayElement(0).asString(), parameters,
                function.getArrayElement(2).asString(), function.getArrayElement(1).asString(),
                function.getArrayElement(3).asBoolean()));
        }
        return List.copyOf(signatures);
    }
}
