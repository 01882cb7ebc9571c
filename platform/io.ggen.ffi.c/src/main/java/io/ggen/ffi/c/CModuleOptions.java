package io.ggen.ffi.c;

import io.ggen.ffi.api.ForeignArgumentException;
import io.ggen.ffi.api.FunctionSignature;
import io.ggen.ffi.api.NoSuchFunctionException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The options of a C library loaded as a module, the same for every C bridge:
 * <ul>
 * <li>{@value #SIGNATURE}: one C declaration (the CLI's {@code --signature}); {@code signature.NAME}:
 *     the declaration of the function NAME. A function without one takes strings and returns a
 *     string the library allocated ({@link CSignature#stringFunction}).</li>
 * <li>{@value #FREE}: the library's function that frees a returned {@code char*} ({@code free} by
 *     default, {@code none} to free nothing); {@code free.NAME}: the one that frees what NAME returns,
 *     a string or another pointer.</li>
 * <li>{@value #ERRNO}: {@code true} (or {@code *}) or a list of function names: those report
 *     {@code errno} when they return -1 or NULL.</li>
 * <li>{@value CStrings#INVALID_UTF8_OPTION}: {@code replace} or {@code report}, see
 *     {@link CStrings.InvalidUtf8}.</li>
 * <li>{@value #WORKING_DIR}: the caller's working directory, where the library is looked for first
 *     ({@link CLibrary#locate(io.ggen.ffi.api.ModuleSpec, java.nio.file.Path)}).</li>
 * </ul>
 */
@ProviderType
public final class CModuleOptions {

    /** The option declaring a function's C signature; {@code signature.NAME} declares NAME's. */
    public static final String SIGNATURE = "signature";
    /** The option naming the function that frees returned pointers; {@code free.NAME} for NAME's. */
    public static final String FREE = "free";
    /** The option choosing the functions that report {@code errno}. */
    public static final String ERRNO = "errno";
    /** {@code keep.NAME}: the parameters of {@code NAME} whose memory the callee keeps after the call. */
    public static final String KEEP = "keep";
    /** The option naming the caller's working directory. */
    public static final String WORKING_DIR = "working-dir";
    /** The value of {@value #FREE} that frees nothing. */
    public static final String NO_FREE = "none";

    private static final String DEFAULT_FREE = "free";

    private final Map<String, String> options;
    private final Map<String, CSignature> declared;
    private final CStrings.InvalidUtf8 invalidUtf8;

    private CModuleOptions(Map<String, String> options, Map<String, CSignature> declared, CStrings.InvalidUtf8 invalidUtf8) {
        this.options = options;
        this.declared = declared;
        this.invalidUtf8 = invalidUtf8;
    }

    /**
     * Reads a module's options.
     *
     * @throws ForeignArgumentException an option's value is not one: a signature that does not parse,
     *     {@code signature.NAME} declaring another function, an unknown {@code invalid-utf8} policy
     */
    public static CModuleOptions of(Map<String, String> options) {
        CStrings.InvalidUtf8 invalidUtf8 = CStrings.InvalidUtf8.of(options.get(CStrings.INVALID_UTF8_OPTION));
        Map<String, CSignature> declared = new LinkedHashMap<>();
        options.forEach((key, value) -> {
            if (key.equals(SIGNATURE) || key.startsWith(SIGNATURE + ".")) {
                CSignature signature = CSignature.parse(value);
                String name = key.equals(SIGNATURE) ? signature.name() : key.substring(SIGNATURE.length() + 1);
                if (!name.equals(signature.name())) {
                    throw new ForeignArgumentException("c", "the option " + key + " declares " + signature.name() + ", not " + name);
                }
                declared.put(name, signature);
            }
        });
        return new CModuleOptions(Map.copyOf(options), Collections.unmodifiableMap(declared), invalidUtf8);
    }

    /** The declared function of that name, if one is declared. */
    public Optional<CSignature> declared(String function) {
        return Optional.ofNullable(declared.get(function));
    }

    /** The names of the declared functions, sorted. */
    public Set<String> functions() {
        return new TreeSet<>(declared.keySet());
    }

    /**
     * The declared functions' signatures in neutral type names, sorted by name: integers of up to 32
     * bits (signed; unsigned up to 16) are {@code int32}, wider ones {@code int}; {@code bool} is
     * {@code bool}; {@code float} is {@code float32} and {@code double} {@code float}; a {@code const
     * char*} parameter and a returned string are {@code string}; a returned {@code void} is
     * {@code null}; a returned pointer is a {@code handle}, as is a function pointer parameter;
     * other pointer parameters take several forms (bytes, a handle, a number, a list) and are
     * {@code any}. A function with out-parameters returns {@code map<any>} (see {@link CResults}).
     * Functions without a declaration are not known here.
     *
     * @since 1.1
     */
    public List<FunctionSignature> signatures() {
        return functions().stream().map(name -> neutral(declared.get(name))).toList();
    }

    private FunctionSignature neutral(CSignature signature) {
        List<FunctionSignature.Parameter> parameters = signature.params().stream()
            .map(param -> new FunctionSignature.Parameter(param.name(), parameterType(param.type()), false))
            .toList();
        String result = signature.hasOutPointers() ? "map<any>" : resultType(signature.returns());
        return new FunctionSignature(signature.name(), parameters, result, signature.toString(), false);
    }

    private static String parameterType(CType type) {
        if (type.kind() == CType.Kind.FUNCTION_POINTER) {
            return "handle";
        }
        if (type.isPointer()) {
            return type.isString() && type.pointee().constant() ? "string" : FunctionSignature.ANY;
        }
        return scalarType(type);
    }

    private static String resultType(CType type) {
        if (type.isString()) {
            return "string";
        }
        return type.isPointer() || type.kind() == CType.Kind.FUNCTION_POINTER ? "handle" : scalarType(type);
    }

    private static String scalarType(CType type) {
        return switch (type.kind()) {
            case VOID -> "null";
            case BOOL -> "bool";
            case CHAR, INT8, UINT8, INT16, UINT16, INT32 -> "int32";
            case UINT32, INT64, UINT64 -> "int";
            case FLOAT -> "float32";
            case DOUBLE -> "float";
            case POINTER, FUNCTION_POINTER -> FunctionSignature.ANY;
        };
    }

    /**
     * The function that frees what a function returns: {@code free.NAME}, else for a {@code char*}
     * {@value #FREE} or {@code free}. A {@code const char*} is never freed, nor is anything when the
     * option says {@value #NO_FREE}.
     *
     * @return the free function's name; empty when nothing is freed
     */
    public Optional<String> freeFunction(CSignature signature) {
        CType returns = signature.returns();
        if (!returns.isPointer() || (returns.isString() && returns.pointee().constant())) {
            return Optional.empty();
        }
        String freeName = options.get(FREE + "." + signature.name());
        if (freeName == null && returns.isString()) {
            freeName = options.getOrDefault(FREE, DEFAULT_FREE);
        }
        return freeName == null || freeName.equals(NO_FREE) ? Optional.empty() : Optional.of(freeName);
    }

    /** Whether a function reports {@code errno} when it fails. */
    public boolean errno(String function) {
        String value = options.get(ERRNO);
        if (value == null || value.equalsIgnoreCase("false")) {
            return false;
        }
        return value.equalsIgnoreCase("true") || value.equals("*") || List.of(value.split("\\s*,\\s*")).contains(function);
    }

    /**
     * The parameters whose memory the function keeps after it returns ({@code keep.NAME=p1,p2}, e.g.
     * {@code putenv}'s string): the bridge allocates it with the memory manager, for as long as the
     * module is open, instead of in the call's arena.
     */
    public Set<String> kept(CSignature signature) {
        String value = options.get(KEEP + "." + signature.name());
        if (value == null || value.isBlank()) {
            return Set.of();
        }
        Set<String> pointers = new TreeSet<>();
        signature.params().stream().filter(p -> p.type().isPointer()).forEach(p -> pointers.add(p.name()));
        Set<String> kept = Set.of(value.strip().split("\\s*,\\s*"));
        for (String name : kept) {
            if (!pointers.contains(name)) {
                throw new ForeignArgumentException("c", KEEP + "." + signature.name() + " names '" + name
                    + "', which is not a pointer parameter of " + signature + "; its pointer parameters: " + pointers);
            }
        }
        return kept;
    }

    /** What to do with bytes from C that are not UTF-8. */
    public CStrings.InvalidUtf8 invalidUtf8() {
        return invalidUtf8;
    }

    /** The error for a function the library does not export; it lists the declared ones. */
    public NoSuchFunctionException noSuchFunction(String function, CLibrary library) {
        return new NoSuchFunctionException("c", "no function '" + function + "' in " + library.loaderName()
            + ": the library does not export that symbol" + (declared.isEmpty() ? "" : "; declared here: " + functions()));
    }

    /** The error for a free function found neither in the library nor in the C library. */
    public static NoSuchFunctionException noSuchFreeFunction(String freeName, String function, CLibrary library) {
        return new NoSuchFunctionException("c", "the free function '" + freeName + "' named for "
            + function + " is neither in " + library.loaderName() + " nor in the C library");
    }
}
