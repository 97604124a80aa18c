-- 0012: what the activity book records counts in full.
-- 1. Every 活动类型 earns a §2.2 points kind for each deputy present, or none, in one table that
--    the triggers below, the 履职档案 and the rules dialog all read (DOMAIN.md §2.2):
--    视察 · 调研 · 执法检查 · 建议督办 → inspection; 接待选民 · 座谈 → reception; 述职 → report
--    (as an entry of the 述职 book does); 学习培训 · 其他 → nothing.
-- 2. An activity's 形成意见数 counts in 收集意见 beside the opinion book's entries.
-- The triggers of 0008 and 0009 are replaced by the same ones reading these, and both tables are
-- counted again from the registers.
CREATE TABLE activity_points (
    kind        TEXT PRIMARY KEY,   -- 活动类型 (stations::model::ACTIVITY_KINDS)
    points_kind TEXT                -- evaluation::model::POINT_KINDS key; NULL = earns nothing
) WITHOUT ROWID;
INSERT INTO activity_points VALUES
    ('学习培训', NULL), ('视察', 'inspection'), ('调研', 'inspection'), ('座谈', 'reception'),
    ('接待选民', 'reception'), ('述职', 'report'), ('执法检查', 'inspection'), ('建议督办', 'inspection'),
    ('其他', NULL);

-- ---- the deputies' days (0009)
DROP TRIGGER register_deputy_days_insert;
DROP TRIGGER register_deputy_days_delete;
DROP TRIGGER register_deputy_days_update;
DROP TRIGGER register_deputy_days_entry_insert;
DROP TRIGGER register_deputy_days_entry_delete;
DROP TRIGGER register_deputy_days_entry_update;
DELETE FROM register_deputy_days;
INSERT INTO register_deputy_days
SELECT e.date, x.deputy_id,
       sum(e.book = 'activity'),
       sum(e.book = 'activity' AND (SELECT points_kind FROM activity_points WHERE kind = e.kind) IS 'inspection'),
       sum(e.book = 'activity' AND (SELECT points_kind FROM activity_points WHERE kind = e.kind) IS 'reception'),
       sum(e.book = 'report' OR (e.book = 'activity' AND (SELECT points_kind FROM activity_points WHERE kind = e.kind) IS 'report'))
  FROM register_deputies x JOIN register_entries e ON e.id = x.entry_id
 WHERE x.role = 'present' AND e.active = 1 AND e.book IN ('activity', 'report')
 GROUP BY e.date, x.deputy_id;

-- a deputy added to, taken off or changed on an entry
CREATE TRIGGER register_deputy_days_insert AFTER INSERT ON register_deputies WHEN NEW.role = 'present'
BEGIN
    INSERT INTO register_deputy_days
    SELECT e.date, NEW.deputy_id,
           (e.book = 'activity'),
           (e.book = 'activity' AND (SELECT points_kind FROM activity_points WHERE kind = e.kind) IS 'inspection'),
           (e.book = 'activity' AND (SELECT points_kind FROM activity_points WHERE kind = e.kind) IS 'reception'),
           (e.book = 'report' OR (e.book = 'activity' AND (SELECT points_kind FROM activity_points WHERE kind = e.kind) IS 'report'))
      FROM register_entries e WHERE e.id = NEW.entry_id AND e.active = 1 AND e.book IN ('activity', 'report')
    ON CONFLICT (date, deputy_id) DO UPDATE SET
        activities = activities + excluded.activities, inspections = inspections + excluded.inspections,
        receptions = receptions + excluded.receptions, reports = reports + excluded.reports;
END;

CREATE TRIGGER register_deputy_days_delete AFTER DELETE ON register_deputies WHEN OLD.role = 'present'
BEGIN
    INSERT INTO register_deputy_days
    SELECT e.date, OLD.deputy_id,
           -(e.book = 'activity'),
           -(e.book = 'activity' AND (SELECT points_kind FROM activity_points WHERE kind = e.kind) IS 'inspection'),
           -(e.book = 'activity' AND (SELECT points_kind FROM activity_points WHERE kind = e.kind) IS 'reception'),
           -(e.book = 'report' OR (e.book = 'activity' AND (SELECT points_kind FROM activity_points WHERE kind = e.kind) IS 'report'))
      FROM register_entries e WHERE e.id = OLD.entry_id AND e.active = 1 AND e.book IN ('activity', 'report')
    ON CONFLICT (date, deputy_id) DO UPDATE SET
        activities = activities + excluded.activities, inspections = inspections + excluded.inspections,
        receptions = receptions + excluded.receptions, reports = reports + excluded.reports;
