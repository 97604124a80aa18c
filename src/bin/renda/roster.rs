//! `renda deputy`, `renda unit`, `renda station`: the roster, and finding its records by name.

use clap::{Args, Subcommand};
use renda::common::Page;
use renda::roster::model::*;
use renda::{Error, Renda};
use serde_json::json;

use crate::{call, print_json, say};

#[derive(Subcommand)]
pub enum DeputyCmd {
    /// 新增代表
    Add(Box<DeputyAdd>),
    /// 列出代表
    List(DeputyList),
}

#[derive(Args)]
pub struct DeputyList {
    /// 按姓名、拼音首字母（如 zs）、单位、电话搜索
    #[arg(long)]
    q: Option<String>,
    /// 层级：全国/省/市/县/乡
    #[arg(long)]
    level: Option<String>,
    #[arg(long)]
    district: Option<String>,
    /// 联络站名称
    #[arg(long)]
    station: Option<String>,
    #[arg(long)]
    status: Option<String>,
    /// pinyin（拼音）/ strokes（姓氏笔画）/ district / birth / updated
    #[arg(long, default_value = "pinyin")]
    sort: String,
    /// 包括已停用的代表
    #[arg(long)]
    all: bool,
}

#[derive(Args)]
pub struct DeputyAdd {
    #[arg(long)]
    pub name: String,
    #[arg(long)]
    pub gender: Option<String>,
    /// 民族
    #[arg(long)]
    pub ethnicity: Option<String>,
    /// 出生年月，如 1975-03
    #[arg(long)]
    pub birth: Option<String>,
    /// 政治面貌
    #[arg(long)]
    pub political: Option<String>,
    /// 文化程度
    #[arg(long)]
    pub education: Option<String>,
    /// 工作单位及职务
    #[arg(long)]
    pub work_unit: Option<String>,
    /// 代表证号
    #[arg(long)]
    pub card_no: Option<String>,
    /// 身份证号
    #[arg(long)]
    pub id_number: Option<String>,
    /// 层级，可多个：--level 县 --level 乡，或 --level 县,乡
    #[arg(long, value_delimiter = ',', required = true)]
    pub level: Vec<String>,
    /// 选区
    #[arg(long)]
    pub district: Option<String>,
    /// 代表团 / 代表小组
    #[arg(long)]
    pub delegation: Option<String>,
    /// 行业小组
    #[arg(long)]
    pub sector_group: Option<String>,
    #[arg(long)]
    pub phone: Option<String>,
    /// 通讯地址
    #[arg(long)]
    pub address: Option<String>,
    /// 备注（如 2023年补选）
    #[arg(long)]
    pub note: Option<String>,
    /// 所属联络站名称
    #[arg(long)]
    pub station: Option<String>,
    /// 届次名称（如 清河县第十八届人民代表大会），默认当前届
    #[arg(long)]
    pub term: Option<String>,
}

#[derive(Subcommand)]
pub enum UnitCmd {
    /// 新增承办单位
    Add {
        #[arg(long)]
        name: String,
        /// 政府部门 / 法院 / 检察院 / 乡镇 / 其他
        #[arg(long, default_value = "政府部门")]
        kind: String,
        /// 联系人
        #[arg(long)]
        contact: Option<String>,
        /// 联系电话
        #[arg(long)]
        phone: Option<String>,
    },
    /// 列出承办单位
    List {
        #[arg(long)]
        q: Option<String>,
        #[arg(long)]
        kind: Option<String>,
        #[arg(long)]
        all: bool,
    },
}

#[derive(Subcommand)]
pub enum StationCmd {
    /// 新增联络站
    Add(StationAdd),
    /// 列出联络站
    List {
        #[arg(long)]
        q: Option<String>,
        #[arg(long)]
        township: Option<String>,
        #[arg(long)]
        all: bool,
    },
}

#[derive(Args)]
pub struct StationAdd {
    #[arg(long)]
    pub name: String,
    /// 代表之家 / 代表联络站 / 行业联络站 / 立法联系点
    #[arg(long, default_value = "代表联络站")]
    pub kind: String,
    /// 所属乡镇
    #[arg(long)]
    pub township: Option<String>,
    #[arg(long)]
    pub address: Option<String>,
    /// 站长
    #[arg(long)]
    pub head: Option<String>,
    /// 联络员
    #[arg(long)]
    pub liaison: Option<String>,
    /// 每月接待日，如 6,16,26（逢六进站）
    #[arg(long, value_delimiter = ',', conflicts_with = "weekdays")]
    pub days: Vec<i64>,
    /// 每周接待日，1=周一 … 7=周日，如 2,4
    #[arg(long, value_delimiter = ',')]
    pub weekdays: Vec<i64>,
    /// 提前几天公告
    #[arg(long, default_value_t = 3)]
    pub notice_days: i64,
    /// 驻站代表姓名，用顿号或逗号分隔
    #[arg(long)]
    pub deputies: Option<String>,
}

