-- The plan catalog: regions, indicators, plans and their targets, each target with its source quote.
create table region (
    code        varchar(12) primary key,
    name_zh     text not null,
    name_en     text,
    parent_code varchar(12)
);

create table indicator (
    code      varchar(64) primary key,
    name_zh   text not null,
    name_en   text not null,
    unit      varchar(16) not null,
    direction varchar(8) not null check (direction in ('higher', 'lower')),
    frequency varchar(16) not null check (frequency in ('monthly', 'quarterly', 'annual')),
    basis     varchar(16) not null check (basis in ('level', 'ytd', 'yoy', 'share'))
);

create table plan (
    id                   varchar(96) primary key,
    title                text not null,
    issuer               text not null,
    document_number      text,
    issued_on            date,
    source_file          text not null,
    region_code          varchar(12) not null references region (code),
    on_track_threshold   double precision not null default 0.95,
    at_risk_threshold    double precision not null default 0.60,
    notes                varchar[] not null default '{}'
);

create table target (
    id                      varchar(160) primary key,
    plan_id                 varchar(96) not null references plan (id),
    indicator_code          varchar(64) not null references indicator (code),
    region_code             varchar(12) not null references region (code),
    comparator              varchar(2) not null check (comparator in ('>=', '<=')),
    target_value            numeric not null,
    unit                    varchar(16) not null,
    deadline                varchar(16) not null,
    trajectory              varchar(16) not null
        check (trajectory in ('linear', 'compound', 'hold', 'annual', 'cumulative', 'growth')),
    growth_kind             varchar(16),
    start_period            varchar(16),
    baseline_value          numeric,
    baseline_period         varchar(16),
    baseline_quote          text,
    lead_departments        varchar[] not null default '{}',
    cooperating_departments varchar[] not null default '{}',
    source_quote            text not null,
    notes                   varchar[] not null default '{}'
);
create index target_by_series on target (indicator_code, region_code);
create index target_by_plan on target (plan_id);

-- Every judgement of a target, for each observation (and revision) that touched it.
create table evaluation (
    id                  bigserial primary key,
    target_id           varchar(160) not null references target (id),
    period              varchar(16) not null,
    period_end          integer not null,
    observation_id      varchar(200) not null,
    observation_revision integer not null,
    actual              numeric not null,
    expected            numeric,
    gap                 numeric,
    progress_ratio      double precision,
    status              varchar(16) not null,
    explanation         text not null,
    evaluated_at        timestamptz not null
);
create index evaluation_by_target on evaluation (target_id, period_end desc, id desc);

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
