-- 上报包 received from the offices below (DOMAIN.md §4.3). A package is one office's records for one
-- period; a corrected package for the same office and period replaces it. The received records
-- are kept apart from this office's own, which an import never touches.
CREATE TABLE report_packages (
    id            INTEGER PRIMARY KEY,
    office_id     TEXT NOT NULL,
    office_name   TEXT NOT NULL,
    level         TEXT NOT NULL,
    period_from   TEXT NOT NULL,
    period_to     TEXT NOT NULL,
    period_label  TEXT NOT NULL,
    generated_at  TEXT NOT NULL,
    sha256        TEXT NOT NULL,
    file_name     TEXT NOT NULL,
    received_at   TEXT NOT NULL,
    UNIQUE (office_id, period_from, period_to)
);

-- one row per record of a received package: its kind (suggestions · deputies · stations), its
-- stable id in the sending office, and its row as sent (JSON object of column → text)
CREATE TABLE report_records (
    id          INTEGER PRIMARY KEY,
    package_id  INTEGER NOT NULL REFERENCES report_packages(id),
    kind        TEXT NOT NULL,
    record_uuid TEXT NOT NULL,
    data_json   TEXT NOT NULL,
    UNIQUE (package_id, kind, record_uuid)
);
CREATE INDEX report_records_kind ON report_records(kind, package_id);