pub fn deputy(r: &mut Renda, cmd: DeputyCmd, json: bool) -> Result<(), Error> {
    match cmd {
        DeputyCmd::Add(a) => deputy_add(r, *a, json),
        DeputyCmd::List(a) => deputy_list(r, a, json),
    }
}

fn deputy_add(r: &mut Renda, a: DeputyAdd, json: bool) -> Result<(), Error> {
    let station_id = match &a.station {
        Some(name) => Some(station_id_by_name(r, name)?),
        None => None,
    };
    let terms: Vec<Term> = call(r, "term_list", json!({}))?;
    let term_id =
        match &a.term {
            Some(name) => {
                Some(terms.iter().find(|t| &t.name == name).map(|t| t.id).ok_or_else(|| {
                    Error::field("term_id", format!("找不到届次「{name}」，请用 renda term list 查看"))
                })?)
            }
            None => terms.iter().find(|t| t.is_current).map(|t| t.id),
        };
    let input = DeputyInput {
        name: a.name,
        gender: a.gender,
        ethnicity: a.ethnicity,
        birth_month: a.birth,
        political: a.political,
        education: a.education,
        work_unit: a.work_unit,
        card_no: a.card_no,
        id_number: a.id_number,
        levels: a.level,
        district: a.district,
        delegation: a.delegation,
        sector_group: a.sector_group,
        phone: a.phone,
        address: a.address,
        note: a.note,
        station_id,
        term_id,
    };
    let d: Deputy = call(r, "deputy_create", input)?;
    if json {
        print_json(&d);
    } else {
        say!("已新增代表 {}（编号 {}）", d.name, d.id);
    }
    Ok(())
}

fn deputy_list(r: &mut Renda, a: DeputyList, json: bool) -> Result<(), Error> {
    let DeputyList { q, level, district, station, status, sort, all } = a;
    let station_id = match &station {
        Some(name) => Some(station_id_by_name(r, name)?),
        None => None,
    };
    let query = DeputyQuery {
        q,
        level,
        district,
        station_id,
        status,
        include_inactive: Some(all),
        sort: Some(sort),
        page_size: Some(0),
        ..Default::default()
    };
    let page: Page<DeputyRow> = call(r, "deputy_list", query)?;
    if json {
        print_json(&page.items);
    } else {
        say!(
            "{:<8}\t{:<2}\t{:<7}\t{:<8}\t{:<10}\t{:<11}\t工作单位及职务",
            "姓名",
            "性别",
            "出生年月",
            "层级",
            "选区",
            "联系电话"
        );
        for d in &page.items {
            say!(
                "{:<8}\t{:<2}\t{:<7}\t{:<8}\t{:<10}\t{:<11}\t{}",
                d.name,
                d.gender.as_deref().unwrap_or(""),
                d.birth_month.as_deref().unwrap_or(""),
                d.levels.join("、"),
                d.district.as_deref().unwrap_or(""),
                d.phone.as_deref().unwrap_or(""),
                d.work_unit.as_deref().unwrap_or("")
            );
        }
        say!("共 {} 人", page.total);
    }
    Ok(())
}

pub fn unit(r: &mut Renda, cmd: UnitCmd, json: bool) -> Result<(), Error> {
    match cmd {
        UnitCmd::Add { name, kind, contact, phone } => {
            let u: Unit =
                call(r, "unit_create", UnitInput { name, kind, contact_person: contact, contact_phone: phone })?;
            if json {
                print_json(&u);
            } else {
                say!("已新增承办单位 {}（编号 {}）", u.name, u.id);
            }
        }
        UnitCmd::List { q, kind, all } => {
            let query = UnitQuery { q, kind, include_inactive: Some(all), page_size: Some(0), ..Default::default() };
            let page: Page<Unit> = call(r, "unit_list", query)?;
            if json {
                print_json(&page.items);
            } else {
                for u in &page.items {
                    say!(
                        "{}\t{}\t{}\t{}{}",
                        u.name,
                        u.kind,
                        u.contact_person.as_deref().unwrap_or(""),
                        u.contact_phone.as_deref().unwrap_or(""),
                        if u.active { "" } else { "\t（已停用）" }
                    );
                }
                say!("共 {} 个单位", page.total);
            }
        }
    }
    Ok(())
}

pub fn station(r: &mut Renda, cmd: StationCmd, json: bool) -> Result<(), Error> {
    match cmd {
        StationCmd::Add(a) => station_add(r, a, json),
        StationCmd::List { q, township, all } => {
            let query =
                StationQuery { q, township, include_inactive: Some(all), page_size: Some(0), ..Default::default() };
            let page: Page<Station> = call(r, "station_list", query)?;
            if json {
                print_json(&page.items);
            } else {
                for s in &page.items {
                    say!(
                        "{}\t{}\t{}\t{}\t驻站代表 {} 人",
                        s.name,
                        s.kind,
                        s.township.as_deref().unwrap_or(""),
                        s.schedule_text,
                        s.deputies.len()
                    );
                }
                say!("共 {} 个联络站", page.total);
            }
            Ok(())
        }
    }
}