END;

CREATE TRIGGER register_deputy_days_update AFTER UPDATE OF entry_id, deputy_id, role ON register_deputies
BEGIN
    INSERT INTO register_deputy_days
    SELECT e.date, OLD.deputy_id,
           -(e.book = 'activity'),
           -(e.book = 'activity' AND (SELECT points_kind FROM activity_points WHERE kind = e.kind) IS 'inspection'),
           -(e.book = 'activity' AND (SELECT points_kind FROM activity_points WHERE kind = e.kind) IS 'reception'),
           -(e.book = 'report' OR (e.book = 'activity' AND (SELECT points_kind FROM activity_points WHERE kind = e.kind) IS 'report'))
      FROM register_entries e WHERE OLD.role = 'present' AND e.id = OLD.entry_id AND e.active = 1 AND e.book IN ('activity', 'report')
    ON CONFLICT (date, deputy_id) DO UPDATE SET
        activities = activities + excluded.activities, inspections = inspections + excluded.inspections,
        receptions = receptions + excluded.receptions, reports = reports + excluded.reports;
    INSERT INTO register_deputy_days
    SELECT e.date, NEW.deputy_id,
           (e.book = 'activity'),
           (e.book = 'activity' AND (SELECT points_kind FROM activity_points WHERE kind = e.kind) IS 'inspection'),
           (e.book = 'activity' AND (SELECT points_kind FROM activity_points WHERE kind = e.kind) IS 'reception'),
           (e.book = 'report' OR (e.book = 'activity' AND (SELECT points_kind FROM activity_points WHERE kind = e.kind) IS 'report'))
      FROM register_entries e WHERE NEW.role = 'present' AND e.id = NEW.entry_id AND e.active = 1 AND e.book IN ('activity', 'report')
    ON CONFLICT (date, deputy_id) DO UPDATE SET
        activities = activities + excluded.activities, inspections = inspections + excluded.inspections,
        receptions = receptions + excluded.receptions, reports = reports + excluded.reports;
END;

-- an entry added with its deputies already there (the forms add them after the entry: nothing)
CREATE TRIGGER register_deputy_days_entry_insert AFTER INSERT ON register_entries
WHEN NEW.active = 1 AND NEW.book IN ('activity', 'report')
BEGIN
    INSERT INTO register_deputy_days
    SELECT NEW.date, x.deputy_id,
           (NEW.book = 'activity'),
           (NEW.book = 'activity' AND (SELECT points_kind FROM activity_points WHERE kind = NEW.kind) IS 'inspection'),
           (NEW.book = 'activity' AND (SELECT points_kind FROM activity_points WHERE kind = NEW.kind) IS 'reception'),
           (NEW.book = 'report' OR (NEW.book = 'activity' AND (SELECT points_kind FROM activity_points WHERE kind = NEW.kind) IS 'report'))
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
    SELECT OLD.date, x.deputy_id,
           -(OLD.book = 'activity'),
           -(OLD.book = 'activity' AND (SELECT points_kind FROM activity_points WHERE kind = OLD.kind) IS 'inspection'),
           -(OLD.book = 'activity' AND (SELECT points_kind FROM activity_points WHERE kind = OLD.kind) IS 'reception'),
           -(OLD.book = 'report' OR (OLD.book = 'activity' AND (SELECT points_kind FROM activity_points WHERE kind = OLD.kind) IS 'report'))
      FROM register_deputies x WHERE x.entry_id = OLD.id AND x.role = 'present'
    ON CONFLICT (date, deputy_id) DO UPDATE SET
        activities = activities + excluded.activities, inspections = inspections + excluded.inspections,
        receptions = receptions + excluded.receptions, reports = reports + excluded.reports;
END;

