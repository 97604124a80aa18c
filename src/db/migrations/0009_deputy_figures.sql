-- 0009: the registers' part of 履职积分 (DOMAIN.md §2.2) kept per day and deputy, in the same
-- transaction as the rows, by triggers (as 0008 keeps the station figures): a year's points read
-- ~25,000 small rows instead of joining the year's ~100,000 entries to their deputies (~1 s at
-- 1M entries before). Triggers so that every path that writes the registers stays exact.
--
-- A row counts, for one deputy on one day, the active entries at which the deputy is present:
--   activities   activities (a day with one is a 履职天数)
--   inspections  activities of kind 视察 · 调研 · 执法检查 (stations::model::INSPECTION_KINDS)
--   receptions   activities of kind 接待选民
--   reports      述职 entries
-- A day stays even when its counts fall to 0.
CREATE TABLE register_deputy_days (
    date         TEXT NOT NULL,
    deputy_id    INTEGER NOT NULL,
    activities   INTEGER NOT NULL DEFAULT 0,
    inspections  INTEGER NOT NULL DEFAULT 0,
    receptions   INTEGER NOT NULL DEFAULT 0,
    reports      INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (date, deputy_id)
) WITHOUT ROWID;

-- Every trigger below adds (+1) or takes back (−1) what one (entry, deputy) pair counts, with the
-- same upsert: the columns are those of the backfill, times the sign.
INSERT INTO register_deputy_days
SELECT e.date, x.deputy_id,
       sum(e.book = 'activity'),
       sum(e.book = 'activity' AND e.kind IN ('视察', '调研', '执法检查')),
       sum(e.book = 'activity' AND e.kind IS '接待选民'),
       sum(e.book = 'report')
  FROM register_deputies x JOIN register_entries e ON e.id = x.entry_id
 WHERE x.role = 'present' AND e.active = 1 AND e.book IN ('activity', 'report')
 GROUP BY e.date, x.deputy_id;

-- a deputy added to, taken off or changed on an entry
CREATE TRIGGER register_deputy_days_insert AFTER INSERT ON register_deputies WHEN NEW.role = 'present'
BEGIN
    INSERT INTO register_deputy_days
    SELECT e.date, NEW.deputy_id, e.book = 'activity', e.book = 'activity' AND e.kind IN ('视察', '调研', '执法检查'),
           e.book = 'activity' AND e.kind IS '接待选民', e.book = 'report'
      FROM register_entries e WHERE e.id = NEW.entry_id AND e.active = 1 AND e.book IN ('activity', 'report')
    ON CONFLICT (date, deputy_id) DO UPDATE SET
        activities = activities + excluded.activities, inspections = inspections + excluded.inspections,
        receptions = receptions + excluded.receptions, reports = reports + excluded.reports;
END;

CREATE TRIGGER register_deputy_days_delete AFTER DELETE ON register_deputies WHEN OLD.role = 'present'
BEGIN
    INSERT INTO register_deputy_days
    SELECT e.date, OLD.deputy_id, -(e.book = 'activity'), -(e.book = 'activity' AND e.kind IN ('视察', '调研', '执法检查')),
           -(e.book = 'activity' AND e.kind IS '接待选民'), -(e.book = 'report')
      FROM register_entries e WHERE e.id = OLD.entry_id AND e.active = 1 AND e.book IN ('activity', 'report')
    ON CONFLICT (date, deputy_id) DO UPDATE SET
        activities = activities + excluded.activities, inspections = inspections + excluded.inspections,
        receptions = receptions + excluded.receptions, reports = reports + excluded.reports;
END;

CREATE TRIGGER register_deputy_days_update AFTER UPDATE OF entry_id, deputy_id, role ON register_deputies
BEGIN
    INSERT INTO register_deputy_days
    SELECT e.date, OLD.deputy_id, -(e.book = 'activity'), -(e.book = 'activity' AND e.kind IN ('视察', '调研', '执法检查')),
           -(e.book = 'activity' AND e.kind IS '接待选民'), -(e.book = 'report')
      FROM register_entries e
     WHERE OLD.role = 'present' AND e.id = OLD.entry_id AND e.active = 1 AND e.book IN ('activity', 'report')
    ON CONFLICT (date, deputy_id) DO UPDATE SET
        activities = activities + excluded.activities, inspections = inspections + excluded.inspections,
        receptions = receptions + excluded.receptions, reports = reports + excluded.reports;
    INSERT INTO register_deputy_days
    SELECT e.date, NEW.deputy_id, e.book = 'activity', e.book = 'activity' AND e.kind IN ('视察', '调研', '执法检查'),
           e.book = 'activity' AND e.kind IS '接待选民', e.book = 'report'
      FROM register_entries e
     WHERE NEW.role = 'present' AND e.id = NEW.entry_id AND e.active = 1 AND e.book IN ('activity', 'report')
    ON CONFLICT (date, deputy_id) DO UPDATE SET
        activities = activities + excluded.activities, inspections = inspections + excluded.inspections,
        receptions = receptions + excluded.receptions, reports = reports + excluded.reports;
