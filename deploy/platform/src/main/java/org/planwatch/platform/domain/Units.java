package org.planwatch.platform.domain;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The units planwatch accepts, each with its dimension and its factor to the dimension's base
 * unit, so that a figure posted in 万元 can be compared with a target in 亿元 and a figure in 吨
 * is never compared with one in 元.
 */
public final class Units {

    public record Unit(String symbol, String dimension, BigDecimal factor) {
    }

    private static final Map<String, Unit> UNITS = new LinkedHashMap<>();

    static {
        define("money", "元", "1", "万元", "1e4", "亿元", "1e8", "万亿元", "1e12");
        define("people", "人", "1", "名", "1", "万人", "1e4");
        define("person_times", "人次", "1", "万人次", "1e4");
        define("organisations", "家", "1", "个", "1", "万家", "1e4");
        define("items", "项", "1", "件", "1");
        define("households", "户", "1", "万户", "1e4");
        define("mass", "吨", "1", "万吨", "1e4");
        define("power", "千瓦", "1", "万千瓦", "1e4");
        define("energy", "千瓦时", "1", "万千瓦时", "1e4", "亿千瓦时", "1e8");
        define("coal_equivalent", "吨标准煤", "1", "万吨标准煤", "1e4");
        define("land", "亩", "1", "万亩", "1e4");
        define("length", "公里", "1", "千米", "1");
        define("area", "平方米", "1", "万平方米", "1e4", "平方公里", "1e6");
        define("percent", "%", "1");
        define("percentage_points", "个百分点", "1");
        define("ratio", "倍", "1");
        define("sites", "座", "1", "所", "1", "处", "1");
        define("sets", "台", "1", "套", "1");
        define("lines", "条", "1");
        define("events", "场", "1", "次", "1");
    }

    private Units() {
    }

    private static void define(String dimension, String... symbolsAndFactors) {
        for (int i = 0; i < symbolsAndFactors.length; i += 2) {
            String symbol = symbolsAndFactors[i];
            UNITS.put(symbol, new Unit(symbol, dimension, new BigDecimal(symbolsAndFactors[i + 1])));
        }
    }

    public static Optional<Unit> find(String symbol) {
        return Optional.ofNullable(symbol == null ? null : UNITS.get(symbol.trim()));
    }

    public static Set<String> symbols() {
        return UNITS.keySet();
    }

    public static boolean sameDimension(String from, String to) {
        return find(from).flatMap(f -> find(to).map(t -> f.dimension().equals(t.dimension()))).orElse(false);
    }

    /** Converts {@code value} from one unit to another of the same dimension. */
    public static BigDecimal convert(BigDecimal value, String from, String to) {
        Unit source = find(from).orElseThrow(() -> new IllegalArgumentException("unknown unit '" + from + "'"));
        Unit target = find(to).orElseThrow(() -> new IllegalArgumentException("unknown unit '" + to + "'"));
        if (!source.dimension().equals(target.dimension())) {
            throw new IllegalArgumentException("unit '" + from + "' (" + source.dimension() + ") cannot be converted to '"
                    + to + "' (" + target.dimension() + ")");
        }
        if (source.factor().compareTo(target.factor()) == 0) {
            return value;
        }
        return value.multiply(source.factor()).divide(target.factor(), java.math.MathContext.DECIMAL64);
    }
}
