package io.ggen.ffi.bridge.panama.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;

import io.ggen.ffi.api.BridgeUnavailableException;
import io.ggen.ffi.api.ForeignArgumentException;
import io.ggen.ffi.api.ForeignException;
import io.ggen.ffi.api.NoSuchFunctionException;
import io.ggen.ffi.c.CFunction;
import io.ggen.ffi.memory.testing.TestMemory;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandles;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;
import org.osgi.service.log.Logger;

class PanamaBindingsTest {

    public interface LibC {
        int abs(int value);

        @CFunction(signature = "size_t strlen(const char* s)")
        long strlen(String s);

        @CFunction("labs")
        long absolute(long value);

        void qsort(int[] base, long count, long size, Compare compare);

        default int absPlusOne(int value) {
            return abs(value) + 1;
        }
    }

    @FunctionalInterface
    public interface Compare {
        int compare(MemorySegment a, MemorySegment b);
    }

    public interface Analyzer {
        @CFunction(signature = "char* analyze_code(const char* source)", free = "free_c_string")
        String analyze_code(String source);

        long analyzer_live_strings();
    }

    public interface Zlib {
        int compress(byte[] dest, long[] destLength, byte[] source, long sourceLength);
    }

    public interface ZlibBuffers {
        @CFunction("compress")
        int compress(ByteBuffer dest, long[] destLength, ByteBuffer source, long sourceLength);
    }

    public interface Posix {
        @CFunction(errno = true)
        int access(String path, int mode);

        @CFunction(signature = "char* realpath(const char* path, void* resolved)", errno = true)
        String realpath(String path, MemorySegment resolved);
    }

    public interface VoidWithErrno {
        @CFunction(errno = true)
        void srand(int seed);
    }

    public interface ErrnoAsDouble {
        @CFunction(signature = "int close(int fd)", errno = true)
        double close(int fd);
    }

    public interface Missing {
        int no_such_function_here(int x);
    }

    public interface Unmappable {
        int abs(Object value);
    }

    private final PanamaCBridge bridge = new PanamaCBridge(new TestMemory(), mock(Logger.class), PanamaCBridgeTest.NATIVE.getParent());

    private String lib(String name) {
        return PanamaCBridgeTest.NATIVE.resolve(name).toString();
    }

    @Test
    void scalarsStringsRenamedSymbolsAndDefaultMethods() {
        LibC libc = bridge.bind(MethodHandles.lookup(), LibC.class, "libc.so.6");
        assertThat(libc.abs(-7)).isEqualTo(7);
        assertThat(libc.strlen("héllo")).isEqualTo(6);
        assertThat(libc.absolute(-(1L << 40))).isEqualTo(1L << 40);
        assertThat(libc.absPlusOne(-1)).isEqualTo(2);
        assertThatThrownBy(() -> libc.strlen("a\0b")).isInstanceOf(ForeignArgumentException.class).hasMessageContaining("NUL");
    }

    @Test
    void qsortCallsBackIntoJavaAndTheArrayComesBackSorted() {
        LibC libc = bridge.bind(MethodHandles.lookup(), LibC.class, "libc.so.6");
        int[] values = {9, -3, 7, 0, 42, 5};
        libc.qsort(values, values.length, 4, (a, b) -> Integer.compare(
            a.reinterpret(4).get(ValueLayout.JAVA_INT, 0), b.reinterpret(4).get(ValueLayout.JAVA_INT, 0)));
        assertThat(values).containsExactly(-3, 0, 5, 7, 9, 42);
        assertThatThrownBy(() -> libc.qsort(values, values.length, 4, (a, b) -> { throw new IllegalStateException("no"); }))
            .isInstanceOf(ForeignException.class).hasMessageContaining("the callback passed to C failed: no");
    }

    @Test
    void ownedStringsAreFreedByTheLibrarysFunction() {
        Analyzer analyzer = bridge.bind(MethodHandles.lookup(), Analyzer.class, lib("libanalyzer.so"));
        for (int i = 0; i < 100; i++) {
            assertThat(analyzer.analyze_code("int main() {}")).startsWith("C analysis complete: 1 line");
        }
        assertThat(analyzer.analyzer_live_strings()).isZero();
    }