END;

-- an entry added with its deputies already there (the forms add them after the entry: nothing)
CREATE TRIGGER register_deputy_days_entry_insert AFTER INSERT ON register_entries
WHEN NEW.active = 1 AND NEW.book IN ('activity', 'report')
BEGIN
    INSERT INTO register_deputy_days
    SELECT NEW.date, x.deputy_id, NEW.book = 'activity', NEW.book = 'activity' AND NEW.kind IN ('视察', '调研', '执法检查'),
           NEW.book = 'activity' AND NEW.kind IS '接待选民', NEW.book = 'report'
      FROM register_deputies x WHERE x.entry_id = NEW.id AND x.role = 'present'
    ON CONFLICT (date, deputy_id) DO UPDATE SET
        activities = activities + excluded.activities, inspections = inspections + excluded.inspections,
        receptions = receptions + excluded.receptions, reports = reports + excluded.reports;
END;

-- an entry removed while its deputies are still on it (the forms take them off first: nothing)
CREATE TRIGGER register_deputy_days_entry_delete AFTER DELETE ON register_entries
WHEN OLD.active = 1 AND OLD.book IN ('activity', 'report')
BEGIN
    INSERT INTO register_deputy_days
    SELECT OLD.date, x.deputy_id, -(OLD.book = 'activity'), -(OLD.book = 'activity' AND OLD.kind IN ('视察', '调研', '执法检查')),
           -(OLD.book = 'activity' AND OLD.kind IS '接待选民'), -(OLD.book = 'report')
      FROM register_deputies x WHERE x.entry_id = OLD.id AND x.role = 'present'
    ON CONFLICT (date, deputy_id) DO UPDATE SET
        activities = activities + excluded.activities, inspections = inspections + excluded.inspections,
        receptions = receptions + excluded.receptions, reports = reports + excluded.reports;
END;

-- an edit of what the counts read (its day, book, kind, or taken back): the old entry out, the new one in
CREATE TRIGGER register_deputy_days_entry_update AFTER UPDATE OF date, book, kind, active ON register_entries
BEGIN
    INSERT INTO register_deputy_days
    SELECT OLD.date, x.deputy_id, -(OLD.book = 'activity'), -(OLD.book = 'activity' AND OLD.kind IN ('视察', '调研', '执法检查')),
           -(OLD.book = 'activity' AND OLD.kind IS '接待选民'), -(OLD.book = 'report')
      FROM register_deputies x
     WHERE OLD.active = 1 AND OLD.book IN ('activity', 'report') AND x.entry_id = OLD.id AND x.role = 'present'
    ON CONFLICT (date, deputy_id) DO UPDATE SET
        activities = activities + excluded.activities, inspections = inspections + excluded.inspections,
        receptions = receptions + excluded.receptions, reports = reports + excluded.reports;
    INSERT INTO register_deputy_days
    SELECT NEW.date, x.deputy_id, NEW.book = 'activity', NEW.book = 'activity' AND NEW.kind IN ('视察', '调研', '执法检查'),
           NEW.book = 'activity' AND NEW.kind IS '接待选民', NEW.book = 'report'
      FROM register_deputies x
     WHERE NEW.active = 1 AND NEW.book IN ('activity', 'report') AND x.entry_id = NEW.id AND x.role = 'present'
    ON CONFLICT (date, deputy_id) DO UPDATE SET
        activities = activities + excluded.activities, inspections = inspections + excluded.inspections,
        receptions = receptions + excluded.receptions, reports = reports + excluded.reports;
END;

-- the suggestions' part of the points (those each deputy led in a period, by 收到日期): the
-- period's rows of a covering index instead of each suggestion's wide row
CREATE INDEX suggestions_led ON suggestions(received_date, lead_deputy_id, state, key_item);
