//! 履职评议 and 履职积分 (DOMAIN.md §2): evaluations from a template (presets, or last year's copied),
//! counted ballots refused when they do not add up, results with grade and ranking that lock when
//! the evaluation closes; deputies' points derived from the records the app already has, with
//! caps and manual adjustments, ranked and flagged; each deputy's 履职档案.

pub mod demo;
pub mod excel;
pub mod model;
pub mod oversight;
pub mod projects;
pub mod store;

use std::collections::HashMap;

use chrono::NaiveDate;

use crate::db::{audit, audit_json};
use crate::error::{Error, Result};
use crate::settings::{self, POINTS_LOW_THRESHOLD};
use crate::Renda;
use model::*;

const LOW_DEFAULT: f64 = 10.0;

fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("engine dates are ISO")
}

/// The period of a points view: the year, or from its start to the end of a quarter.
pub fn points_period(year: i64, quarter: Option<i64>) -> Result<(String, String)> {
    let end = match quarter {
        None => format!("{year}-12-31"),
        Some(1) => format!("{year}-03-31"),
        Some(2) => format!("{year}-06-30"),
        Some(3) => format!("{year}-09-30"),
        Some(4) => format!("{year}-12-31"),
        Some(q) => return Err(Error::field("quarter", format!("季度应为 1 到 4，不是 {q}"))),
    };
    Ok((format!("{year}-01-01"), end))
}

impl Renda {
    // -------------------------------------------------------------- evaluations

    /// A new evaluation's template from a preset rule, with the usual three rater groups.
    /// A new evaluation as this office's level starts it: a county's of 常委会任命人员 with
    /// county rater groups; a township's of its 站所 and government by its deputies.
    pub fn evaluation_preset(&self, rule: &str, year: i64) -> Result<EvaluationInput> {
        rule_name(rule)?;
        let criteria = if rule == "score100" {
            [("依法履职", 0.25), ("工作实绩", 0.3), ("工作作风", 0.15), ("廉洁自律", 0.15), ("建议办理", 0.15)]
                .iter()
                .map(|(n, w)| Criterion {
                    id: 0,
                    name: n.to_string(),
                    weight: *w,
                    auto: (*n == "建议办理").then(|| "suggestions".into()),
                })
                .collect()
        } else {
            vec![]
        };
        let p = level_preset(&self.office_level()?);
        Ok(EvaluationInput {
            year,
            name: format!("{year}年度{}", p.name),
            kind: p.kind.into(),
            rule: rule.into(),
            stages: STAGES.iter().map(|s| Stage { name: s.to_string(), date: None, note: None }).collect(),
            groups: p
                .groups
                .iter()
                .map(|(name, weight, expected)| RaterGroup {
                    id: 0,
                    name: name.to_string(),
                    weight: *weight,
                    expected: *expected,
                })
                .collect(),
            criteria,
            subjects: vec![],
        })
    }

    pub fn evaluation_list(&self) -> Result<Vec<EvaluationRow>> {
        let mut rows = store::evaluation_rows(self.conn())?;
        for r in &mut rows {
            r.rule_name = rule_name(&r.rule_name).unwrap_or("").into();
        }
        Ok(rows)
    }

    pub fn evaluation_get(&self, id: i64) -> Result<Evaluation> {
        let c = self.conn();
        let h = store::evaluation_head(c, id)?
            .ok_or_else(|| Error::NotFound(format!("找不到编号为 {id} 的评议，请刷新列表。")))?;
        Ok(Evaluation {
            id,
            uuid: h.uuid,
            year: h.year,
            name: h.name,
            kind: h.kind,
            rule_name: rule_name(&h.rule).unwrap_or("").into(),
            rule: h.rule,
            stages: serde_json::from_str(&h.stages).unwrap_or_default(),
            groups: store::groups(c, id)?,
            criteria: store::criteria(c, id)?,
            subjects: store::subjects(c, id)?,
            status: h.status,
            closed_at: h.closed_at,
        })
    }

