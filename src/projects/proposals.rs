//! 征集 and 候选项目 (DOMAIN.md §5.1): proposals from units and people, screened by the
//! government into candidates carrying the four facts printed on the ballot.

use super::model::*;
use super::store;
use crate::common::Page;
use crate::db::{audit, audit_json, now_text};
use crate::error::{Error, FieldError, Result};
use crate::text::{clean, clean_opt};
use crate::Renda;

fn fe(field: &str, message: String) -> FieldError {
    FieldError { field: field.into(), message }
}

fn check_year(year: i64, errs: &mut Vec<FieldError>) {
    if !(2000..=2100).contains(&year) {
        errs.push(fe("year", format!("年度「{year}」不对，请填写如 2027 的四位年份")));
    }
}

fn check_field(field: &str, errs: &mut Vec<FieldError>) {
    if !FIELDS.contains(&field) {
        errs.push(fe("field", format!("领域「{field}」不在可选范围内，可选：{}", FIELDS.join("、"))));
    }
}

/// The negative list (DOMAIN.md §5.1): the reason names the word found.
fn check_negative(texts: &[&str], errs: &mut Vec<FieldError>) {
    if let Some((word, why)) = texts.iter().find_map(|t| negative_reason(t)) {
        errs.push(fe("name", format!("含有负面清单中的「{word}」：{why}，不能作为民生实事项目")));
    }
}

/// A completion time typed as a date or a month, stored as a date.
pub fn read_end(field: &str, label: &str, s: &str) -> std::result::Result<String, FieldError> {
    crate::readers::read_due(s).map_err(|why| fe(field, format!("{label}「{s}」{why}")))
}

fn validate_proposal(p: &ProposalInput) -> Result<ProposalInput> {
    let mut errs = vec![];
    check_year(p.year, &mut errs);
    let proposer = clean(&p.proposer).unwrap_or_default();
    if proposer.is_empty() {
        let what = if p.source == Source::Person { "提出人姓名" } else { "提出单位" };
        errs.push(fe("proposer", format!("请填写{what}")));
    }
    let name = clean(&p.name).unwrap_or_default();
    if name.is_empty() {
        errs.push(fe("name", "请填写项目名称".into()));
    }
    let field = clean(&p.field).unwrap_or_default();
    check_field(&field, &mut errs);
    let content = clean_opt(&p.content);
    check_negative(&[&name, content.as_deref().unwrap_or("")], &mut errs);
    if p.investment.is_some_and(|v| !v.is_finite() || v < 0.0) {
        errs.push(fe("investment", "总投资（万元）不能为负数".into()));
    }
    let planned_end = match clean_opt(&p.planned_end) {
        Some(t) => read_end("planned_end", "计划完成时间", &t).map_err(|e| errs.push(e)).ok(),
        None => None,
    };
    if !errs.is_empty() {
        return Err(Error::fields(errs));
    }
    let person = p.source == Source::Person;
    Ok(ProposalInput {
        year: p.year,
        source: p.source,
        proposer,
        proposer_unit: if person { clean_opt(&p.proposer_unit) } else { None },
        phone: clean_opt(&p.phone),
        name,
        field,
        content,
        implementer: clean_opt(&p.implementer),
        investment: p.investment,
        funding: clean_opt(&p.funding),
        planned_end,
    })
}

/// A person's 单位 and 电话 are private: lists show them masked.
fn masked(mut p: Proposal) -> Proposal {
    if p.source == Source::Person {
        p.proposer_unit = p.proposer_unit.map(|_| "（已隐藏）".into());
    }
    p.phone = p.phone.map(|x| crate::text::mask_phone(&x));
    p
}

pub fn validate_candidate(x: &CandidateInput) -> Result<CandidateInput> {
    let mut errs = vec![];
    check_year(x.year, &mut errs);
    let name = clean(&x.name).unwrap_or_default();
    if name.is_empty() {
        errs.push(fe("name", "请填写项目名称（印在表决票上）".into()));
    }
    let field = clean(&x.field).unwrap_or_default();
    check_field(&field, &mut errs);
    let content = clean(&x.content).unwrap_or_default();
    if content.is_empty() {
        errs.push(fe("content", "请填写主要内容（印在表决票上）".into()));
    }
    check_negative(&[&name, &content], &mut errs);
    if !x.investment.is_finite() || x.investment <= 0.0 {
        errs.push(fe("investment", "请填写总投资（万元），应大于 0".into()));
    }
    let end = clean(&x.planned_end).unwrap_or_default();
    let planned_end = if end.is_empty() {
        errs.push(fe("planned_end", "请填写完成时间，如 2027年12月".into()));
        String::new()
    } else {
        read_end("planned_end", "完成时间", &end).map_err(|e| errs.push(e)).unwrap_or_default()
    };
    let subitems = check_subitems(x, &mut errs);
    if !errs.is_empty() {
        return Err(Error::fields(errs));
    }
    Ok(CandidateInput {
        year: x.year,
        name,
        field,
        investment: x.investment,
        content,
        planned_end,
        implementer: clean_opt(&x.implementer),
        note: clean_opt(&x.note),
        subitems,
    })
}

