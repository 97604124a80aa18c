-- 联络站 一档四簿 (DOMAIN.md §3). One table holds the entries of all four registers: they share the
-- station, the date, the text and the deputies, and the figures, the search and the exports read
-- them together; each book uses its own columns (NULL elsewhere).

-- 一档: the station's archive (建设过程, 制度, 年度计划 …)
CREATE TABLE station_archive (
    id          INTEGER PRIMARY KEY,
    uuid        TEXT NOT NULL UNIQUE,
    station_id  INTEGER NOT NULL REFERENCES stations(id),
    category    TEXT NOT NULL,
    date        TEXT NOT NULL,
    title       TEXT NOT NULL,
    body        TEXT,
    active      INTEGER NOT NULL DEFAULT 1,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);
CREATE INDEX station_archive_station ON station_archive(station_id, date);

-- files attached to a record, stored once under their SHA-256 in attachments/
CREATE TABLE attachments (
    id          INTEGER PRIMARY KEY,
    owner_kind  TEXT NOT NULL,          -- archive · register
    owner_id    INTEGER NOT NULL,
    sha256      TEXT NOT NULL,
    file_name   TEXT NOT NULL,
    size        INTEGER NOT NULL,
    created_at  TEXT NOT NULL
);
CREATE INDEX attachments_owner ON attachments(owner_kind, owner_id);

-- 四簿
CREATE TABLE register_entries (
    id              INTEGER PRIMARY KEY,
    uuid            TEXT NOT NULL UNIQUE,
    station_id      INTEGER NOT NULL REFERENCES stations(id),
    book            TEXT NOT NULL,      -- activity · contact · report · opinion
    date            TEXT NOT NULL,
    title           TEXT,               -- 活动主题 / 述职要点摘要 / 意见摘要
    body            TEXT,               -- 主要内容 / 反映内容 / 述职要点 / 意见内容
    kind            TEXT,               -- activity: 活动类型; contact: 方式; opinion: 形式
    place           TEXT,
    organizer       TEXT,
    recorder        TEXT,
    public_count    INTEGER,            -- activity: 群众人数
    opinion_count   INTEGER,            -- activity: 形成意见数
    person_name     TEXT,               -- contact: 群众姓名 (private)
    village         TEXT,               -- contact: 村组 (private)
    phone           TEXT,               -- contact: 电话 (private)
    category        TEXT,
    handling        TEXT,               -- contact: 处理方式
    transfer_unit   TEXT,               -- contact: 转交单位 / opinion: 报送或交办对象
    deadline        TEXT,               -- contact: 期限
    result          TEXT,               -- contact: 办理结果 / report: 结果 / opinion: 答复
    feedback_date   TEXT,               -- contact / report: 反馈日期
    rating          TEXT,               -- contact: 群众评价 / opinion: 满意度
    district        TEXT,               -- report: 选区
    voters_present  INTEGER,            -- report: 到会选民人数
    votes_satisfied INTEGER,
    votes_basic     INTEGER,
    votes_unsatisfied INTEGER,
    comments        TEXT,               -- report: 评议意见
    number          INTEGER,            -- opinion: 编号 (per station and year)
    source_id       INTEGER REFERENCES register_entries(id),   -- opinion: the 联系群众 entry it came from
    suggestion_id   INTEGER REFERENCES suggestions(id),        -- opinion: the 代表建议 it became
    active          INTEGER NOT NULL DEFAULT 1,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL
);
-- a register's pages: one station, one book, by date
CREATE INDEX register_book ON register_entries(station_id, book, date, active);
-- the figures of a period over every station
CREATE INDEX register_figures ON register_entries(book, date, station_id, active, handling, feedback_date, public_count);
CREATE INDEX register_source ON register_entries(source_id) WHERE source_id IS NOT NULL;
-- the loops still open (a problem handed on, the constituent not yet told): reminders by deadline
CREATE INDEX register_open ON register_entries(station_id, deadline)
    WHERE book = 'contact' AND active = 1 AND handling IS NOT NULL AND handling <> '当场答复' AND feedback_date IS NULL;
CREATE INDEX register_suggestion ON register_entries(suggestion_id) WHERE suggestion_id IS NOT NULL;

-- the deputies of an entry: 应到 = every row of an activity; 实到 (present), 请假 (leave), 缺席 (absent);
-- the deputy of a contact, a 述职 or an opinion is `present`
CREATE TABLE register_deputies (
    entry_id    INTEGER NOT NULL REFERENCES register_entries(id),
    deputy_id   INTEGER NOT NULL REFERENCES deputies(id),
    role        TEXT NOT NULL,          -- present · leave · absent
    PRIMARY KEY (entry_id, deputy_id)
) WITHOUT ROWID;
CREATE INDEX register_deputies_deputy ON register_deputies(deputy_id, role);

-- search over the registers' text: overlapping character pairs, as for suggestions
CREATE VIRTUAL TABLE register_search USING fts5(pairs, content='', contentless_delete=1, tokenize='unicode61');
