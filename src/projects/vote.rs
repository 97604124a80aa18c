//! 票决 (DOMAIN.md §5.2): a round at a session with its settings, the counted tally checked to add
//! up, the result by the pure `vote_outcome`, a re-vote among the tied as a new round, and the
//! confirmation that makes the adopted candidates projects and locks every round of the vote.

use super::model::*;
use super::store::{self, VoteRecord};
use crate::db::{audit, audit_json, now_text};
use crate::error::{Error, Result};
use crate::text::clean_opt;
use crate::Renda;

/// A round's counts as the outcome reads them (an uncounted line counts 0).
fn counts_of(v: &VoteRecord) -> Vec<Count> {
    v.lines
        .iter()
        .map(|l| Count {
            candidate_id: l.candidate_id,
            yes: l.yes.unwrap_or(0),
            no: l.no.unwrap_or(0),
            abstain: l.abstain.unwrap_or(0),
        })
        .collect()
}

fn outcome_of(v: &VoteRecord) -> Option<VoteOutcome> {
    v.totals.map(|t| vote_outcome(v.mode, v.pass_rule, v.seats, &t, &counts_of(v)))
}

impl Renda {
    fn vote_record(&self, id: i64) -> Result<VoteRecord> {
        store::vote_get(self.conn(), id)?
            .ok_or_else(|| Error::NotFound(format!("找不到编号为 {id} 的票决，请刷新页面。")))
    }

    /// Every round of the vote `id` belongs to, first to last.
    fn vote_chain(&self, id: i64) -> Result<Vec<VoteRecord>> {
        let mut root = self.vote_record(id)?;
        while let Some(p) = root.parent_id {
            root = self.vote_record(p)?;
        }
        let mut chain = vec![root];
        while let Some(child) = chain.last().map(|l| store::vote_child(self.conn(), l.id)).transpose()?.flatten() {
            chain.push(self.vote_record(child)?);
        }
        Ok(chain)
    }

    pub fn vote_list(&self, q: &VoteQuery) -> Result<Vec<VoteRow>> {
        store::vote_list(self.conn(), q.year)
    }

    /// A round with its ballot and, once counted, each candidate's rank and outcome; the adopted
    /// of every round so far.
    pub fn vote_get(&self, id: i64) -> Result<VoteRound> {
        let chain = self.vote_chain(id)?;
        let v = chain.iter().find(|r| r.id == id).cloned().ok_or_else(|| Error::NotFound("票决已删除。".into()))?;
        let outcome = outcome_of(&v);
        let mut lines = v.lines.clone();
        if let Some(o) = &outcome {
            for (l, p) in lines.iter_mut().zip(&o.placed) {
                l.rank = Some(p.rank);
                l.outcome = Some(p.outcome);
            }
        }
        let has_child = chain.iter().any(|r| r.parent_id == Some(id));
        let tied = outcome.as_ref().map(|o| o.tied_seats).unwrap_or(0);
        let mut adopted = vec![];
        for r in &chain {
            if let Some(o) = outcome_of(r) {
                for (l, p) in r.lines.iter().zip(&o.placed) {
                    if p.outcome == Outcome::Adopted {
                        adopted.push(l.name.clone());
                    }
                }
            }
        }
        let ids: Vec<i64> = chain.iter().map(|r| r.id).collect();
        Ok(VoteRound {
            id: v.id,
            uuid: v.uuid.clone(),
            year: v.year,
            session_id: v.session_id,
            session_name: v.session_name.clone(),
            parent_id: v.parent_id,
            round: v.round,
            date: v.date.clone(),
            mode: v.mode,
            pass_rule: v.pass_rule,
            seats: v.seats,
            totals: v.totals.or_else(|| v.expected.map(|e| Totals { expected: e, ..Default::default() })),
            status: v.status,
            note: v.note.clone(),
            title: vote_title(v.year, v.round),
            instruction: instruction(v.mode, v.seats),
            lines,
            messages: outcome.map(|o| o.messages).unwrap_or_default(),
            tie_open: tied > 0 && !has_child,
            open_seats: tied,
            project_ids: store::projects_of_votes(self.conn(), &ids)?,
            chain: ids,
            adopted,
        })
    }

