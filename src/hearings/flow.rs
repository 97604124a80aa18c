//! An application's way through the state machine (DOMAIN.md §7): 报名, 审核, 遴选 (by order or a
//! seeded draw), 旁听证, 签到 — and the opinions of those who attended.

use rusqlite::Connection;

use super::model::*;
use super::{store, validate_application, with_proposal};
use crate::db::{audit_json, mask_id_number, now_text};
use crate::error::{Error, Result};
use crate::text::clean;
use crate::Renda;

/// The largest seed a draw takes: it crosses to the window as a plain number.
pub const MAX_SEED: i64 = 9_007_199_254_740_991;

/// Writes one checked application (its person found or made by 身份证号) and its audit line,
/// which names the person with the number masked. Shared by the form and the 报名表 import.
pub(super) fn insert_application(
    tx: &Connection,
    a: &HearingApplicationInput,
    birth: &str,
    applied_on: &str,
    meeting: &HearingMeeting,
) -> Result<i64> {
    let now = now_text();
    let person = match store::person_by_number(tx, &a.id_number)? {
        Some((id, name)) => {
            if name != a.name {
                store::person_rename(tx, id, &a.name, &now)?;
            }
            id
        }
        None => store::person_insert(tx, &a.id_number, &a.name, birth, &uuid::Uuid::new_v4().to_string(), &now)?,
    };
    if store::application_of(tx, meeting.id, person)?.is_some() {
        return Err(Error::Conflict(format!(
            "{}（身份证号 {}）已报名「{}」，同一人对同一次会议只能报名一次",
            a.name,
            mask_id_number(&a.id_number),
            meeting.name
        )));
    }
    let uuid = uuid::Uuid::new_v4().to_string();
    let row = store::ApplicationRow { input: a, person_id: person, applied_on };
    let id = store::application_insert(tx, &row, &uuid, &now)?;
    let shown = store::application_get(tx, id)?.map(HearingApplication::masked);
    let summary = format!("旁听报名：{}（{}），{}", a.name, mask_id_number(&a.id_number), meeting.name);
    audit_json(tx, "hearing_application", Some(&uuid), "create", &summary, None, serde_json::to_string(&shown).ok())?;
    Ok(id)
}

impl Renda {
    /// 报名: refused with a bad 身份证号, after the deadline, after the 遴选, or a second time
    /// for the same person and meeting.
    pub fn hearing_apply(&mut self, input: &HearingApplicationInput) -> Result<HearingApplication> {
        let meeting = self.hearing_meeting_get(input.meeting_id)?;
        if meeting.selected_at.is_some() {
            return Err(Error::NotAllowed(format!("「{}」已遴选，不能再报名", meeting.name)));
        }
        let (a, birth, applied) = validate_application(input, &meeting.deadline)?;
        let id = self.write(|tx| insert_application(tx, &a, &birth, &applied, &meeting))?;
        self.hearing_application(id)
    }

    /// One move through the machine, with its history line and audit line.
    fn move_application(
        &mut self,
        a: &HearingApplication,
        to: HearingStatus,
        note: Option<&str>,
        action: &str,
    ) -> Result<()> {
        if !a.status.can_move(to) {
            return Err(Error::NotAllowed(format!("{}：{}", a.name, a.status.refusal(to))));
        }
        let summary = match note {
            Some(n) => format!("{}：{} → {}（{n}）", a.name, a.status.label(), to.label()),
            None => format!("{}：{} → {}", a.name, a.status.label(), to.label()),
        };
        self.write(|tx| {
            store::set_status(tx, a.id, a.status, to, note, &now_text())?;
            audit_json(tx, "hearing_application", Some(&a.uuid), action, &summary, None, None)
        })
    }

    /// 审核: 审核通过 only when the automatic checks find nothing; 不符合条件 with a reason (the
    /// checks' reasons when none is written).
    pub fn hearing_review(&mut self, args: &HearingReviewArgs) -> Result<HearingApplication> {
        let a = self.application_full(args.id)?;
        let m = self.hearing_meeting_get(a.meeting_id)?;
        let a = with_proposal(a, &m, &self.hearing_settings()?);
        if m.selected_at.is_some() {
            return Err(Error::NotAllowed(format!("「{}」已遴选，审核结果不能再改", m.name)));
        }
        if args.approve {
            if !a.proposed_reasons.is_empty() {
                return Err(Error::NotAllowed(format!(
                    "{} 不符合条件：{}，不能审核通过",
                    a.name,
                    a.proposed_reasons.join("；")
                )));
            }
            self.move_application(&a, HearingStatus::Approved, None, "hearing_review")?;
        } else {
            let reason = args.reason.as_deref().and_then(clean).unwrap_or_else(|| a.proposed_reasons.join("；"));
            if reason.is_empty() {
                return Err(Error::field("reason", "请填写不符合条件的理由"));
            }
            self.move_application(&a, HearingStatus::Ineligible, Some(&reason), "hearing_review")?;
        }
        self.hearing_application(args.id)
    }

