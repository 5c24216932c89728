package org.planwatch.indicator.importer;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.planwatch.indicator.catalog.CatalogFiles.RegionEntry;
import org.planwatch.indicator.catalog.CatalogLoader;
import org.planwatch.indicator.catalog.ChineseNumbers;
import org.planwatch.indicator.importer.Candidate.RegionRef;
import org.planwatch.platform.domain.Units;

/**
 * Proposes the quantitative targets of a Chinese policy text (规划、行动方案、实施意见) by rules a
 * plan analyst would follow: a figure with a unit is a target when the clause commits to it
 * (达到, 突破, 不少于, 培育, 建成 … or 以上/左右 after it) in a part of the plan that looks
 * forward; figures in the review of the past (发展基础, 截至2022年底 …), thresholds (投资过500万元),
 * subsidies (给予100万元补助), ordinals, slogans (“十个一”) and rates (每万人) are not targets.
 *
 * <p>Pure Java: the regions are passed in (or read from the catalog's {@code regions.yaml}), and
 * nothing here needs a container. One instance can read any number of texts, also concurrently.
 */
public final class PlanTextImporter {

    /** Written units, longest first so that 万千瓦 wins over 千瓦 and 个百分点 over 个. */
    private static final Map<String, String> UNIT_WORDS = unitWords();
    /** Words after which the figure is committed to at least (≥). */
    private static final List<String> AT_LEAST = List.of("达到", "达", "突破", "超过", "超", "不少于", "不低于", "至少",
            "力争", "提高到", "提升到", "增加到", "增长到", "发展到", "扩大到", "实现", "稳定在", "保持在", "保持", "争创",
            "争取", "确保", "增长", "增速", "提高", "提升");
    /** Words after which the figure is a ceiling (≤). */
    private static final List<String> AT_MOST = List.of("控制在", "不超过", "不高于", "低于", "下降到", "降至", "降低到",
            "压减到", "压减至", "压降到");
    /** Verbs that produce what is counted: 培育10家, 建成5000台. */
    private static final List<String> PRODUCING = List.of("培育", "建设", "建成", "新增", "引进", "打造", "创建", "组织",
            "评选", "新建", "储备", "取得", "布局", "选树", "完成", "形成", "实施", "培养", "授权", "招引", "开发", "修订",
            "认定", "选聘", "邀请", "设立", "遴选", "推荐", "申报", "举办", "开展", "培训", "吸引", "引育", "备案", "组建",
            "建立", "提供", "改扩建", "改造", "孵化", "新培育", "新备案", "新引进", "选育", "创办", "招引落地");
    private static final List<String> CUES = cues();

    private static final Pattern YEAR = Pattern.compile("(\\d{4})年(?:(\\d{1,2})月)?(底|末|初)?(以前|前)?");
    private static final Pattern PAST_MARKERS = Pattern.compile(
            "截至|截止|十三五|近年来|以来|近\\d{1,2}年|近[一二三四五六七八九十]年|去年|上年|已有|现有|拥有(?!量)");
    private static final Pattern FUTURE_WORDS = Pattern.compile("每年|力争|年均|到\\d{4}年|\\d{4}年前");
    private static final Pattern REFERENCE_DATE = Pattern.compile("(?<![到至])(\\d{4})(?:年\\d{1,2}月\\d{1,2}日|-\\d{2}-\\d{2})");
    private static final Pattern DOCUMENT_YEAR = Pattern.compile("〔(\\d{4})〕");
    private static final Pattern LEVEL_ONE = Pattern.compile("(?:^|(?<=[。\\n\\s)]))[一二三四五六七八九十]{1,3}、");
    private static final Pattern LEVEL_TWO = Pattern.compile("\\([一二三四五六七八九十]{1,3}\\)");
    private static final Pattern HEADING_START = Pattern.compile(
            "\\d{1,2}\\s*[.、](?!\\d)|\\(\\d{1,2}\\)|[一二三四五六七八九十]{1,3}、|\\([一二三四五六七八九十]{1,3}\\)|—{2,}|表\\d");
    private static final Pattern BACKGROUND_TITLE = Pattern.compile(
            "(?:发展|创新|工作|面临的?|现实|基本|主要|产业)?(?:基础|现状|情况|形势|机遇|挑战|优势|成效|成就|成绩|回顾|背景)");
    private static final Pattern FORWARD_TITLE = Pattern.compile("思路|目标|要求|任务|举措|措施");
    private static final Pattern DEPARTMENT_PARENS = Pattern.compile("[(〔]([^()〔〕\\n]{2,400}?)[)〕]");
    private static final Pattern DEPARTMENT_CUE = Pattern.compile("牵头|负责|配合|责任单位|分工");
    private static final Pattern EACH_COUNTY = Pattern.compile(
            "(?:每个|各)(?:县\\(市、区\\)|县市区|县区|区县|县\\(区\\)|区\\(县\\)|县\\(市\\)|县市)");
    private static final Pattern DEADLINE_WORDS = Pattern.compile(
            "(?:力争|争取|确保|截至|截止)?(?:到|至)?\\d{4}年(?:\\d{1,2}月)?(?:底|末)?(?:以前|前)?");
    private static final Pattern SUBSIDY = Pattern.compile("补助|补贴|奖励|奖补|贴息|资助|给予|一次性|最高|支持|扶持");
    /** 由2022年的392家增加到…: where a sentence gives the starting figure of a target. */
    private static final Pattern FROM_BASELINE = Pattern.compile("[由从][^由从,]*?\\d");
    private static final Pattern RISES_TO = Pattern.compile("^[^,]{0,12}?(?:增加|提高|提升|增长|扩大|发展|上升|下降|降低|减少)(?:到|至)");
    private static final Pattern GROWTH = Pattern.compile("增长|增速|增幅");
    private static final Pattern HOLD = Pattern.compile("稳定在|保持在|保持|稳定");
    private static final Pattern ANNUAL = Pattern.compile("每年|年均新增");
    private static final Pattern YEARLY_FLOW = Pattern.compile("年度|全年|年新增");
    private static final Pattern CUMULATIVE = Pattern.compile("累计|新增|新建|新培育|新备案|新引进");
    /** 百千万 is a name (百千万人才工程), not a number: no numeral puts two orders side by side. */
    private static final Pattern ADJACENT_ORDERS = Pattern.compile("[十百千][十百千]");
    private static final Set<String> COUNTED = Set.of("organisations", "items", "people", "sites",
            "sets", "lines", "events", "households");
    /** Words that state a past figure: 拥有1376家, 总数达到351家, 占…比重42%. */
    private static final Pattern STATED = Pattern.compile("拥有|共有|建有|有|获批|占|总数|总量|累计|聚集|集聚|为|其中|收入|产值|总额");
    /** How far a clause, and a quote, may reach: real ones are far shorter; a text without punctuation is not. */
    private static final int CLAUSE_WINDOW = 160;
    private static final int QUOTE_WINDOW = 400;
    private static final String SENTENCE_ENDS = "。！？；;!?";
    private static final String CLAUSE_ENDS = ",:";
    private static final String LOWER_IS_TARGET = "<=";
    private static final String HIGHER_IS_TARGET = ">=";

