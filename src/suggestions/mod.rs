//! 代表建议办理 (DOMAIN.md §1): each lifecycle step is one use case that checks the state allows it,
//! appends the step to the suggestion's history and audits it, in one transaction.

pub mod deadline;
pub mod demo;
pub mod excel;
pub mod import;
pub mod model;
pub mod store;

use chrono::NaiveDate;
use model::*;

use crate::db::audit;
use crate::settings::{self, SUGGESTION_SETTINGS};

pub use crate::common::today;
use crate::common::{validate_date, Page};
use crate::error::{Error, FieldError, Result};
use crate::text::clean_opt;
use crate::Renda;
use deadline::{add_months, Calendar};

fn parse_day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("dates are validated before they are stored")
}

fn day(field: &str, label: &str, v: &Option<String>) -> Result<NaiveDate> {
    Ok(match validate_date(field, label, v)? {
        Some(d) => parse_day(&d),
        None => today(),
    })
}

/// Collects every problem of a step's form, so the user sees them all at once, each beside its
/// field, instead of one after another.
#[derive(Default)]
struct Checks(Vec<FieldError>);

impl Checks {
    fn add(&mut self, field: &str, message: impl Into<String>) {
        self.0.push(FieldError { field: field.into(), message: message.into() });
    }
    fn need(&mut self, field: &str, v: &str, msg: &str) -> Option<String> {
        let v = crate::text::clean(v);
        if v.is_none() {
            self.add(field, msg);
        }
        v
    }
    /// Takes the field errors of another check (e.g. a date that does not parse).
    fn extend(&mut self, e: Error) {
        match e.field_errors() {
            [] => self.0.push(FieldError { field: String::new(), message: e.to_string() }),
            fe => self.0.extend(fe.iter().cloned()),
        }
    }
    fn finish(self) -> Result<()> {
        if self.0.is_empty() {
            Ok(())
        } else {
            Err(Error::fields(self.0))
        }
    }
}

/// A required text, trimmed; empty → the message beside the field.
fn need(field: &str, v: &str, msg: &str) -> Result<String> {
    crate::text::clean(v).ok_or_else(|| Error::field(field, msg))
}

impl Renda {
    pub fn suggestion_settings(&self) -> Result<SuggestionSettings> {
        Ok(match settings::get(self.conn(), SUGGESTION_SETTINGS)? {
            Some(j) => serde_json::from_str(&j)
                .unwrap_or_else(|_| SuggestionSettings::for_level(&self.office_level().unwrap_or_default())),
            None => SuggestionSettings::for_level(&self.office_level()?),
        })
    }

    pub fn set_suggestion_settings(&mut self, s: &SuggestionSettings) -> Result<SuggestionSettings> {
        s.validate()?;
        let before = self.suggestion_settings()?;
        self.write(|tx| {
            let json = serde_json::to_string(s).map_err(|e| Error::Internal(format!("建议办理规则无法保存：{e}")))?;
            settings::set(tx, SUGGESTION_SETTINGS, &json)?;
            audit(
                tx,
                "settings",
                None,
                "update",
                "修改建议办理设置",
                Some(&serde_json::to_value(&before).unwrap_or_default()),
                Some(&serde_json::to_value(s).unwrap_or_default()),
            )
        })?;
        self.suggestion_settings()
    }

    /// The working-day calendar: the known public holidays, then the user's own entries.
    pub fn calendar(&self) -> Result<Calendar> {
        let mut cal = Calendar::default();
        for (d, w, _) in deadline::KNOWN_DAYS {
            cal.days.insert(parse_day(d), *w);
        }
        for (d, k) in store::calendar_days(self.conn())? {
            if let Ok(d) = NaiveDate::parse_from_str(&d, "%Y-%m-%d") {
                // `normal` undoes a shipped holiday or 调休 day: the weekday decides again
                if k == "normal" {
                    cal.days.remove(&d);
                } else {
                    cal.days.insert(d, k == "workday");
                }
            }
        }
        Ok(cal)
    }

    /// The special days of a year: the shipped arrangement, overridden by the user's entries.
    pub fn calendar_list(&self, year: i64) -> Result<Vec<CalendarDay>> {
        let mut days: std::collections::BTreeMap<String, CalendarDay> = deadline::KNOWN_DAYS
            .iter()
            .filter(|(d, _, _)| d.starts_with(&year.to_string()))
            .map(|(d, w, n)| {
                (
                    d.to_string(),
                    CalendarDay {
                        date: d.to_string(),
                        kind: if *w { "workday" } else { "holiday" }.into(),
                        name: n.to_string(),
                        builtin: true,
                    },
                )
            })
            .collect();
        for d in store::calendar_entries(self.conn(), year)? {
            if d.kind == "normal" {
                days.remove(&d.date);
            } else {
                days.insert(d.date.clone(), d);
            }
        }
        Ok(days.into_values().collect())
    }