fn station_add(r: &mut Renda, a: StationAdd, json: bool) -> Result<(), Error> {
    let StationAdd { name, kind, township, address, head, liaison, days, weekdays, notice_days, deputies } = a;
    let schedule = if !days.is_empty() {
        Schedule { kind: "month_days".into(), days, notice_days }
    } else if !weekdays.is_empty() {
        Schedule { kind: "weekdays".into(), days: weekdays, notice_days }
    } else {
        Schedule { notice_days, ..Schedule::default() }
    };
    let mut deputy_ids = Vec::new();
    for n in deputies
        .iter()
        .flat_map(|s| s.split(['、', ',', '，', ';', '；']))
        .map(renda::text::normalize_name)
        .filter(|n| !n.is_empty())
    {
        let found = deputies_named(r, &n)?;
        let exact: Vec<_> = found.iter().filter(|d| d.name == n).collect();
        match exact.as_slice() {
            [d] => deputy_ids.push(d.id),
            [] => return Err(Error::field("deputy_ids", format!("名册中没有代表「{n}」，请先添加或检查姓名"))),
            _ => {
                return Err(Error::field(
                    "deputy_ids",
                    format!("名册中有 {} 位代表叫「{n}」，请在界面中选择", exact.len()),
                ))
            }
        }
    }
    let input = StationInput { name, kind, township, address, head, liaison, schedule, deputy_ids };
    let s: Station = call(r, "station_create", input)?;
    if json {
        print_json(&s);
    } else {
        say!("已新增联络站 {}（{}）", s.name, s.schedule_text);
    }
    Ok(())
}

/// The deputies a search for `name` finds (name or pinyin initials): the exact ones are among them.
fn deputies_named(r: &mut Renda, name: &str) -> Result<Vec<DeputyRow>, Error> {
    let query = DeputyQuery { q: Some(name.to_string()), page_size: Some(0), ..Default::default() };
    Ok(call::<Page<DeputyRow>>(r, "deputy_list", query)?.items)
}

pub fn station_id_by_name(r: &mut Renda, name: &str) -> Result<i64, Error> {
    let query = StationQuery {
        q: Some(name.to_string()),
        include_inactive: Some(true),
        page_size: Some(0),
        ..Default::default()
    };
    let page: Page<Station> = call(r, "station_list", query)?;
    page.items.iter().find(|s| s.name == name.trim()).map(|s| s.id).ok_or_else(|| {
        Error::field("station_id", format!("找不到联络站「{name}」，请用 renda station list 查看准确名称"))
    })
}

pub fn names_to_ids(r: &mut Renda, names: &str, deputies: bool) -> Result<Vec<i64>, Error> {
    let mut ids = Vec::new();
    for n in names.split(['、', ',', '，', ';', '；']).map(|x| x.trim()).filter(|x| !x.is_empty()) {
        ids.push(if deputies { deputy_id_by_name(r, n)? } else { unit_id_by_name(r, n)? });
    }
    Ok(ids)
}

pub fn deputy_id_by_name(r: &mut Renda, name: &str) -> Result<i64, Error> {
    let n = renda::text::normalize_name(name);
    let found = deputies_named(r, &n)?;
    let exact: Vec<_> = found.iter().filter(|d| d.name == n).collect();
    match exact.as_slice() {
        [d] => Ok(d.id),
        [] => Err(Error::field("lead_deputy_id", format!("名册中没有代表「{n}」"))),
        _ => Err(Error::field("lead_deputy_id", format!("名册中有 {} 位代表叫「{n}」，请在界面中选择", exact.len()))),
    }
}

pub fn station_and_book(r: &mut Renda, station: Option<&str>, book: Option<&str>) -> Result<(i64, String), Error> {
    let station =
        station.ok_or_else(|| Error::field("station", "请用 --station 指定联络站名称（renda station list 可查）"))?;
    let id = station_id_by_name(r, station)?;
    let book = book.ok_or_else(|| {
        Error::field(
            "book",
            "请用 --book 指定登记簿：activity（活动）、contact（联系群众）、report（述职）、opinion（意见）",
        )
    })?;
    Ok((id, book.to_string()))
}

pub fn unit_id_by_name(r: &mut Renda, name: &str) -> Result<i64, Error> {
    let query = UnitQuery { q: Some(name.to_string()), page_size: Some(0), ..Default::default() };
    let page: Page<Unit> = call(r, "unit_list", query)?;
    page.items.iter().find(|u| u.name == name.trim()).map(|u| u.id).ok_or_else(|| {
        Error::field("main_unit_id", format!("找不到承办单位「{name}」，请用 renda unit list 查看准确名称"))
    })
}
