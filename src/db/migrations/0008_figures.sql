-- 0008: the station figures (DOMAIN.md §3) kept per day and station, in the same transaction as the
-- register rows, by triggers: a year's figures read ~20,000 small rows instead of the year's
-- ~100,000 entries and their deputies (212 ms at 1M entries before, a few ms after). Triggers
-- rather than engine code so that every path that writes the registers (forms, imports, the
-- demo, restores of older files) keeps them exact. A day stays even when its counts fall to 0.
--
-- What each column counts, over the active entries of that station and day (the definitions of
-- `stations::store::figures` before this table):
--   activities     activity entries            public_count  their 群众人数 (NULL as 0)
--   deputy_visits  deputies present at them    contacts      contact entries (群众 received)
--   on_spot        contacts 当场答复            transferred   contacts handed on (handling set, not 当场答复)
--   closed         handed on and fed back      opinions      opinion entries
CREATE TABLE register_day_figures (
    date           TEXT NOT NULL,
    station_id     INTEGER NOT NULL,
    activities     INTEGER NOT NULL DEFAULT 0,
    public_count   INTEGER NOT NULL DEFAULT 0,
    deputy_visits  INTEGER NOT NULL DEFAULT 0,
    contacts       INTEGER NOT NULL DEFAULT 0,
    on_spot        INTEGER NOT NULL DEFAULT 0,
    transferred    INTEGER NOT NULL DEFAULT 0,
    closed         INTEGER NOT NULL DEFAULT 0,
    opinions       INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (date, station_id)
) WITHOUT ROWID;

-- the rows already there
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
       sum(e.book = 'opinion')
  FROM register_entries e
 WHERE e.active = 1 AND e.book IN ('activity', 'contact', 'opinion')
 GROUP BY e.date, e.station_id;

-- an entry counts when it is active; its deputies present count when it is an activity
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
           NEW.book = 'opinion'
     WHERE true
    ON CONFLICT (date, station_id) DO UPDATE SET
        activities = activities + excluded.activities, public_count = public_count + excluded.public_count,
        deputy_visits = deputy_visits + excluded.deputy_visits, contacts = contacts + excluded.contacts,
        on_spot = on_spot + excluded.on_spot, transferred = transferred + excluded.transferred,
        closed = closed + excluded.closed, opinions = opinions + excluded.opinions;
END;

-- removing an entry (or taking it back) subtracts exactly what it added
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
        opinions = opinions - (OLD.book = 'opinion')
     WHERE date = OLD.date AND station_id = OLD.station_id;
END;

-- an edit of what the figures read: the old entry out, the new one in (the triggers above, by hand)
CREATE TRIGGER register_figures_update AFTER UPDATE OF station_id, book, date, active, public_count, handling, feedback_date
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
        opinions = opinions - (OLD.book = 'opinion')
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
           NEW.book = 'opinion'
     WHERE NEW.active = 1 AND NEW.book IN ('activity', 'contact', 'opinion')
    ON CONFLICT (date, station_id) DO UPDATE SET
        activities = activities + excluded.activities, public_count = public_count + excluded.public_count,
        deputy_visits = deputy_visits + excluded.deputy_visits, contacts = contacts + excluded.contacts,
        on_spot = on_spot + excluded.on_spot, transferred = transferred + excluded.transferred,
        closed = closed + excluded.closed, opinions = opinions + excluded.opinions;
END;

-- a deputy present at an active activity is one visit of its day and station
CREATE TRIGGER register_visits_insert AFTER INSERT ON register_deputies WHEN NEW.role = 'present'
BEGIN
    UPDATE register_day_figures SET deputy_visits = deputy_visits + 1
     WHERE (date, station_id) = (SELECT e.date, e.station_id FROM register_entries e
                                  WHERE e.id = NEW.entry_id AND e.book = 'activity' AND e.active = 1);
END;

CREATE TRIGGER register_visits_delete AFTER DELETE ON register_deputies WHEN OLD.role = 'present'
BEGIN
    UPDATE register_day_figures SET deputy_visits = deputy_visits - 1
     WHERE (date, station_id) = (SELECT e.date, e.station_id FROM register_entries e
                                  WHERE e.id = OLD.entry_id AND e.book = 'activity' AND e.active = 1);
END;

CREATE TRIGGER register_visits_update AFTER UPDATE ON register_deputies
BEGIN
    UPDATE register_day_figures SET deputy_visits = deputy_visits - 1
     WHERE OLD.role = 'present'
       AND (date, station_id) = (SELECT e.date, e.station_id FROM register_entries e
                                  WHERE e.id = OLD.entry_id AND e.book = 'activity' AND e.active = 1);
    UPDATE register_day_figures SET deputy_visits = deputy_visits + 1
     WHERE NEW.role = 'present'
       AND (date, station_id) = (SELECT e.date, e.station_id FROM register_entries e
                                  WHERE e.id = NEW.entry_id AND e.book = 'activity' AND e.active = 1);
END;

-- 承办单位办理情况统计, the 协办 counts: the 协办 rows alone (a fifth of suggestion_units) instead
-- of a pass over all of them, and each suggestion's filter columns from a narrow index keyed by
-- id instead of its wide row (a table page per suggestion: ~20,000 page reads at 100k suggestions)
CREATE INDEX suggestion_units_role ON suggestion_units(role, unit_id);
CREATE INDEX suggestions_filter ON suggestions(id, assigned_date, session_id, category, key_item);