/// 子项目: named once each; their investment together at most the total.
fn check_subitems(x: &CandidateInput, errs: &mut Vec<FieldError>) -> Vec<SubItem> {
    let mut out: Vec<SubItem> = vec![];
    for (i, s) in x.subitems.iter().enumerate() {
        let Some(name) = clean(&s.name) else {
            errs.push(fe("subitems", format!("第{}个子项目没有名称，请填写或删去这一行", i + 1)));
            continue;
        };
        if out.iter().any(|o| o.name == name) {
            errs.push(fe("subitems", format!("子项目「{name}」重复了")));
        }
        if s.investment.is_some_and(|v| !v.is_finite() || v < 0.0) {
            errs.push(fe("subitems", format!("子项目「{name}」的投资不能为负数")));
        }
        out.push(SubItem { name, place: clean_opt(&s.place), investment: s.investment });
    }
    let sum: f64 = out.iter().filter_map(|s| s.investment).sum();
    if sum > x.investment + 1e-6 {
        errs.push(fe(
            "subitems",
            format!("子项目投资合计 {} 万元，超过项目总投资 {} 万元", num(sum), num(x.investment)),
        ));
    }
    out
}

/// A sum of 万元 as written: no float noise.
pub fn num(v: f64) -> String {
    let r = (v * 10000.0).round() / 10000.0;
    let s = format!("{r}");
    s.strip_suffix(".0").map(str::to_string).unwrap_or(s)
}

impl Renda {
    // -------------------------------------------------------------- 征集

    pub fn proposal_list(&self, q: &ProposalQuery) -> Result<Page<Proposal>> {
        let page = store::proposal_list(self.conn(), q)?;
        Ok(Page { items: page.items.into_iter().map(masked).collect(), ..page })
    }

    /// One proposal, with its private fields (the form edits them).
    pub fn proposal_get(&self, id: i64) -> Result<Proposal> {
        store::proposal_get(self.conn(), id)?
            .ok_or_else(|| Error::NotFound(format!("找不到编号为 {id} 的项目征集，请刷新页面。")))
    }

    pub fn proposal_create(&mut self, input: &ProposalInput) -> Result<Proposal> {
        let p = validate_proposal(input)?;
        let uuid = uuid::Uuid::new_v4().to_string();
        let id = self.write(|tx| {
            let id = store::proposal_insert(tx, &p, &uuid, &now_text())?;
            let summary = format!("征集民生实事项目：{}（{}）", p.name, p.proposer);
            audit_json(tx, "project_proposal", Some(&uuid), "create", &summary, None, serde_json::to_string(&p).ok())?;
            Ok(id)
        })?;
        self.proposal_get(id)
    }

    /// Only while 待筛选: a decided proposal keeps what was decided on.
    pub fn proposal_update(&mut self, id: i64, input: &ProposalInput) -> Result<Proposal> {
        let before = self.proposal_get(id)?;
        if before.status != ProposalStatus::New {
            return Err(Error::NotAllowed(format!(
                "「{}」已{}，不能再修改征集内容",
                before.name,
                before.status.label()
            )));
        }
        let p = validate_proposal(input)?;
        self.write(|tx| {
            store::proposal_update(tx, id, &p, &now_text())?;
            audit(
                tx,
                "project_proposal",
                Some(&before.uuid),
                "update",
                &format!("修改项目征集：{}", p.name),
                Some(&serde_json::to_value(&before).unwrap_or_default()),
                Some(&serde_json::to_value(&p).unwrap_or_default()),
            )
        })?;
        self.proposal_get(id)
    }

    /// 筛选论证: a candidate made from the proposal (the decision fills what the form lacks), or
    /// declined with its reason.
    pub fn proposal_decide(&mut self, d: &ProposalDecision) -> Result<Proposal> {
        let p = self.proposal_get(d.id)?;
        if p.status != ProposalStatus::New {
            return Err(Error::NotAllowed(format!("「{}」已{}，不能再次筛选", p.name, p.status.label())));
        }
        let note = clean_opt(&d.note);
        if !d.accept {
            let reason = note.ok_or_else(|| Error::field("note", "不予采纳须填写理由"))?;
            self.write(|tx| {
                store::proposal_decide(tx, p.id, ProposalStatus::Declined, Some(&reason), &now_text())?;
                let summary = format!("项目征集「{}」不予采纳：{reason}", p.name);
                audit(tx, "project_proposal", Some(&p.uuid), "decline", &summary, None, None)
            })?;
            return self.proposal_get(p.id);
        }
        let input = CandidateInput {
            year: p.year,
            name: p.name.clone(),
            field: p.field.clone(),
            investment: d.investment.or(p.investment).unwrap_or(0.0),
            content: clean_opt(&d.content).or(p.content.clone()).unwrap_or_default(),
            planned_end: clean_opt(&d.planned_end).or(p.planned_end.clone()).unwrap_or_default(),
            implementer: p.implementer.clone(),
            note: note.clone(),
            subitems: vec![],
        };
        let c = validate_candidate(&input)?;
        self.candidate_name_free(c.year, &c.name, None)?;
        let uuid = uuid::Uuid::new_v4().to_string();
        self.write(|tx| {
            let now = now_text();
            store::candidate_insert(tx, &c, Some(p.id), None, &uuid, &now)?;
            store::proposal_decide(tx, p.id, ProposalStatus::Candidate, note.as_deref(), &now)?;
            let summary = format!("项目征集「{}」列为候选项目", p.name);
            audit_json(tx, "project_candidate", Some(&uuid), "create", &summary, None, serde_json::to_string(&c).ok())
        })?;
        self.proposal_get(p.id)
    }