    private final List<RegionEntry> regions;

    public PlanTextImporter(List<RegionEntry> regions) {
        this.regions = List.copyOf(regions);
    }

    /** An importer that knows the regions of the catalog ({@code catalog/regions.yaml}). */
    public static PlanTextImporter withCatalogRegions() {
        return new PlanTextImporter(CatalogLoader.read("catalog/regions.yaml", RegionEntry[].class));
    }

    /** The candidate targets of {@code text}, in the order they appear. */
    public List<Candidate> propose(String text) {
        return read(text).candidates();
    }

    /** Candidate targets, and the past figures the text states (likely baselines). */
    public ImportResult read(String text) {
        Objects.requireNonNull(text, "text");
        return new Reading(NormalisedText.of(text)).run();
    }

    private static Map<String, String> unitWords() {
        Map<String, String> words = new LinkedHashMap<>();
        for (String symbol : Units.symbols()) {
            words.put(symbol, symbol);
        }
        // Written forms that are not symbols: 8万名 is 8 万人, a 千亿级 cluster is one of 1000 亿元.
        words.put("万名", "万人");
        words.put("万亿级", "万亿元");
        words.put("亿级", "亿元");
        words.put("万千瓦级", "万千瓦");
        words.put("千瓦级", "千瓦");
        Map<String, String> longestFirst = new LinkedHashMap<>();
        words.entrySet().stream()
                .sorted(Comparator.comparingInt((Map.Entry<String, String> e) -> e.getKey().length()).reversed())
                .forEach(e -> longestFirst.put(e.getKey(), e.getValue()));
        return longestFirst;
    }

    private static List<String> cues() {
        List<String> all = new ArrayList<>(AT_LEAST);
        all.addAll(AT_MOST);
        all.addAll(PRODUCING);
        return List.copyOf(all);
    }

    // ------------------------------------------------------------------------------------------

    private enum YearKind { FUTURE, PAST, NEUTRAL }

    private record YearMention(int start, int year, Integer month, YearKind kind) {
        String deadline() {
            return month == null ? String.valueOf(year) : "%d-%02d".formatted(year, month);
        }
    }

    private record Heading(int offset, boolean background, boolean goals) {
    }

    private record Departments(List<String> lead, List<String> cooperating) {
        static final Departments NONE = new Departments(List.of(), List.of());
    }

    /** A sentence (or a task's closing parentheses) of the clean text. */
    private record Segment(int start, int end, Departments departments, boolean opensSection) {
    }

    /** A figure with its unit: value as written, where it starts and where its unit (and 以上 …) ends. */
    private record Quantity(int start, int end, BigDecimal value, String unit,
            BigDecimal low, BigDecimal high, boolean approximate, String suffixComparator, boolean scale) {
    }

    /** One text being read; holds what the rules learn about the whole document. */
    private final class Reading {

        private final NormalisedText text;
        private final String s;
        private final Integer referenceYear;
        private final List<YearMention> years;
        private final List<Heading> headings;
        private final List<Segment> segments;
        private final RegionEntry city;
        private final List<Draft> drafts = new ArrayList<>();
        private final List<Baseline> baselines = new ArrayList<>();

        Reading(NormalisedText text) {
            this.text = text;
            this.s = text.clean();
            this.referenceYear = referenceYear();
            this.years = yearMentions();
            this.headings = headings();
            this.segments = segments();
            this.city = dominantCity();
        }

        ImportResult run() {
            for (int i = 0; i < segments.size(); i++) {
                Segment segment = segments.get(i);
                if (segment.departments() == null) {
                    readSegment(i, segment);
                }
            }
            List<Candidate> candidates = withoutRepeatedGoals().stream().map(Draft::candidate).toList();
            return new ImportResult(candidates, baselines);
        }

        // -------------------------------------------------------------- document-wide facts

        /** The year the text was issued: the latest full date it states, else its document number's year. */
        private Integer referenceYear() {
            Integer latest = null;
            Matcher date = REFERENCE_DATE.matcher(s);
            while (date.find()) {
                int year = Integer.parseInt(date.group(1));
                latest = latest == null ? year : Math.max(latest, year);
            }
            if (latest != null) {
                return latest;
            }
            Matcher number = DOCUMENT_YEAR.matcher(s);
            while (number.find()) {
                int year = Integer.parseInt(number.group(1));
                latest = latest == null ? year : Math.max(latest, year);
            }
            return latest;
        }

        private List<YearMention> yearMentions() {
            List<YearMention> found = new ArrayList<>();
            Matcher m = YEAR.matcher(s);
            while (m.find()) {
                int year = Integer.parseInt(m.group(1));
                if (year < 1949 || year > 2100 || (m.start() > 0 && Character.isDigit(s.charAt(m.start() - 1)))) {
                    continue;
                }
                Integer month = m.group(2) == null ? null : Integer.valueOf(m.group(2));
                if (month != null && (month < 1 || month > 12)) {
                    month = null;
                }
                found.add(new YearMention(m.start(), year, month, kindOf(m, year)));
            }
            return found;
        }