    /// Marks a day as a holiday or a 调休 workday (kind: holiday · workday · normal to remove).
    pub fn calendar_set(&mut self, date: &str, kind: &str, name: &str) -> Result<()> {
        let d = validate_date("date", "日期", &Some(date.to_string()))?
            .ok_or_else(|| Error::field("date", "请填写日期"))?;
        self.write(|tx| {
            match kind {
                "holiday" | "workday" => store::calendar_put(tx, &d, kind, name)?,
                // a shipped day is overridden by a `normal` entry; a user's own day is just removed
                "normal" if deadline::KNOWN_DAYS.iter().any(|(k, _, _)| *k == d) => {
                    store::calendar_put(tx, &d, "normal", name)?
                }
                "normal" => store::calendar_remove(tx, &d)?,
                _ => {
                    return Err(Error::field(
                        "kind",
                        "类型应为 holiday（放假）、workday（调休上班）或 normal（恢复平常）",
                    ))
                }
            }
            audit(
                tx,
                "calendar",
                None,
                "update",
                &format!(
                    "工作日历：{d} 设为{}",
                    match kind {
                        "holiday" => "放假",
                        "workday" => "调休上班",
                        _ => "平常",
                    }
                ),
                None,
                None,
            )
        })
    }

    // -------------------------------------------------------------- register and edit

    fn check_suggestion_input(
        &self,
        input: &SuggestionInput,
        settings: &SuggestionSettings,
    ) -> Result<(SuggestionInput, Option<i64>)> {
        let input = &crate::fields::checked(input)?;
        check_input(self.conn(), input, settings)
    }

    /// 登记: a new suggestion enters the first review level.
    pub fn suggestion_create(&mut self, input: &SuggestionInput) -> Result<Suggestion> {
        let settings = self.suggestion_settings()?;
        let (s, _) = self.check_suggestion_input(input, &settings)?;
        let id = self.write(|tx| create_tx(tx, &settings, &s))?;
        self.suggestion_get(id)
    }

    /// Edits the text of a suggestion still in review (the deputy's revision after 退回修改).
    pub fn suggestion_update(&mut self, id: i64, input: &SuggestionInput) -> Result<Suggestion> {
        let settings = self.suggestion_settings()?;
        let (s, _) = self.check_suggestion_input(input, &settings)?;
        self.write(|tx| {
            let cur = store::current(tx, id)?;
            if !State::parse(&cur.state).is_some_and(State::editable) {
                return Err(Error::NotAllowed(format!(
                    "这件建议当前状态为「{}」，内容已不能修改（交办后的内容以交办时为准）。",
                    cur.state
                )));
            }
            let before = store::get_row(tx, id, &settings, today())?;
            store::update_text(tx, id, &s)?;
            store::add_event(
                tx,
                id,
                Some(&today().format("%Y-%m-%d").to_string()),
                "edit",
                Some(&cur.state),
                &cur.state,
                cur.round,
                &format!("修改建议内容（原案由「{}」）", before.title),
                serde_json::to_string(&s).ok(),
            )?;
            audit(
                tx,
                "suggestion",
                Some(&cur.uuid),
                "update",
                &format!("修改建议「{}」", s.title),
                Some(&serde_json::to_value(&before).unwrap_or_default()),
                Some(&serde_json::to_value(&s).unwrap_or_default()),
            )
        })?;
        self.suggestion_get(id)
    }

    // -------------------------------------------------------------- reading

    pub fn suggestion_list(&self, q: &SuggestionQuery) -> Result<Page<SuggestionRow>> {
        store::list(self.conn(), q, &self.suggestion_settings()?, today())
    }

