//! 公民旁听 (DOMAIN.md §7): a meeting of the 常委会 or the 人代会 open to citizens — its notice with
//! 名额 and 议题, the applications (自主 or 推荐) checked against the 身份证号 and the residence rule,
//! the 遴选 by order or by a seeded draw that can be re-run from its printed seed, the 旁听证,
//! the 签到, and the opinions with their 转交 and 采纳. 身份证号, 电话 and 住址 are private: lists
//! and exports mask them, and the audit log never holds them in full.

pub mod demo;
pub mod excel;
pub mod figures;
pub mod flow;
pub mod model;
pub mod store;

use chrono::{Datelike, NaiveDate};

use model::*;

use crate::common::validate_date;
use crate::db::{audit_json, now_text};
use crate::error::{Error, FieldError, Result};
use crate::settings;
use crate::text::{clean, clean_opt};
use crate::Renda;

fn fe(field: &str, message: impl Into<String>) -> FieldError {
    FieldError { field: field.into(), message: message.into() }
}

/// A required date of a form, as stored (`YYYY-MM-DD`), or its refusal added to `errs`.
fn required_date(field: &str, label: &str, v: &str, errs: &mut Vec<FieldError>) -> String {
    match validate_date(field, label, &Some(v.to_string())) {
        Ok(Some(d)) => d,
        Ok(None) => {
            errs.push(fe(field, format!("请填写{label}")));
            String::new()
        }
        Err(e) => {
            errs.extend(e.field_errors().iter().cloned());
            String::new()
        }
    }
}

fn iso(s: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()
}

/// A meeting's notice as stored, or every refusal at once.
fn validate_meeting(m: &HearingMeetingInput, s: &HearingSettings) -> Result<(HearingMeetingInput, i64, i64)> {
    let mut errs = vec![];
    let name = clean(&m.name).unwrap_or_default();
    if name.is_empty() {
        errs.push(fe("name", "请填写会议名称，如「县人大常委会第十二次会议」"));
    }
    let date = required_date("meeting_date", "会议日期", &m.meeting_date, &mut errs);
    let end = validate_date("meeting_end", "会议结束日期", &m.meeting_end).unwrap_or_else(|e| {
        errs.extend(e.field_errors().iter().cloned());
        None
    });
    let notice = required_date("notice_date", "公告日期", &m.notice_date, &mut errs);
    let deadline = required_date("deadline", "报名截止日期", &m.deadline, &mut errs);
    let (d, n, dl) = (iso(&date), iso(&notice), iso(&deadline));
    if let (Some(d), Some(e)) = (d, end.as_deref().and_then(iso)) {
        if e < d {
            errs.push(fe("meeting_end", "会议结束日期不能早于会议日期"));
        }
    }
    if let (Some(n), Some(dl)) = (n, dl) {
        if dl < n {
            errs.push(fe("deadline", "报名截止日期不能早于公告日期"));
        }
    }
    if let (Some(d), Some(dl)) = (d, dl) {
        if dl >= d {
            errs.push(fe("deadline", "报名截止日期应在会议日期之前，留出审核和发证的时间"));
        }
    }
    let seats = m.seats.unwrap_or_else(|| s.default_seats(m.kind));
    if !(1..=500).contains(&seats) {
        errs.push(fe("seats", "旁听名额应为 1 到 500 人"));
    }
    let mut topics: Vec<String> = vec![];
    for t in m.topics.iter().filter_map(|t| clean(t)) {
        if topics.contains(&t) {
            errs.push(fe("topics", format!("议题「{t}」重复了")));
        } else {
            topics.push(t);
        }
    }
    if topics.is_empty() {
        errs.push(fe("topics", "请至少填写一个旁听议题"));
    }
    if !errs.is_empty() {
        return Err(Error::fields(errs));
    }
    let year = d.map(|d| d.year() as i64).unwrap_or_default();
    let input = HearingMeetingInput {
        kind: m.kind,
        name,
        meeting_date: date,
        meeting_end: end,
        notice_date: notice,
        deadline,
        seats: Some(seats),
        method: m.method,
        place: clean_opt(&m.place),
        topics,
    };
    Ok((input, year, seats))
}

