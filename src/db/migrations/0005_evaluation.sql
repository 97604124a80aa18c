-- 履职评议 (DOMAIN.md §2): evaluations with their scoring template and counted ballots; deputies'
-- 人代会 attendance, the yearly points rules and manual adjustments (履职积分).

CREATE TABLE evaluations (
    id          INTEGER PRIMARY KEY,
    uuid        TEXT NOT NULL UNIQUE,
    year        INTEGER NOT NULL,
    name        TEXT NOT NULL,
    kind        TEXT NOT NULL,          -- 任命人员履职评议 · 专项工作评议 · …
    rule        TEXT NOT NULL,          -- majority · two_thirds · competent · score100
    stages      TEXT NOT NULL DEFAULT '[]',   -- JSON [{name, date, note}]
    status      TEXT NOT NULL DEFAULT 'open', -- open · closed (results locked)
    closed_at   TEXT,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);

-- rater groups: 常委会组成人员, 人大代表, 服务对象 … with their weight and full membership (应到)
CREATE TABLE evaluation_groups (
    id              INTEGER PRIMARY KEY,
    evaluation_id   INTEGER NOT NULL REFERENCES evaluations(id),
    position        INTEGER NOT NULL,
    name            TEXT NOT NULL,
    weight          REAL NOT NULL,
    expected        INTEGER NOT NULL
);

-- numeric criteria (score100): name, weight, and optionally the 建议办理 figures of the subject's unit
CREATE TABLE evaluation_criteria (
    id              INTEGER PRIMARY KEY,
    evaluation_id   INTEGER NOT NULL REFERENCES evaluations(id),
    position        INTEGER NOT NULL,
    name            TEXT NOT NULL,
    weight          REAL NOT NULL,
    auto            TEXT                -- suggestions: 满意率 of the unit's suggestions × 100
);

CREATE TABLE evaluation_subjects (
    id              INTEGER PRIMARY KEY,
    uuid            TEXT NOT NULL UNIQUE,
    evaluation_id   INTEGER NOT NULL REFERENCES evaluations(id),
    position        INTEGER NOT NULL,
    name            TEXT NOT NULL,
    post            TEXT,               -- 职务 (or the item evaluated)
    unit_id         INTEGER REFERENCES units(id),
    unit_name       TEXT,
    appointed       TEXT                -- 任命日期
);

-- counted paper ballots of one subject in one group
CREATE TABLE ballot_counts (
    subject_id      INTEGER NOT NULL REFERENCES evaluation_subjects(id),
    group_id        INTEGER NOT NULL REFERENCES evaluation_groups(id),
    present         INTEGER NOT NULL,   -- 实到
    invalid         INTEGER NOT NULL,   -- 废票
    satisfied       INTEGER NOT NULL,
    basic           INTEGER NOT NULL,
    unsatisfied     INTEGER NOT NULL,
    abstain         INTEGER NOT NULL,
    updated_at      TEXT NOT NULL,
    PRIMARY KEY (subject_id, group_id)
) WITHOUT ROWID;

-- numeric scores: a group's average score of one subject on one criterion
CREATE TABLE ballot_scores (
    subject_id      INTEGER NOT NULL REFERENCES evaluation_subjects(id),
    group_id        INTEGER NOT NULL REFERENCES evaluation_groups(id),
    criterion_id    INTEGER NOT NULL REFERENCES evaluation_criteria(id),
    score           REAL NOT NULL,
    PRIMARY KEY (subject_id, group_id, criterion_id)
) WITHOUT ROWID;

-- 人代会 attendance of one deputy at one session
CREATE TABLE attendance (
    session_id      INTEGER NOT NULL REFERENCES sessions(id),
    deputy_id       INTEGER NOT NULL REFERENCES deputies(id),
    days_present    REAL NOT NULL DEFAULT 0,
    half_days_leave INTEGER NOT NULL DEFAULT 0,
    absences        INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (session_id, deputy_id)
) WITHOUT ROWID;

-- the yearly rule table (a year without rows uses the defaults of DOMAIN.md §2.2)
CREATE TABLE point_rules (
    year    INTEGER NOT NULL,
    kind    TEXT NOT NULL,
    points  REAL NOT NULL,
    cap     REAL,
    PRIMARY KEY (year, kind)
) WITHOUT ROWID;

CREATE TABLE point_adjustments (
    id          INTEGER PRIMARY KEY,
    deputy_id   INTEGER NOT NULL REFERENCES deputies(id),
    date        TEXT NOT NULL,
    points      REAL NOT NULL,
    reason      TEXT NOT NULL,
    created_at  TEXT NOT NULL
);
CREATE INDEX point_adjustments_deputy ON point_adjustments(deputy_id, date);