    pub fn evaluation_create(&mut self, input: &EvaluationInput) -> Result<Evaluation> {
        let e = validate_evaluation(input)?;
        let uuid = uuid::Uuid::new_v4().to_string();
        let id = self.write(|tx| {
            let id = store::insert_evaluation(tx, &uuid, &e)?;
            store::save_template(tx, id, &e, &Default::default())?;
            audit_json(
                tx,
                "evaluation",
                Some(&uuid),
                "create",
                &format!("新建评议：{}", e.name),
                None,
                serde_json::to_string(&e).ok(),
            )?;
            Ok(id)
        })?;
        self.evaluation_get(id)
    }

    /// Edits the template and the subjects of an open evaluation. A group, criterion or subject
    /// that already has ballots cannot be removed (its ballots would be lost).
    pub fn evaluation_update(&mut self, id: i64, input: &EvaluationInput) -> Result<Evaluation> {
        let before = self.evaluation_get(id)?;
        self.must_be_open(&before)?;
        let e = validate_evaluation(input)?;
        let counted = self.ballots_get(id)?;
        let keep = |ids: &mut dyn Iterator<Item = i64>, used: &dyn Fn(i64) -> bool, what: &str| -> Result<()> {
            for gone in ids {
                if used(gone) {
                    return Err(Error::NotAllowed(format!(
                        "该{what}已录入测评票，不能删除。如确需删除，请先清空其票数。"
                    )));
                }
            }
            Ok(())
        };
        let in_input = |list: &[i64], id: i64| list.contains(&id);
        let g_ids: Vec<i64> = e.groups.iter().map(|g| g.id).collect();
        let s_ids: Vec<i64> = e.subjects.iter().map(|s| s.id).collect();
        keep(
            &mut before.groups.iter().map(|g| g.id).filter(|g| !in_input(&g_ids, *g)),
            &|g| counted.counts.iter().any(|c| c.group_id == g),
            "测评组",
        )?;
        keep(
            &mut before.subjects.iter().map(|s| s.id).filter(|s| !in_input(&s_ids, *s)),
            &|s| counted.counts.iter().any(|c| c.subject_id == s) || counted.scores.iter().any(|c| c.subject_id == s),
            "评议对象",
        )?;
        self.write(|tx| {
            store::update_evaluation(tx, id, &e)?;
            store::save_template(tx, id, &e, &before)?;
            audit(
                tx,
                "evaluation",
                Some(&before.uuid),
                "update",
                &format!("修改评议：{}", e.name),
                Some(&serde_json::to_value(&before).unwrap_or_default()),
                Some(&serde_json::to_value(&e).unwrap_or_default()),
            )
        })?;
        self.evaluation_get(id)
    }

    /// Last year's evaluation as this year's template: groups, criteria, subjects; no ballots.
    pub fn evaluation_copy(&mut self, id: i64, year: i64) -> Result<Evaluation> {
        let from = self.evaluation_get(id)?;
        let strip = |g: &RaterGroup| RaterGroup { id: 0, ..g.clone() };
        let input = EvaluationInput {
            year,
            name: from.name.replace(&from.year.to_string(), &year.to_string()),
            kind: from.kind.clone(),
            rule: from.rule.clone(),
            stages: from.stages.iter().map(|s| Stage { name: s.name.clone(), date: None, note: None }).collect(),
            groups: from.groups.iter().map(strip).collect(),
            criteria: from.criteria.iter().map(|c| Criterion { id: 0, ..c.clone() }).collect(),
            subjects: from.subjects.iter().map(|s| Subject { id: 0, project_id: None, ..s.clone() }).collect(),
        };
        self.evaluation_create(&input)
    }

    fn must_be_open(&self, e: &Evaluation) -> Result<()> {
        if e.status == "closed" {
            return Err(Error::NotAllowed(format!(
                "评议「{}」已结束，结果已锁定。如需更正，请先“重新开放”（将记入操作记录）。",
                e.name
            )));
        }
        Ok(())
    }

    pub fn ballots_get(&self, id: i64) -> Result<BallotArgs> {
        let c = self.conn();
        Ok(BallotArgs { evaluation_id: id, counts: store::ballot_counts(c, id)?, scores: store::ballot_scores(c, id)? })
    }