/// An application's facts as stored with its 身份证号 and birth date, or every refusal at once.
pub fn validate_application(
    a: &HearingApplicationInput,
    deadline: &str,
) -> Result<(HearingApplicationInput, String, String)> {
    let mut errs = vec![];
    let name = clean(&a.name).unwrap_or_default();
    if name.is_empty() {
        errs.push(fe("name", "请填写姓名"));
    }
    let number = match crate::readers::normalize_id_number(&a.id_number) {
        Ok(n) => Some(n),
        Err(why) => {
            errs.push(fe("id_number", format!("身份证号{why}")));
            None
        }
    };
    let birth = number.as_deref().and_then(birth_date);
    if number.is_some() && birth.is_none() {
        errs.push(fe("id_number", "身份证号第7–14位不是有效的出生日期，请核对"));
    }
    let recommender = clean_opt(&a.recommender);
    let kind = a.recommender_kind.or_else(|| recommender.as_deref().and_then(HearingRecommender::guess));
    if a.source == HearingSource::Recommended && (recommender.is_none() || kind.is_none()) {
        errs.push(fe("recommender", "推荐的，请选择推荐单位类别（党派、团体、街道、乡镇）并填写推荐单位"));
    }
    let since = validate_date("resident_since", "居住起始日期", &a.resident_since).unwrap_or_else(|e| {
        errs.extend(e.field_errors().iter().cloned());
        None
    });
    let phone = match clean_opt(&a.phone) {
        Some(p) => crate::readers::read_phone(&p).map(|(p, _)| Some(p)).unwrap_or_else(|why| {
            errs.push(fe("phone", format!("电话「{p}」{why}")));
            None
        }),
        None => None,
    };
    let applied = match validate_date("applied_on", "报名日期", &a.applied_on) {
        Ok(d) => d.unwrap_or_else(|| crate::common::today().format("%Y-%m-%d").to_string()),
        Err(e) => {
            errs.extend(e.field_errors().iter().cloned());
            String::new()
        }
    };
    if !applied.is_empty() && applied.as_str() > deadline {
        errs.push(fe("applied_on", format!("报名日期 {applied} 已过报名截止日期 {deadline}，不能再报名")));
    }
    if !errs.is_empty() {
        return Err(Error::fields(errs));
    }
    let recommended = a.source == HearingSource::Recommended;
    let input = HearingApplicationInput {
        meeting_id: a.meeting_id,
        name,
        id_number: number.clone().unwrap_or_default(),
        source: a.source,
        recommender_kind: if recommended { kind } else { None },
        recommender: if recommended { recommender } else { None },
        local_hukou: a.local_hukou,
        address: clean_opt(&a.address),
        resident_since: if a.local_hukou { None } else { since },
        employer: clean_opt(&a.employer),
        phone,
        applied_on: Some(applied.clone()),
    };
    let birth = birth.map(|b| b.format("%Y-%m-%d").to_string()).unwrap_or_default();
    Ok((input, birth, applied))
}

impl Renda {
    pub fn hearing_settings(&self) -> Result<HearingSettings> {
        Ok(settings::get(self.conn(), settings::HEARING_SETTINGS)?
            .and_then(|s| serde_json::from_str(&s).ok())
            .unwrap_or_default())
    }

    pub fn hearing_settings_set(&mut self, s: &HearingSettings) -> Result<HearingSettings> {
        let mut errs = vec![];
        if !(1..=500).contains(&s.seats_standing) || !(1..=500).contains(&s.seats_congress) {
            errs.push(fe("seats_standing", "默认旁听名额应为 1 到 500 人"));
        }
        if !(14..=100).contains(&s.min_age) {
            errs.push(fe("min_age", "年龄条件应为 14 到 100 周岁"));
        }
        if !(0..=20).contains(&s.residence_years) {
            errs.push(fe("residence_years", "居住年限应为 0 到 20 年"));
        }
        if !errs.is_empty() {
            return Err(Error::fields(errs));
        }
        let before = self.hearing_settings()?;
        let json = serde_json::to_string(s).unwrap_or_default();
        self.write(|tx| {
            settings::set(tx, settings::HEARING_SETTINGS, &json)?;
            let before = serde_json::to_string(&before).ok();
            audit_json(tx, "settings", None, "update", "修改公民旁听设置", before, Some(json.clone()))
        })?;
        self.hearing_settings()
    }

