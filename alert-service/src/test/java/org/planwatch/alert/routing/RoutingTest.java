package org.planwatch.alert.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.planwatch.alert.domain.Alert;
import org.planwatch.alert.domain.Subscription;
import org.planwatch.platform.events.AlertData;

/** Routing by region, plan, department, kind and severity; the reminder schedule. Plain Java. */
class RoutingTest {

    @Test
    void anEmptyFilterTakesEverythingAndEachFilterNarrowsIt() {
        Alert lag = alert("LAG", "warning", "371681", "binzhou-county-economy-2024", List.of("市发展改革委"));
        assertThat(Routing.matches(subscription(), lag)).isTrue();

        Subscription regions = subscription();
        regions.regions = List.of("371600");
        assertThat(Routing.matches(regions, lag)).as("a city covers its counties").isTrue();
        regions.regions = List.of("370000");
        assertThat(Routing.matches(regions, lag)).as("a province covers its cities").isTrue();
        regions.regions = List.of("371602");
        assertThat(Routing.matches(regions, lag)).as("another county").isFalse();
        regions.regions = List.of("371000");
        assertThat(Routing.matches(regions, lag)).as("another city").isFalse();

        Subscription plans = subscription();
        plans.plans = List.of("weihai-innovative-city-2023");
        assertThat(Routing.matches(plans, lag)).isFalse();
        plans.plans = List.of("weihai-innovative-city-2023", "binzhou-county-economy-2024");
        assertThat(Routing.matches(plans, lag)).isTrue();

        Subscription departments = subscription();
        departments.departments = List.of("市科技局");
        assertThat(Routing.matches(departments, lag)).as("cooperating departments count").isTrue();
        departments.departments = List.of("市农业农村局");
        assertThat(Routing.matches(departments, lag)).isFalse();

        Subscription kinds = subscription();
        kinds.kinds = List.of("BREACH", "OVERDUE_TARGET");
        assertThat(Routing.matches(kinds, lag)).isFalse();
        kinds.kinds = List.of("LAG");
        assertThat(Routing.matches(kinds, lag)).isTrue();

        Subscription critical = subscription();
        critical.minSeverity = "critical";
        assertThat(Routing.matches(critical, lag)).isFalse();
        assertThat(Routing.matches(critical, alert("LAG", "critical", "371681", "p", List.of()))).isTrue();
    }

    @Test
    void recipientsAreTheLeadDepartmentsThenTheMatchingSubscribersEachOnce() {
        Alert lag = alert("LAG", "warning", "371681", "p", List.of("市发展改革委"));
        Subscription office = subscription();
        office.recipient = "滨州市委督查室";
        office.recipientType = "OFFICE";
        Subscription lead = subscription();
        lead.recipient = "市发展改革委";
        lead.recipientType = "DEPARTMENT";
        assertThat(Routing.recipients(lag, List.of(office, lead))).containsExactly(
                new AlertData.Recipient("市发展改革委", "DEPARTMENT"), new AlertData.Recipient("滨州市委督查室", "OFFICE"));
    }

    @Test
    void anEscalationGoesOneLevelUpAndAProvinceStaysWithItsOwnOffice() {
        assertThat(Routing.regionAbove("371002")).as("district → city").isEqualTo("371000");
        assertThat(Routing.regionAbove("371681")).as("county-level city → city").isEqualTo("371600");
        assertThat(Routing.regionAbove("371000")).as("city → province").isEqualTo("370000");
        assertThat(Routing.regionAbove("370000")).as("a province has none above").isEqualTo("370000");
    }

