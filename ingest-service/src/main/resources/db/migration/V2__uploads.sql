-- File uploads (CSV, SDMX-CSV, xlsx): a summary of each and every rejected row, served as
-- /api/v1/uploads/{id}/errors.csv.
create table upload (
    id          uuid primary key,
    format      varchar(120) not null,
    received    integer not null,
    accepted    integer not null,
    rejected    integer not null,
    stored      boolean not null,
    received_at timestamptz not null
);

create table upload_error (
    upload_id   uuid not null references upload (id) on delete cascade,
    seq         integer not null,
    row_number  bigint,
    column_name text,
    message     text not null,
    primary key (upload_id, seq)
);
