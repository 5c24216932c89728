package org.planwatch.indicator.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Cacheable;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;

/**
 * An administrative region by its GB/T 2260 code (滨州市 371600, 邹平市 371681 …).
 * Kept in the second-level cache: read for every target a list shows, changed only when the
 * catalog is loaded.
 */
@Cacheable
@Entity
public class Region extends PanacheEntityBase {

    @Id
    public String code;

    @Column(name = "name_zh", nullable = false)
    public String nameZh;

    @Column(name = "name_en")
    public String nameEn;

    @Column(name = "parent_code")
    public String parentCode;
}
