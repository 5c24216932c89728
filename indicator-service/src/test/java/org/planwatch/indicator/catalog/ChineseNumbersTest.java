package org.planwatch.indicator.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ChineseNumbersTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "一百, 100",
            "两千三百, 2300",
            "十五, 15",
            "千亿, 100000000000",
            "一个, 1",
            "三十, 30",
    })
    void readsChineseNumerals(String numeral, long value) {
        assertThat(ChineseNumbers.parseChinese(numeral.replace("个", ""))).isEqualTo(value);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "集群规模突破1.5万亿元|1.5|1500000000000",
            "8萬(wan)名職業技能人才|8|80000",
            "全市拥有国家高新技术企业1,376家|1376|1376",
            "投入强度达到２.８%|2.8|2.8",
            "打造千万千瓦级储能之都|1000|10000000",
            "千亿级泰山锂谷|1000|100000000000",
    })
    void readsArabicFiguresWithTheirMagnitude(String text, BigDecimal written, BigDecimal value) {
        assertThat(ChineseNumbers.find(text)).anySatisfy(found -> {
            assertThat(found.asWritten()).isEqualByComparingTo(written);
            assertThat(found.value()).isEqualByComparingTo(value);
        });
    }
}
