package org.planwatch.alert.service;

import jakarta.enterprise.context.ApplicationScoped;
import org.planwatch.alert.catalog.RegionNames;
import org.planwatch.alert.config.AlertConfig;

/**
 * Names a region's supervision office as a late report's office is named ({@code planwatch.alerts.report-recipients.office},
 * default {@code {region}督查室}: 威海市督查室), by the region's Chinese name, or its code when the name cannot be had.
 */
@ApplicationScoped
public class SupervisionOffices {

    private final RegionNames names;
    private final String pattern;

    public SupervisionOffices(RegionNames names, AlertConfig config) {
        this.names = names;
        this.pattern = config.reportRecipients().office();
    }

    public String regionName(String code) {
        return names.nameOf(code).orElse(code);
    }

    public String officeOf(String code) {
        return pattern.replace("{region}", regionName(code));
    }
}