-- an edit of what the counts read (its day, book, kind, or taken back): the old entry out, the new one in
CREATE TRIGGER register_deputy_days_entry_update AFTER UPDATE OF date, book, kind, active ON register_entries
BEGIN
    INSERT INTO register_deputy_days
    SELECT OLD.date, x.deputy_id,
           -(OLD.book = 'activity'),
           -(OLD.book = 'activity' AND (SELECT points_kind FROM activity_points WHERE kind = OLD.kind) IS 'inspection'),
           -(OLD.book = 'activity' AND (SELECT points_kind FROM activity_points WHERE kind = OLD.kind) IS 'reception'),
           -(OLD.book = 'report' OR (OLD.book = 'activity' AND (SELECT points_kind FROM activity_points WHERE kind = OLD.kind) IS 'report'))
      FROM register_deputies x WHERE OLD.active = 1 AND OLD.book IN ('activity', 'report') AND x.entry_id = OLD.id AND x.role = 'present'
    ON CONFLICT (date, deputy_id) DO UPDATE SET
        activities = activities + excluded.activities, inspections = inspections + excluded.inspections,
        receptions = receptions + excluded.receptions, reports = reports + excluded.reports;
    INSERT INTO register_deputy_days
    SELECT NEW.date, x.deputy_id,
           (NEW.book = 'activity'),
           (NEW.book = 'activity' AND (SELECT points_kind FROM activity_points WHERE kind = NEW.kind) IS 'inspection'),
           (NEW.book = 'activity' AND (SELECT points_kind FROM activity_points WHERE kind = NEW.kind) IS 'reception'),
           (NEW.book = 'report' OR (NEW.book = 'activity' AND (SELECT points_kind FROM activity_points WHERE kind = NEW.kind) IS 'report'))
      FROM register_deputies x WHERE NEW.active = 1 AND NEW.book IN ('activity', 'report') AND x.entry_id = NEW.id AND x.role = 'present'
    ON CONFLICT (date, deputy_id) DO UPDATE SET
        activities = activities + excluded.activities, inspections = inspections + excluded.inspections,
        receptions = receptions + excluded.receptions, reports = reports + excluded.reports;
END;

-- ---- the station figures (0008): 收集意见 = opinion entries + the activities' 形成意见数
DROP TRIGGER register_figures_insert;
DROP TRIGGER register_figures_delete;
DROP TRIGGER register_figures_update;
DELETE FROM register_day_figures;
INSERT INTO register_day_figures
SELECT e.date, e.station_id,
       sum(e.book = 'activity'),
       sum(CASE WHEN e.book = 'activity' THEN coalesce(e.public_count, 0) ELSE 0 END),
       sum(CASE WHEN e.book = 'activity' THEN
           (SELECT count(*) FROM register_deputies x WHERE x.entry_id = e.id AND x.role = 'present') ELSE 0 END),
       sum(e.book = 'contact'),
       sum(e.book = 'contact' AND e.handling IS '当场答复'),
       sum(e.book = 'contact' AND e.handling IS NOT NULL AND e.handling <> '当场答复'),
       sum(e.book = 'contact' AND e.handling IS NOT NULL AND e.handling <> '当场答复' AND e.feedback_date IS NOT NULL),
       sum((e.book = 'opinion') + CASE WHEN e.book = 'activity' THEN coalesce(e.opinion_count, 0) ELSE 0 END)
  FROM register_entries e
 WHERE e.active = 1 AND e.book IN ('activity', 'contact', 'opinion')
 GROUP BY e.date, e.station_id;

CREATE TRIGGER register_figures_insert AFTER INSERT ON register_entries
WHEN NEW.active = 1 AND NEW.book IN ('activity', 'contact', 'opinion')
BEGIN
    INSERT INTO register_day_figures
    SELECT NEW.date, NEW.station_id,
           NEW.book = 'activity',
           CASE WHEN NEW.book = 'activity' THEN coalesce(NEW.public_count, 0) ELSE 0 END,
           CASE WHEN NEW.book = 'activity' THEN
               (SELECT count(*) FROM register_deputies x WHERE x.entry_id = NEW.id AND x.role = 'present') ELSE 0 END,
           NEW.book = 'contact',
           NEW.book = 'contact' AND NEW.handling IS '当场答复',
           NEW.book = 'contact' AND NEW.handling IS NOT NULL AND NEW.handling <> '当场答复',
           NEW.book = 'contact' AND NEW.handling IS NOT NULL AND NEW.handling <> '当场答复' AND NEW.feedback_date IS NOT NULL,
           (NEW.book = 'opinion') + CASE WHEN NEW.book = 'activity' THEN coalesce(NEW.opinion_count, 0) ELSE 0 END
     WHERE true
    ON CONFLICT (date, station_id) DO UPDATE SET
        activities = activities + excluded.activities, public_count = public_count + excluded.public_count,
        deputy_visits = deputy_visits + excluded.deputy_visits, contacts = contacts + excluded.contacts,
        on_spot = on_spot + excluded.on_spot, transferred = transferred + excluded.transferred,
        closed = closed + excluded.closed, opinions = opinions + excluded.opinions;
