package io.ggen.ffi.convert.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonWriter;
import io.ggen.ffi.api.ForeignArgumentException;
import io.ggen.ffi.api.ForeignValue;
import java.io.StringReader;
import java.io.StringWriter;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ForeignJsonTest {

    private static final long TWO_TO_53 = 1L << 53;

    @Test
    void scalarsAreWrittenAsThemselves() {
        assertThat(ForeignJson.toJson(ForeignValue.NULL)).isEqualTo("null");
        assertThat(ForeignJson.toJson(ForeignValue.TRUE)).isEqualTo("true");
        assertThat(ForeignJson.toJson(ForeignValue.of(-42))).isEqualTo("-42");
        assertThat(ForeignJson.toJson(ForeignValue.of("a\"b\n"))).isEqualTo("\"a\\\"b\\n\"");
        assertThat(ForeignJson.toJson(ForeignValue.list(ForeignValue.of(1), ForeignValue.NULL))).isEqualTo("[1,null]");
    }

    @Test
    void integersUpToTheJavaScriptSafeLimitAreNumbersBeyondItBigints() {
        assertThat(ForeignJson.toJson(ForeignValue.of(TWO_TO_53 - 1))).isEqualTo("9007199254740991");
        assertThat(ForeignJson.toJson(ForeignValue.of(-(TWO_TO_53 - 1)))).isEqualTo("-9007199254740991");
        assertThat(ForeignJson.toJson(ForeignValue.of(TWO_TO_53))).isEqualTo("{\"$bigint\":\"9007199254740992\"}");
        assertThat(ForeignJson.toJson(ForeignValue.of(-TWO_TO_53))).isEqualTo("{\"$bigint\":\"-9007199254740992\"}");
        assertThat(ForeignJson.toJson(ForeignValue.of(Long.MIN_VALUE))).isEqualTo("{\"$bigint\":\"-9223372036854775808\"}");
        assertThat(ForeignJson.toJson(ForeignValue.of(BigInteger.TWO.pow(70))))
            .isEqualTo("{\"$bigint\":\"1180591620717411303424\"}");
    }

    @Test
    void forPeopleEveryIntegerIsAPlainNumberThatReadsBackExactly() {
        ForeignValue big = ForeignValue.of(BigInteger.TWO.pow(100));
        ForeignValue nested = ForeignValue.list(big, ForeignValue.of(Long.MIN_VALUE),
            ForeignValue.map(java.util.Map.of(ForeignValue.of("n"), ForeignValue.of(TWO_TO_53))));
        assertThat(ForeignJson.toDisplayJson(big)).isEqualTo("1267650600228229401496703205376");
        assertThat(ForeignJson.toDisplayJson(nested))
            .isEqualTo("[1267650600228229401496703205376,-9223372036854775808,{\"n\":9007199254740992}]");
        assertThat(ForeignJson.parse(ForeignJson.toDisplayJson(nested))).isEqualTo(nested);
        assertThat(ForeignJson.toPrettyJson(big)).isEqualTo("1267650600228229401496703205376");
        assertThat(ForeignJson.toJson(big)).as("the machines' form keeps its tag")
            .isEqualTo("{\"$bigint\":\"1267650600228229401496703205376\"}");
    }

    @Test
    void bigintsAndBigLiteralsAreReadAsTheSmallestIntegerKind() {
        assertThat(ForeignJson.parse("{\"$bigint\": \"12\"}")).isEqualTo(ForeignValue.of(12));
        assertThat(ForeignJson.parse("{\"$bigint\": \"-9223372036854775809\"}"))
            .isEqualTo(new ForeignValue.BigIntValue(new BigInteger("-9223372036854775809")));
        assertThat(ForeignJson.parse("9007199254740993")).isEqualTo(ForeignValue.of(TWO_TO_53 + 1));
        assertThat(ForeignJson.parse("9223372036854775807")).isEqualTo(ForeignValue.of(Long.MAX_VALUE));
        assertThat(ForeignJson.parse("123456789012345678901234567890"))
            .isEqualTo(ForeignValue.of(new BigInteger("123456789012345678901234567890")));
        assertThat(ForeignJson.parse("-0")).isEqualTo(ForeignValue.of(0));
    }

    @Test
    void floatsKeepAPointSoTheyReadBackAsFloats() {
        assertThat(ForeignJson.toJson(ForeignValue.of(1.0))).isEqualTo("1.0");
        assertThat(ForeignJson.toJson(ForeignValue.of(1e300))).isEqualTo("1.0E300");
        assertThat(ForeignJson.toJson(ForeignValue.of(-0.0))).isEqualTo("-0.0");
        assertThat(ForeignJson.parse("1.0")).isEqualTo(ForeignValue.of(1.0));
        assertThat(ForeignJson.parse("1E2")).isEqualTo(ForeignValue.of(100.0));
        assertThat(ForeignJson.parse("-0.0")).isEqualTo(ForeignValue.of(-0.0)).isNotEqualTo(ForeignValue.of(0.0));
        assertThat(ForeignJson.parse("1")).isEqualTo(ForeignValue.of(1));
    }

    @Test
    void aHugeExponentIsAnInfinityAsInJavaScript() {
        assertThat(ForeignJson.parse("1e999")).isEqualTo(ForeignValue.of(Double.POSITIVE_INFINITY));
        assertThat(ForeignJson.parse("-1E+999")).isEqualTo(ForeignValue.of(Double.NEGATIVE_INFINITY));
        assertThat(ForeignJson.parse("1e-999")).isEqualTo(ForeignValue.of(0.0));
    }

    @ParameterizedTest
    @CsvSource({"NaN, NaN", "Infinity, Infinity", "-Infinity, -Infinity"})
    void nonFiniteFloatsAreTagged(String name, double value) {
        String json = "{\"$float\":\"" + name + "\"}";
        assertThat(ForeignJson.toJson(ForeignValue.of(value))).isEqualTo(json);
        assertThat(ForeignJson.parse(json)).isEqualTo(ForeignValue.of(value));
    }

    @Test
    void bytesAreBase64() {
        ForeignValue bytes = ForeignValue.of(new byte[] {0, 1, (byte) 0xff});
        assertThat(ForeignJson.toJson(bytes)).isEqualTo("{\"$bytes\":\"AAH/\"}");
        assertThat(ForeignJson.parse("{\"$bytes\":\"AAH/\"}")).isEqualTo(bytes);
    }

    @Test
    void mapsWithStringKeysAreObjectsInOrder() {
        Map<ForeignValue, ForeignValue> entries = new LinkedHashMap<>();
        entries.put(ForeignValue.of("z"), ForeignValue.of(1));
        entries.put(ForeignValue.of("a"), ForeignValue.NULL);
        ForeignValue map = ForeignValue.map(entries);

        assertThat(ForeignJson.toJson(map)).isEqualTo("{\"z\":1,\"a\":null}");
        assertThat(((ForeignValue.MapValue) ForeignJson.parse("{\"z\":1,\"a\":null}")).entries().keySet())
            .containsExactly(ForeignValue.of("z"), ForeignValue.of("a"));
    }

    @Test
    void otherMapsUseTheMapForm() {
        ForeignValue map = ForeignValue.map(Map.of(ForeignValue.of(1), ForeignValue.of("one")));
        assertThat(ForeignJson.toJson(map)).isEqualTo("{\"$map\":[[1,\"one\"]]}");
        assertThat(ForeignJson.parse("{\"$map\": [[1, \"one\"]]}")).isEqualTo(map);
    }

    @Test
    void aMapThatLooksLikeATagIsWrittenInTheMapFormAndSurvives() {
        ForeignValue map = ForeignValue.map(Map.of(ForeignValue.of("$bigint"), ForeignValue.of("12")));
        String json = ForeignJson.toJson(map);

        assertThat(json).isEqualTo("{\"$map\":[[\"$bigint\",\"12\"]]}");
        assertThat(ForeignJson.parse(json)).isEqualTo(map);
    }

    @Test
    void objectsThatAreNotExactlyOneKnownTagArePlainMaps() {
        assertThat(ForeignJson.parse("{\"$x\": 1}"))
            .isEqualTo(ForeignValue.map(Map.of(ForeignValue.of("$x"), ForeignValue.of(1))));
        assertThat(ForeignJson.parse("{\"$bigint\": \"1\", \"a\": 2}")).isInstanceOf(ForeignValue.MapValue.class)
            .extracting(v -> ((ForeignValue.MapValue) v).get("$bigint")).isEqualTo(ForeignValue.of("1"));
        assertThat(ForeignJson.parse("{}")).isEqualTo(ForeignValue.map(Map.of()));
    }

    @Test
    void handlesUseTheIdFunctionBothWays() {
        ForeignValue handle = ForeignValue.handle(new TestHandle("h1"));

        assertThat(ForeignJson.toJson(handle)).isEqualTo("{\"$handle\":\"test:h1\"}");
        assertThat(ForeignJson.toJson(handle, h -> ((TestHandle) h).id())).isEqualTo("{\"$handle\":\"h1\"}");
        assertThat(ForeignJson.parse("{\"$handle\":\"h1\"}", TestHandle::new)).isEqualTo(handle);
    }

    @Test
    void aHandleWithoutResolverOrWithAnUnknownIdIsAClearError() {
        assertThatThrownBy(() -> ForeignJson.parse("[{\"$handle\":\"h1\"}]"))
            .isInstanceOf(ForeignArgumentException.class)
            .hasMessageContaining("\"h1\"").hasMessageContaining("no handle resolver")
            .hasMessageContaining("path $[0].$handle");
        assertThatThrownBy(() -> ForeignJson.parse("{\"$handle\":\"h2\"}", id -> null))
            .hasMessageContaining("unknown handle id \"h2\"");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"a\" 1}           | Expected ':' at line 1 column 7 path $.a",
        "[1, 2               | unexpected end of input at line 1 column 6",
        "[1] x               | expected the end of the input after the value at line 1",
        "{a: 1}              | expected strict JSON",
        "[1,]                | at line 1 column 5",
        "NaN                 | expected strict JSON",
        "{\"$bigint\": 5}    | expected a string of decimal digits for $bigint but found 5 at line 1 column 15 path $.$bigint",
        "{\"$bigint\": \"1x\"} | expected a string of decimal digits for $bigint but found \"1x\"",
        "{\"$float\": \"nan\"} | expected \"NaN\", \"Infinity\" or \"-Infinity\" for $float",
        "{\"$bytes\": \"%\"}   | expected base64 for $bytes",
        "{\"$map\": [[1]]}   | expected [key, value] pairs in $map but found [1]",
    })
    void malformedInputSaysWhereAndWhatWasExpected(String json, String message) {
        assertThatThrownBy(() -> ForeignJson.parse(json))
            .isInstanceOf(ForeignArgumentException.class)
            .hasMessageContaining(message)
            .satisfies(e -> assertThat(((ForeignArgumentException) e).language()).isEqualTo("json"));
    }

    @Test
    void emptyInputIsMalformed() {
        assertThatThrownBy(() -> ForeignJson.parse("")).isInstanceOf(ForeignArgumentException.class)
            .hasMessageContaining("unexpected end of input at line 1 column 1");
    }

    @Test
    void deepNestingIsAnErrorNotAStackOverflow() {
        assertThatThrownBy(() -> ForeignJson.parse("[".repeat(100_000)))
            .isInstanceOf(ForeignArgumentException.class).hasMessageContaining("Nesting limit");
    }

    @Test
    void loneSurrogatesAreEscapedAndPairsWrittenAsTheyAre() {
        ForeignValue text = ForeignValue.of("a\ud800b\ud83d\ude00");
        String json = ForeignJson.toJson(text);

        assertThat(json).isEqualTo("\"a\\ud800b\ud83d\ude00\"");
        assertThat(ForeignJson.parse(json)).isEqualTo(text);
    }

    @Test
    void aMapKeyWithALoneSurrogateUsesTheMapForm() {
        ForeignValue map = ForeignValue.map(Map.of(ForeignValue.of("\udc00"), ForeignValue.of(1),
            ForeignValue.of("b"), ForeignValue.of(2)));
        String json = ForeignJson.toJson(map);

        assertThat(json).startsWith("{\"$map\":").contains("\"\\udc00\"");
        assertThat(ForeignJson.parse(json)).isEqualTo(map);
    }

    @Test
    void prettyJsonIsIndented() {
        assertThat(ForeignJson.toPrettyJson(ForeignJson.parse("{\"a\":[1]}"))).isEqualTo("{\n  \"a\": [\n    1\n  ]\n}");
    }

    @Test
    void valuesStreamIntoAndOutOfLargerDocuments() throws Exception {
        StringWriter text = new StringWriter();
        JsonWriter out = new JsonWriter(text);
        out.setSerializeNulls(false);
        out.beginObject().name("id").value(7).name("result");
        ForeignJson.write(out, ForeignJson.parse("{\"a\":null,\"b\":{\"$float\":\"NaN\"}}"));
        out.endObject().close();

        assertThat(text.toString()).isEqualTo("{\"id\":7,\"result\":{\"a\":null,\"b\":{\"$float\":\"NaN\"}}}");
        assertThat(out.getSerializeNulls()).isFalse();

        JsonReader in = new JsonReader(new StringReader(text.toString()));
        in.beginObject();
        assertThat(in.nextName()).isEqualTo("id");
        in.skipValue();
        assertThat(in.nextName()).isEqualTo("result");
        ForeignValue result = ForeignJson.read(in);
        in.endObject();
        assertThat(ForeignJson.toJson(result)).isEqualTo("{\"a\":null,\"b\":{\"$float\":\"NaN\"}}");
    }
}
