-- One alert per fingerprint (target + kind), reopened rather than duplicated.
create table alert (
    id                      bigserial primary key,
    fingerprint             varchar(220) not null unique,
    kind                    varchar(24) not null check (kind in ('LAG', 'OVERDUE_TARGET', 'OVERDUE_REPORT', 'BREACH')),
    severity                varchar(12) not null check (severity in ('warning', 'critical')),
    status                  varchar(16) not null check (status in ('FIRING', 'ACKNOWLEDGED', 'RESOLVED')),
    target_id               varchar(160) not null,
    plan_id                 varchar(96) not null,
    indicator_code          varchar(64) not null,
    region_code             varchar(12) not null,
    lead_departments        varchar[] not null default '{}',
    cooperating_departments varchar[] not null default '{}',
    period                  varchar(16) not null,
    evidence                jsonb not null,
    healthy_streak          integer not null default 0,
    first_seen              timestamptz not null,
    last_seen               timestamptz not null,
    resolved_at             timestamptz
);
create index alert_by_status on alert (status, region_code, kind);

-- What happened to each alert, in order.
create table alert_history (
    id            bigserial primary key,
    alert_id      bigint not null references alert (id),
    change        varchar(24) not null,
    severity      varchar(12) not null,
    status        varchar(16) not null,
    evaluation_id bigint,
    period        varchar(16),
    at            timestamptz not null
);
create index alert_history_by_alert on alert_history (alert_id, id);

-- The latest period each target was evaluated for, so a late figure for an older period
-- never overrides the state a newer one set.
create table target_watermark (
    target_id     varchar(160) primary key,
    period_end    integer not null,
    evaluation_id bigint not null
);

-- Transactional outbox (relayed to Kafka) and the idempotent-consumer ledger.
create table outbox_event (
    id          bigserial primary key,
    topic       text not null,
    message_key text not null,
    event_id    varchar(64) not null,
    payload     text not null,
    created_at  timestamptz not null default now()
);

create table processed_event (
    consumer     varchar(64) not null,
    event_id     varchar(64) not null,
    processed_at timestamptz not null default now(),
    primary key (consumer, event_id)
);