        private YearKind kindOf(Matcher m, int year) {
            String before = s.substring(Math.max(0, m.start() - 2), m.start());
            char after = m.end() < s.length() ? s.charAt(m.end()) : ' ';
            char justBefore = before.isEmpty() ? ' ' : before.charAt(before.length() - 1);
            if ("—-~".indexOf(justBefore) >= 0 || "—-~".indexOf(after) >= 0) {
                return YearKind.NEUTRAL; // a period such as 2024—2025年, not a deadline
            }
            if (before.endsWith("截至") || before.endsWith("截止")) {
                return YearKind.PAST;
            }
            if (justBefore == '到' || justBefore == '至') {
                return YearKind.FUTURE;
            }
            if (m.group(4) != null) {
                return referenceYear == null || year >= referenceYear ? YearKind.FUTURE : YearKind.PAST;
            }
            if (referenceYear == null || year > referenceYear) {
                return YearKind.FUTURE;
            }
            return year < referenceYear ? YearKind.PAST : YearKind.NEUTRAL;
        }

        /** Section headings (一、 and (一)); a section reviewing the past holds no targets. */
        private List<Heading> headings() {
            List<Heading> found = new ArrayList<>();
            for (Pattern level : List.of(LEVEL_ONE, LEVEL_TWO)) {
                Matcher m = level.matcher(s);
                while (m.find()) {
                    String title = title(m.end());
                    boolean background = BACKGROUND_TITLE.matcher(title).lookingAt()
                            && (level == LEVEL_TWO || !FORWARD_TITLE.matcher(title).find());
                    found.add(new Heading(m.start(), background, title.contains("目标")));
                }
            }
            found.sort(Comparator.comparingInt(Heading::offset));
            return found;
        }

        private String title(int from) {
            int end = Math.min(s.length(), from + 16);
            for (int i = from; i < end; i++) {
                if ("。(,\n“:".indexOf(s.charAt(i)) >= 0) {
                    return s.substring(from, i);
                }
            }
            return s.substring(from, end);
        }

        private Heading headingAt(int offset) {
            int after = firstHeadingAfter(offset);
            return after == 0 ? null : headings.get(after - 1);
        }

        /** Index of the first heading that starts after {@code offset} (binary search: texts may be long). */
        private int firstHeadingAfter(int offset) {
            int low = 0;
            int high = headings.size();
            while (low < high) {
                int mid = (low + high) >>> 1;
                if (headings.get(mid).offset() <= offset) {
                    low = mid + 1;
                } else {
                    high = mid;
                }
            }
            return low;
        }

        /** The year mentions that start in {@code [from, to)}, in order. */
        private List<YearMention> yearsIn(int from, int to) {
            int first = firstYearFrom(from);
            return years.subList(first, Math.max(first, firstYearFrom(to)));
        }

        private int firstYearFrom(int offset) {
            int low = 0;
            int high = years.size();
            while (low < high) {
                int mid = (low + high) >>> 1;
                if (years.get(mid).start() < offset) {
                    low = mid + 1;
                } else {
                    high = mid;
                }
            }
            return low;
        }

        private int sectionStart(int offset) {
            Heading heading = headingAt(offset);
            return heading == null ? 0 : heading.offset();
        }

        private int sectionEnd(int offset) {
            int after = firstHeadingAfter(offset);
            return after < headings.size() ? headings.get(after).offset() : s.length();
        }

        /** Sentences, and the parentheses naming the departments of a task as segments of their own. */
        private List<Segment> segments() {
            List<int[]> parens = new ArrayList<>();
            Matcher m = DEPARTMENT_PARENS.matcher(s);
            while (m.find()) {
                if (DEPARTMENT_CUE.matcher(m.group(1)).find()) {
                    parens.add(new int[] {m.start(), m.end()});
                }
            }
            List<Segment> found = new ArrayList<>();
            int start = 0;
            int next = 0;
            for (int i = 0; i < s.length(); i++) {
                if (next < parens.size() && parens.get(next)[0] == i) {
                    addText(found, start, i);
                    int[] paren = parens.get(next++);
                    found.add(new Segment(paren[0], paren[1], departments(s.substring(paren[0] + 1, paren[1] - 1)), false));
                    i = paren[1] - 1;
                    start = paren[1];
                } else if (SENTENCE_ENDS.indexOf(s.charAt(i)) >= 0 || s.charAt(i) == '\n') {
                    addText(found, start, i);
                    start = i + 1;
                }
            }
            addText(found, start, s.length());
            return found;
        }

        private void addText(List<Segment> found, int start, int end) {
            while (start < end && isBlank(s.charAt(start))) {
                start++;
            }
            while (end > start && isBlank(s.charAt(end - 1))) {
                end--;
            }
            if (end > start) {
                boolean opensSection = HEADING_START.matcher(s).region(start, end).lookingAt();
                found.add(new Segment(start, end, null, opensSection));
            }
        }

        /** The city the text is about: the one it names most often (滨州, 泰安 …). */
        private RegionEntry dominantCity() {
            RegionEntry best = null;
            int bestCount = 0;
            for (RegionEntry region : regions) {
                if (!isCity(region)) {
                    continue;
                }
                String shortName = region.nameZh().endsWith("市")
                        ? region.nameZh().substring(0, region.nameZh().length() - 1) : region.nameZh();
                int count = 0;
                for (int at = s.indexOf(shortName); at >= 0; at = s.indexOf(shortName, at + shortName.length())) {
                    count++;
                }
                if (count > bestCount) {
                    best = region;
                    bestCount = count;
                }
            }
            return best;
        }

        // -------------------------------------------------------------- one sentence

