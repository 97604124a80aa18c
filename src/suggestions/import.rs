//! Import of a county's 交办清单 / 办理情况汇总表 (DOMAIN.md §4.2 tables 1–2 as columns). Rows may
//! already carry the reply and a single 满意度 (taken as both ratings); their history is recorded
//! as imported. Idempotent on 会次 + 编号. The area's import kind is declared here, beside its
//! reader; `excel.rs` declares the exports.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::deadline::add_months;
use super::model::*;
use super::store;
use crate::common::Vote;
use crate::db::audit;
use crate::error::{Error, Result};
use crate::excel::import::*;
use crate::excel::kinds::{ImportDecl, ImportSet, Needs, TemplateChoice};
use crate::excel::names::{NameBook, Named, UNIT_SUFFIXES};
use crate::excel::spec::{Field, FieldValue, Kind, RowError, TableSpec};
use crate::roster::model::Session;
use crate::roster::store::NewTerm;
use crate::Renda;

/// What the suggestions area brings in: a 交办清单 or a 办理情况汇总表.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "kebab-case")]
pub enum SuggestionImport {
    Suggestions,
}

const SUGGESTIONS: ImportDecl = ImportDecl { key: "suggestions", title: "代表建议", needs: Needs::Session };

impl ImportSet for SuggestionImport {
    const KINDS: &'static [(Self, ImportDecl)] = &[(SuggestionImport::Suggestions, SUGGESTIONS)];

    fn import(self, r: &mut Renda, bytes: &[u8], a: &ImportRequest) -> Result<ImportReport> {
        r.import_suggestions(bytes, &a.file_name, &a.options, a.session_id)
    }

    fn template(self, r: &Renda, _: &TemplateChoice) -> Result<(String, Vec<u8>)> {
        let title = "代表建议交办清单（办理情况汇总表）导入模板";
        let note = "填写说明：编号、案由、领衔代表必填；标题行写明“第X届人民代表大会第Y次会议”即导入到该会次；附议代表、协办单位可填多个，用顿号分隔；日期如 2026-03-05。";
        Ok((title.into(), r.blank_template(&SUGGESTION_SPEC, title, note)?))
    }
}

const PERIOD_CHOICES: &[(&str, &[&str])] =
    &[(AT_SESSION, &["大会期间", "会议期间", "人代会期间", "会期"]), (RECESS, &["闭会期间", "平时"])];
const KEY_CHOICES: &[(&str, &[&str])] =
    &[("是", &["重点", "重点督办", "√", "✓", "1", "y", "yes"]), ("否", &["0", "n", "no", "一般", "-"])];
const RATING_CHOICES: &[(&str, &[&str])] = &[
    (Vote::Satisfied.label(), &[]),
    (Vote::Basic.label(), &["比较满意"]),
    (Vote::Unsatisfied.label(), &[]),
    (NO_OPINION, &["未填", "未反馈"]),
];

