-- 0002: 身份证号 on deputies (private: masked in upward exports) and the log of every import.

ALTER TABLE deputies ADD COLUMN id_number TEXT;
CREATE UNIQUE INDEX deputies_id_number ON deputies(id_number) WHERE id_number IS NOT NULL;

CREATE TABLE import_log (
    id         INTEGER PRIMARY KEY,
    at         TEXT NOT NULL,
    kind       TEXT NOT NULL,       -- deputies, units …
    file_name  TEXT NOT NULL,
    sha256     TEXT NOT NULL,
    sheet      TEXT,
    added      INTEGER NOT NULL,
    updated    INTEGER NOT NULL,
    unchanged  INTEGER NOT NULL,
    skipped    INTEGER NOT NULL,    -- rows in error left out (仅导入无误的行)
    backup     TEXT                 -- the backup taken just before
);