        private void readSegment(int index, Segment segment) {
            List<Quantity> quantities = quantities(segment);
            if (quantities.isEmpty()) {
                return;
            }
            Heading heading = headingAt(segment.start());
            boolean background = heading != null && heading.background();
            boolean hasFuture = yearsIn(segment.start(), segment.end()).stream().anyMatch(y -> y.kind() == YearKind.FUTURE);
            boolean hasPast = yearsIn(segment.start(), segment.end()).stream().anyMatch(y -> y.kind() == YearKind.PAST)
                    || PAST_MARKERS.matcher(s).region(segment.start(), segment.end()).find();
            boolean forward = hasFuture || FUTURE_WORDS.matcher(s).region(segment.start(), segment.end()).find();
            Departments departments = null;
            boolean acceptedBefore = false;
            int clauseStart = segment.start();
            List<Quantity> clause = new ArrayList<>();
            for (int qi = 0; qi <= quantities.size(); qi++) {
                Quantity q = qi < quantities.size() ? quantities.get(qi) : null;
                int qClauseStart = q == null ? -1 : clauseStart(segment, q.start());
                if (!clause.isEmpty() && (q == null || qClauseStart != clauseStart)) {
                    int clauseEnd = clauseEnd(segment, clause.get(clause.size() - 1).end());
                    boolean pastClause = background || (hasPast && (!hasFuture || pastWithin(clauseStart, clauseEnd)));
                    if (pastClause) {
                        addBaselines(segment, clauseStart, clauseEnd, clause);
                    } else {
                        if (departments == null) {
                            departments = departmentsAfter(index);
                        }
                        acceptedBefore |= readClause(segment, clauseStart, clauseEnd, clause, acceptedBefore && forward,
                                departments);
                    }
                    clause = new ArrayList<>();
                }
                if (q != null) {
                    clauseStart = qClauseStart;
                    clause.add(q);
                }
            }
        }

        private boolean pastWithin(int start, int end) {
            return yearsIn(start, end).stream().anyMatch(y -> y.kind() == YearKind.PAST)
                    || PAST_MARKERS.matcher(s).region(start, end).find();
        }

        /** Decides for each figure of one clause whether it is a target; returns whether one was. */
        private boolean readClause(Segment segment, int clauseStart, int clauseEnd, List<Quantity> clause,
                boolean mayInherit, Departments departments) {
            boolean clauseHasCue = lastCue(clauseStart, clauseEnd) != null;
            boolean hasScale = clause.stream().anyMatch(Quantity::scale);
            boolean accepted = false;
            List<Quantity> taken = new ArrayList<>();
            for (Quantity q : clause) {
                if (startingFigure(q, clauseStart, clauseEnd)) {
                    addBaseline(segment, clauseStart, clauseEnd, clause, q);
                    continue;
                }
                String cue = lastCue(clauseStart, q.start());
                boolean committed = cue != null || q.suffixComparator() != null || (!clauseHasCue && mayInherit)
                        || shareThatReaches(q, clauseEnd);
                if (!committed || excluded(q, clauseStart, clauseEnd, clause, hasScale)) {
                    continue;
                }
                taken.add(q);
            }
            for (int i = 0; i < taken.size(); i++) {
                Quantity q = taken.get(i);
                int itemStart = i == 0 ? clauseStart : itemStartAfter(taken.get(i - 1), q);
                List<String> phrases = phrases(clauseStart, itemStart, q, clauseEnd, taken, i, clause);
                List<RegionRef> regionsNamed = regionsNamed(clauseStart, itemStart, q.start());
                String cue = lastCue(clauseStart, q.start());
                String comparator = q.suffixComparator() != null ? q.suffixComparator()
                        : cue != null && AT_MOST.contains(cue) ? LOWER_IS_TARGET : HIGHER_IS_TARGET;
                int quoteStart = quoteStart(segment, clauseStart, q.start());
                String deadline = deadline(segment, q.start());
                String trajectory = trajectory(segment, clauseStart, q);
                for (String phrase : phrases) {
                    List<List<RegionRef>> perRegion = regionsNamed.isEmpty() ? List.of(List.of())
                            : regionsNamed.stream().map(List::of).toList();
                    for (List<RegionRef> regionList : perRegion) {
                        Candidate candidate = new Candidate(phrase, q.value(), q.unit(), comparator, q.approximate(),
                                q.low(), q.high(), deadline, regionList, departments.lead(), departments.cooperating(),
                                text.originalText(quoteStart, clauseEnd), text.originalOffset(quoteStart), trajectory);
                        Heading heading = headingAt(q.start());
                        drafts.add(new Draft(candidate, heading != null && heading.goals(), q.start()));
                    }
                }
                accepted = true;
            }
            return accepted;
        }

        /** 由2022年的392家增加到2025年的650家: the first figure is where the target starts from. */
        private boolean startingFigure(Quantity q, int clauseStart, int clauseEnd) {
            String before = s.substring(clauseStart, q.start());
            int from = Math.max(before.lastIndexOf('由'), before.lastIndexOf('从'));
            return from >= 0 && lastCue(clauseStart + from, q.start()) == null
                    && RISES_TO.matcher(s.substring(q.end(), clauseEnd)).find();
        }

        /** 60%的县域达到…: a share followed by what reaches it. */
        private boolean shareThatReaches(Quantity q, int clauseEnd) {
            return "%".equals(q.unit()) && q.end() < clauseEnd && s.charAt(q.end()) == '的'
                    && lastCue(q.end(), clauseEnd) != null && AT_LEAST.contains(lastCue(q.end(), clauseEnd));
        }

        private boolean excluded(Quantity q, int clauseStart, int clauseEnd, List<Quantity> clause,
                boolean clauseHasScale) {
            if (unclosed(clauseStart, q.start(), '“', '”') || unclosed(clauseStart, q.start(), '(', ')')) {
                return true; // inside a name (“千里海岸线、一条创新链”) or an explanation in parentheses
            }
            if (apposition(q, clauseStart, clauseEnd, clause)) {
                return true;
            }
            boolean money = Units.sameDimension(q.unit(), "元");
            if (money && SUBSIDY.matcher(s).region(clauseStart, clauseEnd).find()) {
                return true; // a grant or a cap on funding, not a target of the plan
            }
            String before = s.substring(clauseStart, q.start());
            if (before.endsWith("更多") || before.endsWith("一批") || before.endsWith("若干") || before.endsWith("多个")) {
                return true;
            }
            // 2000亿级…产业集群2个: the target is the clusters' scale; their count only repeats it.
            return clauseHasScale && !q.scale() && "个".equals(q.unit());
        }

        private boolean unclosed(int from, int to, char open, char close) {
            int depth = 0;
            for (int i = from; i < to; i++) {
                char c = s.charAt(i);
                if (c == open) {
                    depth++;
                } else if (c == close && depth > 0) {
                    depth--;
                }
            }
            return depth > 0;
        }

