//! The records of 审议意见办理 (DOMAIN.md §6.1): 议题, 会议, 审议意见, 问题清单 with 推进情况,
//! the activities on a 议题, and 工作台's reminders (DOMAIN.md §6.6).

use super::model::*;
use super::{not_found, step_date, store};
use crate::common::{today, validate_date};
use crate::db::{audit_json, now_text};
use crate::error::{Error, FieldError, Result};
use crate::text::{clean, clean_opt};
use crate::Renda;

fn need(errs: &mut Vec<FieldError>, field: &str, v: &str, message: &str) {
    if v.trim().is_empty() {
        errs.push(FieldError { field: field.into(), message: message.into() });
    }
}

fn check_deputies(r: &Renda, ids: &[i64]) -> Result<()> {
    for d in ids {
        if crate::roster::store::deputy_name(r.conn(), *d)?.is_none() {
            return Err(Error::field("deputy_ids", format!("代表（编号 {d}）不在代表名册中，请重新选择")));
        }
    }
    Ok(())
}

impl Renda {
    /// A 议题 of the year's 监督工作计划.
    pub fn oversight_topic_create(&mut self, input: &TopicInput) -> Result<Topic> {
        let t = crate::fields::checked(input)?;
        let t = TopicInput {
            title: clean(&t.title).unwrap_or_default(),
            body: clean(&t.body).unwrap_or_default(),
            planned: clean_opt(&t.planned),
            note: clean_opt(&t.note),
            ..t
        };
        let mut errs = Vec::new();
        need(&mut errs, "title", &t.title, "请填写议题");
        need(&mut errs, "body", &t.body, "请填写报告机关（如：县人民政府）");
        if !(2000..=2100).contains(&t.year) {
            errs.push(FieldError { field: "year".into(), message: "请填写计划年度（如 2026）".into() });
        }
        if !errs.is_empty() {
            return Err(Error::fields(errs));
        }
        if store::topic_exists(self.conn(), t.year, &t.title)? {
            return Err(Error::field("title", format!("{}年监督工作计划中已有议题「{}」", t.year, t.title)));
        }
        let uuid = uuid::Uuid::new_v4().to_string();
        let id = self.write(|tx| {
            let id = store::topic_insert(tx, &t, &uuid, &now_text())?;
            let what = format!("监督工作计划议题：{}年 {}（{}）", t.year, t.title, t.body);
            audit_json(tx, "oversight_topic", Some(&uuid), "create", &what, None, serde_json::to_string(&t).ok())?;
            Ok(id)
        })?;
        store::topic_get(self.conn(), id)?.ok_or_else(|| Error::NotFound("议题未能保存".into()))
    }

    pub fn oversight_topics(&self, year: Option<i64>) -> Result<Vec<Topic>> {
        store::topics(self.conn(), year)
    }

    /// A 常委会 (or 主席团) meeting with the deputies attending as 列席.
    pub fn oversight_meeting_create(&mut self, input: &MeetingInput) -> Result<Meeting> {
        let m = crate::fields::checked(input)?;
        let mut errs = Vec::new();
        let term = clean(&m.term).unwrap_or_default();
        need(&mut errs, "term", &term, "请填写届次（如：第十八届）");
        if !(1..=999).contains(&m.number) {
            errs.push(FieldError { field: "number".into(), message: "请填写第几次会议（1 到 999）".into() });
        }
        let date = validate_date("date", "会议日期", &Some(m.date.clone())).unwrap_or_else(|e| {
            errs.extend(e.field_errors().iter().cloned());
            None
        });
        if date.is_none() && !errs.iter().any(|e| e.field == "date") {
            errs.push(FieldError { field: "date".into(), message: "请填写会议日期".into() });
        }
        if !errs.is_empty() {
            return Err(Error::fields(errs));
        }
        check_deputies(self, &m.deputy_ids)?;
        let m = MeetingInput { term, date: date.unwrap_or_default(), ..m };
        if store::meeting_exists(self.conn(), &m)? {
            return Err(Error::field("number", format!("{}已登记", m.kind.name(&m.term, m.number))));
        }
        let uuid = uuid::Uuid::new_v4().to_string();
        let id = self.write(|tx| {
            let id = store::meeting_insert(tx, &m, &uuid, &now_text())?;
            let what = format!("{}（{}，列席代表 {} 人）", m.kind.name(&m.term, m.number), m.date, m.deputy_ids.len());
            audit_json(tx, "oversight_meeting", Some(&uuid), "create", &what, None, serde_json::to_string(&m).ok())?;
            Ok(id)
        })?;
        store::meeting_get(self.conn(), id)?.ok_or_else(|| Error::NotFound("会议未能保存".into()))
    }

