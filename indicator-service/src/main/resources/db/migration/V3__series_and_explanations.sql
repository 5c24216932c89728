-- The figures indicator-service has received, latest revision per period: the history that
-- year-to-date seasonality, cumulative sums, first-figure baselines and forecasts need.
create table series_point (
    indicator_code varchar(64) not null,
    region_code    varchar(12) not null,
    period         varchar(16) not null,
    period_end     integer not null,
    first_month    integer not null,
    value          numeric not null,
    unit           varchar(16) not null,
    basis          varchar(8) not null,
    observation_id varchar(200) not null,
    revision       integer not null,
    primary key (indicator_code, region_code, period)
);
create index series_point_by_end on series_point (indicator_code, region_code, period_end);

-- Every intermediate number of an evaluation, and its forecast.
alter table evaluation add column terms jsonb not null default '{}';
alter table evaluation add column forecast jsonb;
