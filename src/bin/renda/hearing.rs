//! `renda hearing`: 公民旁听 — 公告, 报名, 审核, 遴选 (by order or a seeded draw, and the draw
//! re-checked from its seed), 旁听证, 签到, 意见, 统计. Personal numbers are printed masked.

use clap::{Args, Subcommand};
use renda::hearings::model::*;
use renda::{Error, Renda};
use serde_json::json;

use crate::{call, print_json, say};

#[derive(Subcommand)]
pub enum HearingCmd {
    /// 旁听会议：发布公告、列出
    #[command(subcommand)]
    Meeting(MeetingCmd),
    /// 查看一次会议的报名、审核、遴选结果和意见（身份证号、电话已隐去）
    Show { id: i64 },
    /// 报名（身份证号校验位不对、已过截止日期、同一人重复报名同一次会议的，不予登记）
    Apply(Apply),
    /// 审核一份申请：--approve 审核通过，或 --reject 不符合条件（理由默认取自动核查结果）；--all 按自动核查审核会议的全部待审申请
    Review(Review),
    /// 遴选：按报名先后（默认），或 --draw 随机抽签（--seed 指定种子，不指定时自动生成并记录）
    Select {
        /// 会议编号
        meeting: i64,
        #[arg(long)]
        draw: bool,
        #[arg(long)]
        seed: Option<i64>,
    },
    /// 用随机种子重新抽签，核对名单（默认用名单上印的种子）
    DrawCheck {
        /// 会议编号
        meeting: i64,
        #[arg(long)]
        seed: Option<i64>,
    },
    /// 为全部入选人员发放旁听证（编号如 2027-01-003）
    Card {
        /// 会议编号
        meeting: i64,
    },
    /// 签到（--absent 登记缺席）
    Checkin {
        /// 申请编号
        id: i64,
        #[arg(long)]
        absent: bool,
    },
    /// 登记旁听意见（议题须为本次会议的议题）
    Opinion(OpinionAdd),
    /// 统计：旁听人次、旁听议题数、意见数、采纳数（按年度）
    Figures {
        #[arg(long)]
        year: Option<i64>,
    },
}

#[derive(Subcommand)]
pub enum MeetingCmd {
    /// 发布旁听公告
    Add(MeetingAdd),
    /// 列出旁听会议
    List {
        #[arg(long)]
        year: Option<i64>,
    },
}

#[derive(Args)]
pub struct MeetingAdd {
    /// 会议名称，如 县人大常委会第十二次会议
    #[arg(long)]
    name: String,
    /// 人民代表大会会议（默认：常委会会议）
    #[arg(long)]
    congress: bool,
    /// 会议日期
    #[arg(long)]
    date: String,
    /// 会议结束日期
    #[arg(long)]
    end: Option<String>,
    /// 公告日期
    #[arg(long)]
    notice: String,
    /// 报名截止日期
    #[arg(long)]
    deadline: String,
    /// 旁听名额（默认：常委会 5 人，人代会 15 人，可在设置中修改）
    #[arg(long)]
    seats: Option<i64>,
    /// 报名超过名额时随机抽签（默认按报名先后）
    #[arg(long)]
    draw: bool,
    #[arg(long)]
    place: Option<String>,
    /// 旁听议题（可多次给出）
    #[arg(long = "topic", required = true)]
    topics: Vec<String>,
}

#[derive(Args)]
pub struct Apply {
    /// 会议编号
    #[arg(long)]
    meeting: i64,
    #[arg(long)]
    name: String,
    #[arg(long = "id-number")]
    id_number: String,
    /// 推荐单位（给出即为推荐；类别由名称判断，或用 --recommender-kind 党派/团体/街道/乡镇）
    #[arg(long)]
    recommender: Option<String>,
    #[arg(long = "recommender-kind")]
    recommender_kind: Option<String>,
    /// 户籍不在本县（须给出 --since 居住起始日期）
    #[arg(long = "not-local")]
    not_local: bool,
    #[arg(long)]
    since: Option<String>,
    /// 户籍地或居住地
    #[arg(long)]
    address: Option<String>,
    /// 工作单位
    #[arg(long)]
    employer: Option<String>,
    #[arg(long)]
    phone: Option<String>,
    /// 报名日期（默认今天）
    #[arg(long)]
    date: Option<String>,
}

#[derive(Args)]
pub struct Review {
    /// 申请编号（--all 时为会议编号）
    id: i64,
    #[arg(long, conflicts_with_all = ["reject", "all"])]
    approve: bool,
    #[arg(long, conflicts_with = "all")]
    reject: bool,
    #[arg(long)]
    all: bool,
    #[arg(long)]
    reason: Option<String>,
}