    pub fn oversight_meetings(&self, year: Option<i64>) -> Result<Vec<Meeting>> {
        store::meetings(self.conn(), year)
    }

    /// A 审议意见 adopted at a meeting on a 议题.
    pub fn opinion_create(&mut self, input: &OpinionInput) -> Result<Opinion> {
        let o = crate::fields::checked(input)?;
        let doc_no = clean(&o.doc_no).unwrap_or_default();
        if doc_no.is_empty() {
            return Err(Error::field("doc_no", "请填写审议意见的文号"));
        }
        let topic = store::topic_get(self.conn(), o.topic_id)?.ok_or_else(|| Error::field("topic_id", "请选择议题"))?;
        let meeting =
            store::meeting_get(self.conn(), o.meeting_id)?.ok_or_else(|| Error::field("meeting_id", "请选择会议"))?;
        let adopted = validate_date("adopted_date", "通过日期", &o.adopted_date)?.unwrap_or(meeting.date.clone());
        let published = validate_date("published_date", "公开日期", &o.published_date)?;
        if store::doc_no_taken(self.conn(), &doc_no)? {
            return Err(Error::field("doc_no", format!("文号「{doc_no}」已登记，请核对")));
        }
        let o = OpinionInput {
            doc_no,
            assessment: clean_opt(&o.assessment),
            issues: clean_opt(&o.issues),
            advice: clean_opt(&o.advice),
            published_date: published,
            ..o
        };
        let uuid = uuid::Uuid::new_v4().to_string();
        let id = self.write(|tx| {
            let id = store::opinion_insert(tx, &o, &adopted, &uuid, &now_text())?;
            let text = format!("{}通过审议意见（{}）", meeting.name, topic.title);
            let e = store::EventRow {
                opinion: id,
                round: None,
                date: &adopted,
                action: "create",
                state_after: OpinionState::Adopted,
                text: &text,
                approver: None,
                old_due: None,
                new_due: None,
            };
            store::event_insert(tx, &e, &now_text())?;
            let what = format!("审议意见：{}（{}）", o.doc_no, topic.title);
            audit_json(tx, "oversight_opinion", Some(&uuid), "create", &what, None, serde_json::to_string(&o).ok())?;
            Ok(id)
        })?;
        self.opinion_get(id)
    }

    pub fn opinion_list(&self, q: &OpinionQuery) -> Result<Vec<OpinionRow>> {
        store::opinion_rows(self.conn(), q)
    }

    /// An opinion with its rounds, history, 问题清单, activities, what can be done next and the
    /// two-不满意 warning.
    pub fn opinion_get(&self, id: i64) -> Result<Opinion> {
        let c = self.conn();
        let row = store::opinion_row_get(c, id)?.ok_or_else(|| not_found(id))?;
        let (topic_id, meeting_id, assessment, issues, advice, published, closed, _) =
            store::opinion_text(c, id)?.ok_or_else(|| not_found(id))?;
        let warning = (row.unsatisfied_rounds >= UNSATISFIED_WARNING_ROUNDS && row.state != OpinionState::Closed)
            .then(|| UNSATISFIED_WARNING.to_string());
        Ok(Opinion {
            topic_id,
            meeting_id,
            assessment,
            issues,
            advice,
            published_date: published,
            closed_date: closed,
            rounds: store::rounds(c, id)?,
            history: store::events(c, id)?,
            problems: store::problems(c, Some(id), None)?,
            activities: store::activities(c, topic_id)?,
            actions: allowed(row.state).into_iter().filter(|a| *a != OpinionAction::Rate).collect(),
            warning,
            row,
        })
    }

