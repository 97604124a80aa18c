-- 0003: 代表建议办理 (DOMAIN.md §1), the working-day calendar and the settings it uses.
-- The suggestion row keeps its current state and a few summary fields (kept by the engine in the
-- same transaction as each step) so that lists and figures need no joins; every step itself is
-- appended to suggestion_events and to its own table (replies, ratings, contacts …), never overwritten.

CREATE TABLE calendar_days (
    date TEXT PRIMARY KEY,          -- YYYY-MM-DD
    kind TEXT NOT NULL,             -- holiday (休) / workday (调休上班)
    name TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE suggestions (
    id              INTEGER PRIMARY KEY,
    uuid            TEXT NOT NULL UNIQUE,
    term_id         INTEGER REFERENCES terms(id),
    session_id      INTEGER REFERENCES sessions(id),   -- NULL for 闭会期间
    period          TEXT NOT NULL,                     -- 大会 / 闭会
    number          INTEGER,                           -- 立案 number within its session or recess
    title           TEXT NOT NULL,                     -- 案由
    body            TEXT,
    category        TEXT,
    lead_deputy_id  INTEGER NOT NULL REFERENCES deputies(id),
    received_date   TEXT NOT NULL,
    state           TEXT NOT NULL,
    review_level    INTEGER NOT NULL DEFAULT 0,        -- review levels passed
    merged_into     INTEGER REFERENCES suggestions(id),
    main_unit_id    INTEGER REFERENCES units(id),
    assigned_date   TEXT,
    due_date        TEXT,                              -- current due date (extensions, 重办 move it)
    wide_ranging    INTEGER NOT NULL DEFAULT 0,        -- 涉及面广、处理难度大 (6 months)
    key_item        INTEGER NOT NULL DEFAULT 0,        -- 重点督办
    supervisor      TEXT,                              -- 督办领导
    round           INTEGER NOT NULL DEFAULT 1,
    -- summary of the latest steps, for lists and figures
    reply_date      TEXT,                              -- latest reply
    first_reply_date TEXT,
    reply_class     TEXT,
    replied_on_time INTEGER,                           -- first reply on or before its due date
    first_result    TEXT,                              -- round 1 办理结果 rating
    latest_result   TEXT,
    latest_work     TEXT,
    adoption        TEXT,
    face_met        INTEGER NOT NULL DEFAULT 0,        -- a 座谈 / 上门 contact exists
    rehandled       INTEGER NOT NULL DEFAULT 0,
    concluded_date  TEXT,                              -- 办结
    search_pairs    TEXT NOT NULL DEFAULT '',          -- overlapping character pairs of 案由 and text
    imported        INTEGER NOT NULL DEFAULT 0,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL
);
CREATE UNIQUE INDEX suggestions_number ON suggestions(term_id, session_id, period, number) WHERE number IS NOT NULL;
CREATE INDEX suggestions_state ON suggestions(state, due_date);
CREATE INDEX suggestions_session ON suggestions(session_id, number);
CREATE INDEX suggestions_unit ON suggestions(main_unit_id, state);
CREATE INDEX suggestions_lead ON suggestions(lead_deputy_id);
CREATE INDEX suggestions_received ON suggestions(received_date);
-- covering index of the figures (DOMAIN.md §1.3): the unit statistics read this, not the wide rows
CREATE INDEX suggestions_figures ON suggestions(main_unit_id, assigned_date, session_id, category, key_item, reply_date,
    replied_on_time, first_result, latest_result, rehandled, face_met, concluded_date, reply_class);

CREATE TABLE suggestion_cosigners (
    suggestion_id INTEGER NOT NULL REFERENCES suggestions(id),
    deputy_id     INTEGER NOT NULL REFERENCES deputies(id),
    PRIMARY KEY (suggestion_id, deputy_id)
) WITHOUT ROWID;
CREATE INDEX suggestion_cosigners_deputy ON suggestion_cosigners(deputy_id);

CREATE TABLE suggestion_units (
    suggestion_id INTEGER NOT NULL REFERENCES suggestions(id),
    unit_id       INTEGER NOT NULL REFERENCES units(id),
    role          TEXT NOT NULL,                       -- 主办 / 协办
    round         INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (suggestion_id, unit_id)
) WITHOUT ROWID;
CREATE INDEX suggestion_units_unit ON suggestion_units(unit_id, role);

-- every step, in order: the timeline of the detail page
CREATE TABLE suggestion_events (
    id            INTEGER PRIMARY KEY,
    suggestion_id INTEGER NOT NULL REFERENCES suggestions(id),
    at            TEXT NOT NULL,                       -- when recorded
    date          TEXT,                                -- the date the step happened
    kind          TEXT NOT NULL,                       -- register, review_pass, assign, reply, rate …
    state_before  TEXT,
    state_after   TEXT NOT NULL,
    round         INTEGER NOT NULL,
    summary       TEXT NOT NULL,
    data_json     TEXT
);
CREATE INDEX suggestion_events_s ON suggestion_events(suggestion_id, id);

CREATE TABLE suggestion_replies (
    id                 INTEGER PRIMARY KEY,
    suggestion_id      INTEGER NOT NULL REFERENCES suggestions(id),
    round              INTEGER NOT NULL,
    reply_date         TEXT NOT NULL,
    doc_no             TEXT,
    signer             TEXT,
    class              TEXT NOT NULL,
    done_items         TEXT,
    planned_items      TEXT,
    planned_deadline   TEXT,
    not_adopted_reason TEXT,
    text               TEXT,
    created_at         TEXT NOT NULL
);
CREATE INDEX suggestion_replies_s ON suggestion_replies(suggestion_id, round);

CREATE TABLE suggestion_ratings (
    id            INTEGER PRIMARY KEY,
    suggestion_id INTEGER NOT NULL REFERENCES suggestions(id),
    round         INTEGER NOT NULL,
    rated_date    TEXT NOT NULL,
    work_rating   TEXT NOT NULL,                       -- 办理工作
    result_rating TEXT NOT NULL,                       -- 办理结果
    adoption      TEXT,
    note          TEXT,
    created_at    TEXT NOT NULL
);
CREATE INDEX suggestion_ratings_s ON suggestion_ratings(suggestion_id, round);

CREATE TABLE suggestion_contacts (
    id            INTEGER PRIMARY KEY,
    suggestion_id INTEGER NOT NULL REFERENCES suggestions(id),
    date          TEXT NOT NULL,
    stage         TEXT NOT NULL,                       -- 办前沟通 / 办中联系 / 办后反馈
    form          TEXT NOT NULL,                       -- 座谈 / 上门 / 电话 / 视察 / 书面 / 其他
    note          TEXT,
    created_at    TEXT NOT NULL
);
CREATE INDEX suggestion_contacts_s ON suggestion_contacts(suggestion_id);

-- search over 案由 and text: an index of overlapping character pairs, so that 2-character terms
-- (消防, 预算) are whole tokens (trigram indexes miss them, LIKE scans)
CREATE VIRTUAL TABLE suggestion_search USING fts5(pairs, content='', contentless_delete=1, tokenize='unicode61');
