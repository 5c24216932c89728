package org.planwatch.indicator.importer;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.planwatch.indicator.importer.Candidate.RegionRef;

/** One rule per case, each on sentences taken from the five policy documents in shared/seeds. */
class PlanTextImporterTest {

    private static final PlanTextImporter IMPORTER = PlanTextImporter.withCatalogRegions();

    private static List<Candidate> propose(String text) {
        List<Candidate> candidates = IMPORTER.propose(text);
        // Whatever the rule, a quote is the original text at its offset, noise and markers included.
        candidates.forEach(c -> assertThat(text.substring(c.offset(), c.offset() + c.quote().length()))
                .as("quote of %s at %d", c.value(), c.offset()).isEqualTo(c.quote()));
        return candidates;
    }

    private static Candidate only(List<Candidate> candidates) {
        assertThat(candidates).hasSize(1);
        return candidates.get(0);
    }

    private static void assertValue(Candidate candidate, String value, String unit) {
        assertThat(candidate.value()).isEqualByComparingTo(value);
        assertThat(candidate.unit()).isEqualTo(unit);
    }

    @Test
    void readsATargetWithItsDeadlineComparatorAndPhrase() {
        Candidate c = only(propose("到2025年,全市高端化工产业营业收入达到2300亿元。"));
        assertValue(c, "2300", "亿元");
        assertThat(c.indicatorPhrase()).isEqualTo("高端化工产业营业收入");
        assertThat(c.comparator()).isEqualTo(">=");
        assertThat(c.deadline()).isEqualTo("2025");
        assertThat(c.approximate()).isFalse();
        assertThat(c.regions()).isEmpty();
        assertThat(c.quote()).isEqualTo("到2025年,全市高端化工产业营业收入达到2300亿元");
        assertThat(c.offset()).isZero();
    }

    @Test
    void readsTraditionalCharactersThroughPinyinNoiseAndKeepsTheNoiseInTheQuote() {
        String text = "培育行動,推動集(ji)(ji)群企(qi)(qi)(qi)業(ye)(ye)成長壯大(da)。到2027年,累計培(pei)育(yu)各類創新(xin)型優質(zhi)中(zhong)小企(qi)(qi)(qi)業(ye)(ye)800家左右(you)。"
                + "(責任單(dan)(dan)位:市(shi)工業(ye)(ye)和(he)(he)信息化局、市(shi)發(fa)展改革委(wei))";
        Candidate c = only(propose(text));
        assertValue(c, "800", "家");
        assertThat(c.indicatorPhrase()).isEqualTo("各类创新型优质中小企业");
        assertThat(c.approximate()).isTrue();
        assertThat(c.deadline()).isEqualTo("2027");
        assertThat(c.quote()).startsWith("到2027年,累計培(pei)育(yu)").endsWith("800家左右");
        assertThat(c.leadDepartments()).containsExactly("市工业和信息化局");
        assertThat(c.cooperatingDepartments()).containsExactly("市发展改革委");
    }

    @Test
    void readsAcrossAPageBreakMarkerAndQuotesIt() {
        String text = "科技创新综合实力显著提升;新引进培养高层次科\n3、技人才200名以上,科技领军人才、青年科技人才、高技能人才队伍持续壮大。";
        Candidate c = only(propose(text));
        assertValue(c, "200", "名");
        assertThat(c.indicatorPhrase()).isEqualTo("高层次科技人才");
        assertThat(c.quote()).isEqualTo("新引进培养高层次科\n3、技人才200名以上");
        assertThat(c.trajectoryGuess()).isEqualTo("cumulative");
    }

    @Test
    void readsChineseNumeralsAndScales() {
        List<Candidate> scales = propose("大力发展储能、光伏、锂电、氢能等新能源产业,打造千万千瓦级储能之都、千亿级泰山锂谷、光伏+装备制造基地。");
        assertThat(scales).hasSize(2);
        assertValue(scales.get(0), "1000", "万千瓦");
        assertValue(scales.get(1), "1000", "亿元");
        assertValue(only(propose("培强五大千亿级产业集群,力争到2025年营收突破1.5万亿元。")), "1.5", "万亿元");
    }

    @Test
    void givesEveryCountyItsOwnCandidateWhenTheTextSaysEachCounty() {
        String text = "滨州市人民政府办公室印发。按照多元化投入、市场化运作、企业化管理方式,每个区县至少建设一个共享性的大型智能(仿真)实习实训基地。";
        List<Candidate> candidates = propose(text);
        assertThat(candidates).hasSize(7).allSatisfy(c -> {
            assertValue(c, "1", "个");
            assertThat(c.regions()).hasSize(1);
        });
        assertThat(candidates).flatExtracting(Candidate::regions).extracting(RegionRef::name)
                .containsExactlyInAnyOrder("滨城区", "沾化区", "惠民县", "阳信县", "无棣县", "博兴县", "邹平市");
    }

