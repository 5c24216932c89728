package org.planwatch.indicator.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import java.time.LocalDate;
import java.util.List;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A policy document that sets targets, with its status thresholds. */
@Entity
public class Plan extends PanacheEntityBase {

    @Id
    public String id;

    @Column(nullable = false)
    public String title;

    @Column(nullable = false)
    public String issuer;

    @Column(name = "document_number")
    public String documentNumber;

    @Column(name = "issued_on")
    public LocalDate issuedOn;

    @Column(name = "source_file", nullable = false)
    public String sourceFile;

    @Column(name = "region_code", nullable = false)
    public String regionCode;

    @Column(name = "on_track_threshold", nullable = false)
    public double onTrackThreshold = 0.95;

    @Column(name = "at_risk_threshold", nullable = false)
    public double atRiskThreshold = 0.60;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(nullable = false)
    public List<String> notes = List.of();
}