    @Test
    void onceEscalatedTheOfficeAboveTakesTheAlertWhateverItsOtherFiltersAndIsARecipient() {
        Alert overdue = alert("OVERDUE_TARGET", "critical", "371002", "weihai-innovative-city-2023", List.of("区科技局"));
        Subscription cityOffice = subscription();
        cityOffice.recipient = "威海市委督查室";
        cityOffice.regions = List.of("371000");
        cityOffice.kinds = List.of("LAG");
        Subscription cityDepartment = subscription();
        cityDepartment.recipientType = "DEPARTMENT";
        cityDepartment.regions = List.of("371000");
        cityDepartment.kinds = List.of("LAG");
        Subscription provinceOffice = subscription();
        provinceOffice.regions = List.of("370000");
        provinceOffice.kinds = List.of("LAG");
        Subscription otherCityOffice = subscription();
        otherCityOffice.regions = List.of("371600");
        otherCityOffice.kinds = List.of("LAG");

        assertThat(Routing.matches(cityOffice, overdue)).as("not escalated: its filters decide").isFalse();
        overdue.escalated = true;
        overdue.escalatedTo = "威海市督查室";
        assertThat(Routing.matches(cityOffice, overdue)).as("the office above").isTrue();
        assertThat(Routing.matches(cityDepartment, overdue)).as("a department is no office").isFalse();
        assertThat(Routing.matches(provinceOffice, overdue)).as("two levels up").isFalse();
        assertThat(Routing.matches(otherCityOffice, overdue)).isFalse();
        assertThat(Routing.recipients(overdue, List.of(cityOffice))).containsExactly(
                new AlertData.Recipient("区科技局", "DEPARTMENT"), new AlertData.Recipient("威海市督查室", "OFFICE"),
                new AlertData.Recipient("威海市委督查室", "OFFICE"));

        Alert provincial = alert("OVERDUE_TARGET", "critical", "370000", "p", List.of());
        provincial.escalated = true;
        provinceOffice.kinds = List.of("BREACH");
        assertThat(Routing.matches(provinceOffice, provincial)).as("a province's alert stays with its own office").isTrue();
    }

    @Test
    void resolutionsAreSentOnlyWhenAskedForAndAcknowledgementsNever() {
        Subscription subscription = subscription();
        subscription.includeResolutions = false;
        assertThat(Routing.notifies(subscription, "RESOLVED")).isFalse();
        assertThat(Routing.notifies(subscription, "ACKNOWLEDGED")).isFalse();
        assertThat(Routing.notifies(subscription, "SEVERITY_CHANGED")).isTrue();
        assertThat(Routing.notifies(subscription, "REMINDED")).isTrue();
        subscription.includeResolutions = true;
        assertThat(Routing.notifies(subscription, "RESOLVED")).isTrue();
    }

    @Test
    void remindersFollowAGrowingScheduleThenRepeatAndSkipWhatWasMissed() {
        ReminderSchedule schedule = new ReminderSchedule(List.of(Duration.ofDays(1), Duration.ofDays(7), Duration.ofDays(30)),
                Duration.ofDays(30));
        assertThat(List.of(schedule.offset(1), schedule.offset(2), schedule.offset(3), schedule.offset(4), schedule.offset(5)))
                .containsExactly(Duration.ofDays(1), Duration.ofDays(7), Duration.ofDays(30), Duration.ofDays(60),
                        Duration.ofDays(90));
        OffsetDateTime opened = OffsetDateTime.of(2026, 11, 2, 9, 0, 0, 0, ZoneOffset.UTC);
        assertThat(schedule.dueSlot(opened, 0, opened.plusDays(1))).isEqualTo(1);
        assertThat(schedule.dueSlot(opened, 1, opened.plusDays(8))).isEqualTo(2);
        // Down for six weeks: one reminder (the 30-day one), not three in a row.
        assertThat(schedule.dueSlot(opened, 1, opened.plusDays(45))).isEqualTo(3);
    }

    private static Subscription subscription() {
        Subscription subscription = new Subscription();
        subscription.recipient = "x";
        subscription.recipientType = "OFFICE";
        subscription.minSeverity = "warning";
        return subscription;
    }

    private static Alert alert(String kind, String severity, String region, String plan, List<String> leads) {
        Alert alert = new Alert();
        alert.kind = kind;
        alert.severity = severity;
        alert.regionCode = region;
        alert.planId = plan;
        alert.leadDepartments = leads;
        alert.cooperatingDepartments = List.of("市科技局");
        alert.recipients = leads.stream().map(d -> new AlertData.Recipient(d, "DEPARTMENT")).toList();
        return alert;
    }
}