    /// The settings checked: the session exists, the ballot's candidates are the year's active
    /// ones, the mode fits the places (DOMAIN.md §5.2).
    fn check_vote_input(&self, input: &VoteInput) -> Result<VoteInput> {
        let mut v = input.clone();
        if let Some(s) = v.session_id {
            if store::session_name(self.conn(), s)?.is_none() {
                return Err(Error::field("session_id", format!("会议（编号 {s}）不存在，请重新选择")));
            }
        }
        v.date = crate::common::validate_date("date", "票决日期", &v.date)?;
        v.note = clean_opt(&v.note);
        if v.expected.is_some_and(|e| e < 0) {
            return Err(Error::field("expected", "应到人数不能为负数"));
        }
        let active = store::candidate_list(self.conn(), v.year, false)?;
        if v.candidate_ids.is_empty() {
            v.candidate_ids = active.iter().map(|c| c.id).collect();
        }
        for id in &v.candidate_ids {
            if !active.iter().any(|c| c.id == *id) {
                return Err(Error::field(
                    "candidate_ids",
                    format!("候选项目（编号 {id}）不是{}年度的在列候选项目", v.year),
                ));
            }
        }
        let errs = check_settings(v.mode, v.seats, v.candidate_ids.len());
        if !errs.is_empty() {
            return Err(Error::fields(errs));
        }
        Ok(v)
    }

    pub fn vote_create(&mut self, input: &VoteInput) -> Result<VoteRound> {
        let v = self.check_vote_input(input)?;
        let uuid = uuid::Uuid::new_v4().to_string();
        let id = self.write(|tx| {
            let id = store::vote_insert(tx, &v, None, 1, &uuid, &now_text())?;
            let summary = format!("新建{}（{}，应选 {} 个）", vote_title(v.year, 1), v.mode.label(), v.seats);
            audit_json(tx, "project_vote", Some(&uuid), "create", &summary, None, serde_json::to_string(&v).ok())?;
            Ok(id)
        })?;
        self.vote_get(id)
    }

    /// Only before the count: the deputies vote on what the ballot printed.
    pub fn vote_update(&mut self, id: i64, input: &VoteInput) -> Result<VoteRound> {
        let before = self.vote_record(id)?;
        if before.status != VoteStatus::Open {
            return Err(Error::NotAllowed("已计票的票决不能再修改方式、应选数和候选项目".into()));
        }
        let mut want = input.clone();
        want.year = before.year;
        if before.parent_id.is_some() {
            // a re-vote is among the tied, for the places still open
            want.candidate_ids = before.lines.iter().map(|l| l.candidate_id).collect();
            want.seats = before.seats;
        }
        let v = self.check_vote_input(&want)?;
        self.write(|tx| {
            store::vote_update(tx, id, &v, &now_text())?;
            let summary = format!("修改{}的设置", vote_title(before.year, before.round));
            audit_json(tx, "project_vote", Some(&before.uuid), "update", &summary, None, serde_json::to_string(&v).ok())
        })?;
        self.vote_get(id)
    }

    /// The counted totals: refused with every figure that does not add up; a counted round may be
    /// counted again until it is confirmed or re-voted.
    pub fn vote_count(&mut self, t: &TallyInput) -> Result<VoteRound> {
        let v = self.vote_record(t.vote_id)?;
        self.tally_allowed(&v)?;
        let named = self.tally_lines(&v, t)?;
        let errs = check_tally(v.mode, v.seats, &t.totals, &named);
        if !errs.is_empty() {
            return Err(Error::fields(errs));
        }
        let counts: Vec<Count> = named.into_iter().map(|(_, c)| c).collect();
        self.write(|tx| {
            store::vote_save_tally(tx, v.id, &t.totals, &counts, &now_text())?;
            let summary = format!("录入{}计票结果", vote_title(v.year, v.round));
            audit_json(tx, "project_vote", Some(&v.uuid), "count", &summary, None, serde_json::to_string(t).ok())
        })?;
        self.vote_get(v.id)
    }

    /// What a tally being typed does not add up to, without saving it: the window shows the
    /// engine's own refusals as the figures are entered.
    pub fn vote_check(&self, t: &TallyInput) -> Result<Vec<crate::error::FieldError>> {
        let v = self.vote_record(t.vote_id)?;
        let named: Vec<(String, Count)> = v
            .lines
            .iter()
            .filter_map(|l| t.counts.iter().find(|c| c.candidate_id == l.candidate_id).map(|c| (l.name.clone(), *c)))
            .collect();
        Ok(check_tally(v.mode, v.seats, &t.totals, &named))
    }

    pub(crate) fn tally_allowed(&self, v: &VoteRecord) -> Result<()> {
        if v.status == VoteStatus::Confirmed {
            return Err(Error::NotAllowed("票决结果已确认，计票结果不能再修改".into()));
        }
        if store::vote_child(self.conn(), v.id)?.is_some() {
            return Err(Error::NotAllowed("已根据本轮结果发起再次投票，本轮计票结果不能再修改".into()));
        }
        Ok(())
    }

