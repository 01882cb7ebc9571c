package io.ggen.ffi.bindgen;

import java.util.Locale;
import java.util.Set;
import javax.lang.model.SourceVersion;

/** What every generated source shares: identifiers that compile, Javadoc that cannot break out of its comment. */
public final class JavaNames {

    private JavaNames() {
    }

    /** {@code name} if it is a legal Java identifier, else the name with what makes it illegal replaced. */
    public static String identifier(String name) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            text.append(i == 0 ? (Character.isJavaIdentifierStart(c) ? c : (Character.isJavaIdentifierPart(c) ? "_" + c : "_"))
                : (Character.isJavaIdentifierPart(c) ? c : '_'));
        }
        String identifier = text.isEmpty() ? "_unnamed" : text.toString();
        return SourceVersion.isKeyword(identifier) || identifier.equals("_") ? identifier + "_" : identifier;
    }

    /** {@code zlib}, {@code test_analyzer}, {@code math-worker} as a type name: {@code Zlib}, {@code TestAnalyzer}, {@code MathWorker}. */
    public static String typeName(String name) {
        StringBuilder text = new StringBuilder();
        boolean upper = true;
        for (char c : name.toCharArray()) {
            if (Character.isLetterOrDigit(c)) {
                text.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            } else {
                upper = true;
            }
        }
        String type = identifier(text.toString());
        return Character.isDigit(name.isEmpty() ? 'x' : name.charAt(0)) ? "_" + type : type;
    }

    /** A package name that compiles; refuses one that cannot be made to. */
    public static String packageName(String name) {
        if (!SourceVersion.isName(name)) {
            throw new IllegalArgumentException("'" + name + "' is not a Java package name (e.g. org.acme.bindings)");
        }
        return name;
    }

    /**
     * A Javadoc comment at the given indentation, or nothing for blank text. The text is escaped so
     * that it cannot end the comment or start an HTML or Javadoc tag by accident.
     */
    public static String javadoc(String text, String indent) {
        if (text == null || text.isBlank()) {
            return "";
        }
        String escaped = docText(text.strip());
        StringBuilder doc = new StringBuilder(indent).append("/**\n");
        for (String line : escaped.split("\\R", -1)) {
            doc.append(indent).append(line.isBlank() ? " *" : " * " + line.stripTrailing()).append('\n');
        }
        return doc.append(indent).append(" */\n").toString();
    }

    /** Text escaped for a Javadoc comment: no end of comment, HTML or Javadoc tag, or unicode escape. */
    public static String docText(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace("*/", "*&#47;").replace("@", "&#64;").replace("\\u", "\\\\u");
    }

    /** The {@code @Generated} annotation of a generated type, naming the command and its source. */
    public static String generated(String command, String source) {
        return "@javax.annotation.processing.Generated(value = \"" + escape(command) + "\", comments = \""
            + escape(source) + "\")\n";
    }

    /** A Java string literal's content. */
    public static String escape(String text) {
        StringBuilder escaped = new StringBuilder();
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> escaped.append("\\\"");
                case '\\' -> escaped.append("\\\\");
                case '\n' -> escaped.append("\\n");
                case '\r' -> escaped.append("\\r");
                case '\t' -> escaped.append("\\t");
                default -> escaped.append(c < 0x20 ? String.format(Locale.ROOT, "\\u%04x", (int) c) : String.valueOf(c));
            }
        }
        return escaped.toString();
    }

    /** Names no method of a generated interface may take: those of {@code Object}'s methods. */
    public static final Set<String> OBJECT_METHODS = Set.of("equals", "hashCode", "toString", "getClass", "notify",
        "notifyAll", "wait", "clone", "finalize");
}
