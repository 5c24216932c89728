package org.planwatch.indicator.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Cacheable;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;

/**
 * A statistical indicator, the same across plans and cities (one code for 高新技术企业 everywhere).
 * Kept in the second-level cache: read for every target a list shows, changed only when the
 * catalog is loaded.
 */
@Cacheable
@Entity
public class Indicator extends PanacheEntityBase {

    @Id
    public String code;

    @Column(name = "name_zh", nullable = false)
    public String nameZh;

    @Column(name = "name_en", nullable = false)
    public String nameEn;

    @Column(nullable = false)
    public String unit;

    /** {@code higher} or {@code lower} is better. */
    @Column(nullable = false)
    public String direction;

    /** {@code monthly}, {@code quarterly} or {@code annual}. */
    @Column(nullable = false)
    public String frequency;

    /** {@code level}, {@code ytd} (1–N月累计), {@code yoy} (同比 %) or {@code share} (%). */
    @Column(nullable = false)
    public String basis;
}