    /// 公开日期: when the opinion and its handling were published.
    pub fn opinion_publish(&mut self, id: i64, date: &Option<String>) -> Result<Opinion> {
        let uuid = store::opinion_text(self.conn(), id)?.ok_or_else(|| not_found(id))?.7;
        let d = step_date("date", "公开日期", date)?;
        self.write(|tx| {
            store::set_published(tx, id, &d, &now_text())?;
            audit_json(tx, "oversight_opinion", Some(&uuid), "update", &format!("公开日期 {d}"), None, None)
        })?;
        self.opinion_get(id)
    }

    /// A 问题清单 item of an opinion.
    pub fn oversight_problem_add(&mut self, input: &ProblemItemInput) -> Result<Opinion> {
        let p = crate::fields::checked(input)?;
        let p = ProblemItemInput { text: clean(&p.text).unwrap_or_default(), unit: clean_opt(&p.unit), ..p };
        if p.text.is_empty() {
            return Err(Error::field("text", "请填写问题"));
        }
        let row = store::opinion_row_get(self.conn(), p.opinion_id)?.ok_or_else(|| not_found(p.opinion_id))?;
        if store::problem_exists(self.conn(), p.opinion_id, &p.text)? {
            return Err(Error::field("text", format!("审议意见 {} 的问题清单中已有「{}」", row.doc_no, p.text)));
        }
        let uuid = uuid::Uuid::new_v4().to_string();
        self.write(|tx| {
            store::problem_insert(tx, &p, &uuid, &now_text())?;
            let what = format!("问题清单：{}——{}", row.doc_no, p.text);
            audit_json(tx, "oversight_problem", Some(&uuid), "create", &what, None, serde_json::to_string(&p).ok())
        })?;
        self.opinion_get(p.opinion_id)
    }

    /// Checks a 推进情况 entry; returns it cleaned, with the problem's (opinion, uuid, text).
    pub(crate) fn check_progress(&self, input: &FixProgressInput) -> Result<(FixProgressInput, (i64, String, String))> {
        let p = crate::fields::checked(input)?;
        let head = store::problem_head(self.conn(), p.problem_id)?
            .ok_or_else(|| Error::NotFound(format!("找不到编号为 {} 的问题，请刷新页面。", p.problem_id)))?;
        let text = clean(&p.text).unwrap_or_default();
        let mut errs = Vec::new();
        need(&mut errs, "text", &text, "请填写推进情况");
        let date = validate_date("date", "日期", &Some(p.date.clone())).unwrap_or_else(|e| {
            errs.extend(e.field_errors().iter().cloned());
            None
        });
        if date.is_none() && !errs.iter().any(|e| e.field == "date") {
            errs.push(FieldError { field: "date".into(), message: "请填写推进情况的日期".into() });
        }
        if !errs.is_empty() {
            return Err(Error::fields(errs));
        }
        Ok((FixProgressInput { text, date: date.unwrap_or_default(), ..p }, head))
    }

    /// Appends a 推进情况 entry (the same date and text twice adds nothing) and sets 整改状态.
    pub fn oversight_progress_add(&mut self, input: &FixProgressInput) -> Result<Opinion> {
        let (p, (opinion, uuid, text)) = self.check_progress(input)?;
        self.write(|tx| {
            if store::progress_insert(tx, &p, "manual", &now_text())? {
                let what = format!("推进情况 {}：{}——{}（{}）", p.date, text, p.text, p.status.label());
                audit_json(
                    tx,
                    "oversight_problem",
                    Some(&uuid),
                    "progress",
                    &what,
                    None,
                    serde_json::to_string(&p).ok(),
                )?;
            }
            Ok(())
        })?;
        self.opinion_get(opinion)
    }

    /// 人大复核评价 of a problem's 整改.
    pub fn oversight_problem_review(&mut self, input: &ReviewInput) -> Result<Opinion> {
        let r = crate::fields::checked(input)?;
        let review = clean(&r.review).ok_or_else(|| Error::field("review", "请填写复核评价"))?;
        let (opinion, uuid, text) = store::problem_head(self.conn(), r.problem_id)?
            .ok_or_else(|| Error::NotFound(format!("找不到编号为 {} 的问题，请刷新页面。", r.problem_id)))?;
        self.write(|tx| {
            store::set_review(tx, r.problem_id, &review, &now_text())?;
            audit_json(
                tx,
                "oversight_problem",
                Some(&uuid),
                "update",
                &format!("复核评价：{text}——{review}"),
                None,
                None,
            )
        })?;
        self.opinion_get(opinion)
    }

