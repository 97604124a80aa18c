-- 0015: 审议意见办理 (DOMAIN.md §6): 议题 of the yearly 监督工作计划 → the meeting that heard the
-- report → the 审议意见 with its 问题清单 → 交办, 研究处理 in rounds (延期 kept), the handling
-- report, the rating (an evaluation of the §2.1 machinery), 跟踪 / 回头看, 办结. History is
-- appended, never overwritten.

-- 议题 of the 监督工作计划
CREATE TABLE oversight_topics (
    id              INTEGER PRIMARY KEY,
    uuid            TEXT NOT NULL UNIQUE,
    year            INTEGER NOT NULL,
    title           TEXT NOT NULL,
    body            TEXT NOT NULL,          -- 报告机关
    report_kind     TEXT NOT NULL,          -- oversight::model::ReportKind
    planned         TEXT,                   -- 计划安排 (e.g. 第三季度)
    note            TEXT,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    UNIQUE (year, title)
);

-- 常委会会议 (county) or 主席团会议 (township)
CREATE TABLE oversight_meetings (
    id              INTEGER PRIMARY KEY,
    uuid            TEXT NOT NULL UNIQUE,
    kind            TEXT NOT NULL,          -- standing · presidium
    term            TEXT NOT NULL,          -- 届次, e.g. 第十八届
    number          INTEGER NOT NULL,       -- 第N次会议
    date            TEXT NOT NULL,
    created_at      TEXT NOT NULL,
    UNIQUE (kind, term, number)
);

-- deputies invited to attend (列席): a deputy's activity, earning points once a day
CREATE TABLE oversight_meeting_deputies (
    meeting_id      INTEGER NOT NULL REFERENCES oversight_meetings(id),
    deputy_id       INTEGER NOT NULL REFERENCES deputies(id),
    PRIMARY KEY (meeting_id, deputy_id)
) WITHOUT ROWID;
CREATE INDEX oversight_meeting_deputies_deputy ON oversight_meeting_deputies(deputy_id);

-- 审议意见
CREATE TABLE oversight_opinions (
    id              INTEGER PRIMARY KEY,
    uuid            TEXT NOT NULL UNIQUE,
    topic_id        INTEGER NOT NULL REFERENCES oversight_topics(id),
    meeting_id      INTEGER NOT NULL REFERENCES oversight_meetings(id),
    doc_no          TEXT NOT NULL UNIQUE,   -- 文号
    adopted_date    TEXT NOT NULL,          -- 通过日期
    assessment      TEXT,                   -- 总体评价
    issues          TEXT,                   -- 突出问题
    advice          TEXT,                   -- 改进意见
    state           TEXT NOT NULL DEFAULT 'adopted',
    published_date  TEXT,                   -- 公开日期
    closed_date     TEXT,                   -- 办结
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL
);
CREATE INDEX oversight_opinions_adopted ON oversight_opinions(adopted_date);

-- one round of 研究处理: 交办 → (延期) → 处理情况报告 → 测评; a 不满意 opens the next round
CREATE TABLE oversight_rounds (
    id              INTEGER PRIMARY KEY,
    opinion_id      INTEGER NOT NULL REFERENCES oversight_opinions(id),
    round           INTEGER NOT NULL,
    assigned_date   TEXT NOT NULL,          -- 交办日期 (the clock starts here)
    due_date        TEXT NOT NULL,          -- 办理时限 now (a 延期 replaces it; the event keeps the earlier)
    first_due       TEXT NOT NULL,          -- the 时限 first set, for 按期报告率
    report_date     TEXT,                   -- 收到日期
    report_no       TEXT,                   -- 报告文号
    committee_view  TEXT,                   -- 专委意见
    submitted       INTEGER NOT NULL DEFAULT 1,  -- 提请常委会审议
    evaluation_id   INTEGER REFERENCES evaluations(id),
    rated_date      TEXT,
    grade           TEXT,
    satisfied_rate  REAL,
    passed          INTEGER,                -- 1 满意 (or 基本满意), 0 不满意, NULL not yet rated
    UNIQUE (opinion_id, round)
);
CREATE INDEX oversight_rounds_due ON oversight_rounds(due_date);

-- the opinion's history: every step, with what it changed
CREATE TABLE oversight_events (
    id              INTEGER PRIMARY KEY,
    opinion_id      INTEGER NOT NULL REFERENCES oversight_opinions(id),
    round           INTEGER,
    date            TEXT NOT NULL,
    action          TEXT NOT NULL,
    state_after     TEXT NOT NULL,
    text            TEXT NOT NULL,
    approver        TEXT,                   -- 延期: 批准人
    old_due         TEXT,                   -- 延期: the 时限 it replaced
    new_due         TEXT,
    created_at      TEXT NOT NULL
);
CREATE INDEX oversight_events_opinion ON oversight_events(opinion_id, id);

-- 问题清单
CREATE TABLE oversight_problems (
    id              INTEGER PRIMARY KEY,
    uuid            TEXT NOT NULL UNIQUE,
    opinion_id      INTEGER NOT NULL REFERENCES oversight_opinions(id),
    position        INTEGER NOT NULL,
    text            TEXT NOT NULL,          -- 问题
    category        TEXT NOT NULL,          -- problem · advice (类别 问题 / 建议)
    unit            TEXT,                   -- 牵头整改单位
    status          TEXT NOT NULL DEFAULT 'open',  -- open · doing · done
    done_date       TEXT,
    review          TEXT,                   -- 人大复核评价
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    UNIQUE (opinion_id, text)
);

-- 推进情况: appended; the same problem, date and text is one entry (imports are idempotent)
CREATE TABLE oversight_progress (
    id              INTEGER PRIMARY KEY,
    problem_id      INTEGER NOT NULL REFERENCES oversight_problems(id),
    date            TEXT NOT NULL,
    text            TEXT NOT NULL,
    status          TEXT NOT NULL,          -- 整改状态 after this entry
    source          TEXT NOT NULL DEFAULT 'manual',  -- manual · import
    created_at      TEXT NOT NULL,
    UNIQUE (problem_id, date, text)
);

-- 执法检查 / 视察 / 跟踪检查 / 回头看 on a 议题, with the deputies who took part
CREATE TABLE oversight_activities (
    id              INTEGER PRIMARY KEY,
    uuid            TEXT NOT NULL UNIQUE,
    topic_id        INTEGER NOT NULL REFERENCES oversight_topics(id),
    opinion_id      INTEGER REFERENCES oversight_opinions(id),
    date            TEXT NOT NULL,
    kind            TEXT NOT NULL,
    note            TEXT,
    created_at      TEXT NOT NULL
);
CREATE TABLE oversight_activity_deputies (
    activity_id     INTEGER NOT NULL REFERENCES oversight_activities(id),
    deputy_id       INTEGER NOT NULL REFERENCES deputies(id),
    PRIMARY KEY (activity_id, deputy_id)
) WITHOUT ROWID;
CREATE INDEX oversight_activity_deputies_deputy ON oversight_activity_deputies(deputy_id);
