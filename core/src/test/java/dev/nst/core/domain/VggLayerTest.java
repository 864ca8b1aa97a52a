package dev.nst.core.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class VggLayerTest {

    @Test
    void theTrunkHasTheThirtySevenLayersOfVgg19InNetworkOrder() {
        assertThat(VggLayer.values()).hasSize(37);
        assertThat(VggLayer.values()[0]).isEqualTo(VggLayer.CONV1_1);
        assertThat(VggLayer.values()[36]).isEqualTo(VggLayer.POOL5);
        assertThat(VggLayer.convolutions()).hasSize(16)
                .startsWith(VggLayer.CONV1_1, VggLayer.CONV1_2, VggLayer.CONV2_1)
                .endsWith(VggLayer.CONV5_4)
                .allMatch(l -> l.kind() == VggLayer.Kind.CONV);
    }

    @ParameterizedTest
    @CsvSource({
            "CONV1_1, conv1_1, CONV, 1, 0",
            "RELU1_2, relu1_2, RELU, 1, 0",
            "POOL1,   pool1,   POOL, 1, 1",
            "RELU2_1, relu2_1, RELU, 2, 1",
            "CONV3_4, conv3_4, CONV, 3, 2",
            "RELU4_2, relu4_2, RELU, 4, 3",
            "POOL4,   pool4,   POOL, 4, 4",
            "RELU5_1, relu5_1, RELU, 5, 4",
            "POOL5,   pool5,   POOL, 5, 5"})
    void aLayerKnowsItsNameKindBlockAndDownsampling(VggLayer layer, String id, VggLayer.Kind kind, int block,
                                                   int poolingsBefore) {
        assertThat(layer.id()).isEqualTo(id);
        assertThat(layer.kind()).isEqualTo(kind);
        assertThat(layer.block()).isEqualTo(block);
        assertThat(layer.poolingsBefore()).isEqualTo(poolingsBefore);
    }

    @Test
    void everyLayerParsesFromItsOwnId() {
        for (VggLayer layer : VggLayer.values()) {
            assertThat(VggLayer.parse(layer.id())).isEqualTo(layer);
        }
    }

    @Test
    void parsingIgnoresCaseAndSurroundingBlanks() {
        assertThat(VggLayer.parse("  ReLU4_2 ")).isEqualTo(VggLayer.RELU4_2);
    }

    @ParameterizedTest
    @ValueSource(strings = {"relu6_1", "relu4-2", "conv", ""})
    void anUnknownNameIsRejectedWithTheListOfValidNames(String name) {
        assertThatThrownBy(() -> VggLayer.parse(name))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("unknown layer '" + name.trim() + "'")
                .hasMessageContaining("valid layers are conv1_1, relu1_1, conv1_2")
                .hasMessageContaining("relu4_2")
                .hasMessageEndingWith("pool5");
    }

    @Test
    void aListIsTrimmedAndDeduplicatedInTheGivenOrder() {
        List<VggLayer> layers = VggLayer.parseList(" relu3_1, relu1_1 ,relu3_1,,RELU2_1 ");

        assertThat(layers).containsExactly(VggLayer.RELU3_1, VggLayer.RELU1_1, VggLayer.RELU2_1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", ",", " , ,"})
    void anEmptyListIsRejected(String ids) {
        assertThatThrownBy(() -> VggLayer.parseList(ids))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("no layer given");
    }

    @Test
    void aListWithOneBadNameNamesIt() {
        assertThatThrownBy(() -> VggLayer.parseList("relu1_1,relu9_9"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("unknown layer 'relu9_9'");
    }

    @Test
    void deepestIsTheLatestInNetworkOrderWhateverTheListOrder() {
        assertThat(VggLayer.deepest(List.of(VggLayer.RELU4_2, VggLayer.RELU5_1, VggLayer.RELU1_1)))
                .isEqualTo(VggLayer.RELU5_1);
        assertThat(VggLayer.RELU4_2.atOrAfter(VggLayer.RELU4_1)).isTrue();
        assertThat(VggLayer.RELU4_2.atOrAfter(VggLayer.RELU4_2)).isTrue();
        assertThat(VggLayer.RELU4_1.atOrAfter(VggLayer.RELU4_2)).isFalse();
    }

    @Test
    void upToListsEveryLayerFromTheFirstThroughTheGivenOne() {
        assertThat(VggLayer.upTo(VggLayer.POOL1)).containsExactly(VggLayer.CONV1_1, VggLayer.RELU1_1, VggLayer.CONV1_2,
                VggLayer.RELU1_2, VggLayer.POOL1);
        assertThat(VggLayer.upTo(VggLayer.CONV1_1)).containsExactly(VggLayer.CONV1_1);
        assertThat(VggLayer.upTo(VggLayer.POOL5)).hasSize(VggLayer.values().length);
    }

    @Test
    void theMinimumInputSideDoublesWithEveryPoolingBeforeTheLayer() {
        assertThat(VggLayer.RELU1_1.minimumInputSide()).isEqualTo(1);
        assertThat(VggLayer.POOL1.minimumInputSide()).isEqualTo(2);
        assertThat(VggLayer.RELU4_2.minimumInputSide()).isEqualTo(8);
        assertThat(VggLayer.RELU5_1.minimumInputSide()).isEqualTo(16);
        assertThat(VggLayer.POOL5.minimumInputSide()).isEqualTo(32);
    }
}
