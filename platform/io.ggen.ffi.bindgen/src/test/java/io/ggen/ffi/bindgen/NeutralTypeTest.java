package io.ggen.ffi.bindgen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class NeutralTypeTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "any              | Object                       | Object",
        "null             | void                         | Object",
        "bool             | boolean                      | boolean",
        "int              | long                         | long",
        "int32            | int                          | int",
        "bigint           | BigInteger                   | BigInteger",
        "float            | double                       | double",
        "float32          | float                        | float",
        "string           | String                       | String",
        "bytes            | byte[]                       | byte[]",
        "handle           | ForeignHandle                | ForeignHandle",
        "list<int>        | List<Long>                   | List<Long>",
        "map<list<float>> | Map<String, List<Double>>    | Map<String, List<Double>>",
        "optional<int>    | Optional<Long>               | Long",
        "optional<list<optional<bool>>> | Optional<List<Boolean>> | List<Boolean>",
        "optional<null>   | void                         | Object",
        "list<optional<string>> | List<String>           | List<String>",
    })
    void namesTheJavaTypeOfAResultAndOfAParameter(String neutral, String result, String parameter) {
        NeutralType type = NeutralType.parse(neutral);
        assertThat(type.javaResult()).isEqualTo(result);
        assertThat(type.javaParameter()).isEqualTo(parameter);
        assertThat(NeutralType.parse(type.toString())).isEqualTo(type);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "integer", "Int", "list", "list<>", "list<int", "map<int>>", "int<int>", "list<int> x"})
    void refusesWhatIsNotANeutralType(String text) {
        assertThatThrownBy(() -> NeutralType.parse(text)).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("is not a neutral type");
    }

    @org.junit.jupiter.api.Test
    void spacesAroundNamesAndBracketsAreAllowed() {
        assertThat(NeutralType.parse(" map < list<int> > ").toString()).isEqualTo("map<list<int>>");
    }
}
