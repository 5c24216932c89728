-- The read APIs filter targets by region (a county's bureau, the console's region views): without this index every
-- such request scanned the whole catalog.
create index target_by_region on target (region_code);