    // -------------------------------------------------------------- 候选项目

    pub fn candidate_list(&self, q: &CandidateQuery) -> Result<Vec<Candidate>> {
        store::candidate_list(self.conn(), q.year, q.all)
    }

    pub fn candidate_get(&self, id: i64) -> Result<Candidate> {
        store::candidate_get(self.conn(), id)?
            .ok_or_else(|| Error::NotFound(format!("找不到编号为 {id} 的候选项目，请刷新页面。")))
    }

    fn candidate_name_free(&self, year: i64, name: &str, except: Option<i64>) -> Result<()> {
        match store::candidate_by_name(self.conn(), year, name)? {
            Some(other) if Some(other) != except => {
                Err(Error::field("name", format!("{year}年度已有候选项目「{name}」，请修改那一项或换一个名称")))
            }
            _ => Ok(()),
        }
    }

    pub fn candidate_create(&mut self, input: &CandidateInput) -> Result<Candidate> {
        let c = validate_candidate(input)?;
        self.candidate_name_free(c.year, &c.name, None)?;
        let uuid = uuid::Uuid::new_v4().to_string();
        let id = self.write(|tx| {
            let id = store::candidate_insert(tx, &c, None, None, &uuid, &now_text())?;
            let summary = format!("添加候选项目：{}（{}年度）", c.name, c.year);
            audit_json(tx, "project_candidate", Some(&uuid), "create", &summary, None, serde_json::to_string(&c).ok())?;
            Ok(id)
        })?;
        self.candidate_get(id)
    }

    /// A candidate already voted on keeps the facts the deputies voted on.
    pub fn candidate_update(&mut self, id: i64, input: &CandidateInput) -> Result<Candidate> {
        let before = self.candidate_get(id)?;
        if store::candidate_voted(self.conn(), id)? {
            return Err(Error::NotAllowed(format!("「{}」已经票决计票，票上的内容不能再修改", before.name)));
        }
        let c = validate_candidate(&CandidateInput { year: before.year, ..input.clone() })?;
        self.candidate_name_free(c.year, &c.name, Some(id))?;
        self.write(|tx| {
            store::candidate_update(tx, id, &c, &now_text())?;
            audit(
                tx,
                "project_candidate",
                Some(&before.uuid),
                "update",
                &format!("修改候选项目：{}", c.name),
                Some(&serde_json::to_value(&before).unwrap_or_default()),
                Some(&serde_json::to_value(&c).unwrap_or_default()),
            )
        })?;
        self.candidate_get(id)
    }

    /// Off the list and the next ballots (kept, with any vote it was on).
    pub fn candidate_set_active(&mut self, id: i64, active: bool) -> Result<Candidate> {
        let before = self.candidate_get(id)?;
        self.write(|tx| {
            store::candidate_set_active(tx, id, active, &now_text())?;
            let (what, action) =
                if active { ("恢复候选项目", "reactivate") } else { ("撤下候选项目", "deactivate") };
            audit(tx, "project_candidate", Some(&before.uuid), action, &format!("{what}：{}", before.name), None, None)
        })?;
        self.candidate_get(id)
    }

    /// 序号: the ids in their new order; every active candidate of the year, once.
    pub fn candidate_reorder(&mut self, a: &ReorderArgs) -> Result<Vec<Candidate>> {
        let list = store::candidate_list(self.conn(), a.year, false)?;
        let mut want: Vec<i64> = list.iter().map(|c| c.id).collect();
        let mut got = a.ids.clone();
        want.sort_unstable();
        got.sort_unstable();
        if want != got {
            return Err(Error::field("ids", "排序须包含本年度每个候选项目各一次，请刷新页面后重试"));
        }
        self.write(|tx| {
            for (i, id) in a.ids.iter().enumerate() {
                store::candidate_set_position(tx, *id, i as i64 + 1)?;
            }
            audit(tx, "project_candidate", None, "reorder", &format!("调整{}年度候选项目序号", a.year), None, None)
        })?;
        store::candidate_list(self.conn(), a.year, false)
    }
}