    /// Every problem of the opinions adopted in a year, with 推进情况.
    pub fn oversight_problems(&self, year: Option<i64>) -> Result<Vec<ProblemItem>> {
        store::problems(self.conn(), None, year)
    }

    /// A 执法检查, 视察, 跟踪检查 or 回头看 on a 议题, with the deputies who took part.
    pub fn oversight_activity_add(&mut self, input: &ActivityInput) -> Result<Vec<Activity>> {
        let a = crate::fields::checked(input)?;
        let topic = store::topic_get(self.conn(), a.topic_id)?.ok_or_else(|| Error::field("topic_id", "请选择议题"))?;
        let date =
            validate_date("date", "日期", &Some(a.date.clone()))?.ok_or_else(|| Error::field("date", "请填写日期"))?;
        if !ACTIVITY_KINDS.contains(&a.kind.trim()) {
            return Err(Error::field("kind", format!("请选择方式：{}", ACTIVITY_KINDS.join("、"))));
        }
        check_deputies(self, &a.deputy_ids)?;
        let a = ActivityInput { date, kind: a.kind.trim().into(), note: clean_opt(&a.note), ..a };
        let uuid = uuid::Uuid::new_v4().to_string();
        self.write(|tx| {
            store::activity_insert(tx, &a, &uuid, &now_text())?;
            let what = format!("{}{}：{}（{} 位代表）", a.date, a.kind, topic.title, a.deputy_ids.len());
            audit_json(tx, "oversight_activity", Some(&uuid), "create", &what, None, serde_json::to_string(&a).ok())
        })?;
        store::activities(self.conn(), a.topic_id)
    }

    /// 工作台's reminders: time limits passed or near, reports waiting for a rating, and the
    /// opinions rated 不满意 twice (DOMAIN.md §6.6). Counts, and the first `FIRST` lines of each kind.
    pub fn oversight_reminders(&self) -> Result<OversightReminders> {
        const FIRST: usize = 5;
        let c = self.conn();
        let t = today();
        let soon = self.oversight_settings()?.soon_days;
        let ts = t.format("%Y-%m-%d").to_string();
        let limit = (t + chrono::Duration::days(soon)).format("%Y-%m-%d").to_string();
        let mut out = OversightReminders::default();
        let mut lines = Vec::new();
        let line = |kind: OversightReminderKind, id: i64, doc: String, topic: String, text: String| OversightReminder {
            kind,
            tone: kind.tone(),
            opinion_id: id,
            doc_no: doc,
            topic,
            text,
        };
        for (id, doc, topic, due) in store::rating_reminders(c, UNSATISFIED_WARNING_ROUNDS)?
            .into_iter()
            .filter(|r| r.3 != "reported")
            .map(|r| (r.0, r.1, r.2, r.4))
        {
            out.unsatisfied += 1;
            lines.push(line(
                OversightReminderKind::Unsatisfied,
                id,
                doc,
                topic,
                format!("{due} 次测评不满意：{UNSATISFIED_WARNING}"),
            ));
        }
        for (id, doc, topic, due) in store::waiting_reports(c)? {
            if due < ts {
                out.overdue += 1;
                lines.push(line(
                    OversightReminderKind::Overdue,
                    id,
                    doc,
                    topic,
                    format!("办理时限 {due} 已过，尚未收到处理情况报告"),
                ));
            } else if due <= limit {
                out.due_soon += 1;
                lines.push(line(OversightReminderKind::DueSoon, id, doc, topic, format!("办理时限 {due}")));
            }
        }
        for (id, doc, topic, _, _) in
            store::rating_reminders(c, UNSATISFIED_WARNING_ROUNDS)?.into_iter().filter(|r| r.3 == "reported")
        {
            out.awaiting_rating += 1;
            lines.push(line(
                OversightReminderKind::AwaitingRating,
                id,
                doc,
                topic,
                "处理情况报告已收到，请安排满意度测评".into(),
            ));
        }
        // the first few of each kind, not every row
        let mut shown = std::collections::HashMap::new();
        lines.retain(|l| {
            let n = shown.entry(l.kind).or_insert(0);
            *n += 1;
            *n <= FIRST
        });
        out.first = lines;
        Ok(out)
    }
}