pub static SUGGESTION_SPEC: TableSpec = TableSpec {
    kind: "suggestions",
    title: "代表建议交办清单或办理情况汇总表",
    fields: &[
        Field::new("number", "编号", &["建议编号", "案号", "建议号", "建议序号", "编号（号）", "建议案号"], Kind::Code)
            .required(),
        Field::new(
            "title",
            "案由",
            &["建议标题", "标题", "建议名称", "题目", "建议案由", "建议题目", "建议内容", "内容摘要"],
            Kind::Text,
        )
        .required(),
        Field::new(
            "lead",
            "领衔代表",
            &["领衔人", "提出人", "代表姓名", "提建议代表", "领衔", "提出代表", "提出者", "领衔代表姓名"],
            Kind::Name,
        )
        .required(),
        Field::new("cosigners", "附议代表", &["附议人", "联名代表", "附议", "附议代表姓名", "联名人"], Kind::List),
        Field::new("delegation", "代表团/选区", &["代表团", "选区", "所在代表团"], Kind::Text),
        Field::new("period", "大会/闭会", &["提出时间", "提出时段", "大会或闭会"], Kind::Choice(PERIOD_CHOICES)),
        Field::new("category", "类别", &["建议类别", "分类", "建议分类"], Kind::Text),
        Field::new(
            "main_unit",
            "主办单位",
            &["承办单位", "主办", "主办单位名称", "责任单位", "交办单位", "牵头单位", "承办部门"],
            Kind::Text,
        ),
        Field::new("co_units", "协办单位", &["协办", "会办单位", "配合单位"], Kind::List),
        Field::new("assigned_date", "交办日期", &["交办时间", "交办"], Kind::Date),
        Field::new("due_date", "要求答复日期", &["答复期限", "办理期限", "要求办结时间", "要求答复时间"], Kind::Date),
        Field::new("key_item", "重点", &["重点督办", "是否重点", "是否重点督办"], Kind::Choice(KEY_CHOICES)),
        Field::new("supervisor", "督办领导", &["督办"], Kind::Text),
        Field::new(
            "reply_date",
            "答复日期",
            &["答复时间", "办复日期", "办复时间", "办结日期", "办结时间", "答复办结时间"],
            Kind::Date,
        ),
        Field::new("doc_no", "文号", &["答复文号", "答复函文号", "办复文号"], Kind::Text),
        Field::new(
            "class",
            "答复类别",
            &["办理结果类别", "答复分类", "办复类别", "办理结果", "办理情况", "处理结果", "答复类型", "办理类别"],
            Kind::Text,
        ),
        Field::new(
            "satisfaction",
            "满意度",
            &[
                "代表满意度",
                "代表意见",
                "征询意见",
                "满意度（结果）",
                "代表评价",
                "结果满意度",
                "办理结果满意度",
                "对办理结果满意度",
                "代表满意度·办理结果",
                "满意度·办理结果",
                "代表满意度·结果",
                "满意度·结果",
                "代表意见·办理结果",
                "代表评价·办理结果",
            ],
            Kind::Choice(RATING_CHOICES),
        ),
        Field::new(
            "satisfaction_work",
            "工作满意度",
            &[
                "办理工作满意度",
                "对办理工作满意度",
                "代表满意度·办理工作",
                "满意度·办理工作",
                "代表满意度·工作",
                "满意度·工作",
                "代表意见·办理工作",
                "代表评价·办理工作",
            ],
            Kind::Choice(RATING_CHOICES),
        ),
        Field::new("adoption", "采纳情况", &["采纳"], Kind::Text),
        Field::new("note", "备注", &[], Kind::Text),
    ],
};

/// `第12号`, `012`, `12`, `12号` → 12.
pub fn parse_number(s: &str) -> Option<i64> {
    let digits: String = crate::text::to_half_width(s).chars().filter(|c| c.is_ascii_digit()).collect();
    digits.parse().ok().filter(|n| *n > 0)
}

struct Planned {
    row: u32,
    existing: Option<i64>,
    number: i64,
    title: String,
    category: Option<String>,
    period: String,
    lead: i64,
    cosigners: Vec<i64>,
    main_unit: Option<String>,
    co_units: Vec<String>,
    assigned: Option<String>,
    due: Option<String>,
    key_item: bool,
    supervisor: Option<String>,
    reply_date: Option<String>,
    doc_no: Option<String>,
    class: Option<String>,
    satisfaction: Option<String>,
    /// 对办理工作的满意度 when the sheet gives it apart (else taken as the same as the result's).
    work: Option<String>,
    adoption: Option<String>,
    note: Option<String>,
    changes: Vec<FieldChange>,
}

impl Planned {
    /// The row as the preview compares it; the 交办 columns count only with a 主办单位, since
    /// without one there is no 交办 to write (an empty value changes nothing).
    fn display(&self) -> Vec<(&'static str, String)> {
        let o = |x: &Option<String>| x.clone().unwrap_or_default();
        let assigned = |x: String| if self.main_unit.is_some() { x } else { String::new() };
        vec![
            ("title", self.title.clone()),
            ("category", o(&self.category)),
            ("main_unit", o(&self.main_unit)),
            ("co_units", assigned(self.co_units.join("、"))),
            ("assigned_date", assigned(o(&self.assigned))),
            ("due_date", assigned(o(&self.due))),
            ("key_item", assigned(if self.key_item { "是" } else { "否" }.into())),
            ("reply_date", o(&self.reply_date)),
            ("class", o(&self.class)),
            ("satisfaction", o(&self.satisfaction)),
        ]
    }
}