    pub fn suggestion_get(&self, id: i64) -> Result<Suggestion> {
        let settings = self.suggestion_settings()?;
        let c = self.conn();
        let row = store::get_row(c, id, &settings, today())?;
        let d = store::detail_columns(c, id)?;
        let (events, replies, ratings, contacts) = store::detail_parts(c, id)?;
        let actions = allowed_actions(&row.state)
            .iter()
            .map(|a| ActionChoice { action: a.to_string(), label: action_label(a).into() })
            .collect();
        let review_level_name =
            if row.state == REVIEWING { settings.review_levels.get(d.review_level as usize).cloned() } else { None };
        Ok(Suggestion {
            row,
            body: d.body,
            term_id: d.term_id,
            review_level: d.review_level,
            review_level_name,
            merged_into: d.merged_into,
            wide_ranging: d.wide_ranging,
            main_unit_id: d.main_unit_id,
            co_unit_ids: store::co_unit_ids(c, id)?,
            cosigner_ids: store::cosigner_ids(c, id)?,
            events,
            replies,
            ratings,
            contacts,
            actions,
        })
    }

    pub fn suggestion_figures(&self, q: &FigureQuery) -> Result<Figures> {
        store::figures(self.conn(), q, &self.suggestion_settings()?)
    }

    /// 承办单位办理情况统计: every unit that was given any suggestion in the selection.
    pub fn unit_figures(&self, q: &FigureQuery) -> Result<Vec<UnitFigures>> {
        let settings = self.suggestion_settings()?;
        let figures = store::unit_figures(self.conn(), q, &settings)?;
        let names = store::unit_sort_names(self.conn())?;
        let mut out: Vec<UnitFigures> = figures
            .into_iter()
            .filter(|(_, f)| f.main_count + f.co_count > 0)
            .filter_map(|(id, f)| {
                names.get(&id).map(|(n, _, _)| UnitFigures { unit_id: id, unit: n.clone(), figures: f })
            })
            .collect();
        out.sort_by_key(|u| names.get(&u.unit_id).map(|(_, town, key)| (*town, key.clone())));
        Ok(out)
    }

    /// 建议分类统计: 立案 suggestions by category.
    pub fn category_counts(&self, q: &FigureQuery) -> Result<Vec<CategoryCount>> {
        let settings = self.suggestion_settings()?;
        let counts = store::category_counts(self.conn(), q)?;
        let total: i64 = counts.values().sum();
        let mut names: Vec<String> = settings.categories.clone();
        for k in counts.keys() {
            if !names.contains(k) {
                names.push(k.clone());
            }
        }
        Ok(names
            .into_iter()
            .map(|n| {
                let count = counts.get(&n).copied().unwrap_or(0);
                CategoryCount { category: n, count, share: ratio(count, total) }
            })
            .collect())
    }

    /// DOMAIN.md §1.4, the reminders of the home page.
    pub fn reminders(&self) -> Result<Reminders> {
        let settings = self.suggestion_settings()?;
        let cal = self.calendar()?;
        let t = today();
        let ts = t.format("%Y-%m-%d").to_string();
        let read = store::ReminderReads { conn: self.conn(), settings: &settings, today: t };
        let soon_until = (t + chrono::Duration::days(settings.warn_days)).format("%Y-%m-%d").to_string();
        let due_soon = read.due_between(&ts, &soon_until)?;
        let overdue = read.overdue(&ts)?;
        // replied but not rated after N working days: the reply date must be on or before this day
        let mut wait_from = t;
        let mut n = 0;
        while n < settings.rating_wait_workdays {
            wait_from = wait_from.pred_opt().expect("date in range");
            if cal.is_workday(wait_from) {
                n += 1;
            }
        }
        let awaiting_rating = read.replied_by(&wait_from.format("%Y-%m-%d").to_string())?;
        let unsatisfied = read.unsatisfied()?;
        let followup_due = read.followup_due(&soon_until)?;
        let mut recess_unassigned = read.recess_unassigned()?;
        for r in &mut recess_unassigned {
            // the date shown is the 交办 limit: N working days after receipt
            if let Some(rec) = r.date.as_deref().and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok()) {
                let limit = cal.add_working_days(rec, settings.recess_assign_workdays);
                r.date = Some(limit.format("%Y-%m-%d").to_string());
                r.days = Some((limit - t).num_days());
            }
        }
        let co_opinion_due = co_opinion_due(&read)?;
        Ok(Reminders {
            kinds: reminder_kinds(),
            due_soon,
            overdue,
            awaiting_rating,
            unsatisfied,
            followup_due,
            recess_unassigned,
            co_opinion_due,
        })
    }

    // -------------------------------------------------------------- the lifecycle

    /// One step of the lifecycle, refused unless the state allows it.
    /// The freed 立案 numbers the suggestion may take at its last review (`store::free_numbers`).
    pub fn suggestion_free_numbers(&self, id: i64) -> Result<Vec<i64>> {
        let cur = store::current(self.conn(), id)?;
        store::free_numbers(self.conn(), &cur)
    }

    pub fn suggestion_step(&mut self, a: &StepRequest) -> Result<Suggestion> {
        let settings = self.suggestion_settings()?;
        let cal = self.calendar()?;
        self.write(|tx| step_tx(tx, &settings, &cal, a))?;
        self.suggestion_get(a.id)
    }
}

