//! 审议意见办理 (DOMAIN.md §6): 议题 of the yearly 监督工作计划, the meeting that heard the report,
//! the 审议意见 with its 问题清单, 交办 with the time limit from the settings, 延期 kept in history,
//! the handling report, the rating in rounds (an evaluation of the §2.1 machinery, built in
//! `evaluation`), 跟踪 / 回头看 and 办结; the figures once, and the reminders 工作台 shows.

pub mod demo;
pub mod excel;
pub mod figures;
pub mod model;
pub mod records;
pub mod store;

use chrono::NaiveDate;

use model::*;

use crate::common::{today, validate_date};
use crate::db::{audit, now_text};
use crate::error::{Error, Result};
use crate::settings;
use crate::text::clean_opt;
use crate::Renda;

/// The day a step happened: the form's date, else today.
pub(crate) fn step_date(field: &str, label: &str, d: &Option<String>) -> Result<String> {
    Ok(validate_date(field, label, d)?.unwrap_or_else(|| today().format("%Y-%m-%d").to_string()))
}

fn parse(d: &str) -> Result<NaiveDate> {
    NaiveDate::parse_from_str(d, "%Y-%m-%d").map_err(|_| Error::field("date", format!("日期「{d}」无法识别")))
}

/// Writes a step: the new state and its line in the opinion's history.
pub(crate) fn record(tx: &rusqlite::Connection, e: &store::EventRow, uuid: &str, closed: Option<&str>) -> Result<()> {
    let now = now_text();
    store::set_state(tx, e.opinion, e.state_after, closed, &now)?;
    store::event_insert(tx, e, &now)?;
    audit(tx, "oversight_opinion", Some(uuid), &format!("oversight_{}", e.action), e.text, None, None)
}

/// The rating's outcome (DOMAIN.md §6.4), written inside the evaluation's transaction: the round
/// keeps its evaluation, grade and 满意率; 满意 (or 基本满意) lets the opinion go on to 跟踪 / 办结,
/// 不满意 waits for 重新研究处理.
pub fn apply_rating(
    tx: &rusqlite::Connection,
    opinion_id: i64,
    evaluation_id: i64,
    date: &str,
    grade: &str,
    rate: Option<f64>,
    passed: bool,
) -> Result<()> {
    let row = store::opinion_row_get(tx, opinion_id)?.ok_or_else(|| not_found(opinion_id))?;
    check_action(row.state, OpinionAction::Rate)?;
    let uuid = store::opinion_text(tx, opinion_id)?.map(|t| t.7).unwrap_or_default();
    let next = next_state(row.state, OpinionAction::Rate, passed).unwrap_or(row.state);
    store::round_rated(tx, opinion_id, row.round, evaluation_id, date, grade, rate, passed)?;
    let bad = row.unsatisfied_rounds + i64::from(!passed);
    let mut text = format!("第{}轮满意度测评：{grade}", row.round);
    if !passed && bad >= UNSATISFIED_WARNING_ROUNDS {
        text.push_str(&format!("；{UNSATISFIED_WARNING}"));
    }
    let e = store::EventRow {
        opinion: opinion_id,
        round: Some(row.round),
        date,
        action: "rate",
        state_after: next,
        text: &text,
        approver: None,
        old_due: None,
        new_due: None,
    };
    record(tx, &e, &uuid, None)
}

pub(crate) fn not_found(id: i64) -> Error {
    Error::NotFound(format!("找不到编号为 {id} 的审议意见，请刷新页面。"))
}

impl Renda {
    pub fn oversight_settings(&self) -> Result<OversightSettings> {
        let v = settings::get(self.conn(), settings::OVERSIGHT_SETTINGS)?;
        Ok(v.and_then(|v| serde_json::from_str(&v).ok()).unwrap_or_default())
    }