        /**
         * 建设经济开发区和滨海新区2个产业发展核心聚集区: a count after the things it counts,
         * followed by what they are, restates a list; it is not a target of its own.
         */
        private boolean apposition(Quantity q, int clauseStart, int clauseEnd, List<Quantity> clause) {
            if (q.scale() || !COUNTED.contains(Units.find(q.unit()).map(Units.Unit::dimension).orElse(""))) {
                return false;
            }
            String before = s.substring(clauseStart, q.start());
            String cue = lastCue(clauseStart, q.start());
            if (cue == null) {
                return false;
            }
            String listed = before.substring(before.lastIndexOf(cue) + cue.length());
            int next = clause.stream().mapToInt(Quantity::start).filter(start -> start >= q.end()).min().orElse(clauseEnd);
            String after = s.substring(q.end(), Math.max(q.end(), next));
            return listed.length() >= 4 && (listed.contains("和") || listed.contains("、"))
                    && listed.chars().noneMatch(Character::isDigit) && !after.startsWith("、") && tidy(after).length() >= 2;
        }

        // -------------------------------------------------------------- figures

        private List<Quantity> quantities(Segment segment) {
            // The clean text is already free of what ChineseNumbers normalises away, so its offsets hold here.
            String sentence = s.substring(segment.start(), segment.end());
            List<ChineseNumbers.Found> found = new ArrayList<>(ChineseNumbers.find(sentence));
            found.sort(Comparator.comparingInt(ChineseNumbers.Found::offset));
            List<Quantity> quantities = new ArrayList<>();
            int taken = segment.start();
            for (ChineseNumbers.Found f : found) {
                int start = segment.start() + f.offset();
                if (start < taken) {
                    continue;
                }
                Quantity q = quantity(f, start, segment.start() + f.end(), segment.end());
                if (q != null) {
                    quantities.add(q);
                    taken = q.end();
                }
            }
            return quantities;
        }

        private Quantity quantity(ChineseNumbers.Found f, int start, int end, int limit) {
            String numeral = s.substring(start, end);
            boolean arabic = numeral.chars().anyMatch(Character::isDigit);
            if (!arabic && (numeral.length() == 1 && "十百千万亿".indexOf(numeral.charAt(0)) >= 0
                    || ADJACENT_ORDERS.matcher(numeral).find())) {
                return null; // 千兆, 百展, 万众, 百千万人才: characters, not a number
            }
            int unitStart = f.magnitude() == null ? end : end - f.magnitude().length();
            BigDecimal value = f.asWritten();
            String unitWord = unitAt(unitStart, limit);
            if (unitWord == null && f.magnitude() != null) {
                // 1.2万条: no unit 万条, so the figure is 12000 条.
                unitWord = unitAt(end, limit);
                if (unitWord == null || unitWord.length() > 1 && "万亿".indexOf(unitWord.charAt(0)) >= 0) {
                    return null;
                }
                value = f.value();
                unitStart = end;
            }
            if (unitWord == null) {
                return null;
            }
            int unitEnd = unitStart + unitWord.length();
            if (notAUnit(unitWord, unitEnd)) {
                return null;
            }
            char before = previousChar(start);
            if (before == '第' || before == '每' || before == '“' || before == '"' || before == '「' || before == '前') {
                return null; // 第3位, 每万人, “八个品质”, 前10位
            }
            boolean scale = unitWord.endsWith("级");
            if (before == '过' && !scale && "超越通经".indexOf(previousChar(start - 1)) < 0) {
                return null; // 投资过500万元的项目: a threshold that selects projects
            }
            BigDecimal low = null;
            BigDecimal high = null;
            int rangeStart = rangeStart(start);
            if (rangeStart >= 0) {
                List<ChineseNumbers.Found> lowFound = ChineseNumbers.find(s.substring(rangeStart, start - 1));
                if (!lowFound.isEmpty()) {
                    low = lowFound.get(0).asWritten();
                    high = value;
                    value = low;
                    start = rangeStart;
                }
            }
            boolean approximate = before == '约' || before == '近';
            String suffixComparator = null;
            int stop = unitEnd;
            for (String suffix : List.of("以上", "以下", "以内", "左右", "上下", "(含)", "多", "余")) {
                if (s.startsWith(suffix, stop)) {
                    switch (suffix) {
                        case "以上" -> suffixComparator = HIGHER_IS_TARGET;
                        case "以下", "以内" -> suffixComparator = LOWER_IS_TARGET;
                        case "(含)" -> {
                        }
                        default -> approximate = true;
                    }
                    stop += suffix.length();
                }
            }
            return new Quantity(start, stop, plain(value), UNIT_WORDS.get(unitWord), low, high,
                    approximate, suffixComparator, scale);
        }

        private String unitAt(int at, int limit) {
            for (String word : UNIT_WORDS.keySet()) {
                if (at + word.length() <= limit && s.startsWith(word, at)) {
                    return word;
                }
            }
            return null;
        }

        /** 6个月, 3项目, 名单, 5人次… : the character starts a word, not a unit. */
        private boolean notAUnit(String unit, int unitEnd) {
            char next = unitEnd < s.length() ? s.charAt(unitEnd) : ' ';
            return switch (unit) {
                case "个" -> next == '月';
                case "项" -> next == '目';
                case "名" -> next == '单';
                case "次" -> next == '数' || next == '产';
                case "元" -> next == '素';
                default -> false;
            };
        }

        /** Where the low end of a range 2—3家 starts, or -1. */
        private int rangeStart(int start) {
            if (start < 2 || "—-~至".indexOf(s.charAt(start - 1)) < 0) {
                return -1;
            }
            int i = start - 1;
            while (i > 0 && (Character.isDigit(s.charAt(i - 1)) || s.charAt(i - 1) == '.'
                    || "一二两三四五六七八九十".indexOf(s.charAt(i - 1)) >= 0)) {
                i--;
            }
            return i < start - 1 ? i : -1;
        }

        private char previousChar(int index) {
            int i = index - 1;
            while (i >= 0 && s.charAt(i) == ' ') {
                i--;
            }
            return i >= 0 ? s.charAt(i) : ' ';
        }

