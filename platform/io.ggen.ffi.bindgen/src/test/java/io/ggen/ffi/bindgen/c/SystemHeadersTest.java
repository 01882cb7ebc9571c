package io.ggen.ffi.bindgen.c;

import static io.ggen.ffi.bindgen.c.GeneratedBindings.bind;
import static io.ggen.ffi.bindgen.c.GeneratedBindings.call;
import static io.ggen.ffi.bindgen.c.GeneratedBindings.compile;
import static io.ggen.ffi.bindgen.c.GeneratedBindings.constant;
import static io.ggen.ffi.bindgen.c.GeneratedBindings.output;
import static io.ggen.ffi.bindgen.c.GeneratedBindings.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.ggen.ffi.bindgen.GeneratedInterface;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bindings of real system headers, read by the real clang, compiled and called through the Panama
 * bridge: zlib ({@code zlib1g-dev}) and SQLite ({@code libsqlite3-dev}).
 */
class SystemHeadersTest {

    private static final Path ZLIB = Path.of("/usr/include/zlib.h");
    private static final Path SQLITE = Path.of("/usr/include/sqlite3.h");

    @TempDir
    Path folder;

    @Test
    void zlibsFunctionsReturnWhatZlibReturns() throws Throwable {
        assertThat(ZLIB).as("zlib.h (apt-get install zlib1g-dev)").isRegularFile();
        String source = CBindings.generate(ZLIB, "z", "org.example.zlib", "Zlib", List.of()).source();
        assertThat(source).contains("String LIBRARY = \"z\";")
            .contains("@CFunction(value = \"crc32\", signature = \"unsigned long crc32(unsigned long crc, const unsigned char* buf, unsigned int len)\")")
            .contains("long crc32(long crc, byte[] buf, int len);")
            .containsPattern("// skipped: gzprintf — variadic");
        Class<?> api = compile(source, "org.example.zlib.Zlib", folder);
        Object zlib = bind(api, (String) constant(api, "LIBRARY"));

        // what zlib itself says, from a C program compiled against the same header
        Files.writeString(folder.resolve("reference.c"), """
            #include <stdio.h>
            #include <zlib.h>
            int main(void) {
                printf("%s\\n", zlibVersion());
                unsigned long sizes[] = {0, 1, 1000, 65536, 123456789};
                for (int i = 0; i < 5; i++) printf("%lu\\n", compressBound(sizes[i]));
                return 0;
            }
            """);
        run(folder, "gcc", "-o", "reference", "reference.c", "-lz");
        List<String> reference = output(folder, "./reference").lines().toList();

        assertThat(call(zlib, "zlibVersion")).isEqualTo(reference.getFirst()).isEqualTo(constant(api, "ZLIB_VERSION"));
        long[] sizes = {0, 1, 1000, 65536, 123456789};
        for (int i = 0; i < sizes.length; i++) {
            assertThat(call(zlib, "compressBound", sizes[i])).as("compressBound(%d)", sizes[i])
                .isEqualTo(Long.parseLong(reference.get(i + 1)));
        }
        byte[] bytes = "The quick brown fox jumps over the lazy dog".getBytes(StandardCharsets.UTF_8);
        CRC32 crc = new CRC32();
        crc.update(bytes);
        assertThat(call(zlib, "crc32", 0L, bytes, bytes.length)).isEqualTo(crc.getValue());
        assertThat(constant(api, "Z_OK")).isEqualTo(0);
        assertThat(constant(api, "Z_DEFAULT_COMPRESSION")).isEqualTo(-1);
    }

    @Test
    void sqliteOpensAndClosesAnInMemoryDatabase() throws Throwable {
        assertThat(SQLITE).as("sqlite3.h (apt-get install libsqlite3-dev)").isRegularFile();
        GeneratedInterface sqlite3 = CBindings.generate(SQLITE, "sqlite3", "org.example.sqlite", "Sqlite3", List.of());
        String source = sqlite3.source();
        int generated = count(source, "@CFunction(");
        assertThat(sqlite3.functions()).as("the functions it counts").isEqualTo(generated);
        assertThat(sqlite3.skipped()).containsKey("variadic").containsKey("not exported");
        assertThat(sqlite3.skippedCount()).as("skipped functions, of all skipped declarations")
            .isPositive().isLessThan(count(source, "// skipped: "));   // the others: variables, structs' fields
        int skipped = count(source, "// skipped: ");
        int declared = count(source, "// skipped: sqlite3_") + generated;
        assertThat(generated).as("functions bound").isGreaterThan(200);
        assertThat(skipped).as("declarations skipped").isBetween(5, generated / 4);
        assertThat(declared).isGreaterThan(220);
        assertThat(source).containsPattern("// skipped: sqlite3_mprintf — variadic")
            .contains("int sqlite3_open(String filename, long[] ppDb);")
            .contains("interface Sqlite3ExecCallback {");
        Class<?> api = compile(source, "org.example.sqlite.Sqlite3", folder);
        Object sqlite = bind(api, "sqlite3");

        assertThat(call(sqlite, "sqlite3_libversion")).isEqualTo(constant(api, "SQLITE_VERSION"));
        assertThat(call(sqlite, "sqlite3_libversion_number")).isEqualTo(constant(api, "SQLITE_VERSION_NUMBER"));
        long[] db = new long[1];
        assertThat(call(sqlite, "sqlite3_open", ":memory:", db)).isEqualTo(constant(api, "SQLITE_OK"));
        assertThat(db[0]).as("the sqlite3* written into the out-parameter").isNotZero();
        MemorySegment handle = MemorySegment.ofAddress(db[0]);
        assertThat(call(sqlite, "sqlite3_exec", handle, "create table t(x); insert into t values (1), (2), (3);", null,
            MemorySegment.NULL, null)).isEqualTo(constant(api, "SQLITE_OK"));
        assertThat(call(sqlite, "sqlite3_changes", handle)).isEqualTo(3);
        assertThat(call(sqlite, "sqlite3_close", handle)).isEqualTo(constant(api, "SQLITE_OK"));
    }

    private static int count(String text, String what) {
        return (int) Pattern.compile(Pattern.quote(what)).matcher(text).results().count();
    }
}