impl Renda {
    /// Imports a 交办清单 / 汇总表. The session: `session_id`, else the one the sheet's title names
    /// (created if new), else the current session.
    pub fn import_suggestions(
        &mut self,
        bytes: &[u8],
        file_name: &str,
        opts: &ImportOptions,
        session_id: Option<i64>,
    ) -> Result<ImportReport> {
        let spec = &SUGGESTION_SPEC;
        let settings = self.suggestion_settings()?;
        let parsed = self.read_import_sheet(spec, bytes, file_name, opts)?;
        let progress = self.progress();
        let (target, mut notes, new_term) = self.import_session(session_id, &parsed.title_text)?;
        let mut look = Lookups::read(self.conn(), &settings, &parsed, target.existing().map(|s| s.id))?;
        let mut plan = Vec::new();
        let mut preview = Vec::new();
        let mut errors = Vec::new();
        let mut tally = (0, 0, 0);
        let mut seen: HashMap<i64, u32> = HashMap::new();
        let mut undated: Vec<u32> = Vec::new();
        let n = parsed.rows.len() as u64;
        for (i, row) in parsed.rows.iter().enumerate() {
            progress.tick("检查数据", i as u64 + 1, n);
            let mut p = match look.plan(row, &mut seen) {
                Ok(p) => p,
                Err((key_text, errs)) => {
                    errors.extend(errs.iter().cloned());
                    preview.push(PreviewRow::of(row, "error", key_text, vec![], errs));
                    continue;
                }
            };
            if p.main_unit.is_some() && p.assigned.is_none() {
                undated.push(row.row);
            }
            let action = changes(self.conn(), &mut p, &mut tally)?;
            let key_text = settings.format_number(p.number) + " " + &p.title;
            preview.push(PreviewRow::of(row, action, key_text, p.changes.clone(), vec![]));
            if action != "unchanged" {
                plan.push(p);
            }
        }
        if !target.name().is_empty() {
            notes.insert(0, format!("导入到：{}", target.name()));
        }
        if !undated.is_empty() {
            notes.push(format!(
                "第{}行有主办单位但没有交办日期：交办日期和要求答复日期留空，导入后请在建议中补填",
                undated.iter().map(|r| r.to_string()).collect::<Vec<_>>().join("、")
            ));
        }
        let mut report = ImportReport::from_preview(
            (spec.kind, SUGGESTIONS.title),
            file_name,
            bytes,
            &parsed,
            preview,
            tally,
            errors,
            notes,
            opts,
        );
        if let SessionTarget::New { name, .. } = &target {
            report.created.insert("sessions".into(), vec![name.clone()]);
        }
        if let Some(t) = &new_term {
            report.created.insert("terms".into(), vec![t.name()]);
        }
        report.add_names(&look.units);
        let nothing = plan.is_empty();
        let units = look.units;
        self.commit_import(report, opts, nothing, |tx| {
            let place = Place::make(tx, &target, new_term.as_ref())?;
            let unit_ids = unit_ids(tx, &units)?;
            for (i, p) in plan.iter().enumerate() {
                progress.tick("写入数据", i as u64 + 1, plan.len() as u64);
                write_row(tx, &settings, p, &place, &unit_ids, file_name)?;
            }
            Ok(())
        })
    }
}

/// The units of the book by name, those the import creates inserted first.
fn unit_ids(tx: &rusqlite::Connection, book: &NameBook) -> Result<HashMap<String, i64>> {
    let mut ids: HashMap<String, i64> =
        crate::roster::store::unit_names(tx)?.into_iter().map(|(id, name)| (name, id)).collect();
    for u in book.created().map(|c| c.1).unwrap_or_default() {
        let id = crate::roster::store::unit_insert_named(tx, &u, "导入建议时")?;
        ids.insert(u, id);
    }
    Ok(ids)
}

/// The coded cells of a row (答复类别, 采纳情况, 建议分类), each checked against its list.
type Coded = (Option<String>, Option<String>, Option<String>);

