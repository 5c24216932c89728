-- Every figure a bureau posted, one row per revision: a changed value is a new revision, the
-- same value posted again is not stored twice.
create table observation (
    id             bigserial primary key,
    observation_id varchar(200) not null,
    indicator_code varchar(64) not null,
    region_code    varchar(12) not null,
    period         varchar(16) not null,
    period_end     integer not null,
    revision       integer not null,
    value          numeric not null,
    unit           varchar(16) not null,
    basis          varchar(8) not null check (basis in ('level', 'ytd', 'yoy', 'share')),
    source         text not null,
    received_at    timestamptz not null,
    unique (observation_id, revision)
);
create index observation_by_series on observation (indicator_code, region_code, period_end);

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