    /// 审核 every application still 申请 as the checks propose; the count reviewed.
    pub fn hearing_review_all(&mut self, meeting: i64) -> Result<i64> {
        let list = self.hearing_detail(meeting)?.applications;
        let mut n = 0;
        for a in list.iter().filter(|a| a.status == HearingStatus::Applied) {
            let approve = a.proposed_reasons.is_empty();
            self.hearing_review(&HearingReviewArgs { id: a.id, approve, reason: None })?;
            n += 1;
        }
        Ok(n)
    }

    /// 遴选: every 审核通过 application is 入选 or 未入选 — the first by order of application, or
    /// by the draw from `seed` (one is chosen when none is given, and kept to be printed).
    pub fn hearing_select(&mut self, args: &HearingSelectArgs) -> Result<HearingMeeting> {
        let m = self.hearing_meeting_get(args.meeting_id)?;
        if m.selected_at.is_some() {
            return Err(Error::NotAllowed(format!(
                "「{}」已经遴选过了；如需更正，请在名单中逐人调整入选或未入选",
                m.name
            )));
        }
        let list = store::applications(self.conn(), m.id)?;
        let waiting = list.iter().filter(|a| a.status == HearingStatus::Applied).count();
        if waiting > 0 {
            return Err(Error::NotAllowed(format!("还有 {waiting} 份申请没有审核，请先审核再遴选")));
        }
        let pool: Vec<i64> = list.iter().filter(|a| a.status == HearingStatus::Approved).map(|a| a.id).collect();
        if pool.is_empty() {
            return Err(Error::NotAllowed("没有审核通过的申请，无法遴选".into()));
        }
        let seats = usize::try_from(m.seats).unwrap_or(0);
        let (chosen, seed, note) = match args.method {
            HearingMethod::Order => {
                (pool.iter().take(seats).copied().collect::<Vec<_>>(), None, "按报名先后".to_string())
            }
            HearingMethod::Draw => {
                let seed = args.seed.unwrap_or_else(|| rand::random_range(100_000..=999_999));
                if !(0..=MAX_SEED).contains(&seed) {
                    return Err(Error::field("seed", "随机种子应为不小于 0 的整数"));
                }
                (draw(&pool, seats, seed as u64), Some(seed), format!("随机抽签，种子 {seed}"))
            }
        };
        let summary = format!("{}：{}，{} 人中入选 {} 人", m.name, note, pool.len(), chosen.len());
        self.write(|tx| {
            let now = now_text();
            for a in list.iter().filter(|a| a.status == HearingStatus::Approved) {
                let to = if chosen.contains(&a.id) { HearingStatus::Selected } else { HearingStatus::NotSelected };
                store::set_status(tx, a.id, a.status, to, Some(&note), &now)?;
            }
            store::meeting_set_selection(tx, m.id, args.method, seed, &now)?;
            audit_json(tx, "hearing", Some(&m.uuid), "hearing_select", &summary, None, None)
        })?;
        self.hearing_meeting_get(m.id)
    }

    /// The draw re-run from a seed (the printed one when none is given) over the applications that
    /// took part in the 遴选: the list it gives, and whether it is the list stored.
    pub fn hearing_draw_check(&self, args: &HearingDrawCheckArgs) -> Result<HearingDrawCheck> {
        let m = self.hearing_meeting_get(args.meeting_id)?;
        if m.selected_at.is_none() {
            return Err(Error::NotAllowed(format!("「{}」还没有遴选", m.name)));
        }
        let seed = args
            .seed
            .or(m.seed)
            .ok_or_else(|| Error::field("seed", "这次遴选按报名先后，没有随机种子；请填写要核对的种子"))?;
        if !(0..=MAX_SEED).contains(&seed) {
            return Err(Error::field("seed", "随机种子应为不小于 0 的整数"));
        }
        let list = store::applications(self.conn(), m.id)?;
        let pool: Vec<&HearingApplication> = list.iter().filter(|a| a.status.was_drawn()).collect();
        let ids: Vec<i64> = pool.iter().map(|a| a.id).collect();
        let chosen = draw(&ids, usize::try_from(m.seats).unwrap_or(0), seed as u64);
        let names = pool.iter().filter(|a| chosen.contains(&a.id)).map(|a| a.name.clone()).collect();
        let held: Vec<i64> = pool.iter().filter(|a| a.status.holds_seat()).map(|a| a.id).collect();
        let matches = held.len() == chosen.len() && held.iter().all(|id| chosen.contains(id));
        Ok(HearingDrawCheck { seed, pool: pool.len() as i64, seats: m.seats, names, matches })
    }