    /// Saves counted ballots (and scores): all of them checked first, then one transaction.
    pub fn ballots_set(&mut self, a: &BallotArgs) -> Result<EvaluationResults> {
        let e = self.evaluation_get(a.evaluation_id)?;
        self.must_be_open(&e)?;
        let mut errs = Vec::new();
        for c in &a.counts {
            let s = e
                .subjects
                .iter()
                .find(|s| s.id == c.subject_id)
                .ok_or_else(|| Error::field("subject_id", "评议对象不属于这次评议，请刷新页面"))?;
            let g = e
                .groups
                .iter()
                .find(|g| g.id == c.group_id)
                .ok_or_else(|| Error::field("group_id", "测评组不属于这次评议，请刷新页面"))?;
            errs.extend(check_count(c, &s.name, &g.name, g.expected));
        }
        for sc in &a.scores {
            let s = e
                .subjects
                .iter()
                .find(|s| s.id == sc.subject_id)
                .ok_or_else(|| Error::field("subject_id", "评议对象不属于这次评议"))?;
            let cr = e
                .criteria
                .iter()
                .find(|c| c.id == sc.criterion_id)
                .ok_or_else(|| Error::field("criterion_id", "评分项目不属于这次评议"))?;
            if !(0.0..=100.0).contains(&sc.score) || !e.groups.iter().any(|g| g.id == sc.group_id) {
                errs.push(crate::error::FieldError {
                    field: "score".into(),
                    message: format!("「{}」{}：评分应在 0 到 100 之间", s.name, cr.name),
                });
            }
        }
        if !errs.is_empty() {
            return Err(Error::fields(errs));
        }
        self.write(|tx| {
            store::write_counts(tx, &a.counts)?;
            store::write_scores(tx, &a.scores)?;
            // every entry of counts is kept in the audit log: a recount never erases the first count
            audit_json(
                tx,
                "ballots",
                Some(&e.uuid),
                "update",
                &format!("录入测评票：{}（{} 组计票）", e.name, a.counts.len() + a.scores.len()),
                None,
                serde_json::to_string(a).ok(),
            )
        })?;
        self.evaluation_results(a.evaluation_id)
    }

    /// Per subject and group: 满意率, 基本满意率, score and grade; per subject: the weighted
    /// composite, the grade and the rank (DOMAIN.md §2.1).
    pub fn evaluation_results(&self, id: i64) -> Result<EvaluationResults> {
        let e = self.evaluation_get(id)?;
        let b = self.ballots_get(id)?;
        // the automatic criterion: the 满意率 of the suggestions each subject's unit handled that year
        let auto: AutoScores = if e.criteria.iter().any(|c| c.auto.is_some()) {
            self.unit_figures(&crate::suggestions::model::FigureQuery { year: Some(e.year), ..Default::default() })?
                .into_iter()
                .map(|u| (u.unit_id, u.figures.satisfaction_rate.map(|r| r * 100.0)))
                .collect()
        } else {
            HashMap::new()
        };
        let mut subjects: Vec<SubjectResult> = e.subjects.iter().map(|s| subject_result(&e, &b, &auto, s)).collect();
        rank(&mut subjects);
        let complete = !subjects.is_empty() && subjects.iter().all(|s| s.groups.iter().all(|g| g.counted));
        Ok(EvaluationResults {
            evaluation_id: id,
            rule_text: grade_rule(&e.rule).map(rule_text).unwrap_or_default(),
            score_text: score_text(&e.rule),
            rule: e.rule,
            subjects,
            complete,
            locked: e.status == "closed",
        })
    }

    /// Closes an evaluation: its results are locked from now on.
    pub fn evaluation_close(&mut self, id: i64) -> Result<Evaluation> {
        let e = self.evaluation_get(id)?;
        self.must_be_open(&e)?;
        let results = self.evaluation_results(id)?;
        if !results.complete {
            return Err(Error::NotAllowed("还有评议对象未录入全部测评组的票数，录完后才能结束评议。".into()));
        }
        self.write(|tx| {
            store::set_closed(tx, id, true)?;
            audit(
                tx,
                "evaluation",
                Some(&e.uuid),
                "close",
                &format!("结束评议，结果锁定：{}", e.name),
                None,
                Some(&serde_json::to_value(&results).unwrap_or_default()),
            )
        })?;
        self.evaluation_get(id)
    }