#[derive(Args)]
pub struct OpinionAdd {
    /// 会议编号
    #[arg(long)]
    meeting: i64,
    /// 提出意见的旁听人员（申请编号）
    #[arg(long)]
    by: Option<i64>,
    #[arg(long)]
    topic: String,
    #[arg(long)]
    content: String,
    /// 转交单位
    #[arg(long = "to")]
    forwarded_to: Option<String>,
    /// 答复情况
    #[arg(long)]
    reply: Option<String>,
    /// 已采纳
    #[arg(long, conflicts_with = "not_adopted")]
    adopted: bool,
    /// 未采纳
    #[arg(long = "not-adopted")]
    not_adopted: bool,
}

pub fn hearing(r: &mut Renda, cmd: HearingCmd, json: bool) -> Result<(), Error> {
    match cmd {
        HearingCmd::Meeting(MeetingCmd::Add(a)) => meeting_add(r, a, json),
        HearingCmd::Meeting(MeetingCmd::List { year }) => meeting_list(r, year, json),
        HearingCmd::Show { id } => show(r, id, json),
        HearingCmd::Apply(a) => apply(r, a, json),
        HearingCmd::Review(a) => review(r, a, json),
        HearingCmd::Select { meeting, draw, seed } => {
            let method = if draw || seed.is_some() { HearingMethod::Draw } else { HearingMethod::Order };
            let m: HearingMeeting = call(r, "hearing_select", HearingSelectArgs { meeting_id: meeting, method, seed })?;
            done(json, &m, || match m.seed {
                Some(seed) => format!("{}：随机抽签，随机种子 {seed}，入选 {} 人", m.name, m.seated),
                None => format!("{}：按报名先后，入选 {} 人", m.name, m.seated),
            })
        }
        HearingCmd::DrawCheck { meeting, seed } => {
            let c: HearingDrawCheck =
                call(r, "hearing_draw_check", HearingDrawCheckArgs { meeting_id: meeting, seed })?;
            done(json, &c, || {
                let same = if c.matches { "与名单一致" } else { "与名单不一致" };
                format!("随机种子 {}：{} 人中抽出 {} 人：{}（{same}）", c.seed, c.pool, c.seats, c.names.join("、"))
            })
        }
        HearingCmd::Card { meeting } => {
            let m: HearingMeeting = call(r, "hearing_cards_issue", json!({ "id": meeting }))?;
            done(json, &m, || format!("{}：已发放旁听证，入选 {} 人", m.name, m.seated))
        }
        HearingCmd::Checkin { id, absent } => {
            let to = if absent { HearingStatus::Absent } else { HearingStatus::Attended };
            let a: HearingApplication = call(r, "hearing_move", HearingMoveArgs { id, to, note: None })?;
            done(json, &a, || format!("{}（{}）：{}", a.name, a.card_no.clone().unwrap_or_default(), a.status.label()))
        }
        HearingCmd::Opinion(o) => opinion(r, o, json),
        HearingCmd::Figures { year } => figures(r, year, json),
    }
}

fn done<T: serde::Serialize>(json: bool, v: &T, text: impl FnOnce() -> String) -> Result<(), Error> {
    if json {
        print_json(v);
    } else {
        say!("{}", text());
    }
    Ok(())
}

fn meeting_add(r: &mut Renda, a: MeetingAdd, json: bool) -> Result<(), Error> {
    let input = HearingMeetingInput {
        kind: if a.congress { HearingKind::Congress } else { HearingKind::Standing },
        name: a.name,
        meeting_date: a.date,
        meeting_end: a.end,
        notice_date: a.notice,
        deadline: a.deadline,
        seats: a.seats,
        method: if a.draw { HearingMethod::Draw } else { HearingMethod::Order },
        place: a.place,
        topics: a.topics,
    };
    let m: HearingMeeting = call(r, "hearing_meeting_create", input)?;
    done(json, &m, || {
        format!(
            "已发布旁听公告（会议编号 {}）：{}，{}，名额 {} 人，报名截止 {}",
            m.id, m.name, m.meeting_date, m.seats, m.deadline
        )
    })
}

fn meeting_list(r: &mut Renda, year: Option<i64>, json: bool) -> Result<(), Error> {
    let list: Vec<HearingMeeting> = call(r, "hearing_meetings", json!({ "year": year }))?;
    if json {
        print_json(&list);
    } else {
        for m in &list {
            say!(
                "{}\t{}\t{}\t名额 {}\t报名 {}\t入选 {}\t签到 {}",
                m.id,
                m.meeting_date,
                m.name,
                m.seats,
                m.applications,
                m.seated,
                m.attended
            );
        }
    }
    Ok(())
}

