-- Hibernate allocates alert, history and delivery ids fifty at a time from these sequences (pooled:
-- each nextval reserves the fifty values up to it), instead of one INSERT ... RETURNING per row, so
-- the rows a batch of evaluations creates are written as JDBC batches at the commit. Values handed
-- out before stay below the next nextval, so old and new ids never meet.
alter sequence alert_id_seq increment by 50;
alter sequence alert_history_id_seq increment by 50;
alter sequence delivery_id_seq increment by 50;

-- Hibernate groups the inserts by table (hibernate.order_inserts), which can put a batch's history or
-- delivery rows before the alert rows they name; the references are checked at the commit instead.
alter table alert_history alter constraint alert_history_alert_id_fkey deferrable initially deferred;
alter table delivery alter constraint delivery_alert_id_fkey deferrable initially deferred;