    /// Reopens a closed evaluation for a correction; the reason goes into the audit log.
    pub fn evaluation_reopen(&mut self, id: i64, reason: &str) -> Result<Evaluation> {
        let e = self.evaluation_get(id)?;
        let reason = crate::text::clean(reason)
            .ok_or_else(|| Error::field("reason", "请说明重新开放的原因（将记入操作记录）"))?;
        if e.status != "closed" {
            return Err(Error::NotAllowed("这次评议尚未结束，不需要重新开放".into()));
        }
        self.write(|tx| {
            store::set_closed(tx, id, false)?;
            audit(
                tx,
                "evaluation",
                Some(&e.uuid),
                "reopen",
                &format!("重新开放评议：{}（原因：{reason}）", e.name),
                None,
                None,
            )
        })?;
        self.evaluation_get(id)
    }

    // -------------------------------------------------------------- 履职积分

    /// The rule table of a year (the defaults of DOMAIN.md §2.2 where the year has none) and the 约谈 line.
    pub fn point_rules(&self, year: i64) -> Result<(Vec<PointRule>, f64)> {
        let mut rules = default_rules();
        for (k, p, cap) in store::point_rules(self.conn(), year)? {
            if let Some(rule) = rules.iter_mut().find(|x| x.kind == k) {
                rule.points = p;
                rule.cap = cap;
            }
        }
        let low = settings::get(self.conn(), POINTS_LOW_THRESHOLD)?.and_then(|v| v.parse().ok()).unwrap_or(LOW_DEFAULT);
        Ok((rules, low))
    }

    pub fn set_point_rules(&mut self, a: &RulesArgs) -> Result<()> {
        for r in &a.rules {
            if !POINT_KINDS.iter().any(|k| k.0 == r.kind) {
                return Err(Error::field("rules", format!("积分项目「{}」无法识别", r.kind)));
            }
            if r.cap.is_some_and(|c| c <= 0.0) {
                return Err(Error::field("rules", format!("「{}」的年度上限应大于 0（不设上限请留空）", r.name)));
            }
        }
        let before = self.point_rules(a.year)?;
        self.write(|tx| {
            store::write_point_rules(tx, a.year, &a.rules)?;
            if let Some(t) = a.low_threshold {
                settings::set(tx, POINTS_LOW_THRESHOLD, &t.to_string())?;
            }
            audit(
                tx,
                "points",
                None,
                "update",
                &format!("修改{}年积分规则", a.year),
                Some(&serde_json::to_value(&before.0).unwrap_or_default()),
                Some(&serde_json::to_value(&a.rules).unwrap_or_default()),
            )
        })
    }

    pub fn attendance_get(&self, session_id: i64) -> Result<Vec<AttendanceRow>> {
        store::attendance(self.conn(), session_id)
    }

    pub fn attendance_set(&mut self, a: &AttendanceArgs) -> Result<()> {
        let (name, start, end) = store::session_dates(self.conn(), a.session_id)?
            .ok_or_else(|| Error::field("session_id", "所选会次不存在"))?;
        // attendance counts for 履职积分 by the session's dates: without them it would count nowhere
        let days = match (start, end) {
            (Some(s), Some(e)) => ((day(&e) - day(&s)).num_days() + 1) as f64,
            _ => {
                return Err(Error::field(
                    "session_id",
                    format!("「{name}」还没有填写会期（开幕、闭幕日期）。请先在“设置 → 届次与会次”中填写，出席情况才能计入履职积分。"),
                ))
            }
        };
        for r in &a.rows {
            if r.days_present < 0.0 || r.half_days_leave < 0 || r.absences < 0 {
                return Err(Error::field("rows", "出席天数、请假、缺席不能为负数"));
            }
            // a session day has a morning and an afternoon sitting: no more half days or absences
            if r.half_days_leave as f64 > 2.0 * days || r.absences as f64 > 2.0 * days {
                return Err(Error::field(
                    "rows",
                    format!(
                        "{}：请假半天数、缺席次数都不能超过会期 {days} 天的两倍",
                        r.name.clone().unwrap_or_default()
                    ),
                ));
            }
            if r.days_present + r.half_days_leave as f64 / 2.0 > days {
                return Err(Error::field(
                    "rows",
                    format!("{}：出席与请假合计超过会期 {days} 天", r.name.clone().unwrap_or_default()),
                ));
            }
        }
        self.write(|tx| {
            store::write_attendance(tx, a.session_id, &a.rows)?;
            audit_json(
                tx,
                "attendance",
                None,
                "update",
                &format!("登记{name}出席情况（{} 人）", a.rows.len()),
                None,
                serde_json::to_string(&a.rows).ok(),
            )
        })
    }