    pub fn hearing_meeting_get(&self, id: i64) -> Result<HearingMeeting> {
        store::meeting_get(self.conn(), id)?
            .ok_or_else(|| Error::NotFound(format!("找不到编号为 {id} 的旁听会议，请刷新页面。")))
    }

    pub fn hearing_meetings(&self, year: Option<i64>) -> Result<Vec<HearingMeeting>> {
        store::meeting_list(self.conn(), year)
    }

    pub fn hearing_meeting_create(&mut self, input: &HearingMeetingInput) -> Result<HearingMeeting> {
        let (m, year, seats) = validate_meeting(input, &self.hearing_settings()?)?;
        if store::meeting_same_name(self.conn(), year, &m.name, None)? {
            return Err(Error::field("name", format!("{year}年已有「{}」，请换一个名称", m.name)));
        }
        let uuid = uuid::Uuid::new_v4().to_string();
        let id = self.write(|tx| {
            let id = store::meeting_insert(tx, &store::MeetingRow { input: &m, year, seats }, &uuid, &now_text())?;
            let summary = format!("发布旁听公告：{}（名额 {seats} 人）", m.name);
            audit_json(tx, "hearing", Some(&uuid), "create", &summary, None, serde_json::to_string(&m).ok())?;
            Ok(id)
        })?;
        self.hearing_meeting_get(id)
    }

    /// A correction of the notice, while no 遴选 has been made.
    pub fn hearing_meeting_update(&mut self, id: i64, input: &HearingMeetingInput) -> Result<HearingMeeting> {
        let before = self.hearing_meeting_get(id)?;
        if before.selected_at.is_some() {
            return Err(Error::NotAllowed(format!("「{}」已遴选，公告不能再修改", before.name)));
        }
        let (m, year, seats) = validate_meeting(input, &self.hearing_settings()?)?;
        if store::meeting_same_name(self.conn(), year, &m.name, Some(id))? {
            return Err(Error::field("name", format!("{year}年已有「{}」，请换一个名称", m.name)));
        }
        self.write(|tx| {
            store::meeting_update(tx, id, &store::MeetingRow { input: &m, year, seats }, &now_text())?;
            let summary = format!("修改旁听公告：{}", m.name);
            let b = serde_json::to_string(&before).ok();
            audit_json(tx, "hearing", Some(&before.uuid), "update", &summary, b, serde_json::to_string(&m).ok())
        })?;
        self.hearing_meeting_get(id)
    }

    /// The meeting with its applications (masked, each with what the checks propose) and opinions.
    pub fn hearing_detail(&self, id: i64) -> Result<HearingDetail> {
        let meeting = self.hearing_meeting_get(id)?;
        let s = self.hearing_settings()?;
        let applications = store::applications(self.conn(), id)?
            .into_iter()
            .map(|a| with_proposal(a, &meeting, &s).masked())
            .collect();
        let opinions = store::opinions(self.conn(), Some(id), None)?;
        Ok(HearingDetail { meeting, applications, opinions })
    }

    /// One application, masked (the full numbers never leave the engine).
    pub fn hearing_application(&self, id: i64) -> Result<HearingApplication> {
        let a = self.application_full(id)?;
        let m = self.hearing_meeting_get(a.meeting_id)?;
        Ok(with_proposal(a, &m, &self.hearing_settings()?).masked())
    }

    fn application_full(&self, id: i64) -> Result<HearingApplication> {
        store::application_get(self.conn(), id)?
            .ok_or_else(|| Error::NotFound(format!("找不到编号为 {id} 的旁听申请，请刷新页面。")))
    }
}

/// The application with the reasons the automatic checks find on the meeting day.
fn with_proposal(mut a: HearingApplication, m: &HearingMeeting, s: &HearingSettings) -> HearingApplication {
    if let Some(day) = iso(&m.meeting_date) {
        let e = Eligibility {
            birth: iso(&a.birth_date),
            local_hukou: a.local_hukou,
            resident_since: a.resident_since.as_deref(),
        };
        a.proposed_reasons = ineligible_reasons(&e, day, s);
    }
    a
}