fn show(r: &mut Renda, id: i64, json: bool) -> Result<(), Error> {
    let d: HearingDetail = call(r, "hearing_get", json!({ "id": id }))?;
    if json {
        print_json(&d);
        return Ok(());
    }
    let m = &d.meeting;
    say!("{}（{}，名额 {} 人，报名截止 {}）", m.name, m.meeting_date, m.seats, m.deadline);
    if let Some(seed) = m.seed {
        say!("随机种子 {seed}");
    }
    for a in &d.applications {
        let note = a.reason.clone().or_else(|| (!a.proposed_reasons.is_empty()).then(|| a.proposed_reasons.join("；")));
        say!(
            "{}\t{}\t{}\t{}\t{}\t{}",
            a.id,
            a.name,
            a.id_number,
            a.status.label(),
            a.card_no.clone().unwrap_or_default(),
            note.unwrap_or_default()
        );
    }
    for o in &d.opinions {
        let adopted = match o.adopted {
            Some(true) => "采纳",
            Some(false) => "未采纳",
            None => "待定",
        };
        say!("意见 {}\t{}\t{}\t{adopted}", o.id, o.topic, o.content);
    }
    Ok(())
}

fn apply(r: &mut Renda, a: Apply, json: bool) -> Result<(), Error> {
    let kind = match a.recommender_kind.as_deref() {
        Some(k) => Some(HearingRecommender::from_label(k).ok_or_else(|| {
            Error::field("recommender_kind", format!("推荐单位类别「{k}」应为党派、团体、街道或乡镇"))
        })?),
        None => None,
    };
    let source = if a.recommender.is_some() { HearingSource::Recommended } else { HearingSource::Own };
    let input = HearingApplicationInput {
        meeting_id: a.meeting,
        name: a.name,
        id_number: a.id_number,
        source,
        recommender_kind: kind,
        recommender: a.recommender,
        local_hukou: !a.not_local,
        address: a.address,
        resident_since: a.since,
        employer: a.employer,
        phone: a.phone,
        applied_on: a.date,
    };
    let x: HearingApplication = call(r, "hearing_apply", input)?;
    done(json, &x, || {
        let check = if x.proposed_reasons.is_empty() {
            "自动核查：符合条件".to_string()
        } else {
            format!("自动核查：{}", x.proposed_reasons.join("；"))
        };
        format!("已登记报名（申请编号 {}）：{}，{}。{check}", x.id, x.name, x.id_number)
    })
}

fn review(r: &mut Renda, a: Review, json: bool) -> Result<(), Error> {
    if a.all {
        let d: HearingDetail = call(r, "hearing_review_all", json!({ "id": a.id }))?;
        let ok = d.applications.iter().filter(|x| x.status == HearingStatus::Approved).count();
        let no = d.applications.iter().filter(|x| x.status == HearingStatus::Ineligible).count();
        return done(json, &d, || format!("{}：审核通过 {ok} 人，不符合条件 {no} 人", d.meeting.name));
    }
    if a.approve == a.reject {
        return Err(Error::field("approve", "请用 --approve（审核通过）或 --reject（不符合条件）之一，或 --all"));
    }
    let x: HearingApplication =
        call(r, "hearing_review", HearingReviewArgs { id: a.id, approve: a.approve, reason: a.reason })?;
    done(json, &x, || match &x.reason {
        Some(reason) => format!("{}：{}（{reason}）", x.name, x.status.label()),
        None => format!("{}：{}", x.name, x.status.label()),
    })
}

fn opinion(r: &mut Renda, o: OpinionAdd, json: bool) -> Result<(), Error> {
    let adopted = if o.adopted {
        Some(true)
    } else if o.not_adopted {
        Some(false)
    } else {
        None
    };
    let input = HearingOpinionInput {
        meeting_id: o.meeting,
        application_id: o.by,
        topic: o.topic,
        content: o.content,
        forwarded_to: o.forwarded_to,
        reply: o.reply,
        adopted,
    };
    let x: HearingOpinion = call(r, "hearing_opinion_create", input)?;
    done(json, &x, || format!("已登记旁听意见（编号 {}）：{}", x.id, x.topic))
}

fn figures(r: &mut Renda, year: Option<i64>, json: bool) -> Result<(), Error> {
    let list: Vec<HearingFigures> = call(r, "hearing_figures", json!({ "year": year }))?;
    if json {
        print_json(&list);
    } else {
        say!("年度\t开放会议\t报名\t旁听人次\t旁听议题\t意见\t采纳");
        for f in &list {
            say!(
                "{}\t{}\t{}\t{}\t{}\t{}\t{}",
                f.year,
                f.meetings,
                f.applications,
                f.attendances,
                f.topics,
                f.opinions,
                f.adopted
            );
        }
    }
    Ok(())
}