    /// A manual adjustment of a deputy's points, with its reason (appended, never overwritten).
    pub fn point_adjust(&mut self, a: &AdjustmentInput) -> Result<()> {
        let reason = crate::text::clean(&a.reason).ok_or_else(|| Error::field("reason", "请写明加减分的原因"))?;
        let date = crate::common::validate_date("date", "日期", &Some(a.date.clone()))?
            .ok_or_else(|| Error::field("date", "请填写日期"))?;
        if a.points == 0.0 || a.points.abs() > 100.0 {
            return Err(Error::field("points", "加减分应在 −100 到 100 之间且不为 0"));
        }
        let name =
            store::deputy_name(self.conn(), a.deputy_id)?.ok_or_else(|| Error::field("deputy_id", "请选择代表"))?;
        self.write(|tx| {
            store::add_adjustment(tx, a.deputy_id, &date, a.points, &reason)?;
            audit(
                tx,
                "points",
                None,
                "adjust",
                &format!("{name} 积分{}{}：{reason}", if a.points > 0.0 { "+" } else { "" }, a.points),
                None,
                None,
            )
        })
    }

    /// Every active deputy's points for a year (or up to the end of a quarter), ranked overall and
    /// within the 代表团 / 代表小组, low scorers flagged (DOMAIN.md §2.2).
    pub fn points_table(&self, q: &PointsQuery) -> Result<PointsTable> {
        let (rules, low) = self.point_rules(q.year)?;
        let (from, to) = points_period(q.year, q.quarter)?;
        let c = self.conn();
        let deputies = store::active_deputies(c)?;
        let counts = self.point_counts(&from, &to)?;
        let undated = store::undated_sessions_with_attendance(c)?;
        let adjust = store::adjustment_sums(c, &from, &to)?;
        let mut rows: Vec<DeputyPoints> = deputies
            .into_iter()
            .map(|(id, name, group)| {
                let mine = counts.get(&id);
                let kinds: Vec<KindCount> = rules
                    .iter()
                    .map(|r| {
                        let n = mine.and_then(|m| m.get(r.kind.as_str())).copied().unwrap_or(0.0);
                        KindCount { kind: r.kind.clone(), count: n, points: kind_points(n, r) }
                    })
                    .collect();
                let adjustments = adjust.get(&id).copied().unwrap_or(0.0);
                let total = kinds.iter().map(|k| k.points).sum::<f64>() + adjustments;
                let days = mine.and_then(|m| m.get("days")).copied().unwrap_or(0.0);
                DeputyPoints {
                    deputy_id: id,
                    name,
                    group,
                    kinds,
                    adjustments,
                    days,
                    total: (total * 10.0).round() / 10.0,
                    rank: 0,
                    group_rank: 0,
                    low: total < low,
                }
            })
            .collect();
        // ranks: equal totals share a rank
        let mut all: Vec<f64> = rows.iter().map(|r| r.total).collect();
        // total_cmp: a NaN (a score divided by zero ballots) sorts, and never panics
        all.sort_by(|a, b| b.total_cmp(a));
        let mut by_group: HashMap<Option<String>, Vec<f64>> = HashMap::new();
        for r in &rows {
            by_group.entry(r.group.clone()).or_default().push(r.total);
        }
        for v in by_group.values_mut() {
            v.sort_by(|a, b| b.total_cmp(a));
        }
        for r in &mut rows {
            // how many are ahead (the lists are sorted, highest first): a binary search, not a
            // pass over 5,000 totals for each of 5,000 deputies
            let place = |v: &[f64]| v.partition_point(|x| x.total_cmp(&r.total).is_gt()) as i64 + 1;
            r.rank = place(&all);
            r.group_rank = by_group.get(&r.group).map(|v| place(v)).unwrap_or(1);
        }
        rows.sort_by_key(|r| r.rank);
        let ql = q.q.as_deref().map(crate::text::normalize_name).filter(|s| !s.is_empty());
        rows.retain(|r| {
            q.group.as_deref().is_none_or(|g| r.group.as_deref() == Some(g))
                && ql.as_deref().is_none_or(|s| r.name.contains(s))
        });
        let warnings = undated
            .iter()
            .map(|n| format!("「{n}」没有填写会期，其出席情况未计入积分：请在“设置 → 届次与会次”中填写开幕、闭幕日期"))
            .collect();
        let total = rows.len() as i64;
        if let Some(size) = q.page_size.filter(|n| *n > 0) {
            let skip = (q.page.unwrap_or(1).max(1) - 1).saturating_mul(size);
            rows = rows.into_iter().skip(skip as usize).take(size as usize).collect();
        }
        Ok(PointsTable { year: q.year, quarter: q.quarter, rules, rows, total, low_threshold: low, warnings })
    }