    /// The tally's counts in ballot order, named: one for each candidate on the ballot.
    pub(crate) fn tally_lines(&self, v: &VoteRecord, t: &TallyInput) -> Result<Vec<(String, Count)>> {
        let mut out = vec![];
        for l in &v.lines {
            let c = t.counts.iter().find(|c| c.candidate_id == l.candidate_id).ok_or_else(|| {
                Error::field(&format!("counts.{}", l.candidate_id), format!("请填写「{}」的票数", l.name))
            })?;
            out.push((l.name.clone(), *c));
        }
        if let Some(extra) = t.counts.iter().find(|c| !v.lines.iter().any(|l| l.candidate_id == c.candidate_id)) {
            return Err(Error::field("counts", format!("候选项目（编号 {}）不在本轮表决票上", extra.candidate_id)));
        }
        Ok(out)
    }

    /// A re-vote among the candidates tied at the cut-off, for the places still open.
    pub fn vote_revote(&mut self, id: i64) -> Result<VoteRound> {
        let v = self.vote_record(id)?;
        let round = self.vote_get(id)?;
        if !round.tie_open {
            return Err(Error::NotAllowed("本轮没有需要再次投票的同票项目".into()));
        }
        let tied: Vec<i64> =
            round.lines.iter().filter(|l| l.outcome == Some(Outcome::Tied)).map(|l| l.candidate_id).collect();
        let input = VoteInput {
            year: v.year,
            session_id: v.session_id,
            date: v.date.clone(),
            mode: VoteMode::Competitive,
            pass_rule: v.pass_rule,
            seats: round.open_seats,
            candidate_ids: tied,
            expected: v.totals.map(|t| t.expected),
            note: None,
        };
        let uuid = uuid::Uuid::new_v4().to_string();
        let child = self.write(|tx| {
            let child = store::vote_insert(tx, &input, Some(v.id), v.round + 1, &uuid, &now_text())?;
            let summary = format!("发起再次投票：{} 个同票项目争 {} 个名额", input.candidate_ids.len(), input.seats);
            audit_json(tx, "project_vote", Some(&uuid), "revote", &summary, None, serde_json::to_string(&input).ok())?;
            Ok(child)
        })?;
        self.vote_get(child)
    }

    /// The result of the whole vote, once every round is counted and no tie is open: its adopted
    /// candidates become projects in one transaction, and every round locks.
    pub fn vote_confirm(&mut self, id: i64) -> Result<VoteRound> {
        let chain = self.vote_chain(id)?;
        if chain.iter().any(|r| r.status == VoteStatus::Confirmed) {
            return Err(Error::NotAllowed("票决结果已确认过，不能重复确认".into()));
        }
        if let Some(r) = chain.iter().find(|r| r.status != VoteStatus::Counted) {
            return Err(Error::NotAllowed(format!("{}还没有计票，请先录入计票结果", vote_title(r.year, r.round))));
        }
        let last = chain.last().map(|r| r.id).unwrap_or(id);
        if self.vote_get(last)?.tie_open {
            return Err(Error::NotAllowed("有票数相同的候选项目需再次投票，请先发起再次投票并计票".into()));
        }
        let mut adopted: Vec<(i64, i64, String)> = vec![];
        for r in &chain {
            if let Some(o) = outcome_of(r) {
                for (l, p) in r.lines.iter().zip(&o.placed) {
                    if p.outcome == Outcome::Adopted {
                        adopted.push((l.candidate_id, r.id, l.name.clone()));
                    }
                }
            }
        }
        let root = chain.first().map(|r| (r.uuid.clone(), r.year)).unwrap_or_default();
        self.write(|tx| {
            let now = now_text();
            for (candidate, vote, _) in &adopted {
                store::project_insert_adopted(tx, *candidate, *vote, &uuid::Uuid::new_v4().to_string(), &now)?;
            }
            for r in &chain {
                store::vote_set_status(tx, r.id, VoteStatus::Confirmed, &now)?;
            }
            let names: Vec<&str> = adopted.iter().map(|a| a.2.as_str()).collect();
            let summary = format!("确认{}年度民生实事项目票决结果：{}", root.1, names.join("、"));
            audit(tx, "project_vote", Some(&root.0), "confirm", &summary, None, None)
        })?;
        self.vote_get(id)
    }
}