fn coded(
    settings: &SuggestionSettings,
    t: &dyn Fn(&str) -> Option<String>,
    err: &dyn Fn(&str, String) -> RowError,
    errs: &mut Vec<RowError>,
) -> Coded {
    let class = t("class").and_then(|cl| {
        let code = settings.class_code(&cl);
        if code.is_none() {
            errs.push(err("class", format!("无法识别：{cl}（可填：{}）", settings.class_list_text())));
        }
        code
    });
    let adoption = t("adoption");
    if let Some(a) = adoption.as_ref().filter(|a| !ADOPTIONS.contains(&a.as_str())) {
        errs.push(err("adoption", format!("无法识别：{a}（可填：{}）", ADOPTIONS.join("、"))));
    }
    let category = t("category");
    if let Some(cat) = category.as_ref().filter(|c| !settings.categories.contains(c)) {
        let all = settings.categories.join("、");
        errs.push(err("category", format!("「{cat}」不在建议分类表中（{all}），请改写或先在设置中增加")));
    }
    (class, adoption, category)
}

/// The column header a field was read from (its label when the sheet lacks it).
fn header(parsed: &crate::excel::spec::ParsedSheet, key: &str) -> String {
    parsed.columns.iter().find(|c| c.field == key).map(|c| c.header.clone()).unwrap_or_else(|| {
        SUGGESTION_SPEC.fields.iter().find(|f| f.key == key).map(|f| f.label.to_string()).unwrap_or_default()
    })
}

/// An existing suggestion's fields the row changes (`update`, or `unchanged`); a new one is `add`.
fn changes(c: &rusqlite::Connection, p: &mut Planned, tally: &mut (i64, i64, i64)) -> Result<&'static str> {
    let Some(id) = p.existing else {
        tally.0 += 1;
        return Ok("add");
    };
    let before = store::import_display(c, id)?;
    let after = p.display();
    p.changes = before
        .iter()
        .zip(after.iter())
        .filter(|(b, a)| !a.1.is_empty() && !same_value(b.0, &b.1, &a.1))
        .map(|(b, a)| FieldChange {
            field: b.0.into(),
            label: SUGGESTION_SPEC.fields.iter().find(|f| f.key == b.0).map(|f| f.label).unwrap_or("").into(),
            before: b.1.clone(),
            after: a.1.clone(),
        })
        .collect();
    Ok(if p.changes.is_empty() {
        tally.2 += 1;
        "unchanged"
    } else {
        tally.1 += 1;
        "update"
    })
}

/// A stored value and a sheet's value are the same: lists of units (协办单位) compare as sets, since
/// a 汇总表 may list them in another order than they were stored (the written order is kept for
/// display); a re-import of the same file then changes nothing.
fn same_value(field: &str, stored: &str, sheet: &str) -> bool {
    if field != "co_units" {
        return stored == sheet;
    }
    fn set(s: &str) -> std::collections::BTreeSet<&str> {
        s.split('、').filter(|u| !u.is_empty()).collect()
    }
    set(stored) == set(sheet)
}

/// What the rows of a sheet are checked against: the roster's names, the units (a name the
/// import would create is listed), the numbers already in the session.
struct Lookups<'a> {
    settings: &'a SuggestionSettings,
    parsed: &'a crate::excel::spec::ParsedSheet,
    /// Names → ids, after normalization; a name held by several deputies is ambiguous.
    deputies: HashMap<String, Vec<i64>>,
    units: NameBook,
    existing: HashMap<i64, i64>,
}

impl<'a> Lookups<'a> {
    fn read(
        c: &rusqlite::Connection,
        settings: &'a SuggestionSettings,
        parsed: &'a crate::excel::spec::ParsedSheet,
        session: Option<i64>,
    ) -> Result<Self> {
        let deputies = crate::roster::store::deputies_by_name(c)?;
        let units = crate::roster::store::unit_names(c)?;
        let existing: HashMap<i64, i64> = match session {
            Some(s) => store::numbered_in_session(c, s)?,
            None => HashMap::new(),
        };
        let units = NameBook::new("units", "承办单位", UNIT_SUFFIXES, units);
        Ok(Lookups { settings, parsed, deputies, units, existing })
    }

    /// The deputy a name is, or why not.
    fn deputy(&self, name: &str, err: &dyn Fn(String) -> RowError) -> std::result::Result<i64, RowError> {
        let n = crate::text::normalize_name(name);
        match self.deputies.get(&n).map(|v| v.as_slice()) {
            Some([id]) => Ok(*id),
            Some(many) if many.len() > 1 => {
                Err(err(format!("「{n}」在代表名册中有 {} 人同名，请在界面中逐件登记", many.len())))
            }
            _ => Err(err(format!("「{n}」不在代表名册中，请先在代表名册中添加该代表，或检查姓名是否写错"))),
        }
    }