    pub fn oversight_settings_set(&mut self, s: &OversightSettings) -> Result<OversightSettings> {
        let mut errs = Vec::new();
        let mut bad =
            |field: &str, m: &str| errs.push(crate::error::FieldError { field: field.into(), message: m.into() });
        if !(1..=24).contains(&s.months) {
            bad("months", "研究处理时限应为 1 到 24 个月");
        }
        if !(1..=24).contains(&s.months_short) {
            bad("months_short", "预算、审计审议意见的研究处理时限应为 1 到 24 个月");
        }
        if !(1..=2).contains(&s.decimals) {
            bad("decimals", "满意率保留 1 位或 2 位小数");
        }
        if !(1..=180).contains(&s.soon_days) {
            bad("soon_days", "提前提醒天数应为 1 到 180 天");
        }
        if !errs.is_empty() {
            return Err(Error::fields(errs));
        }
        let before = self.oversight_settings()?;
        let text = serde_json::to_string(s).map_err(|e| Error::Internal(e.to_string()))?;
        self.write(|tx| {
            settings::set(tx, settings::OVERSIGHT_SETTINGS, &text)?;
            audit(
                tx,
                "settings",
                None,
                "update",
                "修改审议意见办理设置",
                serde_json::to_value(&before).ok().as_ref(),
                serde_json::to_value(s).ok().as_ref(),
            )
        })?;
        self.oversight_settings()
    }

    /// The time limit of an opinion on a `kind` report assigned on `assigned` (DOMAIN.md §6.3).
    pub fn oversight_due(&self, kind: ReportKind, assigned: &str) -> Result<String> {
        let months = self.oversight_settings()?.months_for(kind);
        let cal = self.calendar()?;
        Ok(due_date(parse(assigned)?, months, &cal).format("%Y-%m-%d").to_string())
    }

    /// One step of an opinion (every action but the rating, which `oversight_rate` records with
    /// its ballots). An action the state does not allow is refused.
    pub fn opinion_step(&mut self, s: &OpinionStep) -> Result<Opinion> {
        let s = crate::fields::checked(s)?;
        let row = store::opinion_row_get(self.conn(), s.opinion_id)?.ok_or_else(|| not_found(s.opinion_id))?;
        check_action(row.state, s.action)?;
        let date = step_date("date", "日期", &s.date)?;
        if date < row.adopted_date {
            return Err(Error::field("date", format!("日期 {date} 早于审议意见通过日期 {}，请核对", row.adopted_date)));
        }
        match s.action {
            OpinionAction::Assign | OpinionAction::Redo => self.assign_round(&row, &s, &date)?,
            OpinionAction::Extend => self.extend(&row, &s, &date)?,
            OpinionAction::Report => self.report(&row, &s, &date)?,
            OpinionAction::Rate => {
                return Err(Error::field("action", "满意度测评请录入测评票数（应到、实到、满意、基本满意、不满意）"))
            }
            OpinionAction::Start | OpinionAction::Follow | OpinionAction::Close => self.plain_step(&row, &s, &date)?,
        }
        self.opinion_get(s.opinion_id)
    }

    fn uuid_of(&self, id: i64) -> Result<String> {
        Ok(store::opinion_text(self.conn(), id)?.map(|t| t.7).unwrap_or_default())
    }

    /// 交办 (round 1) or 重新研究处理 (the next round): the clock starts on `date`.
    fn assign_round(&mut self, row: &OpinionRow, s: &OpinionStep, date: &str) -> Result<()> {
        let due = self.oversight_due(row.report_kind, date)?;
        let round = row.round + 1;
        let uuid = self.uuid_of(row.id)?;
        let next = next_state(row.state, s.action, true).unwrap_or(row.state);
        let text = match s.action {
            OpinionAction::Assign => format!("交办，办理时限 {due}"),
            _ => format!("第{round}轮：重新研究处理，办理时限 {due}"),
        };
        let text = with_note(text, &s.note);
        let action = store::key(s.action);
        self.write(|tx| {
            store::round_insert(tx, row.id, round, date, &due)?;
            let e = store::EventRow {
                opinion: row.id,
                round: Some(round),
                date,
                action: &action,
                state_after: next,
                text: &text,
                approver: None,
                old_due: None,
                new_due: Some(&due),
            };
            record(tx, &e, &uuid, None)
        })
    }