        // -------------------------------------------------------------- clauses and cues

        /** Where the clause of {@code at} starts; a text without commas is read in windows, not as one clause. */
        private int clauseStart(Segment segment, int at) {
            int limit = Math.max(segment.start(), at - CLAUSE_WINDOW);
            for (int i = at - 1; i >= limit; i--) {
                if (isClauseBreak(i)) {
                    return i + 1;
                }
            }
            return limit;
        }

        private int clauseEnd(Segment segment, int from) {
            int limit = Math.min(segment.end(), from + CLAUSE_WINDOW);
            for (int i = from; i < limit; i++) {
                if (isClauseBreak(i)) {
                    return i;
                }
            }
            return limit;
        }

        /** A comma or colon ends a clause, except the thousands separator of 1,376. */
        private boolean isClauseBreak(int i) {
            char c = s.charAt(i);
            if (CLAUSE_ENDS.indexOf(c) < 0) {
                return false;
            }
            return !(c == ',' && i > 0 && Character.isDigit(s.charAt(i - 1)) && i + 3 < s.length()
                    && Character.isDigit(s.charAt(i + 1)) && Character.isDigit(s.charAt(i + 2))
                    && Character.isDigit(s.charAt(i + 3)) && (i + 4 >= s.length() || !Character.isDigit(s.charAt(i + 4))));
        }

        /** The cue word ending last in {@code [from, to)}: the verb or comparator that governs a figure. */
        private String lastCue(int from, int to) {
            String region = s.substring(from, to);
            String best = null;
            int bestEnd = -1;
            for (String cue : CUES) {
                int at = region.lastIndexOf(cue);
                if (at >= 0 && (at + cue.length() > bestEnd
                        || at + cue.length() == bestEnd && cue.length() > Objects.requireNonNull(best).length())) {
                    best = cue;
                    bestEnd = at + cue.length();
                }
            }
            return best;
        }

        private int itemStartAfter(Quantity previous, Quantity q) {
            int i = previous.end();
            while (i < q.start() && "、和及与,".indexOf(s.charAt(i)) >= 0) {
                i++;
            }
            return i;
        }

        // -------------------------------------------------------------- what is measured, where, by whom

        private List<String> phrases(int clauseStart, int itemStart, Quantity q, int clauseEnd, List<Quantity> taken,
                int index, List<Quantity> clause) {
            String item = stripContext(s.substring(itemStart, q.start()));
            if (item.isEmpty() && index > 0) {
                // 分别达到2500家、1600家: a list of figures shares, or splits, the phrase of the first.
                int listStart = index;
                while (listStart > 0 && itemBefore(taken, listStart).isEmpty()) {
                    listStart--;
                }
                Quantity first = taken.get(listStart);
                int firstItemStart = listStart == 0 ? clauseStart : itemStartAfter(taken.get(listStart - 1), first);
                String shared = phrase(stripContext(s.substring(firstItemStart, first.start())), first, clauseEnd, clause);
                List<String> parts = splitList(shared);
                return List.of(parts.size() == listLength(taken, listStart) ? parts.get(index - listStart) : shared);
            }
            if (index > 0 && item.endsWith("、")) {
                // 引进1000名科技领军人才、8万名本科以上大学生: the words before are the previous figure's.
                String following = following(q, clauseEnd, clause);
                return List.of(following.length() >= 2 ? following : tidy(item));
            }
            String phrase = phrase(item, q, clauseEnd, clause);
            int figures = listLength(taken, index);
            List<String> parts = splitList(phrase);
            if (figures > 1 && parts.size() == figures) {
                return List.of(parts.get(0));
            }
            if (figures == 1 && parts.size() > 1 && parts.stream().allMatch(PlanTextImporter::namesARate)) {
                // 覆盖率、配建率达100%: two rates, one figure.
                return parts;
            }
            return List.of(phrase);
        }

        private String itemBefore(List<Quantity> taken, int index) {
            return stripContext(s.substring(itemStartAfter(taken.get(index - 1), taken.get(index)), taken.get(index).start()));
        }

        /** How many figures form the list that starts at {@code index} (150家、50家、3家 is three). */
        private int listLength(List<Quantity> taken, int index) {
            int n = 1;
            while (index + n < taken.size() && itemBefore(taken, index + n).isEmpty()) {
                n++;
            }
            return n;
        }

        /**
         * The words naming what a figure counts: those between the verb and the figure (培育国家级
         * 知名品牌15个), else those after it (布局建设10家科技成果转化中试示范基地), else the subject
         * before the verb (投入强度达到2.8%). A scale (千亿级) names what follows it.
         */
        private String phrase(String written, Quantity q, int clauseEnd, List<Quantity> bounds) {
            Matcher from = FROM_BASELINE.matcher(written);
            // 高新技术企业数量由392家增加到650家: the subject stands before 由.
            String item = from.find() && from.start() >= 2 ? written.substring(0, from.start()) : written;
            String cue = null;
            int cueEnd = -1;
            for (String word : CUES) {
                int at = item.lastIndexOf(word);
                if (at >= 0 && at + word.length() > cueEnd) {
                    cue = word;
                    cueEnd = at + word.length();
                }
            }
            String after = cue == null ? item : item.substring(cueEnd);
            // 不少于在职员工数的0.5%: the words after the verb name the base of a share, not the share.
            boolean baseOfShare = "%".equals(q.unit()) && after.endsWith("的");
            String tidyAfter = tidy(after);
            String before = tidy(cue == null ? "" : item.substring(0, cueEnd - cue.length()));
            if (tidyAfter.length() == 2 && before.length() >= 2 && !q.scale()) {
                return tidy(item); // 产值年平均增长速度3%: 速度 alone names nothing
            }
            if (tidyAfter.length() >= 2 && !baseOfShare && !q.scale()) {
                return tidyAfter;
            }
            String following = following(q, clauseEnd, bounds);
            if (following.length() >= 2) {
                return following;
            }
            if (tidyAfter.length() >= 2 && !baseOfShare) {
                return tidyAfter;
            }
            String head = tidy(cue == null ? item : item.substring(0, cueEnd - cue.length()));
            int of = head.lastIndexOf('的');
            if (of > 0 && head.substring(0, of).chars().anyMatch(Character::isDigit)) {
                head = head.substring(of + 1); // 投资过500万元以上的重点技改项目: the threshold is not the name
            }
            if (head.length() >= 2) {
                return head;
            }
            String whole = tidy(item);
            return CUES.contains(whole) ? "" : whole;
        }