    /// A row as planned, or its preview key and every problem of it.
    fn plan(
        &mut self,
        row: &crate::excel::spec::ParsedRow,
        seen: &mut HashMap<i64, u32>,
    ) -> std::result::Result<Planned, (String, Vec<RowError>)> {
        let (settings, parsed) = (self.settings, self.parsed);
        let mut errs = row.errors.clone();
        let v = &row.values;
        let t = |k: &str| v.get(k).map(|x| x.text()).filter(|s| !s.is_empty());
        let list = |k: &str| match v.get(k) {
            Some(FieldValue::List(l)) => l.clone(),
            _ => vec![],
        };
        let err = |k: &str, msg: String| RowError {
            sheet: row.sheet.clone(),
            row: row.row as i64,
            column: header(parsed, k),
            message: format!("第{}行「{}」{msg}", row.row, header(parsed, k)),
        };
        let number = t("number").and_then(|n| parse_number(&n));
        if number.is_none() && t("number").is_some() {
            let written = t("number").unwrap_or_default();
            errs.push(err("number", format!("无法识别：{written}（应为数字，如 12 或 第12号）")));
        }
        if let Some(first) = number.and_then(|n| seen.insert(n, row.row)) {
            errs.push(err("number", format!("编号 {} 与第{first}行重复", number.unwrap_or_default())));
        }
        let lead = match t("lead").map(|n| self.deputy(&n, &|m| err("lead", m))) {
            Some(Ok(id)) => Some(id),
            Some(Err(e)) => {
                errs.push(e);
                None
            }
            None => None,
        };
        let mut cosigners = Vec::new();
        for n in list("cosigners") {
            match self.deputy(&n, &|m| err("cosigners", m)) {
                Ok(id) => cosigners.push(id),
                Err(e) => errs.push(e),
            }
        }
        let (class, adoption, category) = coded(settings, &t, &err, &mut errs);
        let main_unit = t("main_unit").map(|u| unit_name(&mut self.units, &u));
        let co_units: Vec<String> = list("co_units").iter().map(|u| unit_name(&mut self.units, u)).collect();
        if t("reply_date").is_some() && main_unit.is_none() {
            errs.push(err("main_unit", "为空：已答复的建议须有主办单位".into()));
        }
        if t("satisfaction_work").is_some() && t("satisfaction").is_none() {
            errs.push(err("satisfaction_work", "有对办理工作的满意度，却没有对办理结果的满意度，请补上".into()));
        }
        if t("satisfaction").is_some() && t("reply_date").is_none() {
            errs.push(err("reply_date", "为空：有满意度的建议须有答复日期".into()));
        }
        // no date is invented: a 交办 without its date stays without one, and so does its due date
        let assigned = t("assigned_date");
        let due = t("due_date").or_else(|| {
            assigned
                .as_deref()
                .and_then(|a| chrono::NaiveDate::parse_from_str(a, "%Y-%m-%d").ok())
                .map(|a| add_months(a, settings.reply_months).format("%Y-%m-%d").to_string())
        });
        let (Some(number), Some(lead), true) = (number, lead, errs.is_empty()) else {
            let key_text =
                number.map(|n| settings.format_number(n)).unwrap_or_default() + " " + &t("title").unwrap_or_default();
            return Err((key_text, errs));
        };
        Ok(Planned {
            row: row.row,
            existing: self.existing.get(&number).copied(),
            number,
            title: t("title").unwrap_or_default(),
            category,
            period: t("period").unwrap_or_else(|| AT_SESSION.into()),
            lead,
            cosigners,
            main_unit,
            co_units,
            assigned,
            due,
            key_item: t("key_item").as_deref() == Some("是"),
            supervisor: t("supervisor"),
            reply_date: t("reply_date"),
            doc_no: t("doc_no"),
            class,
            satisfaction: t("satisfaction"),
            work: t("satisfaction_work"),
            adoption,
            note: t("note"),
            changes: vec![],
        })
    }
}

/// Where an import's suggestions go.
struct Place {
    term_id: i64,
    session_id: i64,
    session_start: Option<String>,
    term_start: i64,
}

