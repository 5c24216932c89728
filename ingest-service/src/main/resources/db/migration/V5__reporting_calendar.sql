-- The reporting calendar's published verdicts: one row per figure (indicator × region × period) the
-- check found overdue, so its OVERDUE event and the RECEIVED event after it are each published once.
create table report_status (
    report_key        varchar(200) primary key, -- indicator|region|period, as the figure's observation id
    indicator_code    varchar(64) not null,
    region_code       varchar(12) not null,
    period            varchar(16) not null,
    indicator_name_zh text not null,
    region_name_zh    text not null,
    frequency         varchar(16) not null,
    due_date          date not null,
    status            varchar(16) not null check (status in ('OVERDUE', 'RECEIVED')),
    overdue_at        timestamptz not null,
    observation_id    varchar(200),
    received_at       timestamptz,
    received_noted_at timestamptz
);
create index report_status_open on report_status (indicator_code, region_code) where status = 'OVERDUE';
