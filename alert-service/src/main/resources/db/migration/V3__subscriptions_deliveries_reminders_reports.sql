-- Who wants which alerts, and how (a signed webhook); soft-deleted so past deliveries keep their subscription.
create table subscription (
    id                  bigserial primary key,
    recipient           varchar(100) not null,
    recipient_type      varchar(12) not null check (recipient_type in ('OFFICE', 'DEPARTMENT')),
    regions             varchar[] not null default '{}',
    plans               varchar[] not null default '{}',
    departments         varchar[] not null default '{}',
    kinds               varchar[] not null default '{}',
    min_severity        varchar(12) not null default 'warning' check (min_severity in ('warning', 'critical')),
    webhook_url         text,
    webhook_secret      text,
    include_resolutions boolean not null default true,
    created_at          timestamptz not null,
    updated_at          timestamptz not null,
    deleted_at          timestamptz
);

-- One webhook delivery of one alert change to one subscription, written in the same transaction as the
-- change (outbox style) and sent by the delivery worker with retries until it succeeds or gives up.
create table delivery (
    id               bigserial primary key,
    alert_id         bigint not null references alert (id),
    subscription_id  bigint not null references subscription (id),
    event_id         varchar(64) not null,
    change           varchar(24) not null,
    payload          text not null,
    status           varchar(12) not null check (status in ('PENDING', 'DELIVERED', 'FAILED')),
    attempts         integer not null default 0,
    last_http_status integer,
    last_error       text,
    created_at       timestamptz not null,
    next_attempt_at  timestamptz,
    give_up_at       timestamptz not null,
    delivered_at     timestamptz,
    unique (subscription_id, event_id)
);
create index delivery_due on delivery (next_attempt_at) where status = 'PENDING';
create index delivery_by_alert on delivery (alert_id, id);

-- The default recipients of an alert, and its reminder schedule while nobody acknowledges it.
alter table alert add column recipients jsonb not null default '[]';
alter table alert add column reminders_sent integer not null default 0;
alter table alert add column next_reminder_at timestamptz;
update alert set recipients = coalesce(
        (select jsonb_agg(jsonb_build_object('name', d, 'type', 'DEPARTMENT')) from unnest(lead_departments) d), '[]'),
    next_reminder_at = first_seen + interval '1 day';
create index alert_reminders_due on alert (next_reminder_at) where status = 'FIRING';

-- OVERDUE_REPORT alerts concern an indicator's series in a region, not a target.
alter table alert alter column target_id drop not null;
alter table alert alter column plan_id drop not null;

-- The reporting calendar's latest verdict on each due figure (from planwatch.reports).
create table report_period (
    indicator_code varchar(64) not null,
    region_code    varchar(12) not null,
    period         varchar(16) not null,
    frequency      varchar(16),
    due_date       date not null,
    status         varchar(12) not null check (status in ('OVERDUE', 'RECEIVED')),
    received_at    timestamptz,
    checked_at     timestamptz not null,
    observation_id varchar(200),
    primary key (indicator_code, region_code, period)
);
