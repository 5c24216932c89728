-- The supervision office an escalation reached (of the region above the alert's); a recipient from then on.
alter table alert add column escalated_to text;
