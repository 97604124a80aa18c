-- 0014: 民生实事项目人大代表票决 (DOMAIN.md §5): proposals → candidates (with sub-items) → the vote
-- at a session, in rounds → adopted projects with yearly targets, a deputies' supervision group,
-- dated progress, changes, visits and a 问题清单. Money is in 万元. The year-end rating is an
-- evaluation (DOMAIN.md §2.1 machinery) whose subjects name their project.

-- 征集: a unit's or a person's proposal (a person's 单位 and 电话 are private)
CREATE TABLE project_proposals (
    id              INTEGER PRIMARY KEY,
    uuid            TEXT NOT NULL UNIQUE,
    year            INTEGER NOT NULL,
    source          TEXT NOT NULL,          -- unit · person
    proposer        TEXT NOT NULL,          -- 单位名称 or 姓名
    proposer_unit   TEXT,                   -- a person's 单位 (private)
    phone           TEXT,                   -- private
    name            TEXT NOT NULL,          -- 项目名称
    field           TEXT NOT NULL,          -- 领域 (projects::model::FIELDS)
    content         TEXT,                   -- 建设内容
    implementer     TEXT,                   -- 实施主体
    investment      REAL,                   -- 总投资
    funding         TEXT,                   -- 资金来源
    planned_end     TEXT,                   -- 计划完成时间
    status          TEXT NOT NULL DEFAULT 'new',  -- new · candidate · declined
    decision_note   TEXT,                   -- 筛选论证 note, or why declined
    decided_at      TEXT,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL
);
CREATE INDEX project_proposals_year ON project_proposals(year, status);

-- 候选项目: the four facts printed on the ballot
CREATE TABLE project_candidates (
    id              INTEGER PRIMARY KEY,
    uuid            TEXT NOT NULL UNIQUE,
    year            INTEGER NOT NULL,
    proposal_id     INTEGER REFERENCES project_proposals(id),
    position        INTEGER NOT NULL,       -- 序号 on the list and the ballot
    name            TEXT NOT NULL,          -- 项目名称
    field           TEXT NOT NULL,
    investment      REAL NOT NULL,          -- 总投资
    content         TEXT NOT NULL,          -- 主要内容
    planned_end     TEXT NOT NULL,          -- 完成时间 (ISO date; a month is its last day)
    implementer     TEXT,                   -- 实施主体 / 牵头单位 proposed
    note            TEXT,
    active          INTEGER NOT NULL DEFAULT 1,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    UNIQUE (year, name)
);

-- 子项目: 「10 条村道硬化」 with one row per road
CREATE TABLE project_subitems (
    id              INTEGER PRIMARY KEY,
    candidate_id    INTEGER NOT NULL REFERENCES project_candidates(id),
    position        INTEGER NOT NULL,
    name            TEXT NOT NULL,
    place           TEXT,
    investment      REAL,
    done_date       TEXT,                   -- the sub-item finished (counted by the sub-item figures)
    UNIQUE (candidate_id, name)
);

-- 票决: one round of the vote at a session; a re-vote among the tied is its own round (parent_id)
CREATE TABLE project_votes (
    id              INTEGER PRIMARY KEY,
    uuid            TEXT NOT NULL UNIQUE,
    year            INTEGER NOT NULL,
    session_id      INTEGER REFERENCES sessions(id),
    parent_id       INTEGER REFERENCES project_votes(id),
    round           INTEGER NOT NULL DEFAULT 1,
    date            TEXT,
    mode            TEXT NOT NULL,          -- competitive (差额) · itemwise (逐项) · equal (等额)
    pass_rule       TEXT NOT NULL,          -- half_expected (default) · half_present · half_valid
    seats           INTEGER NOT NULL,       -- 应选数
    expected        INTEGER,                -- 应到
    present         INTEGER,                -- 实到
    issued          INTEGER,                -- 发出
    returned        INTEGER,                -- 收回
    valid           INTEGER,                -- 有效
    invalid         INTEGER,                -- 无效
    status          TEXT NOT NULL DEFAULT 'open',  -- open · counted · confirmed
    note            TEXT,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL
);

CREATE TABLE project_vote_items (
    vote_id         INTEGER NOT NULL REFERENCES project_votes(id),
    candidate_id    INTEGER NOT NULL REFERENCES project_candidates(id),
    position        INTEGER NOT NULL,
    yes             INTEGER,                -- 赞成
    no              INTEGER,                -- 反对
    abstain         INTEGER,                -- 弃权
    PRIMARY KEY (vote_id, candidate_id)
) WITHOUT ROWID;

-- 正式项目: adopted by a vote (candidate_id) or carried from an earlier year
CREATE TABLE projects (
    id              INTEGER PRIMARY KEY,
    uuid            TEXT NOT NULL UNIQUE,
    year            INTEGER NOT NULL,       -- the year it was voted
    candidate_id    INTEGER UNIQUE REFERENCES project_candidates(id),
    vote_id         INTEGER REFERENCES project_votes(id),
    name            TEXT NOT NULL,
    field           TEXT NOT NULL,
    content         TEXT,
    lead_unit       TEXT,                   -- 牵头单位
    units           TEXT,                   -- 责任单位
    owner_unit      TEXT,                   -- 业主单位
    investment      REAL,                   -- 总投资
    start_date      TEXT,
    planned_end     TEXT,
    actual_end      TEXT,
    status          TEXT NOT NULL DEFAULT 'active',  -- active · done · cancelled
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL
);
CREATE INDEX projects_year ON projects(year);

-- a 跨年度 project's target and planned investment for each year it runs
CREATE TABLE project_years (
    project_id      INTEGER NOT NULL REFERENCES projects(id),
    year            INTEGER NOT NULL,
    target          TEXT,                   -- 年度目标
    planned         REAL,                   -- 年度计划投资
    PRIMARY KEY (project_id, year)
) WITHOUT ROWID;
CREATE INDEX project_years_year ON project_years(year, project_id);

-- 人大代表监督小组
CREATE TABLE project_group (
    project_id      INTEGER NOT NULL REFERENCES projects(id),
    deputy_id       INTEGER NOT NULL REFERENCES deputies(id),
    leader          INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (project_id, deputy_id)
) WITHOUT ROWID;

-- 进度: appended, never overwritten
CREATE TABLE project_progress (
    id              INTEGER PRIMARY KEY,
    uuid            TEXT NOT NULL UNIQUE,
    project_id      INTEGER NOT NULL REFERENCES projects(id),
    date            TEXT NOT NULL,
    stage           TEXT NOT NULL,          -- 前期手续 · 在建 · 完工
    percent         REAL,                   -- 形象进度 %, when given
    text            TEXT,                   -- 形象进度 / 本月进展
    invested        REAL,                   -- 完成投资 to date
    problems        TEXT,
    source          TEXT NOT NULL DEFAULT 'manual',  -- manual · import
    created_at      TEXT NOT NULL
);
CREATE INDEX project_progress_project ON project_progress(project_id, date);

-- a mid-year change or cancellation, with who approved it and when
CREATE TABLE project_changes (
    id              INTEGER PRIMARY KEY,
    project_id      INTEGER NOT NULL REFERENCES projects(id),
    kind            TEXT NOT NULL,          -- change · cancel
    date            TEXT NOT NULL,          -- 批准日期
    approver        TEXT NOT NULL,          -- 批准机关
    content         TEXT NOT NULL,
    before          TEXT,                   -- JSON of the fields changed, as they were
    created_at      TEXT NOT NULL
);

-- 视察 / 调研 by the group: deputies' activities, earning points once a day a deputy
CREATE TABLE project_visits (
    id              INTEGER PRIMARY KEY,
    uuid            TEXT NOT NULL UNIQUE,
    project_id      INTEGER NOT NULL REFERENCES projects(id),
    date            TEXT NOT NULL,
    kind            TEXT NOT NULL,          -- 视察 · 调研
    note            TEXT,
    created_at      TEXT NOT NULL
);
CREATE TABLE project_visit_deputies (
    visit_id        INTEGER NOT NULL REFERENCES project_visits(id),
    deputy_id       INTEGER NOT NULL REFERENCES deputies(id),
    PRIMARY KEY (visit_id, deputy_id)
) WITHOUT ROWID;
CREATE INDEX project_visit_deputies_deputy ON project_visit_deputies(deputy_id);

-- 问题清单
CREATE TABLE project_problems (
    id              INTEGER PRIMARY KEY,
    uuid            TEXT NOT NULL UNIQUE,
    project_id      INTEGER NOT NULL REFERENCES projects(id),
    problem         TEXT NOT NULL,
    unit            TEXT,                   -- 责任单位
    due_date        TEXT,                   -- 整改时限
    progress        TEXT,                   -- 整改情况
    resolved_date   TEXT,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL
);

-- the year-end rating: an evaluation's subject stands for a project
ALTER TABLE evaluation_subjects ADD COLUMN project_id INTEGER REFERENCES projects(id);
