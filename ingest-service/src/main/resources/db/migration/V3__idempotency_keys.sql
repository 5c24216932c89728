-- The first answer to each Idempotency-Key, so a retried upload returns it and publishes nothing twice.
create table idempotent_request (
    idempotency_key varchar(200) primary key,
    request_hash    varchar(64) not null,
    response        text not null,
    created_at      timestamptz not null
);