    @Test
    void readsARangeAsItsLowEndWithBothBounds() {
        Candidate c = propose("滨州市。到2025年底,每个县区创建2—3家新型农业经营主体服务中心。").get(0);
        assertValue(c, "2", "家");
        assertThat(c.rangeLow()).isEqualByComparingTo("2");
        assertThat(c.rangeHigh()).isEqualByComparingTo("3");
        assertThat(c.indicatorPhrase()).isEqualTo("新型农业经营主体服务中心");
        assertThat(c.quote()).endsWith("2—3家新型农业经营主体服务中心");
    }

    @Test
    void marksAboutAsApproximate() {
        Candidate c = only(propose("到2025年,各类创新型中小企业达到700家左右。"));
        assertThat(c.approximate()).isTrue();
        assertThat(c.comparator()).isEqualTo(">=");
        assertThat(c.quote()).endsWith("700家左右");
    }

    @Test
    void splitsRespectivelyIntoOneCandidatePerFigure() {
        List<Candidate> candidates = propose("企业梯次培育更加精准,科技型中小企业、高新技术企业分别达到2500家、1600家,万人有效发明专利拥有量达到18件。");
        assertThat(candidates).extracting(Candidate::indicatorPhrase)
                .containsExactly("科技型中小企业", "高新技术企业", "万人有效发明专利拥有量");
        assertThat(candidates).extracting(Candidate::value).usingElementComparator(BigDecimal::compareTo)
                .containsExactly(new BigDecimal("2500"), new BigDecimal("1600"), new BigDecimal("18"));
    }

    @Test
    void givesEachNamedRegionItsOwnCandidate() {
        List<Candidate> candidates = propose("到2025年,邹平市、滨城区地区生产总值达到800亿元以上,博兴县地区生产总值达到500亿元以上,"
                + "为加快建设品质滨州提供有力支撑。");
        assertThat(candidates).hasSize(3).allSatisfy(c -> {
            assertThat(c.indicatorPhrase()).isEqualTo("地区生产总值");
            assertThat(c.trajectoryGuess()).isEqualTo("compound");
        });
        assertThat(candidates).extracting(c -> c.regions().get(0).code() + " " + c.value().toPlainString())
                .containsExactly("371681 800", "371602 800", "371625 500");
        assertThat(candidates.get(0).quote()).isEqualTo("到2025年,邹平市、滨城区地区生产总值达到800亿元以上");
    }

    @Test
    void readsACeilingAsAtMost() {
        Candidate c = only(propose("城镇登记失业率控制在2.48%以内"));
        assertValue(c, "2.48", "%");
        assertThat(c.comparator()).isEqualTo("<=");
        assertThat(c.indicatorPhrase()).isEqualTo("城镇登记失业率");
    }

    @Test
    void readsAMonthDeadline() {
        Candidate c = only(propose("持续推进“信易贷”注册和授权工作,到2024年5月底,注册并实名认证企业数达到6万家。"));
        assertValue(c, "6", "万家");
        assertThat(c.deadline()).isEqualTo("2024-05");
    }

    @Test
    void takesTheDeadlineFromTheSectionWhenTheSentenceHasNone() {
        List<Candidate> candidates = propose("(三)主要目标。到2024年,创新环境明显优化。1.创新资源配置更加高效。"
                + "科技与金融结合更紧密,国家级创新平台达到30家。");
        assertThat(only(candidates).deadline()).isEqualTo("2024");
        assertThat(only(propose("科技与金融结合更紧密,国家级创新平台达到30家。")).deadline()).isNull();
    }

    @Test
    void guessesTheTrajectoryFromTheWording() {
        assertThat(only(propose("稳定发展粮食生产,粮食播种面积稳定在880万亩以上。")).trajectoryGuess()).isEqualTo("hold");
        assertThat(only(propose("每年组织不少于200家企业参加外贸展会。")).trajectoryGuess()).isEqualTo("annual");
        assertThat(only(propose("到2025年,城镇新增就业累计7万人以上。")).trajectoryGuess()).isEqualTo("cumulative");
        assertThat(only(propose("全力招引一批三类500强项目,实际到位市外资金同比增长20%以上。")).trajectoryGuess())
                .isEqualTo("growth");
        assertThat(only(propose("到2025年,家纺服装产业主营业务收入达到1800亿元。")).trajectoryGuess()).isEqualTo("compound");
        assertThat(only(propose("到2025年,全市建成新能源汽车充电桩5000台。")).trajectoryGuess()).isEqualTo("linear");
    }

