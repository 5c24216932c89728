-- The deadline sweep records a MISSED evaluation for a target nobody reported on by its deadline.
alter table evaluation alter column actual drop not null;