/// 协办单位 owe the 主办单位 their opinion `co_opinion_months` after 交办 (DOMAIN.md §1.2): items
/// not yet replied whose opinion date is within the warning window or past.
fn co_opinion_due(read: &store::ReminderReads) -> Result<Vec<ReminderItem>> {
    let (settings, t) = (read.settings, read.today);
    let until = t + chrono::Duration::days(settings.warn_days);
    // assigned on or before this day, the opinion date falls by `until` (months vary: a few days' margin)
    let latest_assigned = until.checked_sub_months(chrono::Months::new(settings.co_opinion_months)).unwrap_or(until)
        + chrono::Duration::days(3);
    let candidates = read.co_opinion_candidates(&latest_assigned.format("%Y-%m-%d").to_string())?;
    Ok(candidates
        .into_iter()
        .filter_map(|mut r| {
            let assigned = r.date.as_deref().and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())?;
            let due = deadline::add_months(assigned, settings.co_opinion_months);
            r.date = Some(due.format("%Y-%m-%d").to_string());
            r.days = Some((due - t).num_days());
            (due <= until).then_some(r)
        })
        .collect())
}

/// What 履职积分 counts of each deputy's suggestions (DOMAIN.md §2.2), as this area defines it.
pub fn led_by_deputy(c: &rusqlite::Connection, from: &str, to: &str) -> Result<Vec<LedCount>> {
    store::led_by_deputy(c, from, to)
}

/// Validates and normalizes a suggestion's registration form; every field problem at once.
pub fn check_input(
    c: &rusqlite::Connection,
    input: &SuggestionInput,
    settings: &SuggestionSettings,
) -> Result<(SuggestionInput, Option<i64>)> {
    let mut ck = Checks::default();
    let period = if input.period.trim().is_empty() {
        if input.session_id.is_some() { AT_SESSION } else { RECESS }.to_string()
    } else {
        input.period.trim().replace("期间", "")
    };
    if !PERIODS.contains(&period.as_str()) {
        ck.add("period", format!("提出时间「{}」无法识别，应为“大会期间”或“闭会期间”", input.period));
    }
    let title = crate::text::clean(&input.title).unwrap_or_default();
    if title.is_empty() {
        ck.add("title", "请填写案由（建议的标题）");
    } else if title.chars().count() > 200 {
        ck.add("title", "案由超过200个字，请精简（正文可写在建议内容中）");
    }
    let category = clean_opt(&input.category);
    if let Some(c) = category.as_ref().filter(|c| !settings.categories.contains(c)) {
        ck.add(
            "category",
            format!("建议分类「{c}」不在分类表中（{}），可在设置中增加", settings.categories.join("、")),
        );
    }
    let received = match validate_date("received_date", "收到日期", &Some(input.received_date.clone())) {
        Ok(Some(d)) => d,
        Ok(None) => today().format("%Y-%m-%d").to_string(),
        Err(err) => {
            ck.extend(err);
            String::new()
        }
    };
    let cosigner_ids = check_deputies(c, input, &mut ck)?;
    let (session_id, term_id) = check_session(c, &period, input, &mut ck)?;
    ck.finish()?;
    let body = clean_opt(&input.body).map(|_| input.body.clone().unwrap_or_default().trim().to_string());
    let checked = SuggestionInput {
        period,
        session_id,
        term_id,
        title,
        body,
        category,
        lead_deputy_id: input.lead_deputy_id,
        cosigner_ids,
        received_date: received,
    };
    Ok((checked, term_id))
}

/// The lead deputy (in the roster, active) and the cosigners (in the roster, once, not the lead).
fn check_deputies(c: &rusqlite::Connection, input: &SuggestionInput, ck: &mut Checks) -> Result<Vec<i64>> {
    match store::deputy_active(c, input.lead_deputy_id)? {
        None => ck.add("lead_deputy_id", "请从代表名册中选择领衔代表"),
        Some(false) => ck.add("lead_deputy_id", "所选领衔代表已停用，请先在代表名册中恢复"),
        Some(true) => {}
    }
    let mut cos = input.cosigner_ids.clone();
    cos.sort();
    cos.dedup();
    cos.retain(|d| *d != input.lead_deputy_id);
    for d in &cos {
        if store::deputy_active(c, *d)?.is_none() {
            ck.add("cosigner_ids", format!("附议代表（编号 {d}）不在名册中，请重新选择"));
        }
    }
    Ok(cos)
}

