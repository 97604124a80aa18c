-- 0016: 公民旁听 (DOMAIN.md §7): a meeting open to citizens with its notice and 议题, the people
-- who apply (one record per 身份证号), one application per person and meeting with its state,
-- the history of every move, and the opinions of those who attended. 身份证号, 电话 and 住址 are
-- private: every list and export masks them, and the audit log never holds them in full.

CREATE TABLE hearing_meetings (
    id              INTEGER PRIMARY KEY,
    uuid            TEXT NOT NULL UNIQUE,
    year            INTEGER NOT NULL,
    kind            TEXT NOT NULL,          -- standing (常委会会议) · congress (人代会)
    name            TEXT NOT NULL,          -- 常委会第N次会议
    meeting_date    TEXT NOT NULL,          -- the first day: the age rule counts to it
    meeting_end     TEXT,                   -- the last day of a meeting of several days
    notice_date     TEXT NOT NULL,          -- 公告日期
    deadline        TEXT NOT NULL,          -- 报名截止
    seats           INTEGER NOT NULL,       -- 名额
    method          TEXT NOT NULL,          -- order (按报名先后) · draw (随机抽签)
    seed            INTEGER,                -- the draw's seed, printed on the 名单
    selected_at     TEXT,                   -- when the 遴选 was made
    place           TEXT,                   -- 会议地点
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    UNIQUE (year, name)
);
CREATE INDEX hearing_meetings_date ON hearing_meetings(meeting_date);

-- 议题: the reports and plans the citizens hear at the meeting
CREATE TABLE hearing_topics (
    id              INTEGER PRIMARY KEY,
    meeting_id      INTEGER NOT NULL REFERENCES hearing_meetings(id),
    position        INTEGER NOT NULL,
    title           TEXT NOT NULL,
    UNIQUE (meeting_id, title)
);

-- a person, once, by 身份证号 (private); the birth date is read from the number
CREATE TABLE hearing_people (
    id              INTEGER PRIMARY KEY,
    uuid            TEXT NOT NULL UNIQUE,
    id_number       TEXT NOT NULL UNIQUE,
    name            TEXT NOT NULL,
    birth_date      TEXT NOT NULL,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL
);

-- 报名: one per person and meeting
CREATE TABLE hearing_applications (
    id              INTEGER PRIMARY KEY,
    uuid            TEXT NOT NULL UNIQUE,
    meeting_id      INTEGER NOT NULL REFERENCES hearing_meetings(id),
    person_id       INTEGER NOT NULL REFERENCES hearing_people(id),
    seq             INTEGER NOT NULL,       -- order of application within the meeting
    source          TEXT NOT NULL,          -- self (自主申请) · recommended (推荐)
    recommender_kind TEXT,                  -- party · group · street · township
    recommender     TEXT,                   -- 推荐单位
    local_hukou     INTEGER NOT NULL,       -- 户籍在本县
    address         TEXT,                   -- 户籍地 or 居住地 (private)
    resident_since  TEXT,                   -- 居住起始日期, when the 户籍 is elsewhere
    employer        TEXT,                   -- 工作单位
    phone           TEXT,                   -- private
    applied_on      TEXT NOT NULL,
    status          TEXT NOT NULL DEFAULT 'applied',
    reason          TEXT,                   -- 不符合条件's reason
    card_no         TEXT,                   -- 旁听证号, e.g. 2027-01-003
    seat            INTEGER,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    UNIQUE (meeting_id, person_id),
    UNIQUE (meeting_id, seq)
);
CREATE INDEX hearing_applications_status ON hearing_applications(meeting_id, status);
CREATE INDEX hearing_applications_person ON hearing_applications(person_id);

-- every move of an application's state, appended
CREATE TABLE hearing_events (
    id              INTEGER PRIMARY KEY,
    application_id  INTEGER NOT NULL REFERENCES hearing_applications(id),
    at              TEXT NOT NULL,
    from_status     TEXT,
    to_status       TEXT NOT NULL,
    note            TEXT
);
CREATE INDEX hearing_events_application ON hearing_events(application_id);

-- 旁听意见
CREATE TABLE hearing_opinions (
    id              INTEGER PRIMARY KEY,
    uuid            TEXT NOT NULL UNIQUE,
    meeting_id      INTEGER NOT NULL REFERENCES hearing_meetings(id),
    application_id  INTEGER REFERENCES hearing_applications(id),
    topic           TEXT NOT NULL,
    content         TEXT NOT NULL,
    forwarded_to    TEXT,                   -- 转交单位
    reply           TEXT,                   -- 答复
    adopted         INTEGER,                -- 采纳? (null: not yet decided)
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL
);
CREATE INDEX hearing_opinions_meeting ON hearing_opinions(meeting_id);
