package io.ggen.ffi.c;

import io.ggen.ffi.api.ForeignArgumentException;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import org.osgi.annotation.versioning.ProviderType;

/**
 * A C function's signature, e.g. {@code size_t strlen(const char* s)}.
 *
 * <p>{@link #parse} reads the C a header would have: the types {@code void}, {@code bool},
 * {@code char}, {@code short}, {@code int}, {@code long}, {@code long long} (signed or unsigned),
 * {@code int8_t} to {@code uint64_t}, {@code size_t}, {@code ssize_t}, {@code intptr_t},
 * {@code uintptr_t}, {@code float}, {@code double}, pointers to any of them, and pointers to
 * functions ({@code int (*cmp)(const void*, const void*)}), with or without parameter names.
 * Structs by value and variadic functions are refused with a message saying so.
 *
 * @param name the function's name (the symbol)
 * @param returns what it returns
 * @param params its parameters, in order
 */
@ProviderType
public record CSignature(String name, CType returns, List<CParam> params) {

    public CSignature {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(returns, "returns");
        params = List.copyOf(params);
    }

    /**
     * Parses a C declaration.
     *
     * @throws ForeignArgumentException it is not one, with the column and what was expected
     */
    public static CSignature parse(String declaration) {
        return new CSignatureParser(declaration).signature();
    }

    /**
     * The signature assumed when none is given: {@code char* name(const char*, ...)} with one string
     * parameter per argument, returning a string the library allocated (the caller frees it).
     */
    public static CSignature stringFunction(String name, int arity) {
        return new CSignature(name, CType.STRING,
            java.util.stream.IntStream.range(0, arity).mapToObj(i -> new CParam("arg" + i, CType.CONST_STRING)).toList());
    }

    /** {@code (const char* s, size_t n)}, as C would write the list. */
    public String parameterList() {
        return params.isEmpty() ? "(void)" : params.stream().map(CParam::toString).collect(Collectors.joining(", ", "(", ")"));
    }

    /**
     * Checks the number of arguments of a call.
     *
     * @throws ForeignArgumentException it is not the number of parameters; the message shows the signature
     */
    public void checkArity(int arguments) {
        if (arguments != params.size()) {
            throw new ForeignArgumentException("c", name + " takes " + params.size() + " argument"
                + (params.size() == 1 ? "" : "s") + " " + parameterList() + ", got " + arguments
                + "; its signature: " + this);
        }
    }

    /** Whether any parameter is a pointer the callee may write, whose contents come back. */
    public boolean hasOutPointers() {
        return params.stream().anyMatch(p -> p.type().isOutPointer() && !p.type().isString());
    }

    @Override
    public String toString() {
        return returns + " " + name + parameterList();
    }
}