    @Test
    void arraysAreCopiedInAndOut() {
        Zlib zlib = bridge.bind(MethodHandles.lookup(), Zlib.class, "z");
        byte[] text = "abcabcabcabcabcabcabcabc".getBytes();
        byte[] out = new byte[64];
        long[] length = {out.length};
        assertThat(zlib.compress(out, length, text, text.length)).isZero();
        assertThat(length[0]).isBetween(5L, 63L);
        assertThat(out[0]).isEqualTo((byte) 0x78);
    }

    @Test
    void byteBuffersDirectInPlaceHeapCopiedInAndOut() {
        ZlibBuffers zlib = bridge.bind(MethodHandles.lookup(), ZlibBuffers.class, "z");
        byte[] text = "xyzxyzxyzxyzxyzxyzxyzxyz".getBytes();
        for (ByteBuffer out : new ByteBuffer[] {ByteBuffer.allocateDirect(64), ByteBuffer.allocate(64)}) {
            ByteBuffer in = out.isDirect() ? ByteBuffer.allocateDirect(text.length).put(text).flip() : ByteBuffer.wrap(text);
            long[] length = {out.capacity()};
            assertThat(zlib.compress(out, length, in, text.length)).isZero();
            assertThat(length[0]).isBetween(5L, 63L);
            assertThat(out.get(0)).as("zlib header written into the %s buffer", out.isDirect() ? "direct" : "heap").isEqualTo((byte) 0x78);
        }
    }

    @Test
    void errnoIsCapturedWhenTheFunctionSaysItFailed() {
        Posix posix = bridge.bind(MethodHandles.lookup(), Posix.class, "libc.so.6");
        assertThat(posix.access("/", 0)).isZero();
        assertThatThrownBy(() -> posix.access("/no/such/file/here", 0)).isInstanceOf(ForeignException.class)
            .hasMessageContaining("Posix.access failed: No such file or directory (errno 2)")
            .satisfies(e -> assertThat(((ForeignException) e).foreignType()).isEqualTo("errno 2"));
        assertThat(posix.realpath("/usr/../usr", MemorySegment.NULL)).isEqualTo("/usr");
        assertThatThrownBy(() -> posix.realpath("/no/such/dir", MemorySegment.NULL)).isInstanceOf(ForeignException.class)
            .hasMessageContaining("Posix.realpath failed: No such file or directory (errno 2)");
        assertThat(posix.access("/", 0)).as("a call after a failure").isZero();
    }

    @Test
    void whatCannotBeBoundSaysWhy() {
        assertThatThrownBy(() -> bridge.bind(MethodHandles.lookup(), VoidWithErrno.class, "libc.so.6"))
            .isInstanceOf(ForeignArgumentException.class).hasMessageContaining("errno = true needs a function that returns");
        assertThatThrownBy(() -> bridge.bind(MethodHandles.lookup(), ErrnoAsDouble.class, "libc.so.6"))
            .isInstanceOf(ForeignArgumentException.class).hasMessageContaining(" as double");
        assertThatThrownBy(() -> bridge.bind(MethodHandles.lookup(), Missing.class, "libc.so.6"))
            .isInstanceOf(NoSuchFunctionException.class).hasMessageContaining("no function 'no_such_function_here' in libc.so.6");
        assertThatThrownBy(() -> bridge.bind(MethodHandles.lookup(), Unmappable.class, "libc.so.6"))
            .isInstanceOf(ForeignArgumentException.class).hasMessageContaining("java.lang.Object has no C counterpart");
        assertThatThrownBy(() -> bridge.bind(MethodHandles.lookup(), String.class, "libc.so.6"))
            .hasMessageContaining("is not an interface");
    }

    @Test
    void bindingsStopWithTheBridge() {
        LibC libc = bridge.bind(MethodHandles.lookup(), LibC.class, "libc.so.6");
        assertThat(libc.abs(-1)).isEqualTo(1);
        bridge.deactivate();
        assertThatThrownBy(() -> libc.abs(-1)).isInstanceOf(BridgeUnavailableException.class)
            .hasMessageContaining("LibC.abs (libc.so.6): the Panama C bridge was stopped");
    }
}
