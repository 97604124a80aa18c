-- 上报包 that can be trusted (docs in src/reports/mod.rs):
-- * packages are ordered by the sender's own counter (`serial`, kept in its data file), never by
--   the clock of the PC that made them; packages made before the counter existed have serial 0;
-- * every record names the office it belongs to (`source_office`), and is counted once whatever
--   packages carried it: `counted` marks the one copy the figures read (see `report_counted`).
ALTER TABLE report_packages ADD COLUMN serial INTEGER NOT NULL DEFAULT 0;
ALTER TABLE report_records ADD COLUMN source_office TEXT NOT NULL DEFAULT '';
ALTER TABLE report_records ADD COLUMN counted INTEGER NOT NULL DEFAULT 0;

UPDATE report_records SET source_office = coalesce(
    nullif(json_extract(data_json, '$.来源单位标识'), ''),
    (SELECT p.office_id FROM report_packages p WHERE p.id = report_records.package_id));

-- The copy of each record that counts. A record (office, kind, id) counts once, from the latest
-- package that carries it (the highest serial). Suggestions, deputies and evaluation results are
-- records of their own: when a later package of the same office covers the whole period of the
-- package the winning copy came from, and no longer holds the record, it was withdrawn. Station
-- and points rows are figures of their package's period, so the period is part of their identity
-- (the Q1 figures and the year's figures of a station are two rows, each counted for its period).
CREATE VIEW report_counted AS
SELECT id FROM (
    SELECT r.id, r.kind,
           row_number() OVER (
               PARTITION BY r.source_office, r.kind, r.record_uuid,
                   CASE WHEN r.kind IN ('stations', 'points') THEN p.period_from || '/' || p.period_to END
               ORDER BY p.serial DESC, p.id DESC) AS n,
           EXISTS (SELECT 1 FROM report_packages q
                    WHERE q.office_id = p.office_id AND q.serial > p.serial
                      AND q.period_from <= p.period_from AND q.period_to >= p.period_to) AS covered
      FROM report_records r JOIN report_packages p ON p.id = r.package_id) AS r
 WHERE n = 1 AND (NOT covered OR r.kind IN ('stations', 'points'));

UPDATE report_records SET counted = (id IN (SELECT id FROM report_counted));
CREATE INDEX report_records_counted ON report_records(kind, counted, package_id);

-- The offices below whose records a county's package passes on, as that package names them: how
-- a city knows a township's name, and refuses a package that claims it under another name.
CREATE TABLE report_sub_offices (
    package_id INTEGER NOT NULL REFERENCES report_packages(id),
    office_id  TEXT NOT NULL,
    name       TEXT NOT NULL,
    PRIMARY KEY (package_id, office_id)
) WITHOUT ROWID;
CREATE INDEX report_sub_offices_office ON report_sub_offices(office_id);
