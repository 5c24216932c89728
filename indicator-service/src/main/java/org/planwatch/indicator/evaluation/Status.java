package org.planwatch.indicator.evaluation;

/** The judgement of a target, with the words supervision reports use. */
public enum Status {
    ACHIEVED("已完成"),
    ON_TRACK("符合序时进度"),
    AT_RISK("略滞后"),
    LAGGING("滞后"),
    REGRESSING("倒退"),
    MISSED("未完成"),
    NO_BASELINE("无基期"),
    BREACHED("未守住底线"),
    NOT_JUDGED("不予评价");

    private final String labelZh;

    Status(String labelZh) {
        this.labelZh = labelZh;
    }

    public String labelZh() {
        return labelZh;
    }
}
