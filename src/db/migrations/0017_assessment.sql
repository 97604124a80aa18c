-- 0017: 乡镇人大工作评价 (DOMAIN.md §8): the county's yearly template (blocks → items, bonus
-- items apart), each township's 自评 (entered at the township, received at the county from its
-- 上报包), the 考核组 score and 加减分. Every score is appended, never overwritten: the latest row counts.

-- one template a year: made here (own) or imported from the county's 评分表 (imported)
CREATE TABLE assessment_templates (
    id              INTEGER PRIMARY KEY,
    uuid            TEXT NOT NULL UNIQUE,
    year            INTEGER NOT NULL UNIQUE,
    origin          TEXT NOT NULL DEFAULT 'own',    -- own · imported
    issuer          TEXT,                           -- the office that made it (imported)
    version         INTEGER NOT NULL DEFAULT 1,
    exported        INTEGER NOT NULL DEFAULT 0,     -- this version went out: the next edit is a new version
    excellent       REAL NOT NULL DEFAULT 90,       -- 优秀 at or above, on the base score
    pass            REAL NOT NULL DEFAULT 80,       -- 合格 at or above
    rank_by         TEXT NOT NULL DEFAULT 'total',  -- total (base + bonus) · base
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL
);

CREATE TABLE assessment_blocks (
    id              INTEGER PRIMARY KEY,
    template_id     INTEGER NOT NULL REFERENCES assessment_templates(id),
    position        INTEGER NOT NULL,
    name            TEXT NOT NULL,
    bonus           INTEGER NOT NULL DEFAULT 0,     -- 加分项目: kept apart from the base score
    UNIQUE (template_id, name)
);

CREATE TABLE assessment_items (
    id              INTEGER PRIMARY KEY,
    uuid            TEXT NOT NULL UNIQUE,
    template_id     INTEGER NOT NULL REFERENCES assessment_templates(id),
    block_id        INTEGER NOT NULL REFERENCES assessment_blocks(id),
    position        INTEGER NOT NULL,
    name            TEXT NOT NULL,
    max_points      REAL NOT NULL,
    criterion       TEXT,                           -- 评分标准
    evidence        TEXT,                           -- 佐证材料
    auto_source     TEXT,                           -- assessment::model::AutoSource
    full_at         REAL,                           -- the figure that earns full points
    active          INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX assessment_items_template ON assessment_items(template_id, block_id, position);

-- the township's own 自评 of an item (at the township)
CREATE TABLE assessment_self_scores (
    id              INTEGER PRIMARY KEY,
    item_id         INTEGER NOT NULL REFERENCES assessment_items(id),
    points          REAL NOT NULL,
    note            TEXT,
    evidence        TEXT,
    reason          TEXT,                           -- why an automatic proposal was overridden
    created_at      TEXT NOT NULL
);
CREATE INDEX assessment_self_scores_item ON assessment_self_scores(item_id, id);

-- the townships the county scores: configured here, or known from a received 上报包
CREATE TABLE assessment_townships (
    id              INTEGER PRIMARY KEY,
    name            TEXT NOT NULL UNIQUE,
    office_id       TEXT UNIQUE,                    -- the sender's 单位标识, once a package came
    active          INTEGER NOT NULL DEFAULT 1,
    created_at      TEXT NOT NULL
);

-- one township's 自评 as one 上报包 carried it; the one with `current` = 1 counts
CREATE TABLE assessment_received (
    id              INTEGER PRIMARY KEY,
    township_id     INTEGER NOT NULL REFERENCES assessment_townships(id),
    year            INTEGER NOT NULL,
    serial          INTEGER NOT NULL,               -- the package's 上报包序号
    template_uuid   TEXT NOT NULL,
    template_version INTEGER NOT NULL,
    current         INTEGER NOT NULL DEFAULT 1,
    received_at     TEXT NOT NULL
);
CREATE INDEX assessment_received_township ON assessment_received(year, township_id, current);

CREATE TABLE assessment_received_items (
    received_id     INTEGER NOT NULL REFERENCES assessment_received(id),
    item_uuid       TEXT NOT NULL,
    points          REAL,                           -- 自评得分
    note            TEXT,
    evidence        TEXT,
    reason          TEXT,
    figure          REAL,                           -- the automatic figure from its records
    figure_text     TEXT,                           -- how it was counted
    PRIMARY KEY (received_id, item_uuid)
) WITHOUT ROWID;

-- 考核组 score of an item for a township (appended)
CREATE TABLE assessment_scores (
    id              INTEGER PRIMARY KEY,
    township_id     INTEGER NOT NULL REFERENCES assessment_townships(id),
    item_id         INTEGER NOT NULL REFERENCES assessment_items(id),
    points          REAL NOT NULL,
    reason          TEXT,
    created_at      TEXT NOT NULL
);
CREATE INDEX assessment_scores_item ON assessment_scores(township_id, item_id, id);

-- 加减分 of an item for a township, each with its reason
CREATE TABLE assessment_adjustments (
    id              INTEGER PRIMARY KEY,
    township_id     INTEGER NOT NULL REFERENCES assessment_townships(id),
    item_id         INTEGER NOT NULL REFERENCES assessment_items(id),
    delta           REAL NOT NULL,
    reason          TEXT NOT NULL,
    created_at      TEXT NOT NULL
);
CREATE INDEX assessment_adjustments_item ON assessment_adjustments(township_id, item_id);