    /// Counts per deputy and rule kind from the records (suggestions, registers, attendance), and 履职天数.
    fn point_counts(&self, from: &str, to: &str) -> Result<HashMap<i64, HashMap<&'static str, f64>>> {
        let c = self.conn();
        let mut out: HashMap<i64, HashMap<&'static str, f64>> = HashMap::new();
        let mut put = |d: i64, k: &'static str, n: f64| *out.entry(d).or_default().entry(k).or_insert(0.0) += n;
        for led in crate::suggestions::led_by_deputy(c, from, to)? {
            put(led.deputy_id, "suggestion", led.count as f64);
            put(led.deputy_id, "key_suggestion", led.key_items as f64);
        }
        for (d, k) in crate::stations::deputy_register_counts(c, day(from), day(to))? {
            put(d, "inspection", k.inspections as f64);
            put(d, "reception", k.receptions as f64);
            put(d, "report", k.reports as f64);
            // 履职天数 also counts each day of register activities attended
            put(d, "days", k.days as f64);
        }
        // 民生实事 visits: once a day, and not on a day the registers already count (DOMAIN.md §5.4)
        for (d, (inspections, days)) in crate::projects::store::deputy_visit_counts(c, from, to)? {
            put(d, "inspection", inspections as f64);
            put(d, "days", days as f64);
        }
        // 列席 and 执法检查 / 视察 on the 常委会's 议题: once a day, not on a day already counted (§6.7)
        for (d, (inspections, days)) in crate::oversight::store::deputy_day_counts(c, from, to)? {
            put(d, "inspection", inspections as f64);
            put(d, "days", days as f64);
        }
        for (d, days, leave, absent) in store::attendance_sums(c, from, to)? {
            put(d, "session_day", days);
            put(d, "leave_half_day", leave);
            put(d, "absence", absent);
            put(d, "days", days);
        }
        Ok(out)
    }

    /// A deputy's 履职档案 for a year (or, without one, the whole term so far): every meeting,
    /// activity, contact, 述职, opinion and suggestion, with the points they earned.
    pub fn dossier(&self, deputy_id: i64, year: Option<i64>) -> Result<Dossier> {
        let d = self.deputy_get(deputy_id)?;
        let (from, to) = match year {
            Some(y) => (format!("{y}-01-01"), format!("{y}-12-31")),
            None => {
                let start = store::current_term_start(self.conn())?;
                (format!("{}-01-01", start.unwrap_or(2000)), chrono::Local::now().format("%Y-12-31").to_string())
            }
        };
        let (rules, _) = self.point_rules(
            year.unwrap_or_else(|| chrono::Local::now().format("%Y").to_string().parse().unwrap_or(2026)),
        )?;
        let pts = |k: &str| rules.iter().find(|r| r.kind == k).map(|r| r.points);
        let mut lines = Vec::new();
        let c = self.conn();
        for (date, name, days, leave, absent) in store::deputy_attendance(c, deputy_id, &from, &to)? {
            let p = days * pts("session_day").unwrap_or(0.0)
                + leave as f64 * pts("leave_half_day").unwrap_or(0.0)
                + absent as f64 * pts("absence").unwrap_or(0.0);
            lines.push(DossierLine {
                date,
                kind: SESSION_LINE.into(),
                title: name,
                detail: format!("出席 {days} 天，请假 {leave} 个半天，缺席 {absent} 次"),
                points: Some(p),
            });
        }
        for e in crate::stations::deputy_register_entries(c, deputy_id, day(&from), day(&to))? {
            let p = e.points_kind.as_deref().and_then(pts);
            lines.push(DossierLine {
                date: e.date,
                kind: e.book,
                title: e.title,
                detail: format!("{}（{}）", e.detail, e.station),
                points: p,
            });
        }
        for (date, kind, project, earns) in crate::projects::store::deputy_visits(c, deputy_id, &from, &to)? {
            lines.push(DossierLine {
                date,
                kind: PROJECT_VISIT_LINE.into(),
                title: format!("民生实事项目{kind}：{project}"),
                detail: if earns { String::new() } else { "当天已计视察/调研积分".into() },
                points: earns.then(|| pts("inspection")).flatten(),
            });
        }
        for (date, title, earns) in crate::oversight::store::deputy_lines(c, deputy_id, &from, &to)? {
            lines.push(DossierLine {
                date,
                kind: OVERSIGHT_LINE.into(),
                title,
                detail: if earns { String::new() } else { "当天已计视察/调研积分".into() },
                points: earns.then(|| pts("inspection")).flatten(),
            });
        }
        lines.extend(self.suggestion_lines(deputy_id, &from, &to, &pts)?);
        for (date, p, reason) in store::deputy_adjustments(c, deputy_id, &from, &to)? {
            lines.push(DossierLine {
                date,
                kind: ADJUSTMENT_LINE.into(),
                title: reason,
                detail: String::new(),
                points: Some(p),
            });
        }
        lines.sort_by(|a, b| a.date.cmp(&b.date));
        let points = match year {
            Some(y) => self
                .points_table(&PointsQuery { year: y, ..Default::default() })?
                .rows
                .into_iter()
                .find(|r| r.deputy_id == deputy_id),
            None => None,
        };
        Ok(Dossier { deputy_id, name: d.name, from, to, lines, points })
    }

    /// The dossier's suggestions of a period: those the deputy led earn points unless they were
    /// not put forward in the end.
    fn suggestion_lines(
        &self,
        deputy_id: i64,
        from: &str,
        to: &str,
        pts: &dyn Fn(&str) -> Option<f64>,
    ) -> Result<Vec<DossierLine>> {
        let mut lines = Vec::new();
        let sugg = self.suggestion_list(&crate::suggestions::model::SuggestionQuery {
            deputy_id: Some(deputy_id),
            page_size: Some(0),
            ..Default::default()
        })?;
        for s in sugg.items.iter().filter(|s| s.received_date.as_str() >= from && s.received_date.as_str() <= to) {
            let lead = s.lead_deputy_id == deputy_id;
            let counts = lead && !crate::suggestions::model::NOT_PUT_FORWARD.contains(&s.state.as_str());
            let p = counts.then(|| {
                pts("suggestion").unwrap_or(0.0) + if s.key_item { pts("key_suggestion").unwrap_or(0.0) } else { 0.0 }
            });
            lines.push(DossierLine {
                date: s.received_date.clone(),
                kind: SUGGESTION_LINE.into(),
                title: format!("{} {}", s.number_text, s.title),
                detail: format!(
                    "{}，{}{}",
                    if lead { "领衔" } else { "附议" },
                    s.state,
                    s.latest_result.as_deref().map(|r| format!("，代表评价{r}")).unwrap_or_default()
                ),
                points: p,
            });
        }
        Ok(lines)
    }
}