END;

CREATE TRIGGER register_figures_delete AFTER DELETE ON register_entries
WHEN OLD.active = 1 AND OLD.book IN ('activity', 'contact', 'opinion')
BEGIN
    UPDATE register_day_figures SET
        activities = activities - (OLD.book = 'activity'),
        public_count = public_count - CASE WHEN OLD.book = 'activity' THEN coalesce(OLD.public_count, 0) ELSE 0 END,
        deputy_visits = deputy_visits - CASE WHEN OLD.book = 'activity' THEN
            (SELECT count(*) FROM register_deputies x WHERE x.entry_id = OLD.id AND x.role = 'present') ELSE 0 END,
        contacts = contacts - (OLD.book = 'contact'),
        on_spot = on_spot - (OLD.book = 'contact' AND OLD.handling IS '当场答复'),
        transferred = transferred - (OLD.book = 'contact' AND OLD.handling IS NOT NULL AND OLD.handling <> '当场答复'),
        closed = closed - (OLD.book = 'contact' AND OLD.handling IS NOT NULL AND OLD.handling <> '当场答复'
                           AND OLD.feedback_date IS NOT NULL),
        opinions = opinions - (OLD.book = 'opinion') - CASE WHEN OLD.book = 'activity' THEN coalesce(OLD.opinion_count, 0) ELSE 0 END
     WHERE date = OLD.date AND station_id = OLD.station_id;
END;

CREATE TRIGGER register_figures_update AFTER UPDATE OF station_id, book, date, active, public_count, opinion_count, handling, feedback_date
ON register_entries
BEGIN
    UPDATE register_day_figures SET
        activities = activities - (OLD.book = 'activity'),
        public_count = public_count - CASE WHEN OLD.book = 'activity' THEN coalesce(OLD.public_count, 0) ELSE 0 END,
        deputy_visits = deputy_visits - CASE WHEN OLD.book = 'activity' THEN
            (SELECT count(*) FROM register_deputies x WHERE x.entry_id = OLD.id AND x.role = 'present') ELSE 0 END,
        contacts = contacts - (OLD.book = 'contact'),
        on_spot = on_spot - (OLD.book = 'contact' AND OLD.handling IS '当场答复'),
        transferred = transferred - (OLD.book = 'contact' AND OLD.handling IS NOT NULL AND OLD.handling <> '当场答复'),
        closed = closed - (OLD.book = 'contact' AND OLD.handling IS NOT NULL AND OLD.handling <> '当场答复'
                           AND OLD.feedback_date IS NOT NULL),
        opinions = opinions - (OLD.book = 'opinion') - CASE WHEN OLD.book = 'activity' THEN coalesce(OLD.opinion_count, 0) ELSE 0 END
     WHERE date = OLD.date AND station_id = OLD.station_id
       AND OLD.active = 1 AND OLD.book IN ('activity', 'contact', 'opinion');
    INSERT INTO register_day_figures
    SELECT NEW.date, NEW.station_id,
           NEW.book = 'activity',
           CASE WHEN NEW.book = 'activity' THEN coalesce(NEW.public_count, 0) ELSE 0 END,
           CASE WHEN NEW.book = 'activity' THEN
               (SELECT count(*) FROM register_deputies x WHERE x.entry_id = NEW.id AND x.role = 'present') ELSE 0 END,
           NEW.book = 'contact',
           NEW.book = 'contact' AND NEW.handling IS '当场答复',
           NEW.book = 'contact' AND NEW.handling IS NOT NULL AND NEW.handling <> '当场答复',
           NEW.book = 'contact' AND NEW.handling IS NOT NULL AND NEW.handling <> '当场答复' AND NEW.feedback_date IS NOT NULL,
           (NEW.book = 'opinion') + CASE WHEN NEW.book = 'activity' THEN coalesce(NEW.opinion_count, 0) ELSE 0 END
     WHERE NEW.active = 1 AND NEW.book IN ('activity', 'contact', 'opinion')
    ON CONFLICT (date, station_id) DO UPDATE SET
        activities = activities + excluded.activities, public_count = public_count + excluded.public_count,
        deputy_visits = deputy_visits + excluded.deputy_visits, contacts = contacts + excluded.contacts,
        on_spot = on_spot + excluded.on_spot, transferred = transferred + excluded.transferred,
        closed = closed + excluded.closed, opinions = opinions + excluded.opinions;
END;