    /// 延期: the new time limit replaces the round's; the event keeps the earlier one.
    fn extend(&mut self, row: &OpinionRow, s: &OpinionStep, date: &str) -> Result<()> {
        let approver = clean_opt(&s.approver)
            .ok_or_else(|| Error::field("approver", "请填写批准延期的人或会议（如：主任会议、常委会主任）"))?;
        let new_due = validate_date("new_due", "延期后的办理时限", &s.new_due)?
            .ok_or_else(|| Error::field("new_due", "请填写延期后的办理时限"))?;
        let old = row.due_date.clone().unwrap_or_default();
        if new_due <= old {
            return Err(Error::field("new_due", format!("延期后的办理时限 {new_due} 应晚于原时限 {old}")));
        }
        let uuid = self.uuid_of(row.id)?;
        let next = next_state(row.state, s.action, true).unwrap_or(row.state);
        let text = with_note(format!("延期：办理时限由 {old} 延至 {new_due}（批准：{approver}）"), &s.note);
        self.write(|tx| {
            store::round_extend(tx, row.id, row.round, &new_due)?;
            let e = store::EventRow {
                opinion: row.id,
                round: Some(row.round),
                date,
                action: "extend",
                state_after: next,
                text: &text,
                approver: Some(&approver),
                old_due: Some(&old),
                new_due: Some(&new_due),
            };
            record(tx, &e, &uuid, None)
        })
    }

    /// 处理情况报告 received.
    fn report(&mut self, row: &OpinionRow, s: &OpinionStep, date: &str) -> Result<()> {
        if row.assigned_date.as_deref().is_some_and(|a| date < a) {
            return Err(Error::field("date", "收到报告的日期早于交办日期，请核对"));
        }
        let s = OpinionStep {
            report_no: clean_opt(&s.report_no),
            committee_view: clean_opt(&s.committee_view),
            ..s.clone()
        };
        let uuid = self.uuid_of(row.id)?;
        let late = row.due_date.as_deref().is_some_and(|d| date > d);
        let mut text = format!("第{}轮处理情况报告收到", row.round);
        if let Some(n) = &s.report_no {
            text.push_str(&format!("（{n}）"));
        }
        if late {
            text.push_str("，已超过办理时限");
        }
        let text = with_note(text, &s.note);
        self.write(|tx| {
            store::round_report(tx, row.id, row.round, &s, date)?;
            let e = store::EventRow {
                opinion: row.id,
                round: Some(row.round),
                date,
                action: "report",
                state_after: OpinionState::Reported,
                text: &text,
                approver: None,
                old_due: None,
                new_due: None,
            };
            record(tx, &e, &uuid, None)
        })
    }

    fn plain_step(&mut self, row: &OpinionRow, s: &OpinionStep, date: &str) -> Result<()> {
        if s.action == OpinionAction::Follow && clean_opt(&s.note).is_none() {
            return Err(Error::field("note", "请填写跟踪监督或回头看的情况"));
        }
        let uuid = self.uuid_of(row.id)?;
        let next = next_state(row.state, s.action, true).unwrap_or(row.state);
        let text = with_note(s.action.label().to_string(), &s.note);
        let closed = (s.action == OpinionAction::Close).then_some(date);
        let action = store::key(s.action);
        self.write(|tx| {
            let e = store::EventRow {
                opinion: row.id,
                round: Some(row.round),
                date,
                action: &action,
                state_after: next,
                text: &text,
                approver: None,
                old_due: None,
                new_due: None,
            };
            record(tx, &e, &uuid, closed)
        })
    }
}

fn with_note(text: String, note: &Option<String>) -> String {
    match clean_opt(note) {
        Some(n) => format!("{text}：{n}"),
        None => text,
    }
}