/// 大会期间: the session and its term; 闭会期间: the term chosen, else the current one.
fn check_session(
    c: &rusqlite::Connection,
    period: &str,
    input: &SuggestionInput,
    ck: &mut Checks,
) -> Result<(Option<i64>, Option<i64>)> {
    Ok(match (period, input.session_id) {
        (AT_SESSION, Some(sid)) => match store::session_term(c, sid)? {
            Some(t) => (Some(sid), Some(t)),
            None => {
                ck.add("session_id", "所选会次不存在，请重新选择");
                (None, None)
            }
        },
        (AT_SESSION, None) => {
            ck.add("session_id", "大会期间提出的建议须选择会次（如 第三次会议）");
            (None, None)
        }
        _ => {
            let t = match input.term_id {
                Some(t) => Some(t),
                None => store::current_term(c)?,
            };
            if t.is_none() {
                ck.add("term_id", "请先在设置中登记届次，闭会期间建议归入当前届次");
            }
            (None, t)
        }
    })
}

/// 登记 inside a caller's transaction (the use case, the demo and imports share it).
pub fn create_tx(tx: &rusqlite::Connection, settings: &SuggestionSettings, s: &SuggestionInput) -> Result<i64> {
    let (id, uuid) = store::insert(tx, s)?;
    let summary = format!("登记建议「{}」，进入{}", s.title, settings.review_levels[0]);
    let data = serde_json::to_string(&s).ok();
    store::add_event(tx, id, Some(&s.received_date), "register", None, REVIEWING, 1, &summary, data)?;
    audit(tx, "suggestion", Some(&uuid), "create", &summary, None, Some(&serde_json::to_value(s).unwrap_or_default()))?;
    Ok(id)
}

/// One lifecycle step inside a caller's transaction: refused unless the state allows it; the
/// step's facts are written by the store's writers, then its event and audit entry appended.
pub fn step_tx(
    tx: &rusqlite::Connection,
    settings: &SuggestionSettings,
    cal: &Calendar,
    a: &StepRequest,
) -> Result<()> {
    let action = a.step.action();
    let date = day("date", "日期", &a.date)?;
    let ds = date.format("%Y-%m-%d").to_string();
    let cur = store::current(tx, a.id)?;
    check_allowed(&cur.state, action)?;
    if ds < cur.received_date {
        return Err(Error::field("date", format!("日期 {ds} 早于建议收到日期 {}，请检查", cur.received_date)));
    }
    let s = StepCtx { tx, settings, cal, cur: &cur, date, ds: &ds };
    let (after, summary) = match &a.step {
        Step::ReviewPass { number, .. } => s.review_pass(*number)?,
        Step::ReviewReturn { note } => {
            let why = need("note", note, "请填写退回修改的理由")?;
            (s.set_state(RETURNED)?, format!("退回修改：{why}"))
        }
        Step::Resubmit { .. } => {
            s.set("state = ?3, review_level = 0", &[&REVIEWING])?;
            (REVIEWING, format!("代表修改后重新提交，进入{}", settings.review_levels[0]))
        }
        Step::Reject { note } => {
            let why = need("note", note, "请填写不予立案的理由（如 不属于职权范围、个人事项、代转来信、内容空泛）")?;
            (s.set_state(REJECTED)?, format!("不予立案：{why}"))
        }
        Step::Merge { target_id, .. } => s.merge(*target_id)?,
        Step::Withdraw { note } => (s.set_state(WITHDRAWN)?, format!("代表书面撤回{}", colon(note))),
        Step::Assign(x) => s.assign(x)?,
        Step::ReturnRequest { note } => s.return_request(note)?,
        Step::Contact { stage, form, note } => s.contact(stage, form, note)?,
        Step::Urge { note } => (s.keep(), format!("催办{}", colon(note))),
        Step::Extend { new_due_date, note } => s.extend(new_due_date, note)?,
        Step::Reply(x) => s.reply(x)?,
        Step::Rate(x) => s.rate(x)?,
        Step::Rehandle { due_date, .. } => {
            let due = match validate_date("due_date", "重办答复期限", due_date)? {
                Some(d) => d,
                None => add_months(date, settings.rehandle_months).format("%Y-%m-%d").to_string(),
            };
            let round = store::rehandle(tx, cur.id, &due)?;
            (REHANDLING, format!("代表不满意，交承办单位重办（第{round}轮），要求{due}前再答复"))
        }
        Step::Followup { kind, note } => {
            let kind = kind.clone().unwrap_or_else(|| "回头看".into());
            if kind != "回头看" && kind != "二次验收" {
                return Err(Error::field("kind", "跟踪方式应为“回头看”或“二次验收”"));
            }
            let finding = need("note", note, "请填写检查发现的落实情况")?;
            (FOLLOWING, format!("{kind}：{finding}"))
        }
        Step::Complete { note } => {
            store::complete(tx, cur.id)?;
            (IMPLEMENTED, format!("承诺事项落实完毕{}", colon(note)))
        }
    };
    let after = after.to_string();
    s.set_state(&after)?;
    let round = store::current(tx, cur.id)?.round;
    let data = serde_json::to_string(a).ok();
    store::add_event(tx, cur.id, Some(&ds), action, Some(&cur.state), &after, round, &summary, data)?;
    audit(
        tx,
        "suggestion",
        Some(&cur.uuid),
        action,
        &format!("建议「{}」：{summary}", cur.title),
        Some(&serde_json::json!({"state": cur.state})),
        Some(&serde_json::json!({"state": after, "step": a})),
    )?;
    Ok(())
}