impl Place {
    /// The session (created, with its term, when the sheet names a new one) and its term.
    fn make(tx: &rusqlite::Connection, target: &SessionTarget, new_term: Option<&NewTerm>) -> Result<Place> {
        let session_id = match target {
            SessionTarget::Existing(s) => s.id,
            SessionTarget::New { term_id, number, .. } => {
                let term = match (term_id, new_term) {
                    (Some(t), _) => *t,
                    (None, Some(t)) => crate::roster::store::term_insert(tx, t, "导入建议时")?,
                    (None, None) => return Err(Error::invalid("无法确定建议所属的届次，请导入时选择会次。")),
                };
                crate::roster::store::session_insert_named(tx, term, *number, "导入建议时")?
            }
        };
        let missing = || Error::invalid("所选会次不存在，请重新选择。");
        let term_id = crate::roster::store::session_term(tx, session_id)?.ok_or_else(missing)?;
        let term_start = crate::roster::store::term_start_year(tx, term_id)?.ok_or_else(missing)?;
        let session_start = target.existing().and_then(|s| s.start_date.clone());
        Ok(Place { term_id, session_id, session_start, term_start })
    }
}

/// One planned row: the suggestion filed (new) or its text updated, then its facts written by the
/// store's writers, as the steps would write them: 交办, 答复, 征询.
fn write_row(
    tx: &rusqlite::Connection,
    settings: &SuggestionSettings,
    p: &Planned,
    place: &Place,
    unit_ids: &HashMap<String, i64>,
    file_name: &str,
) -> Result<()> {
    let id = match p.existing {
        Some(id) => id,
        None => {
            let received = received_date(p, place.session_start.as_deref(), place.term_start);
            let new = store::Imported {
                term_id: place.term_id,
                session_id: place.session_id,
                period: &p.period,
                number: p.number,
                title: &p.title,
                lead: p.lead,
                received_date: &received,
                review_level: settings.review_levels.len() as i64,
            };
            store::insert_imported(tx, &new)?
        }
    };
    let before = store::current(tx, id)?;
    store::set_title_category(tx, id, &p.title, p.category.as_deref())?;
    store::set_cosigners(tx, id, &p.cosigners)?;
    if let Some(main) = p.main_unit.as_ref().and_then(|u| unit_ids.get(u)).copied() {
        let co: Vec<i64> = p.co_units.iter().filter_map(|u| unit_ids.get(u)).copied().collect();
        let assigned = store::Assigned {
            main_unit_id: main,
            co_unit_ids: &co,
            date: p.assigned.as_deref(),
            due_date: p.due.as_deref(),
            key_item: p.key_item,
            supervisor: p.supervisor.as_deref(),
            ..Default::default()
        };
        store::assign(tx, id, &assigned)?;
    }
    if let (Some(date), Some(class)) = (&p.reply_date, &p.class) {
        store::reply(tx, id, &store::Replied { date, class, doc_no: p.doc_no.as_deref(), ..Default::default() })?;
    }
    if let Some(result) = &p.satisfaction {
        // the sheet has no date of the 征询: the reply's is the nearest it gives
        let rated = store::Rated {
            date: p.reply_date.as_deref().unwrap_or_default(),
            work: p.work.as_deref().unwrap_or(result),
            result,
            adoption: p.adoption.as_deref(),
            note: Some(if p.work.is_some() {
                "导入"
            } else {
                "导入（一个满意度栏，视为工作与结果相同）"
            }),
        };
        store::rate(tx, settings, id, &rated)?;
    }
    let state = store::current(tx, id)?.state;
    let summary = if p.existing.is_some() {
        let changes: Vec<String> =
            p.changes.iter().map(|c| format!("{} {} → {}", c.label, c.before, c.after)).collect();
        format!("从「{file_name}」第{}行导入更新：{}", p.row, changes.join("；"))
    } else {
        let note = p.note.as_ref().map(|n| format!("，备注：{n}")).unwrap_or_default();
        format!("从「{file_name}」第{}行导入（{state}）{note}", p.row)
    };
    let (round, date) = (before.round, p.assigned.as_deref());
    store::add_event(tx, id, date, "import", Some(&before.state), &state, round, &summary, None)?;
    let kind = if p.existing.is_some() { "import_update" } else { "import_add" };
    audit(tx, "suggestion", Some(&before.uuid), kind, &summary, None, None)
}