        /** The noun after a figure, up to the next figure or the end of the clause. */
        private String following(Quantity q, int clauseEnd, List<Quantity> bounds) {
            int nextStart = clauseEnd;
            for (Quantity other : bounds) {
                if (other.start() >= q.end()) {
                    nextStart = Math.min(nextStart, other.start());
                    break;
                }
            }
            String following = s.substring(q.end(), Math.max(q.end(), nextStart));
            if (following.startsWith("、")) {
                return "";
            }
            int of = following.lastIndexOf('的');
            if (of >= 0) {
                following = following.substring(of + 1);
            } else if (following.indexOf('、') >= 0 && !q.scale()) {
                // 8万名职业技能人才、…: the list goes on with the next figure's words; a scale
                // (2000亿级食品加工、智能纺织产业集群) names them all.
                following = following.substring(0, following.indexOf('、'));
            }
            return tidy(following);
        }

        private String stripContext(String item) {
            String stripped = DEADLINE_WORDS.matcher(item).replaceAll("");
            stripped = EACH_COUNTY.matcher(stripped).replaceAll("");
            for (RegionEntry region : regions) {
                if (!isCity(region) && region.nameZh() != null) {
                    stripped = stripped.replace(region.nameZh(), "");
                }
            }
            return stripped.replaceAll("^[、,和及与\\s]+", "").trim();
        }

        private List<RegionRef> regionsNamed(int clauseStart, int itemStart, int at) {
            List<RegionRef> named = regionsIn(itemStart, at);
            if (named.isEmpty() && itemStart > clauseStart) {
                named = regionsIn(clauseStart, at);
            }
            if (named.isEmpty() && city != null && EACH_COUNTY.matcher(s).region(clauseStart, at).find()) {
                // 每个县(市、区)至少…: one target for every county of the city.
                named = regions.stream().filter(r -> city.code().equals(r.parent()))
                        .map(r -> new RegionRef(r.code(), r.nameZh())).toList();
            }
            return named;
        }

        private List<RegionRef> regionsIn(int from, int to) {
            String part = s.substring(from, to);
            List<int[]> positions = new ArrayList<>();
            List<RegionRef> named = new ArrayList<>();
            for (RegionEntry region : regions) {
                if (isCity(region) || region.parent() == null || region.nameZh() == null) {
                    continue;
                }
                int at = part.indexOf(region.nameZh());
                if (at >= 0) {
                    positions.add(new int[] {at, named.size()});
                    named.add(new RegionRef(region.code(), region.nameZh()));
                }
            }
            positions.sort(Comparator.comparingInt(p -> p[0]));
            return positions.stream().map(p -> named.get(p[1])).toList();
        }

        /** The departments in the parentheses that close the task this sentence belongs to. */
        private Departments departmentsAfter(int index) {
            for (int j = index + 1; j < segments.size() && j <= index + 15; j++) {
                Segment next = segments.get(j);
                if (next.departments() != null) {
                    return next.departments();
                }
                if (next.opensSection()) {
                    break;
                }
            }
            return Departments.NONE;
        }

        private String deadline(Segment segment, int at) {
            YearMention inSentence = nearestFuture(segment.start(), segment.end(), at);
            if (inSentence != null) {
                return inSentence.deadline();
            }
            YearMention inSection = nearestFuture(sectionStart(at), sectionEnd(at), at);
            return inSection == null ? null : inSection.deadline();
        }

        /** The future year nearest before {@code at} within the range, else the nearest after it. */
        private YearMention nearestFuture(int from, int to, int at) {
            List<YearMention> before = yearsIn(from, at);
            for (int i = before.size() - 1; i >= 0; i--) {
                if (before.get(i).kind() == YearKind.FUTURE) {
                    return before.get(i);
                }
            }
            for (YearMention year : yearsIn(at, to)) {
                if (year.kind() == YearKind.FUTURE) {
                    return year;
                }
            }
            return null;
        }

        /** A quote starts at the deadline that governs the figure (到2025年,…), else at the sentence. */
        private int quoteStart(Segment segment, int clauseStart, int at) {
            int sentenceStart = segment.start() >= at - QUOTE_WINDOW ? segment.start() : clauseStart;
            int start = sentenceStart;
            for (YearMention year : yearsIn(sentenceStart, at)) {
                if (year.kind() == YearKind.FUTURE) {
                    start = year.start();
                }
            }
            if (start > sentenceStart) {
                int widened = start;
                if ("到至".indexOf(s.charAt(widened - 1)) >= 0) {
                    widened--;
                }
                for (String lead : List.of("力争", "争取", "确保")) {
                    if (widened - lead.length() >= sentenceStart && s.startsWith(lead, widened - lead.length())) {
                        widened -= lead.length();
                    }
                }
                // 到2025年,… opens what it governs; 由392家增加到2025年的650家 does not.
                boolean opensClause = widened == sentenceStart || isClauseBreak(widened - 1);
                start = opensClause ? widened : sentenceStart;
            }
            return start;
        }

        private String trajectory(Segment segment, int clauseStart, Quantity q) {
            String clause = s.substring(clauseStart, q.start());
            String sentence = s.substring(Math.max(segment.start(), q.start() - QUOTE_WINDOW), q.start());
            if ("%".equals(q.unit()) && GROWTH.matcher(clause).find()) {
                return "growth";
            }
            if (HOLD.matcher(clause).find()) {
                return "hold";
            }
            if (ANNUAL.matcher(sentence).find() || YEARLY_FLOW.matcher(clause).find()) {
                return "annual";
            }
            if (CUMULATIVE.matcher(clause).find()) {
                return "cumulative";
            }
            return Units.sameDimension(q.unit(), "元") ? "compound" : "linear";
        }

        // -------------------------------------------------------------- the past

