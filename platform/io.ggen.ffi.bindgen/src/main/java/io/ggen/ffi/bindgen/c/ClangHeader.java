package io.ggen.ffi.bindgen.c;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What a header declares itself (not what it includes), as clang read it.
 *
 * @param file the header, absolute and normalized
 * @param functions its function declarations, in order, first declaration of each name only
 * @param typedefs its typedefs
 * @param enums its enums
 * @param records its struct and union definitions
 * @param variables its global variables' names
 * @param allTypedefs every typedef of the translation unit, name to clang's spelling of its type
 */
record ClangHeader(Path file, List<Function> functions, List<Typedef> typedefs, List<Enum> enums,
                   List<Record> records, List<String> variables, Map<String, String> allTypedefs) {

    /**
     * A function.
     *
     * @param type clang's spelling of its type, e.g. {@code uLong (uLong, const Bytef *, uInt)}
     * @param external false for {@code static} or {@code inline} functions, which no library exports
     * @param comment the comment clang attached, or empty
     */
    record Function(String name, String type, List<Param> params, boolean variadic, boolean external, String comment) {
    }

    /** A parameter: its name (empty when not given) and clang's spelling of its type. */
    record Param(String name, String type) {
    }

    /** A typedef; {@code tagId} is the id of the struct, union or enum it defines along, or null. */
    record Typedef(String name, String type, String tagId, String comment) {
    }

    /** An enum; {@code name} is null for an anonymous one. */
    record Enum(String id, String name, List<Constant> constants, String comment) {
    }

    /** An enum constant with its value. */
    record Constant(String name, long value, String comment) {
    }

    /** A struct or union definition; {@code name} is null for an anonymous one. */
    record Record(String keyword, String name, boolean bitFields) {
    }
}