    @Test
    void readsLeadAndCooperatingDepartmentsFromTheClosingParentheses() {
        Candidate c = only(propose("支持企业申报省级生产性服务业领军企业,到2025年底,省级服务业发展载体达到20家左右。"
                + "(市发展改革委、市财政局、市商务局牵头,市地方金融监管局、市人力资源社会保障局配合)\n6.加快新型基础设施建设。"));
        assertThat(c.leadDepartments()).containsExactly("市发展改革委", "市财政局", "市商务局");
        assertThat(c.cooperatingDepartments()).containsExactly("市地方金融监管局", "市人力资源社会保障局");
        Candidate shared = only(propose("2026年前形成50项左右重大创新成果。(市科技局、市工信局按照职责分工)2 .推动标志性产业链策源能力跃升。"));
        assertThat(shared.leadDepartments()).containsExactly("市科技局", "市工信局");
        Candidate listed = only(propose("到2025年,建成1000个产教融合实训基地。(责任单位:市人力资源社会保障局、市发展改革委、市教育局)"));
        assertThat(listed.leadDepartments()).containsExactly("市人力资源社会保障局");
        assertThat(listed.cooperatingDepartments()).containsExactly("市发展改革委", "市教育局");
    }

    @Test
    void ignoresYearsDocumentNumbersAndSectionNumbers() {
        assertThat(propose("滨州市人民政府关于印发《滨州市加快县域经济高质量发展行动方案(2024—2025年)》的通知\n滨政字〔2024〕4号\n"
                + "2024年2月8日\n(市科技局、市工信局按照职责分工)2 .推动标志性产业链策源能力跃升。")).isEmpty();
    }

    @Test
    void ignoresThresholdsThatSelectProjects() {
        Candidate c = only(propose("深化工业技改提级,每年滚动实施投资过500万元以上的重点技改项目达到400个以上。"));
        assertValue(c, "400", "个");
        assertThat(c.indicatorPhrase()).isEqualTo("重点技改项目");
    }

    @Test
    void ignoresSubsidiesAndFundingCaps() {
        assertThat(propose("对新认定的国家级、省级孵化器,市级财政分别一次性给予孵化器运营机构100万元、50万元资金补助。")).isEmpty();
        assertThat(propose("采取“竞争立项”方式组织,给予贷款贴息支持,单个项目市级财政贴息不超过300万元。")).isEmpty();
    }

    @Test
    void ignoresSlogansOrdinalsAndRates() {
        assertThat(propose("是滨州市深入落实“1+11868”工作体系,坚定不移实现“八个品质”提升。")).isEmpty();
        assertThat(propose("全面推行“一窗受理·一次办好”,最大限度精简压缩审批时限和环节,实现“跑一次”为上限、“不用跑”为常态。"))
                .isEmpty();
        assertThat(propose("被选定为中韩自贸区地方经济合作示范区,成为我国第一个、也是目前唯一一个被写入自贸协定的城市。")).isEmpty();
        // 每千人口: a rate's denominator, not a figure of its own.
        assertValue(only(propose("到2025年,每千人口托位数达到4.5个。")), "4.5", "个");
    }

    @Test
    void reportsPastFactsAsBaselinesNotTargets() {
        ImportResult result = IMPORTER.read("威政字〔2023〕40号 2023年7月16日\n"
                + "截至2022年底,全市拥有国家高新技术企业1376家、国家科技型中小企业2325家。");
        assertThat(result.candidates()).isEmpty();
        assertThat(result.baselines()).extracting(b -> b.value().toPlainString() + b.unit() + " " + b.period())
                .containsExactly("1376家 2022", "2325家 2022");
    }

    @Test
    void ignoresTheReviewOfThePastSection() {
        String text = "一、发展基础与机遇挑战\n(一)发展基础。创建了20个创业孵化基地、63个引智成果示范推广基地。\n"
                + "二、指导思想、基本原则和主要目标\n(三)主要目标。到2024年,国家级孵化载体达到25家。";
        Candidate c = only(propose(text));
        assertValue(c, "25", "家");
        assertThat(IMPORTER.read(text).baselines()).hasSize(2);
    }

    @Test
    void keepsTheTaskSentenceOfAGoalTheSummaryRepeats() {
        String text = "二、工作目标2026年,全社会研发经费投入大幅增加,全市高新技术企业突破1200家。"
                + "三、重点任务(一)实施科技企业“育苗扶壮”行动1.培育高新技术企业。支持符合条件的企业申报高新技术企业,"
                + "2026年,高新技术企业达到1200家。(市科技局牵头)";
        Candidate c = only(propose(text));
        assertThat(c.quote()).isEqualTo("2026年,高新技术企业达到1200家");
        assertThat(c.leadDepartments()).containsExactly("市科技局");
    }
}
