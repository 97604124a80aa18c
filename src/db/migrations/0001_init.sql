-- 0001: settings, audit log, 届次/会次, 代表, 承办单位, 联络站.
-- Every record has a local integer key and a stable uuid used in exports and upward packages.

CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE audit_log (
    id          INTEGER PRIMARY KEY,
    at          TEXT NOT NULL,
    kind        TEXT NOT NULL,          -- deputy, unit, station, term, session, backup …
    record_uuid TEXT,
    action      TEXT NOT NULL,          -- create, update, deactivate, reactivate, status, restore …
    summary     TEXT NOT NULL,
    before_json TEXT,
    after_json  TEXT
);
CREATE INDEX audit_log_kind ON audit_log(kind, id);

CREATE TABLE terms (
    id         INTEGER PRIMARY KEY,
    uuid       TEXT NOT NULL UNIQUE,
    level      TEXT NOT NULL,           -- 县 / 乡 …
    number     INTEGER NOT NULL,        -- 第十八届 → 18
    name       TEXT NOT NULL,
    start_year INTEGER NOT NULL,
    end_year   INTEGER NOT NULL,
    is_current INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (level, number)
);

CREATE TABLE sessions (
    id         INTEGER PRIMARY KEY,
    uuid       TEXT NOT NULL UNIQUE,
    term_id    INTEGER NOT NULL REFERENCES terms(id),
    number     INTEGER NOT NULL,        -- 第三次会议 → 3
    name       TEXT NOT NULL,
    start_date TEXT,
    end_date   TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (term_id, number)
);

CREATE TABLE units (
    id             INTEGER PRIMARY KEY,
    uuid           TEXT NOT NULL UNIQUE,
    name           TEXT NOT NULL UNIQUE,
    kind           TEXT NOT NULL,
    contact_person TEXT,
    contact_phone  TEXT,
    active         INTEGER NOT NULL DEFAULT 1,
    initials       TEXT NOT NULL DEFAULT '',
    pinyin_key     BLOB,
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL
);

CREATE TABLE stations (
    id            INTEGER PRIMARY KEY,
    uuid          TEXT NOT NULL UNIQUE,
    name          TEXT NOT NULL UNIQUE,
    kind          TEXT NOT NULL,
    township      TEXT,
    address       TEXT,
    head          TEXT,                 -- 站长
    liaison       TEXT,                 -- 联络员
    schedule_kind TEXT NOT NULL DEFAULT 'none',   -- month_days / weekdays / none
    schedule_days TEXT NOT NULL DEFAULT '',       -- "6,16,26" or "2,4"
    notice_days   INTEGER NOT NULL DEFAULT 3,
    active        INTEGER NOT NULL DEFAULT 1,
    initials      TEXT NOT NULL DEFAULT '',
    pinyin_key    BLOB,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL
);

CREATE TABLE deputies (
    id           INTEGER PRIMARY KEY,
    uuid         TEXT NOT NULL UNIQUE,
    name         TEXT NOT NULL,         -- normalized: no padding spaces (张　三 = 张三)
    gender       TEXT,
    ethnicity    TEXT,
    birth_month  TEXT,                  -- YYYY-MM
    political    TEXT,
    education    TEXT,
    work_unit    TEXT,
    card_no      TEXT,
    district     TEXT,                  -- 选区
    delegation   TEXT,                  -- 代表团 / 代表小组
    sector_group TEXT,                  -- 行业小组
    phone        TEXT,
    station_id   INTEGER REFERENCES stations(id),   -- 所属联络站 (= 驻站代表 of that station)
    term_id      INTEGER REFERENCES terms(id),
    status       TEXT NOT NULL DEFAULT '在任',
    status_date  TEXT,
    active       INTEGER NOT NULL DEFAULT 1,
    initials     TEXT NOT NULL,         -- pinyin initials of the name: 张三 → zs
    pinyin       TEXT NOT NULL,         -- full pinyin: zhangsan
    pinyin_key   BLOB NOT NULL,         -- collation key, pinyin order
    stroke_key   BLOB NOT NULL,         -- collation key, 姓氏笔画 order
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL
);
CREATE UNIQUE INDEX deputies_card_no ON deputies(card_no) WHERE card_no IS NOT NULL;
CREATE INDEX deputies_name ON deputies(name, birth_month);
CREATE INDEX deputies_pinyin ON deputies(active, pinyin_key);
CREATE INDEX deputies_stroke ON deputies(active, stroke_key);
CREATE INDEX deputies_initials ON deputies(initials);
CREATE INDEX deputies_station ON deputies(station_id);
CREATE INDEX deputies_district ON deputies(district);

CREATE TABLE deputy_levels (
    deputy_id INTEGER NOT NULL REFERENCES deputies(id),
    level     TEXT NOT NULL,            -- 全国 / 省 / 市 / 县 / 乡
    PRIMARY KEY (deputy_id, level)
) WITHOUT ROWID;
CREATE INDEX deputy_levels_level ON deputy_levels(level, deputy_id);

CREATE TABLE deputy_status_history (
    id          INTEGER PRIMARY KEY,
    deputy_id   INTEGER NOT NULL REFERENCES deputies(id),
    status      TEXT NOT NULL,
    date        TEXT,
    note        TEXT,
    recorded_at TEXT NOT NULL
);
CREATE INDEX deputy_status_history_deputy ON deputy_status_history(deputy_id, id);