/// The automatic criterion's value of each unit: its suggestions' 满意率 × 100.
type AutoScores = HashMap<i64, Option<f64>>;

/// A subject's results: each group's, then the groups together.
fn subject_result(e: &Evaluation, b: &BallotArgs, auto: &AutoScores, s: &Subject) -> SubjectResult {
    let groups: Vec<GroupResult> = e.groups.iter().map(|g| group_result(e, b, auto, s, g)).collect();
    let total = sum_counts(&groups.iter().filter(|g| g.counted).map(|g| g.ballot).collect::<Vec<_>>());
    let (sr, br) = with_rates(&total);
    let score = weighted(&e.groups.iter().zip(&groups).map(|(g, r)| (g.weight, r.score)).collect::<Vec<_>>());
    // the overall grade: the rule applied to all groups' ballots together, 应到 summed
    let expected = groups.iter().filter(|g| g.counted).fold(0i64, |n, g| n.saturating_add(g.expected));
    let all_counted = groups.iter().all(|g| g.counted);
    let grade = if all_counted { grade(&e.rule, &total, expected, score) } else { None };
    SubjectResult {
        subject_id: s.id,
        name: s.name.clone(),
        post: s.post.clone(),
        groups,
        total,
        satisfied_rate: sr,
        basic_rate: br,
        score,
        tier: grade_tier(grade.as_deref()),
        grade,
        rank: None,
    }
}

