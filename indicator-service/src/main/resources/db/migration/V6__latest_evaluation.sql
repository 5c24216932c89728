-- The latest evaluation of each target (the newest period's, then the newest of that period), kept by the transaction
-- that stores evaluations. The gauges' counts and the progress views read it instead of looking up each target's newest
-- evaluation: at 570,000 targets the count by status took seconds every 15 s in the middle of a month-end.
-- Derived from evaluation (which holds the references to target), so it has no foreign keys of its own: a key-share
-- lock on a target row for every evaluation stored would cost more than the lookup it saves.
create table latest_evaluation (
    target_id      varchar(160) primary key,
    evaluation_id  bigint not null,
    period_end     integer not null,
    status         varchar(16) not null,
    progress_ratio double precision
);
insert into latest_evaluation (target_id, evaluation_id, period_end, status, progress_ratio)
select distinct on (target_id) target_id, id, period_end, status, progress_ratio
from evaluation
order by target_id, period_end desc, id desc;