/// The session an import writes into.
enum SessionTarget {
    Existing(Session),
    /// Named by the sheet's title and not there yet: created by the import, in its term
    /// (`term_id`, or the term the import creates as well).
    New {
        term_id: Option<i64>,
        number: i64,
        name: String,
    },
}

impl SessionTarget {
    fn existing(&self) -> Option<&Session> {
        match self {
            SessionTarget::Existing(s) => Some(s),
            SessionTarget::New { .. } => None,
        }
    }

    fn name(&self) -> &str {
        match self {
            SessionTarget::Existing(s) => &s.name,
            SessionTarget::New { name, .. } => name,
        }
    }
}

impl Renda {
    /// The session chosen, else the one the sheet's title names (created with its term when new),
    /// else the current term's latest session.
    fn import_session(
        &self,
        chosen: Option<i64>,
        title: &str,
    ) -> Result<(SessionTarget, Vec<String>, Option<NewTerm>)> {
        let terms = self.term_list()?;
        if let Some(id) = chosen {
            let s = terms
                .iter()
                .flat_map(|t| &t.sessions)
                .find(|s| s.id == id)
                .ok_or_else(|| Error::field("session_id", "所选会次不存在，请重新选择"))?;
            return Ok((SessionTarget::Existing(s.clone()), vec![], None));
        }
        let Some((tn, sn)) = crate::text::find_term_session(title) else {
            let latest =
                terms.iter().filter(|t| t.is_current).flat_map(|t| t.sessions.iter()).max_by_key(|s| s.number).cloned();
            return match latest {
                Some(s) => Ok((SessionTarget::Existing(s), vec!["表格标题中没有会次，按当前届次的最近一次会议导入（可在导入选项中改选）".into()], None)),
                None => Err(Error::field(
                    "session_id",
                    "无法确定这些建议属于哪次会议：表格标题中没有“第X届人民代表大会第Y次会议”，也还没有登记会次。请在导入选项中选择会次，或先在“设置 → 届次与会次”中登记。",
                )),
            };
        };
        let own = crate::office::deputy_level_for(&self.office_level()?);
        let level = crate::text::find_term_level(title).unwrap_or(own);
        let term =
            terms.iter().find(|t| t.number == tn && t.level == level).or_else(|| terms.iter().find(|t| t.number == tn));
        let session_word = |term_name: &str| format!("{term_name}第{}次会议", crate::text::chinese_number(sn));
        match term {
            Some(t) => match t.sessions.iter().find(|s| s.number == sn) {
                Some(s) => Ok((SessionTarget::Existing(s.clone()), vec![], None)),
                None => {
                    let name = session_word(&t.name);
                    let note = format!("将新建：会次 {name}（开幕、闭幕日期导入后请在“设置 → 届次与会次”中填写）");
                    Ok((SessionTarget::New { term_id: Some(t.id), number: sn, name }, vec![note], None))
                }
            },
            None => {
                let nt = NewTerm {
                    level: level.into(),
                    number: tn,
                    start_year: NewTerm::years_from(&terms, level, tn, None),
                };
                let name = session_word(&nt.name());
                let note = format!(
                    "将新建：届次 {}（{}—{}年，请核对）和会次 {name}（开幕、闭幕日期导入后请在“设置 → 届次与会次”中填写）",
                    nt.name(),
                    nt.start_year,
                    nt.start_year + 5
                );
                Ok((SessionTarget::New { term_id: None, number: sn, name }, vec![note], Some(nt)))
            }
        }
    }
}

/// A unit a row names: an existing one (also when written with spaces or full-width forms), else
/// one the import creates.
fn unit_name(book: &mut NameBook, written: &str) -> String {
    match book.resolve(written) {
        Named::Existing(_) => book.existing_name(written),
        Named::New(name) => name,
    }
}

/// 收到日期 of an imported suggestion, never today's date: its 交办 date, else its session's
/// opening, else the first day of its term.
fn received_date(p: &Planned, session_start: Option<&str>, term_start_year: i64) -> String {
    p.assigned
        .clone()
        .or_else(|| session_start.map(str::to_string))
        .unwrap_or_else(|| format!("{term_start_year}-01-01"))
}