/// One group's ballots of one subject: rates, score and grade.
fn group_result(e: &Evaluation, b: &BallotArgs, auto: &AutoScores, s: &Subject, g: &RaterGroup) -> GroupResult {
    let counted = b.counts.iter().find(|c| c.subject_id == s.id && c.group_id == g.id).copied();
    let ballot = counted.unwrap_or(BallotCount { subject_id: s.id, group_id: g.id, ..Default::default() });
    let (sr, br) = with_rates(&ballot);
    let score =
        if e.rule == "score100" { criteria_score(e, b, auto, s, g) } else { counted.and_then(|c| ballot_score(&c)) };
    let grade = if counted.is_some() || score.is_some() { grade(&e.rule, &ballot, g.expected, score) } else { None };
    GroupResult {
        group_id: g.id,
        group: g.name.clone(),
        expected: g.expected,
        counted: counted.is_some() || score.is_some(),
        valid: ballot.valid(),
        ballot,
        satisfied_rate: sr,
        basic_rate: br,
        score,
        tier: grade_tier(grade.as_deref()),
        grade,
    }
}

/// The weighted score of the criteria a group gave a subject (none until it scored one of its own).
fn criteria_score(e: &Evaluation, b: &BallotArgs, auto: &AutoScores, s: &Subject, g: &RaterGroup) -> Option<f64> {
    let own = |c: &Criterion| {
        b.scores.iter().find(|x| x.subject_id == s.id && x.group_id == g.id && x.criterion_id == c.id).map(|x| x.score)
    };
    let per: Vec<(f64, Option<f64>)> = e
        .criteria
        .iter()
        .map(|c| {
            let v = match c.auto.as_deref() {
                Some(_) => s.unit_id.and_then(|u| auto.get(&u).copied().flatten()),
                None => own(c),
            };
            (c.weight, v)
        })
        .collect();
    let has_own = e.criteria.iter().any(|c| c.auto.is_none() && own(c).is_some());
    if has_own {
        weighted(&per)
    } else {
        None
    }
}

/// What a new evaluation is called and who rates, by the office's level (DOMAIN.md §0, §2.1, §2.3).
struct LevelPreset {
    name: &'static str,
    kind: &'static str,
    groups: &'static [(&'static str, f64, i64)],
}

fn level_preset(office_level: &str) -> LevelPreset {
    match office_level {
        "乡镇" => LevelPreset {
            name: "乡镇站所及政府工作满意度测评",
            kind: KINDS[1],
            groups: &[("乡镇人大代表", 0.8, 40), ("群众代表", 0.2, 20)],
        },
        "市" => LevelPreset {
            name: "市人大常委会任命人员履职评议",
            kind: KINDS[0],
            groups: &[("常委会组成人员", 0.5, 45), ("人大代表", 0.3, 80), ("服务对象代表", 0.2, 40)],
        },
        _ => LevelPreset {
            name: "县人大常委会任命人员履职评议",
            kind: KINDS[0],
            groups: &[("常委会组成人员", 0.5, 25), ("人大代表", 0.3, 60), ("服务对象代表", 0.2, 30)],
        },
    }
}

/// The level's evaluation template in words (shown on the first-run page).
pub fn level_preset_words(office_level: &str) -> String {
    let p = level_preset(office_level);
    format!("「{}」，测评组 {}", p.name, p.groups.iter().map(|g| g.0).collect::<Vec<_>>().join("、"))
}
