-- A plan can be changed; every version of a target is kept and evaluations name the one they used.
alter table target add column version integer not null default 1;
alter table target add column retired_at timestamptz;

create table target_version (
    target_id   varchar(160) not null references target (id),
    version     integer not null,
    definition  jsonb not null,
    recorded_at timestamptz not null,
    primary key (target_id, version)
);

alter table evaluation add column target_version integer not null default 1;
