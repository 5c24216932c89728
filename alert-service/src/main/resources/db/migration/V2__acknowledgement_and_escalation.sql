-- An office acknowledges an alert; a critical alert nobody acknowledges escalates.
alter table alert add column acknowledged_by text;
alter table alert add column acknowledged_at timestamptz;
alter table alert add column acknowledgement_comment text;
alter table alert add column escalated boolean not null default false;
alter table alert add column escalated_at timestamptz;

alter table alert_history add column actor text;
alter table alert_history add column comment text;
alter table alert_history alter column evaluation_id drop not null;
