package io.ggen.ffi.c;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ggen.ffi.api.ForeignArgumentException;
import io.ggen.ffi.api.ForeignValue;
import java.math.BigInteger;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class CValuesTest {

    private static final CType UINT8 = CType.scalar(CType.Kind.UINT8);
    private static final CType INT16 = CType.scalar(CType.Kind.INT16);
    private static final CType UINT32 = CType.scalar(CType.Kind.UINT32);
    private static final CType FLOAT = CType.scalar(CType.Kind.FLOAT);

    @Property
    void anIntegerInRangeComesBackAsItWent(@ForAll @IntRange(min = 0, max = 255) int value) {
        Object carrier = CValues.toScalar(ForeignValue.of((long) value), UINT8, "x", "f");
        assertThat(carrier).isInstanceOf(Byte.class);
        assertThat(CValues.fromScalar(carrier, UINT8)).isEqualTo(ForeignValue.of((long) value));
    }

    @Property
    void aSignedIntegerOutOfRangeIsRefused(@ForAll @LongRange(min = Short.MAX_VALUE + 1L, max = Long.MAX_VALUE) long value) {
        assertThatThrownBy(() -> CValues.toScalar(ForeignValue.of(value), INT16, "x", "f"))
            .isInstanceOf(ForeignArgumentException.class)
            .hasMessageEndingWith("argument 'x' of f: " + ForeignValue.of(value) + " does not fit in int16_t");
    }

    @Test
    void unsigned64BitValuesBeyondLongMaxAreBigIntegers() {
        BigInteger max = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);
        Object carrier = CValues.toScalar(ForeignValue.of(max), CType.UINT64, "x", "f");
        assertThat(carrier).isEqualTo(-1L);
        assertThat(CValues.fromScalar(carrier, CType.UINT64)).isEqualTo(ForeignValue.of(max));
        assertThat(CValues.fromScalar(-1, UINT32)).isEqualTo(ForeignValue.of(4294967295L));
    }

    @Test
    void aNegativeNumberDoesNotFitAnUnsignedType() {
        assertThatThrownBy(() -> CValues.toScalar(ForeignValue.of(-1L), CType.UINT64, "n", "f"))
            .hasMessageEndingWith("argument 'n' of f: -1 does not fit in uint64_t");
    }

    @Test
    void boolsAreBooleansAndMayComeBackAsBytes() {
        assertThat(CValues.toScalar(ForeignValue.of(true), CType.BOOL, "b", "f")).isEqualTo(true);
        assertThat(CValues.fromScalar(true, CType.BOOL)).isEqualTo(ForeignValue.of(true));
        assertThat(CValues.fromScalar((byte) 0, CType.BOOL)).isEqualTo(ForeignValue.of(false));
        assertThat(CValues.toScalar(ForeignValue.of(true), CType.INT32, "b", "f")).isEqualTo(1);
    }

    @Test
    void integersPassForFloatingPoint() {
        assertThat(CValues.toScalar(ForeignValue.of(3L), FLOAT, "x", "f")).isEqualTo(3f);
        assertThat(CValues.toScalar(ForeignValue.of(2.5), CType.DOUBLE, "x", "f")).isEqualTo(2.5);
    }

    @Test
    void aMismatchDescribesTheValueShortly() {
        String text = "x".repeat(50);
        assertThatThrownBy(() -> CValues.toScalar(ForeignValue.of(text), CType.INT32, "n", "f"))
            .hasMessageEndingWith("argument 'n' of f is int32_t, which cannot take string " + ForeignValue.of(text).toString().substring(0, 40) + "...");
    }

    @Test
    void pointersAreTheBridges() {
        assertThatThrownBy(() -> CValues.fromScalar(0L, CType.VOID_POINTER)).isInstanceOf(IllegalArgumentException.class);
        assertThat(CValues.zero(CType.VOID_POINTER)).isNull();
        assertThat(CValues.zero(CType.VOID)).isNull();
        assertThat(CValues.zero(CType.BOOL)).isEqualTo(false);
        assertThat(CValues.zero(INT16)).isEqualTo((short) 0);
        assertThat(CValues.zero(FLOAT)).isEqualTo(0f);
    }
}