        private void addBaselines(Segment segment, int clauseStart, int clauseEnd, List<Quantity> clause) {
            String period = null;
            for (YearMention year : yearsIn(segment.start(), clause.get(0).start())) {
                if (year.kind() != YearKind.FUTURE) {
                    period = String.valueOf(year.year());
                }
            }
            for (Quantity q : clause) {
                if (lastCue(clauseStart, q.start()) == null && q.suffixComparator() == null
                        && !STATED.matcher(s).region(clauseStart, q.start()).find()) {
                    continue; // 是一家…单位: a figure of speech, not a statistic
                }
                addBaseline(segment, clauseStart, clauseEnd, clause, q, period);
            }
        }

        private void addBaseline(Segment segment, int clauseStart, int clauseEnd, List<Quantity> clause, Quantity q) {
            String period = null;
            for (YearMention year : yearsIn(clauseStart, q.start())) {
                period = String.valueOf(year.year());
            }
            addBaseline(segment, clauseStart, clauseEnd, clause, q, period);
        }

        private void addBaseline(Segment segment, int clauseStart, int clauseEnd, List<Quantity> clause, Quantity q,
                String period) {
            int index = clause.indexOf(q);
            int itemStart = index <= 0 ? clauseStart : itemStartAfter(clause.get(index - 1), q);
            String phrase = phrase(stripContext(s.substring(itemStart, q.start())), q, clauseEnd, clause);
            int quoteStart = Math.max(segment.start(), clauseStart);
            baselines.add(new Baseline(phrase, q.value(), q.unit(), period, regionsIn(clauseStart, q.start()),
                    text.originalText(quoteStart, clauseEnd), text.originalOffset(quoteStart)));
        }

        // -------------------------------------------------------------- repeated goals

        /**
         * A plan's goals section (主要目标) sums up targets that a task section repeats with its
         * departments; the task's sentence is the better source, so the summary's copy is dropped.
         */
        private List<Draft> withoutRepeatedGoals() {
            List<Draft> kept = new ArrayList<>();
            for (Draft draft : drafts) {
                boolean repeatedLater = draft.inGoals() && drafts.stream().anyMatch(other -> !other.inGoals()
                        && other.at() > draft.at() && sameTarget(draft.candidate(), other.candidate()));
                if (!repeatedLater) {
                    kept.add(draft);
                }
            }
            return kept;
        }
    }

    private record Draft(Candidate candidate, boolean inGoals, int at) {
    }

    /** The same figure (1000人 is 1000名) for the same regions and a phrase one of the two contains. */
    private static boolean sameTarget(Candidate a, Candidate b) {
        if (!Units.sameDimension(a.unit(), b.unit()) || !a.regions().equals(b.regions())
                || Units.convert(a.value(), a.unit(), b.unit()).compareTo(b.value()) != 0) {
            return false;
        }
        String p = a.indicatorPhrase();
        String q = b.indicatorPhrase();
        return p.length() >= 2 && q.length() >= 2 && (p.contains(q) || q.contains(p));
    }

    private static boolean namesARate(String phrase) {
        return phrase.length() >= 3 && (phrase.endsWith("率") || phrase.endsWith("比例") || phrase.endsWith("比重")
                || phrase.endsWith("占比"));
    }

    /** Splits 科技型中小企业、高新技术企业 into its items; 市级、省级、国家级产教融合型企业 lends its head to 市级 and 省级. */
    private static List<String> splitList(String phrase) {
        String[] items = phrase.split("、");
        if (items.length < 2) {
            return List.of(phrase);
        }
        String last = items[items.length - 1];
        int level = last.indexOf('级');
        String head = level >= 0 && level < last.length() - 1 ? last.substring(level + 1) : "";
        List<String> parts = new ArrayList<>();
        for (String item : items) {
            String tidied = tidy(item);
            parts.add(tidied.endsWith("级") && !head.isEmpty() ? tidied + head : tidied);
        }
        return parts;
    }

    /** Quotes, leading 全市/其中 and trailing 分别/的 removed: the words that name the indicator. */
    private static String tidy(String phrase) {
        String t = phrase.replaceAll("[“”\"《》「」‘’]", "").trim();
        t = t.replaceAll("^[、,和及与并且\\s]+", "");
        t = t.replaceAll("^(?:全市|全省|全县|全区|集群内|其中|同时|推动|推进|加快|每年)", "");
        t = t.replaceAll("(?:分别|的|均|为|要|总数为|同比|年均|年平均|累计|力争|争取|确保|进一步|下降|降低|减少|增长|提高|由|从)+$", "");
        t = t.replaceAll("[、,\\s]+$", "");
        return t.trim();
    }

    private static boolean isBlank(char c) {
        return Character.isWhitespace(c) || c == '\u3000';
    }

    private static boolean isCity(RegionEntry region) {
        return region.code() != null && region.code().endsWith("00") && !region.code().endsWith("0000");
    }

    /** 800, not 8E+2: values keep the digits they were written with. */
    private static BigDecimal plain(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }

    private static Departments departments(String content) {
        String body = content.replaceFirst("^(?:责任单位|牵头单位)[:]?", "").trim();
        if (body.contains("牵头")) {
            int lead = body.indexOf("牵头");
            String rest = body.substring(lead + 2);
            return new Departments(names(body.substring(0, lead)),
                    rest.contains("配合") ? names(rest.substring(0, rest.indexOf("配合"))) : List.of());
        }
        String listed = body.replaceAll("(?:按照|按)?职责分工(?:负责)?$|负责$", "");
        List<String> names = names(listed);
        if (names.isEmpty()) {
            return Departments.NONE;
        }
        if (content.startsWith("责任单位")) {
            // The first unit of a 责任单位 list leads; the others work with it.
            return new Departments(names.subList(0, 1), names.subList(1, names.size()));
        }
        return new Departments(names, List.of());
    }

    private static List<String> names(String list) {
        List<String> names = new ArrayList<>();
        for (String item : list.split("[、,;]")) {
            String name = item.trim().replaceAll("(?:等有关部门|等部门|等单位|等)$", "").trim();
            if (name.length() >= 2 && !name.matches("(?:市|市直|各)?有关部门|各有关单位")) {
                names.add(name);
            }
        }
        return List.copyOf(names);
    }
}
