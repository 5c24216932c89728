-- Every write is attributable: who posted each revision (the token's upn) and who uploaded each
-- file; null for rows stored before tokens were required. Idempotency-Keys are scoped to the
-- caller, and a file upload holds its key (response still null) while its chunks are stored.
alter table observation add column posted_by varchar(200);
alter table upload add column uploaded_by varchar(200);

alter table idempotent_request add column caller varchar(200) not null default '';
alter table idempotent_request drop constraint idempotent_request_pkey;
alter table idempotent_request add primary key (caller, idempotency_key);
alter table idempotent_request alter column response drop not null;