    /// A hand move: 入选 (within the 名额) or 未入选 corrected, 签到 or 缺席.
    pub fn hearing_move(&mut self, args: &HearingMoveArgs) -> Result<HearingApplication> {
        let a = self.application_full(args.id)?;
        let m = self.hearing_meeting_get(a.meeting_id)?;
        match args.to {
            HearingStatus::Selected if a.status.can_move(HearingStatus::Selected) && m.seated >= m.seats => {
                return Err(Error::NotAllowed(format!(
                    "「{}」的旁听名额（{} 人）已满，不能再入选；如需替换，请先将一人改为未入选",
                    m.name, m.seats
                )));
            }
            HearingStatus::Selected | HearingStatus::NotSelected | HearingStatus::Attended | HearingStatus::Absent => {}
            HearingStatus::CardIssued => return Err(Error::NotAllowed("旁听证请用「发放旁听证」统一编号发放".into())),
            _ => return Err(Error::NotAllowed("审核请用「审核」：审核通过或不符合条件".into())),
        }
        let note = args.note.as_deref().and_then(clean);
        self.move_application(&a, args.to, note.as_deref(), "status")?;
        self.hearing_application(a.id)
    }

    /// 发放旁听证: each 入选 gets its number (年-会次-序号) and seat, in order of application.
    pub fn hearing_issue_cards(&mut self, meeting: i64) -> Result<HearingMeeting> {
        let m = self.hearing_meeting_get(meeting)?;
        let list = store::applications(self.conn(), m.id)?;
        let next = list.iter().filter_map(|a| a.seat).max().unwrap_or(0);
        let todo: Vec<&HearingApplication> = list.iter().filter(|a| a.status == HearingStatus::Selected).collect();
        if todo.is_empty() {
            return Err(Error::NotAllowed("没有待发旁听证的入选人员".into()));
        }
        let summary = format!("{}：发放旁听证 {} 张", m.name, todo.len());
        self.write(|tx| {
            let now = now_text();
            for (i, a) in todo.iter().enumerate() {
                let seat = next + i as i64 + 1;
                store::set_card(tx, a.id, &card_number(m.year, m.number, seat), seat, &now)?;
            }
            audit_json(tx, "hearing", Some(&m.uuid), "hearing_card", &summary, None, None)
        })?;
        self.hearing_meeting_get(m.id)
    }

    fn check_opinion(&self, o: &HearingOpinionInput) -> Result<HearingOpinionInput> {
        let m = self.hearing_meeting_get(o.meeting_id)?;
        let topic = clean(&o.topic).unwrap_or_default();
        let content = clean(&o.content).unwrap_or_default();
        let mut errs = vec![];
        if !m.topics.contains(&topic) {
            errs.push(super::fe("topic", format!("请选择本次会议的议题之一：{}", m.topics.join("、"))));
        }
        if content.is_empty() {
            errs.push(super::fe("content", "请填写意见内容"));
        }
        if let Some(id) = o.application_id {
            let ok = store::application_get(self.conn(), id)?
                .is_some_and(|a| a.meeting_id == m.id && a.status == HearingStatus::Attended);
            if !ok {
                errs.push(super::fe("application_id", "提出意见的应是本次会议已签到的旁听人员"));
            }
        }
        if !errs.is_empty() {
            return Err(Error::fields(errs));
        }
        Ok(HearingOpinionInput {
            topic,
            content,
            forwarded_to: crate::text::clean_opt(&o.forwarded_to),
            reply: crate::text::clean_opt(&o.reply),
            ..o.clone()
        })
    }

    pub fn hearing_opinion_create(&mut self, input: &HearingOpinionInput) -> Result<HearingOpinion> {
        let o = self.check_opinion(input)?;
        let uuid = uuid::Uuid::new_v4().to_string();
        let id = self.write(|tx| {
            let id = store::opinion_insert(tx, &o, &uuid, &now_text())?;
            let summary = format!("旁听意见：{}", o.topic);
            audit_json(tx, "hearing_opinion", Some(&uuid), "create", &summary, None, serde_json::to_string(&o).ok())?;
            Ok(id)
        })?;
        self.hearing_opinion_get(id)
    }

    /// 转交, 答复 and 采纳 recorded as they come; the audit log keeps what it was.
    pub fn hearing_opinion_update(&mut self, id: i64, input: &HearingOpinionInput) -> Result<HearingOpinion> {
        let before = self.hearing_opinion_get(id)?;
        let o = self.check_opinion(&HearingOpinionInput { meeting_id: before.meeting_id, ..input.clone() })?;
        self.write(|tx| {
            store::opinion_update(tx, id, &o, &now_text())?;
            let summary = format!("修改旁听意见：{}", o.topic);
            let b = serde_json::to_string(&before).ok();
            audit_json(tx, "hearing_opinion", Some(&before.uuid), "update", &summary, b, serde_json::to_string(&o).ok())
        })?;
        self.hearing_opinion_get(id)
    }

    pub fn hearing_opinion_get(&self, id: i64) -> Result<HearingOpinion> {
        store::opinion_get(self.conn(), id)?
            .ok_or_else(|| Error::NotFound(format!("找不到编号为 {id} 的旁听意见，请刷新页面。")))
    }
}