/// `：note` when there is a note.
fn colon(note: &Option<String>) -> String {
    clean_opt(note).map(|n| format!("：{n}")).unwrap_or_default()
}

/// What one step works on: the suggestion as it was, and the step's day.
struct StepCtx<'a> {
    tx: &'a rusqlite::Connection,
    settings: &'a SuggestionSettings,
    cal: &'a Calendar,
    cur: &'a store::Current,
    date: NaiveDate,
    ds: &'a str,
}

/// A step's outcome: the state after it and the history's summary.
type Outcome<'s> = (&'s str, String);

impl<'a> StepCtx<'a> {
    /// `UPDATE suggestions SET {sql}` of this suggestion, `?3`… being `p`.
    fn set(&self, sql: &str, p: &[&dyn rusqlite::ToSql]) -> Result<()> {
        store::set_columns(self.tx, self.cur.id, sql, p)
    }

    fn set_state<'s>(&self, state: &'s str) -> Result<&'s str> {
        self.set("state = ?3", &[&state])?;
        Ok(state)
    }

    /// The state stays (a record added to the history).
    fn keep(&self) -> &'a str {
        &self.cur.state
    }

    fn review_pass(&self, chosen: Option<i64>) -> Result<Outcome<'static>> {
        let (cur, levels) = (self.cur, &self.settings.review_levels);
        let level_name = levels.get(cur.review_level as usize).cloned().unwrap_or_else(|| "审查".into());
        let next = cur.review_level + 1;
        if (next as usize) < levels.len() {
            self.set("review_level = ?3", &[&next])?;
            return Ok((REVIEWING, format!("{level_name}通过，转{}", levels[next as usize])));
        }
        let n = match chosen {
            None => store::next_number(self.tx, cur)?,
            Some(n) if store::free_numbers(self.tx, cur)?.contains(&n) => n,
            Some(n) => {
                let f = self.settings.format_number(n);
                return Err(Error::field("number", format!("{f}不是空出的编号，请从列表中选择，或按顺序编号")));
            }
        };
        self.set("state = ?3, review_level = ?4, number = ?5", &[&FILED, &next, &n])?;
        Ok((FILED, format!("{level_name}通过，立案，编号{}", self.settings.format_number(n))))
    }

    fn merge(&self, target: i64) -> Result<Outcome<'static>> {
        if target <= 0 {
            return Err(Error::field("target_id", "请选择要并入的建议"));
        }
        if target == self.cur.id {
            return Err(Error::field("target_id", "不能并入自己"));
        }
        let t = store::current(self.tx, target).map_err(|_| Error::field("target_id", "要并入的建议不存在"))?;
        if [REJECTED, MERGED, WITHDRAWN].contains(&t.state.as_str()) {
            return Err(Error::field("target_id", format!("要并入的建议状态为「{}」，不能再并入", t.state)));
        }
        self.set("state = ?3, merged_into = ?4", &[&MERGED, &target])?;
        Ok((MERGED, format!("并入建议「{}」办理（提出人仍将得到答复）", t.title)))
    }

    fn assign(&self, a: &Assignment) -> Result<Outcome<'static>> {
        let (settings, date) = (self.settings, self.date);
        let mut ck = Checks::default();
        let unit_name = |u: i64| -> std::result::Result<String, String> {
            store::unit_name_active(self.tx, u)
                .map_err(|_| format!("承办单位（编号 {u}）不存在，请重新选择"))
                .and_then(|(n, active)| if active { Ok(n) } else { Err(format!("承办单位「{n}」已停用")) })
        };
        let main_name = match a.main_unit_id {
            u if u <= 0 => {
                ck.add("main_unit_id", "请选择主办单位");
                String::new()
            }
            u => unit_name(u).unwrap_or_else(|m| {
                ck.add("main_unit_id", m);
                String::new()
            }),
        };
        let mut co = a.co_unit_ids.clone();
        co.sort();
        co.dedup();
        co.retain(|u| *u != a.main_unit_id);
        let co_names: Vec<String> =
            co.iter().filter_map(|u| unit_name(*u).map_err(|m| ck.add("co_unit_ids", m)).ok()).collect();
        let months = if a.wide_ranging { settings.wide_reply_months } else { settings.reply_months };
        let due = match validate_date("due_date", "要求答复日期", &a.due_date) {
            Ok(Some(d)) => d,
            Ok(None) => add_months(date, months).format("%Y-%m-%d").to_string(),
            Err(e) => {
                ck.extend(e);
                String::new()
            }
        };
        if !due.is_empty() && due.as_str() <= self.ds {
            ck.add("due_date", "要求答复日期应晚于交办日期");
        }
        let supervisor = clean_opt(&a.supervisor);
        if a.key_item && supervisor.is_none() {
            ck.add("supervisor", "重点督办建议请填写督办领导");
        }
        ck.finish()?;
        store::assign(
            self.tx,
            self.cur.id,
            &store::Assigned {
                main_unit_id: a.main_unit_id,
                co_unit_ids: &co,
                date: Some(self.ds),
                due_date: Some(&due),
                wide_ranging: a.wide_ranging,
                key_item: a.key_item,
                supervisor: supervisor.as_deref(),
            },
        )?;
        let mut s = format!(
            "交办{main_name}主办{}，要求{due}前答复",
            if co_names.is_empty() { String::new() } else { format!("，{}协办", co_names.join("、")) }
        );
        if a.key_item {
            s.push_str(&format!("；列为重点督办，督办领导{}", supervisor.unwrap_or_default()));
        }
        if self.cur.period == RECESS {
            let limit = self.cal.add_working_days(parse_day(&self.cur.received_date), settings.recess_assign_workdays);
            if date > limit {
                s.push_str(&format!("（超过收到后{}个工作日的交办时限 {limit}）", settings.recess_assign_workdays));
            }
        }
        Ok((HANDLING, s))
    }

    fn return_request(&self, note: &str) -> Result<Outcome<'static>> {
        let why = need("note", note, "请填写承办单位申请退回的理由")?;
        let assigned = self.cur.assigned_date.as_deref().map(parse_day).unwrap_or(self.date);
        let limit = self.cal.add_working_days(assigned, self.settings.return_workdays);
        if self.date > limit {
            return Err(Error::NotAllowed(format!(
                "承办单位应在交办后{}个工作日内（{limit} 前）申请退回，现已超过时限。如确属交办错误，请由代表工委协调后重新交办。",
                self.settings.return_workdays
            )));
        }
        store::unassign(self.tx, self.cur.id)?;
        Ok((FILED, format!("承办单位申请退回：{why}；待重新交办")))
    }

    fn contact(&self, stage: &Option<String>, form: &str, note: &Option<String>) -> Result<Outcome<'a>> {
        let stage = clean_opt(stage).unwrap_or_else(|| "办中联系".into());
        let form = crate::text::clean(form).unwrap_or_default();
        if form.is_empty() {
            return Err(Error::field("form", "请选择沟通方式（座谈、上门、电话……）"));
        }
        if !CONTACT_STAGES.contains(&stage.as_str()) {
            return Err(Error::field("stage", format!("沟通阶段应为：{}", CONTACT_STAGES.join("、"))));
        }
        if !CONTACT_FORMS.contains(&form.as_str()) {
            return Err(Error::field("form", format!("沟通方式应为：{}", CONTACT_FORMS.join("、"))));
        }
        store::add_contact(self.tx, self.cur.id, self.ds, &stage, &form, clean_opt(note).as_deref())?;
        Ok((self.keep(), format!("{stage}（{form}）{}", colon(note))))
    }

    fn extend(&self, new_due_date: &str, note: &str) -> Result<Outcome<'a>> {
        let why = need("note", note, "请填写延期理由")?;
        let new_due = validate_date("new_due_date", "延期后的答复日期", &Some(new_due_date.to_string()))?
            .ok_or_else(|| Error::field("new_due_date", "请填写批准延期后的答复日期"))?;
        let old = self.cur.due_date.clone().unwrap_or_default();
        if self.cur.due_date.is_some() && new_due <= old {
            return Err(Error::field("new_due_date", format!("延期后的日期应晚于原要求答复日期 {old}")));
        }
        self.set("due_date = ?3", &[&new_due])?;
        Ok((self.keep(), format!("批准延期至 {new_due}（原 {old}）：{why}")))
    }

    fn reply(&self, x: &ReplyInput) -> Result<Outcome<'static>> {
        let settings = self.settings;
        let class_in = need("class", &x.class, "请选择答复类别")?;
        let class = settings.class_code(&class_in).ok_or_else(|| {
            Error::field("class", format!("答复类别「{class_in}」无法识别，可选：{}", settings.class_list_text()))
        })?;
        let planned_deadline = validate_date("planned_deadline", "计划落实时限", &x.planned_deadline)?;
        let (doc_no, signer) = (clean_opt(&x.doc_no), clean_opt(&x.signer));
        let (done, planned, not_adopted) =
            (clean_opt(&x.done_items), clean_opt(&x.planned_items), clean_opt(&x.not_adopted_reason));
        store::reply(
            self.tx,
            self.cur.id,
            &store::Replied {
                date: self.ds,
                class: &class,
                doc_no: doc_no.as_deref(),
                signer: signer.as_deref(),
                done_items: done.as_deref(),
                planned_items: planned.as_deref(),
                planned_deadline: planned_deadline.as_deref(),
                not_adopted_reason: not_adopted.as_deref(),
                text: x.text.as_deref().filter(|t| !t.trim().is_empty()),
            },
        )?;
        let late = self
            .cur
            .due_date
            .as_deref()
            .filter(|d| !store::replied_on_time(Some(d), self.ds))
            .map(|d| format!("（超过要求答复日期 {d}）"))
            .unwrap_or_default();
        let doc = doc_no.map(|d| format!("，文号{d}")).unwrap_or_default();
        Ok((REPLIED, format!("第{}轮答复，{class}类{doc}{late}", self.cur.round)))
    }

    fn rate(&self, x: &RatingInput) -> Result<Outcome<'static>> {
        // every problem of the form at once, each beside its field
        let mut ck = Checks::default();
        let work = ck.need("work_rating", &x.work_rating, "请选择对办理工作的评价");
        let result = ck.need("result_rating", &x.result_rating, "请选择对办理结果的评价");
        for (f, v) in [("work_rating", &work), ("result_rating", &result)] {
            if let Some(v) = v.as_ref().filter(|v| !RATINGS.contains(&v.as_str())) {
                ck.add(f, format!("评价「{v}」无法识别，可选：{}", RATINGS.join("、")));
            }
        }
        let adoption = clean_opt(&x.adoption);
        if let Some(ad) = adoption.as_ref().filter(|ad| !ADOPTIONS.contains(&ad.as_str())) {
            ck.add("adoption", format!("采纳情况「{ad}」无法识别，可选：{}", ADOPTIONS.join("、")));
        }
        ck.finish()?;
        let (Some(work), Some(result)) = (work, result) else {
            return Err(Error::field("result_rating", "请选择代表对办理工作和办理结果的满意度"));
        };
        let note = clean_opt(&x.note);
        let rated = store::Rated {
            date: self.ds,
            work: &work,
            result: &result,
            adoption: adoption.as_deref(),
            note: note.as_deref(),
        };
        let next = store::rate(self.tx, self.settings, self.cur.id, &rated)?;
        let tail = match next {
            UNSATISFIED => "，待重办".to_string(),
            FOLLOWING => following_tail(self.cur.reply_class.as_deref().unwrap_or_default()),
            _ => "，办结".to_string(),
        };
        let adoption = adoption.map(|x| format!("，{x}")).unwrap_or_default();
        Ok((next, format!("第{}轮征询：办理工作{work}，办理结果{result}{adoption}{tail}", self.cur.round)))
    }
}
