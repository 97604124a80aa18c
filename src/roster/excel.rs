//! The roster's sheets: table specs of 代表名册 and 承办单位, their imports (preview, then one
//! transaction), exports (exactly what a list shows) and blank templates with drop-down lists.

use std::collections::{BTreeMap, HashMap};

use super::model::*;
use super::store;
use crate::common::Choice;
use crate::db::audit;
use crate::error::{Error, Result};
use crate::excel::import::*;
use crate::excel::kinds::{plain_title, ExportDecl, ExportSet, ImportDecl, ImportSet, Needs, TemplateChoice};
use crate::excel::names::{NameBook, Named, STATION_SUFFIXES};
use crate::excel::spec::{Field, FieldValue, Kind, ParsedRow, ParsedSheet, RowError, TableSpec};
use crate::excel::write::{write_workbook, Column, Private, ReportSheet, Value};
use crate::Renda;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// What the roster brings in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "kebab-case")]
pub enum RosterImport {
    Deputies,
    Units,
}

impl ImportSet for RosterImport {
    const KINDS: &'static [(Self, ImportDecl)] = &[
        (RosterImport::Deputies, ImportDecl { key: "deputies", title: "代表名册", needs: Needs::Nothing }),
        (RosterImport::Units, ImportDecl { key: "units", title: "承办单位", needs: Needs::Nothing }),
    ];

    fn import(self, r: &mut Renda, bytes: &[u8], a: &ImportRequest) -> Result<ImportReport> {
        match self {
            RosterImport::Deputies => r.import_deputies(bytes, &a.file_name, &a.options),
            RosterImport::Units => r.import_units(bytes, &a.file_name, &a.options),
        }
    }

    fn template(self, r: &Renda, _: &TemplateChoice) -> Result<(String, Vec<u8>)> {
        let title = format!("{}导入模板", self.decl().title);
        let bytes = match self {
            RosterImport::Deputies => r.blank_template(&DEPUTY_SPEC, &title, "填写说明：姓名必填；出生年月如 1975-03；代表层级可填多个，用顿号分隔（如 县、乡）；身份证号请设为文本格式；新代表须有出生年月或代表证号，用于识别同一人。")?,
            RosterImport::Units => r.blank_template(&UNIT_SPEC, &title, "填写说明：单位名称必填且不可重复；单位类别从下拉列表中选择。")?,
        };
        Ok((title, bytes))
    }
}

/// What the roster writes: each list exactly as shown.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(tag = "kind", content = "query", rename_all = "kebab-case")]
pub enum RosterExport {
    Deputies(DeputyQuery),
    Units(UnitQuery),
    Stations(StationQuery),
}

impl ExportSet for RosterExport {
    const KINDS: &'static [ExportDecl] = &[
        ExportDecl { key: "deputies", title: "代表名册" },
        ExportDecl { key: "units", title: "承办单位" },
        ExportDecl { key: "stations", title: "代表联络站名单" },
    ];

    fn file_title(&self, _: &Renda, upward: bool) -> Result<String> {
        Ok(plain_title(self.title(), upward))
    }

    fn write(&self, r: &Renda, upward: bool) -> Result<Vec<u8>> {
        match self {
            RosterExport::Deputies(q) => r.export_deputies(q, upward),
            RosterExport::Units(q) => r.export_units(q),
            RosterExport::Stations(q) => r.export_stations(q),
        }
    }
}

const GENDER_CHOICES: &[(&str, &[&str])] = &[("男", &["男性", "m", "male"]), ("女", &["女性", "f", "female"])];
const UNIT_KIND_CHOICES: &[(&str, &[&str])] = &[
    ("政府部门", &["政府", "部门", "政府工作部门", "行政部门", "县直部门", "单位"]),
    ("法院", &["人民法院"]),
    ("检察院", &["人民检察院"]),
    ("乡镇", &["乡镇政府", "乡镇人民政府", "乡", "镇", "街道"]),
    ("其他", &["其它", "群团", "企业", "事业单位"]),
];

pub static DEPUTY_SPEC: TableSpec = TableSpec {
    kind: "deputies",
    title: "代表名册",
    fields: &[
        Field::new("name", "姓名", &["代表姓名", "名字", "代表"], Kind::Name).required(),
        Field::new("gender", "性别", &[], Kind::Choice(GENDER_CHOICES)),
        Field::new("ethnicity", "民族", &["族别"], Kind::Text),
        Field::new("birth_month", "出生年月", &["出生日期", "出生年月日", "生日", "出生时间"], Kind::Month),
        Field::new("political", "政治面貌", &["党派", "政治身份"], Kind::Text),
        Field::new("education", "文化程度", &["学历", "文化", "最高学历"], Kind::Text),
        Field::new(
            "work_unit",
            "工作单位及职务",
            &["工作单位", "单位及职务", "工作单位和职务", "单位职务", "职务", "工作单位职务"],
            Kind::Text,
        ),
        Field::new("card_no", "代表证号", &["代表证编号", "证号", "代表证"], Kind::Code),
        Field::new("id_number", "身份证号", &["身份证号码", "公民身份号码", "身份证"], Kind::IdNumber).private(),
        Field::new("levels", "代表层级", &["层级", "代表级别", "级别", "人大代表层级", "代表类别"], Kind::List),
        Field::new("district", "选区", &["所在选区", "选区名称", "选举单位"], Kind::Text),
        Field::new(
            "delegation",
            "代表团/代表小组",
            &["代表团", "代表小组", "所属代表团", "代表组", "所在代表团"],
            Kind::Text,
        ),
        Field::new("sector_group", "行业小组", &["专业小组", "界别"], Kind::Text),
        Field::new("phone", "联系电话", &["手机", "电话", "手机号", "手机号码", "联系方式", "电话号码"], Kind::Phone)
            .private(),
        Field::new(
            "address",
            "通讯地址",
            &["地址", "联系地址", "通信地址", "家庭住址", "住址", "家庭地址"],
            Kind::Text,
        )
        .private(),
        Field::new(
            "station",
            "所属联络站",
            &["联络站", "代表联络站", "所在联络站", "进站联络站", "代表之家"],
            Kind::Text,
        ),
        Field::new("term", "届次", &["所属届次"], Kind::Text),
        Field::new("note", "备注", &["说明"], Kind::Text),
    ],
};

pub static UNIT_SPEC: TableSpec = TableSpec {
    kind: "units",
    title: "承办单位",
    fields: &[
        Field::new("name", "单位名称", &["承办单位", "单位", "名称", "承办单位名称", "主办单位"], Kind::Text)
            .required(),
        Field::new("kind", "单位类别", &["类别", "单位类型", "类型", "性质"], Kind::Choice(UNIT_KIND_CHOICES)),
        Field::new("contact_person", "联系人", &["联络员", "经办人"], Kind::Name),
        Field::new("contact_phone", "联系电话", &["电话", "手机", "联系方式"], Kind::Phone),
    ],
};

fn field_label(spec: &TableSpec, key: &str) -> &'static str {
    spec.fields.iter().find(|f| f.key == key).map(|f| f.label).unwrap_or("")
}

/// The header the sheet used for a field (for messages), else our label.
fn header_for(parsed: &ParsedSheet, spec: &TableSpec, key: &str) -> String {
    parsed
        .columns
        .iter()
        .find(|c| c.field == key)
        .map(|c| c.header.clone())
        .unwrap_or_else(|| field_label(spec, key).to_string())
}

fn text(v: &BTreeMap<&'static str, FieldValue>, key: &str) -> Option<String> {
    v.get(key).map(|x| x.text()).filter(|s| !s.is_empty())
}

/// A deputy's fields as shown in a preview and compared for changes.
fn deputy_display(
    d: &DeputyInput,
    stations: &HashMap<i64, String>,
    terms: &HashMap<i64, String>,
) -> Vec<(&'static str, String)> {
    let o = |x: &Option<String>| x.clone().unwrap_or_default();
    vec![
        ("name", d.name.clone()),
        ("gender", o(&d.gender)),
        ("ethnicity", o(&d.ethnicity)),
        ("birth_month", o(&d.birth_month)),
        ("political", o(&d.political)),
        ("education", o(&d.education)),
        ("work_unit", o(&d.work_unit)),
        ("card_no", o(&d.card_no)),
        ("id_number", o(&d.id_number)),
        ("levels", d.levels.join("、")),
        ("district", o(&d.district)),
        ("delegation", o(&d.delegation)),
        ("sector_group", o(&d.sector_group)),
        ("phone", o(&d.phone)),
        ("address", o(&d.address)),
        ("station", d.station_id.and_then(|i| stations.get(&i).cloned()).unwrap_or_default()),
        ("term", d.term_id.and_then(|i| terms.get(&i).cloned()).unwrap_or_default()),
        ("note", o(&d.note)),
    ]
}

fn changes(spec: &TableSpec, before: &[(&'static str, String)], after: &[(&'static str, String)]) -> Vec<FieldChange> {
    before
        .iter()
        .zip(after)
        .filter(|(b, a)| b.1 != a.1)
        .map(|(b, a)| FieldChange {
            field: b.0.into(),
            label: field_label(spec, b.0).into(),
            before: b.1.clone(),
            after: a.1.clone(),
        })
        .collect()
}

fn deputy_key(d: &DeputyInput) -> String {
    match (&d.birth_month, &d.card_no) {
        (Some(m), _) => format!("{}（{m}）", d.name),
        (None, Some(c)) => format!("{}（代表证号 {c}）", d.name),
        _ => d.name.clone(),
    }
}

enum Planned {
    Add(DeputyInput),
    Update(i64, DeputyInput),
}

/// A unit's fields as an import row shows them.
fn unit_display(u: &UnitInput) -> Vec<(&'static str, String)> {
    vec![
        ("name", u.name.clone()),
        ("kind", u.kind.clone()),
        ("contact_person", u.contact_person.clone().unwrap_or_default()),
        ("contact_phone", u.contact_phone.clone().unwrap_or_default()),
    ]
}

/// Writes a checked unit list: new units added, changed ones updated, each audited.
fn write_units(
    tx: &rusqlite::Connection,
    plan: &[(Option<i64>, UnitInput)],
    progress: &crate::progress::ProgressSink,
) -> Result<()> {
    for (i, (id, u)) in plan.iter().enumerate() {
        progress.tick("写入数据", i as u64 + 1, plan.len() as u64);
        match id {
            None => {
                let uuid = uuid::Uuid::new_v4().to_string();
                store::unit_insert(tx, u, &uuid)?;
                audit(
                    tx,
                    "unit",
                    Some(&uuid),
                    "import_add",
                    &format!("导入新增承办单位 {}", u.name),
                    None,
                    Some(&serde_json::to_value(u).unwrap_or_default()),
                )?;
            }
            Some(id) => {
                let before = store::unit_get(tx, *id)?;
                store::unit_update(tx, *id, u)?;
                audit(
                    tx,
                    "unit",
                    Some(&before.uuid),
                    "import_update",
                    &format!("导入更新承办单位 {}", u.name),
                    Some(&serde_json::to_value(&before).unwrap_or_default()),
                    Some(&serde_json::to_value(u).unwrap_or_default()),
                )?;
            }
        }
    }
    Ok(())
}

/// The stations and terms a roster names: existing ones by id, new ones under a placeholder id
/// below zero until the import creates them.
struct RosterNames<'a> {
    book: NameBook,
    stations: HashMap<i64, String>,
    terms: HashMap<i64, String>,
    new_terms: Vec<store::NewTerm>,
    term_rows: &'a [Term],
    own_level: &'a str,
}

impl RosterNames<'_> {
    /// Points the record at the station and term the row names; why a term is not understood.
    fn place(&mut self, d: &mut DeputyInput, v: &BTreeMap<&'static str, FieldValue>) -> Option<String> {
        if let Some(sn) = text(v, "station") {
            d.station_id = Some(match self.book.resolve(&sn) {
                Named::Existing(id) => id,
                Named::New(name) => placeholder_id(&mut self.stations, name),
            });
        }
        let tn = text(v, "term")?;
        match resolve_term(self.term_rows, &tn, self.own_level, &mut self.new_terms) {
            Some(TermRef::Existing(id)) => d.term_id = Some(id),
            Some(TermRef::New(t)) => d.term_id = Some(placeholder_id(&mut self.terms, t.name())),
            None => return Some(format!("「{tn}」无法识别为届次，请写作“第十八届”或“清河县第十八届人民代表大会”")),
        }
        None
    }
}

/// What a roster import creates before its rows: the stations and terms it names (by their
/// placeholder ids below zero).
struct Created<'a> {
    stations: &'a HashMap<i64, String>,
    terms: &'a HashMap<i64, String>,
    new_terms: &'a [store::NewTerm],
}

/// Writes a checked roster: the stations and terms it names first, then every row pointing at them.
fn write_roster(
    tx: &rusqlite::Connection,
    plan: &mut [(u32, Planned)],
    names: &Created,
    progress: &crate::progress::ProgressSink,
) -> Result<()> {
    let (stations, terms, new_terms) = (names.stations, names.terms, names.new_terms);
    let plan_len = plan.len() as u64;
    // the stations and terms the roster names, created first; the rows then point at them
    let mut real: HashMap<i64, i64> = HashMap::new();
    for (id, name) in stations.iter().filter(|(id, _)| **id < 0) {
        real.insert(*id, store::station_insert_named(tx, name, "导入名册时")?);
    }
    let mut real_terms: HashMap<i64, i64> = HashMap::new();
    for t in new_terms {
        let placeholder =
            terms.iter().find(|(id, n)| **id < 0 && **n == t.name()).map(|(id, _)| *id).unwrap_or_default();
        real_terms.insert(placeholder, store::term_insert(tx, t, "导入名册时")?);
    }
    let mut inserter = store::DeputyInserter::new(tx)?;
    for (i, (_, p)) in plan.iter_mut().enumerate() {
        progress.tick("写入数据", i as u64 + 1, plan_len);
        let d = match p {
            Planned::Add(d) | Planned::Update(_, d) => d,
        };
        d.station_id = d.station_id.map(|s| real.get(&s).copied().unwrap_or(s));
        d.term_id = d.term_id.map(|t| real_terms.get(&t).copied().unwrap_or(t));
        match p {
            Planned::Add(d) => {
                let uuid = uuid::Uuid::new_v4().to_string();
                inserter.insert(d, &uuid, None, "导入名册")?;
                crate::db::audit_json(
                    tx,
                    "deputy",
                    Some(&uuid),
                    "import_add",
                    &format!("导入新增代表 {}", d.name),
                    None,
                    serde_json::to_string(d).ok(),
                )?;
            }
            Planned::Update(id, d) => {
                let uuid = store::deputy_uuid(tx, *id)?;
                store::deputy_update(tx, *id, d)?;
                audit(
                    tx,
                    "deputy",
                    Some(&uuid),
                    "import_update",
                    &format!("导入更新代表 {}", d.name),
                    None,
                    Some(&serde_json::to_value(d).unwrap_or_default()),
                )?;
            }
        }
    }
    Ok(())
}

/// Where the roster's deputies are found by what a row may give: 代表证号, 身份证号, 姓名 + 出生年月.
struct Identities {
    by_card: HashMap<String, usize>,
    by_idn: HashMap<String, usize>,
    by_name_birth: HashMap<(String, String), usize>,
}

impl Identities {
    fn of<'a>(deputies: impl Iterator<Item = &'a DeputyInput>) -> Identities {
        let mut ids = Identities { by_card: HashMap::new(), by_idn: HashMap::new(), by_name_birth: HashMap::new() };
        for (i, d) in deputies.enumerate() {
            if let Some(c) = &d.card_no {
                ids.by_card.insert(c.clone(), i);
            }
            if let Some(c) = &d.id_number {
                ids.by_idn.insert(c.clone(), i);
            }
            if let Some(m) = &d.birth_month {
                ids.by_name_birth.insert((d.name.clone(), m.clone()), i);
            }
        }
        ids
    }

    /// The same person twice in the file, or someone else's card or ID number: (column, message).
    fn clashes(
        &self,
        d: &DeputyInput,
        me: Option<i64>,
        existing: &[(i64, DeputyInput, String)],
        row: u32,
        seen_in_file: &mut HashMap<String, u32>,
    ) -> Vec<(&'static str, String)> {
        let mut out = Vec::new();
        let ident = d
            .card_no
            .clone()
            .map(|c| format!("card:{c}"))
            .unwrap_or_else(|| format!("nb:{}|{}", d.name, d.birth_month.clone().unwrap_or_default()));
        if let Some(first) = seen_in_file.insert(ident, row) {
            out.push(("name", format!("与第{first}行是同一位代表（{}），请删除重复的一行", deputy_key(d))));
        }
        for (col, other) in [
            ("card_no", d.card_no.as_ref().and_then(|c| self.by_card.get(c))),
            ("id_number", d.id_number.as_ref().and_then(|c| self.by_idn.get(c))),
        ] {
            if let Some(o) = other.filter(|o| Some(existing[**o].0) != me) {
                out.push((col, format!("已属于名册中的代表「{}」，请核对", existing[*o].1.name)));
            }
        }
        out
    }

    /// The position of the deputy a row is, by its card number, else its ID number, else its
    /// name and birth month.
    fn find(&self, name: &str, card: Option<&String>, idn: Option<&String>, birth: Option<&String>) -> Option<&usize> {
        card.and_then(|c| self.by_card.get(c))
            .or_else(|| idn.and_then(|c| self.by_idn.get(c)))
            .or_else(|| birth.and_then(|b| self.by_name_birth.get(&(name.to_string(), b.clone()))))
    }
}

/// A row's non-empty cells on top of the record (the existing deputy's, or a new one's).
fn overlay(d: &mut DeputyInput, v: &BTreeMap<&'static str, FieldValue>, name: &str) {
    macro_rules! set {
        ($f:ident) => {
            if let Some(x) = text(v, stringify!($f)) {
                d.$f = Some(x);
            }
        };
    }
    if !name.is_empty() {
        d.name = name.to_string();
    }
    set!(gender);
    set!(ethnicity);
    set!(birth_month);
    set!(political);
    set!(education);
    set!(work_unit);
    set!(card_no);
    set!(id_number);
    set!(district);
    set!(delegation);
    set!(sector_group);
    set!(phone);
    set!(address);
    set!(note);
    if let Some(FieldValue::List(l)) = v.get("levels") {
        d.levels = l.clone();
    }
}

/// Every station, by id, and the book that finds one by the name a row writes.
fn station_book(conn: &rusqlite::Connection) -> Result<(NameBook, HashMap<i64, String>)> {
    let stations: HashMap<i64, String> = store::station_list(
        conn,
        &StationQuery { include_inactive: Some(true), page_size: Some(0), ..Default::default() },
    )?
    .items
    .into_iter()
    .map(|s| (s.id, s.name))
    .collect();
    let book =
        NameBook::new("stations", "联络站", STATION_SUFFIXES, stations.iter().map(|(i, n)| (*i, n.clone())).collect());
    Ok((book, stations))
}

/// What a roster import reads a row against.
struct DeputyContext<'a> {
    spec: &'a TableSpec,
    parsed: &'a ParsedSheet,
    existing: &'a [(i64, DeputyInput, String)],
    ids: Identities,
    current_term: Option<i64>,
    level_default: Option<String>,
}

impl DeputyContext<'_> {
    fn err(&self, row: &ParsedRow, key: &str, msg: String) -> RowError {
        RowError {
            sheet: row.sheet.clone(),
            row: row.row as i64,
            column: header_for(self.parsed, self.spec, key),
            message: format!("第{}行「{}」{msg}", row.row, header_for(self.parsed, self.spec, key)),
        }
    }

    /// The record after this row (the existing one with the row's non-empty cells on top), the
    /// index of the existing deputy it is, and the row's errors.
    fn record(&self, row: &ParsedRow, names: &mut RosterNames) -> (DeputyInput, Option<usize>, Vec<RowError>) {
        let mut row_errors = row.errors.clone();
        let v = &row.values;
        let name = text(v, "name").unwrap_or_default();
        // which existing deputy this row is
        let card = text(v, "card_no");
        let idn = text(v, "id_number");
        let birth = text(v, "birth_month");
        let found = self.ids.find(&name, card.as_ref(), idn.as_ref(), birth.as_ref()).copied();
        if row_errors.is_empty() && found.is_none() && card.is_none() && idn.is_none() && birth.is_none() {
            row_errors.push(RowError {
                sheet: row.sheet.clone(),
                row: row.row as i64,
                column: header_for(self.parsed, self.spec, "birth_month"),
                message: format!(
                    "第{}行「{name}」缺少出生年月（或代表证号），无法确认是哪一位代表，请补上后再导入",
                    row.row
                ),
            });
        }
        let mut d = found
            .map(|i| self.existing[i].1.clone())
            .unwrap_or_else(|| DeputyInput { term_id: self.current_term, ..Default::default() });

        overlay(&mut d, v, &name);
        if let Some(why) = names.place(&mut d, v) {
            row_errors.push(self.err(row, "term", why));
        }
        if found.is_none() && d.levels.is_empty() {
            if let Some(l) = &self.level_default {
                d.levels = vec![l.clone()];
            }
        }
        if d.levels.is_empty() && found.is_none() {
            row_errors.push(self.err(row, "levels", "为空：新代表需填写代表层级（全国、省、市、县、乡，可填多个，用顿号分隔），或在导入选项中选择“本次导入默认代表层级”".into()));
        }
        if row_errors.is_empty() {
            match validate_deputy(&d) {
                Ok(valid) => d = valid,
                Err(e) => {
                    for f in e.field_errors() {
                        row_errors.push(RowError {
                            sheet: row.sheet.clone(),
                            row: row.row as i64,
                            column: header_for(self.parsed, self.spec, &f.field),
                            message: format!("第{}行：{}", row.row, f.message),
                        });
                    }
                }
            }
        }
        (d, found, row_errors)
    }

    /// What the import does with a checked record: add it, or update the deputy it is when
    /// something changed; with the preview's action and changes.
    fn plan(
        &self,
        d: &DeputyInput,
        found: Option<usize>,
        names: &RosterNames,
    ) -> (&'static str, Vec<FieldChange>, Option<Planned>) {
        let Some(i) = found else { return ("add", vec![], Some(Planned::Add(d.clone()))) };
        let b = deputy_display(&self.existing[i].1, &names.stations, &names.terms);
        let ch = changes(self.spec, &b, &deputy_display(d, &names.stations, &names.terms));
        if ch.is_empty() {
            ("unchanged", ch, None)
        } else {
            ("update", ch, Some(Planned::Update(self.existing[i].0, d.clone())))
        }
    }
}

/// The note on the terms an import will create.
fn note_new_terms(report: &mut ImportReport, new_terms: &[store::NewTerm]) {
    if new_terms.is_empty() {
        return;
    }
    report.created.insert("terms".into(), new_terms.iter().map(|t| t.name()).collect());
    report.notes.push(format!(
        "将新建：届次 {} 个（{}；起止年份请导入后在“设置 → 届次与会次”中核对）",
        new_terms.len(),
        new_terms
            .iter()
            .map(|t| format!("{}，{}—{}年", t.name(), t.start_year, t.start_year + 5))
            .collect::<Vec<_>>()
            .join("；")
    ));
}

/// A unit row as the engine's rule checks it (the existing unit's values under its empty cells),
/// and the row's errors; a name twice in the file is one.
fn check_unit(
    parsed: &ParsedSheet,
    spec: &TableSpec,
    row: &ParsedRow,
    name: &str,
    old: Option<&Unit>,
    seen: &mut HashMap<String, u32>,
) -> (Option<UnitInput>, Vec<RowError>) {
    let mut row_errors = row.errors.clone();
    let v = &row.values;
    let input = UnitInput {
        name: name.to_string(),
        kind: text(v, "kind").or_else(|| old.map(|u| u.kind.clone())).unwrap_or_else(|| guess_unit_kind(name).into()),
        contact_person: text(v, "contact_person").or_else(|| old.and_then(|u| u.contact_person.clone())),
        contact_phone: text(v, "contact_phone").or_else(|| old.and_then(|u| u.contact_phone.clone())),
    };
    let mut valid = None;
    if row_errors.is_empty() {
        match validate_unit(&input) {
            Ok(u) => valid = Some(u),
            Err(e) => row_errors.extend(e.field_errors().iter().map(|f| RowError {
                sheet: row.sheet.clone(),
                row: row.row as i64,
                column: header_for(parsed, spec, &f.field),
                message: format!("第{}行：{}", row.row, f.message),
            })),
        }
    }
    if let Some(first) = seen.insert(name.to_string(), row.row).filter(|_| row_errors.is_empty()) {
        row_errors.push(RowError {
            sheet: row.sheet.clone(),
            row: row.row as i64,
            column: header_for(parsed, spec, "name"),
            message: format!("第{}行「{name}」与第{first}行重复，请删除重复的一行", row.row),
        });
    }
    (valid, row_errors)
}

impl Renda {
    /// Imports a roster sheet: preview with `dry_run`, else one transaction after a backup.
    /// Natural key: 代表证号 when present, else 身份证号, else 姓名 + 出生年月.
    pub fn import_deputies(&mut self, bytes: &[u8], file_name: &str, opts: &ImportOptions) -> Result<ImportReport> {
        let spec = &DEPUTY_SPEC;
        let parsed = self.read_import_sheet(spec, bytes, file_name, opts)?;
        let progress = self.progress();
        let conn = self.conn();
        let existing =
            store::deputy_full_list(conn, &DeputyQuery { include_inactive: Some(true), ..Default::default() })?;
        let (book, stations) = station_book(conn)?;
        let term_rows = store::term_list(conn)?;
        let terms: HashMap<i64, String> = term_rows.iter().map(|t| (t.id, t.name.clone())).collect();
        let office_level = self.office_level()?;
        let own_level = crate::office::deputy_level_for(&office_level);
        let mut names = RosterNames { book, stations, terms, new_terms: Vec::new(), term_rows: &term_rows, own_level };
        let cx = DeputyContext {
            spec,
            parsed: &parsed,
            existing: &existing,
            ids: Identities::of(existing.iter().map(|(_, d, _)| d)),
            current_term: term_rows.iter().find(|t| t.is_current).map(|t| t.id),
            level_default: level_default(&parsed, opts, own_level)?,
        };

        let mut plan: Vec<(u32, Planned)> = Vec::new();
        let mut preview = Vec::new();
        let mut errors: Vec<RowError> = Vec::new();
        let (mut added, mut updated, mut unchanged) = (0, 0, 0);
        let mut seen_in_file: HashMap<String, u32> = HashMap::new();
        let mut kept_ok_rows = 0;
        let n = parsed.rows.len() as u64;
        for (i, row) in parsed.rows.iter().enumerate() {
            progress.tick("检查数据", i as u64 + 1, n);
            let (d, found, mut row_errors) = cx.record(row, &mut names);
            // the same person twice in the file, or someone else's card number
            let key = deputy_key(&d);
            if row_errors.is_empty() {
                let me = found.map(|i| existing[i].0);
                let problems = cx.ids.clashes(&d, me, &existing, row.row, &mut seen_in_file);
                row_errors.extend(problems.into_iter().map(|(col, msg)| cx.err(row, col, msg)));
            }
            let (action, changed) = if !row_errors.is_empty() {
                errors.extend(row_errors.iter().cloned());
                ("error", vec![])
            } else {
                let (action, ch, planned) = cx.plan(&d, found, &names);
                match action {
                    "unchanged" => unchanged += 1,
                    "update" => updated += 1,
                    _ => added += 1,
                }
                plan.extend(planned.map(|p| (row.row, p)));
                (action, ch)
            };
            // a preview shows every row in error and the first rows of the rest
            if action == "error" || kept_ok_rows < PREVIEW_ROWS {
                kept_ok_rows += (action != "error") as usize;
                preview.push(PreviewRow::of(row, action, key, changed, row_errors));
            }
        }
        let mut report = ImportReport::from_preview(
            (spec.kind, RosterImport::Deputies.decl().title),
            file_name,
            bytes,
            &parsed,
            preview,
            (added, updated, unchanged),
            errors,
            vec![],
            opts,
        );
        report.add_names(&names.book);
        note_new_terms(&mut report, &names.new_terms);
        if let Some(l) = &cx.level_default {
            report.defaults.push(level_default_choice(l, parsed.columns.iter().any(|c| c.field == "levels")));
        }
        let nothing = plan.is_empty();
        let created = Created { stations: &names.stations, terms: &names.terms, new_terms: &names.new_terms };
        self.commit_import(report, opts, nothing, |tx| write_roster(tx, &mut plan, &created, &progress))
    }

    /// Imports a unit list. Natural key: the unit's name.
    pub fn import_units(&mut self, bytes: &[u8], file_name: &str, opts: &ImportOptions) -> Result<ImportReport> {
        let spec = &UNIT_SPEC;
        let parsed = self.read_import_sheet(spec, bytes, file_name, opts)?;
        let progress = self.progress();
        let existing: HashMap<String, Unit> = store::unit_list(
            self.conn(),
            &UnitQuery { include_inactive: Some(true), page_size: Some(0), ..Default::default() },
        )?
        .items
        .into_iter()
        .map(|u| (u.name.clone(), u))
        .collect();
        let mut plan: Vec<(Option<i64>, UnitInput)> = Vec::new();
        let mut preview = Vec::new();
        let mut errors = Vec::new();
        let (mut added, mut updated, mut unchanged) = (0, 0, 0);
        let mut seen: HashMap<String, u32> = HashMap::new();
        let n = parsed.rows.len() as u64;
        for (i, row) in parsed.rows.iter().enumerate() {
            progress.tick("检查数据", i as u64 + 1, n);
            let name = text(&row.values, "name").unwrap_or_default().replace(' ', "");
            let old = existing.get(&name);
            let (valid, row_errors) = check_unit(&parsed, spec, row, &name, old, &mut seen);
            let disp = unit_display;
            let (action, ch) = match (&valid, row_errors.is_empty()) {
                (Some(u), true) => match old {
                    Some(o) => {
                        let before = UnitInput {
                            name: o.name.clone(),
                            kind: o.kind.clone(),
                            contact_person: o.contact_person.clone(),
                            contact_phone: o.contact_phone.clone(),
                        };
                        let ch = changes(spec, &disp(&before), &disp(u));
                        if ch.is_empty() {
                            unchanged += 1;
                            ("unchanged", ch)
                        } else {
                            updated += 1;
                            plan.push((Some(o.id), u.clone()));
                            ("update", ch)
                        }
                    }
                    None => {
                        added += 1;
                        plan.push((None, u.clone()));
                        ("add", vec![])
                    }
                },
                _ => {
                    errors.extend(row_errors.iter().cloned());
                    ("error", vec![])
                }
            };
            preview.push(PreviewRow::of(row, action, name, ch, row_errors));
        }
        let report = ImportReport::from_preview(
            (spec.kind, RosterImport::Units.decl().title),
            file_name,
            bytes,
            &parsed,
            preview,
            (added, updated, unchanged),
            errors,
            vec![],
            opts,
        );
        let nothing = plan.is_empty();
        self.commit_import(report, opts, nothing, |tx| write_units(tx, &plan, &progress))
    }

    /// The roster as a report workbook: exactly the rows and order of `q` (the list's filters and
    /// sort), columns as the import template, so the file imports back unchanged.
    pub fn export_deputies(&self, q: &DeputyQuery, upward: bool) -> Result<Vec<u8>> {
        let rows = store::deputy_full_list(self.conn(), q)?;
        let stations: HashMap<i64, String> = store::station_list(
            self.conn(),
            &StationQuery { include_inactive: Some(true), page_size: Some(0), ..Default::default() },
        )?
        .items
        .into_iter()
        .map(|s| (s.id, s.name))
        .collect();
        let terms: HashMap<i64, String> = store::term_list(self.conn())?.into_iter().map(|t| (t.id, t.name)).collect();
        // 通讯地址 and 备注 are printed when the office keeps them: then the roster's 18 columns
        // need A3 to print at 9 pt; without them it stays on A4
        let extra = rows.iter().any(|(_, d, _)| d.address.is_some() || d.note.is_some());
        let shown = |key: &str| extra || !OPTIONAL_PRINTED.contains(&key);
        let columns = spec_columns(&DEPUTY_SPEC, false);
        let columns = DEPUTY_SPEC.fields.iter().zip(columns).filter(|(f, _)| shown(f.key)).map(|(_, c)| c).collect();
        let mut sheet = ReportSheet::new("代表名册", &format!("{}代表名册", self.org_name()?), columns);
        sheet.org = self.org_name()?;
        sheet.mask_private = upward && self.mask_upward()?;
        if extra {
            sheet.paper = crate::excel::write::Paper::A3;
        }
        sheet.rows = rows
            .iter()
            .map(|(_, d, _)| {
                deputy_display(d, &stations, &terms)
                    .into_iter()
                    .filter(|(k, _)| shown(k))
                    .map(|(_, v)| if v.is_empty() { Value::Empty } else { Value::Text(v) })
                    .collect()
            })
            .collect();
        write_workbook(vec![sheet])
    }

    pub fn export_units(&self, q: &UnitQuery) -> Result<Vec<u8>> {
        let units = store::unit_list(self.conn(), &UnitQuery { page_size: Some(0), page: None, ..q.clone() })?;
        let mut sheet =
            ReportSheet::new("承办单位", &format!("{}承办单位名单", self.org_name()?), spec_columns(&UNIT_SPEC, false));
        sheet.org = self.org_name()?;
        sheet.landscape = false;
        sheet.rows = units
            .items
            .into_iter()
            .map(|u| vec![Value::Text(u.name), Value::Text(u.kind), u.contact_person.into(), u.contact_phone.into()])
            .collect();
        write_workbook(vec![sheet])
    }

    /// 联络站 list as shown (filters, search): name, kind, place, people, schedule, 驻站代表.
    pub fn export_stations(&self, q: &StationQuery) -> Result<Vec<u8>> {
        let stations = store::station_list(self.conn(), &StationQuery { page_size: Some(0), page: None, ..q.clone() })?;
        let columns = ["站名", "类型", "所在乡镇", "地址", "站长", "联络员", "接待安排", "驻站代表", "人数"]
            .iter()
            .map(|c| Column::new(c))
            .collect();
        let mut sheet = ReportSheet::new("联络站", &format!("{}代表联络站名单", self.org_name()?), columns);
        sheet.org = self.org_name()?;
        sheet.rows = stations
            .items
            .into_iter()
            .map(|s| {
                let n = s.deputies.len() as i64;
                vec![
                    Value::Text(s.name),
                    Value::Text(s.kind),
                    s.township.into(),
                    s.address.into(),
                    s.head.into(),
                    s.liaison.into(),
                    Value::Text(s.schedule_text),
                    Value::Text(s.deputies.iter().map(|d| d.name.as_str()).collect::<Vec<_>>().join("、")),
                    Value::Int(n),
                ]
            })
            .collect();
        write_workbook(vec![sheet])
    }

    /// A blank import template of `spec`: the title, the header, drop-down lists for the
    /// enumerations, 50 empty rows and the filling note.
    pub(crate) fn blank_template(&self, spec: &TableSpec, title: &str, note: &str) -> Result<Vec<u8>> {
        let mut sheet = ReportSheet::new(spec.title, title, spec_columns(spec, true));
        sheet.org = self.org_name()?;
        sheet.blank_rows = 50;
        sheet.footnote = Some(note.into());
        write_workbook(vec![sheet])
    }
}

fn guess_unit_kind(name: &str) -> &'static str {
    if name.contains("法院") {
        "法院"
    } else if name.contains("检察院") {
        "检察院"
    } else if name.ends_with("人民政府") && (name.contains('乡') || name.contains('镇') || name.contains("街道"))
    {
        "乡镇"
    } else {
        "政府部门"
    }
}

/// The roster's columns printed only when some deputy exported has them (`export_deputies`).
const OPTIONAL_PRINTED: &[&str] = &["address", "note"];

/// Report columns from a spec; with `choices`, the enumerations get drop-down lists.
fn spec_columns(spec: &TableSpec, choices: bool) -> Vec<Column> {
    spec.fields
        .iter()
        .map(|f| {
            let mut c = Column::new(f.label);
            if f.private {
                // an address keeps its first and last characters, as a constituent's village does
                c.private = Some(match f.key {
                    "id_number" => Private::IdNumber,
                    "address" => Private::Name,
                    _ => Private::Phone,
                });
            }
            if choices {
                c.choices = match (f.key, f.kind) {
                    (_, Kind::Choice(opts)) => opts.iter().map(|(c, _)| c.to_string()).collect(),
                    ("ethnicity", _) => ETHNICITIES.iter().map(|s| s.to_string()).collect(),
                    ("political", _) => POLITICAL.iter().map(|s| s.to_string()).collect(),
                    ("education", _) => EDUCATION.iter().map(|s| s.to_string()).collect(),
                    _ => vec![],
                };
            }
            c
        })
        .collect()
}

/// A temporary id below zero for a record the import will create, shown in the preview by name.
fn placeholder_id(names: &mut HashMap<i64, String>, name: String) -> i64 {
    if let Some((id, _)) = names.iter().find(|(id, n)| **id < 0 && **n == name) {
        return *id;
    }
    let id = -(names.keys().filter(|id| **id < 0).count() as i64) - 1;
    names.insert(id, name);
    id
}

enum TermRef {
    Existing(i64),
    New(store::NewTerm),
}

/// A 届次 cell: an existing term by name or by number (the office's own level first), else one
/// the import creates.
fn resolve_term(terms: &[Term], text: &str, own_level: &str, new: &mut Vec<store::NewTerm>) -> Option<TermRef> {
    let clean = crate::excel::names::clean_name(text);
    if let Some(t) = terms.iter().find(|t| crate::excel::names::clean_name(&t.name) == clean) {
        return Some(TermRef::Existing(t.id));
    }
    let number = crate::text::find_term_number(&clean)?;
    let level = crate::text::find_term_level(&clean).unwrap_or(own_level);
    if let Some(t) = terms.iter().find(|t| t.number == number && t.level == level) {
        return Some(TermRef::Existing(t.id));
    }
    if let Some(t) = new.iter().find(|t| t.number == number && t.level == level) {
        return Some(TermRef::New(t.clone()));
    }
    let year = store::NewTerm::years_from(terms, level, number, None);
    let t = store::NewTerm { level: level.into(), number, start_year: year };
    new.push(t.clone());
    Some(TermRef::New(t))
}

/// 代表层级 for new deputies whose row has none: the level asked for, else — when the sheet has
/// no such column at all — the office's own deputies' level (a township's roster is of 乡 deputies).
fn level_default(parsed: &ParsedSheet, opts: &ImportOptions, own_level: &str) -> Result<Option<String>> {
    if let Some(l) = opts.default_level.as_deref().map(str::trim).filter(|l| !l.is_empty()) {
        let l = l.trim_end_matches('级');
        if !DEPUTY_LEVELS.contains(&l) {
            return Err(Error::field(
                "default_level",
                format!("默认代表层级「{l}」无法识别，可选：{}", DEPUTY_LEVELS.join("、")),
            ));
        }
        return Ok(Some(l.to_string()));
    }
    // no such column, or a sheet without it (a roster with a sheet per 代表团)
    Ok((!parsed.columns.iter().any(|c| c.field == "levels") || parsed.partial.contains(&"levels"))
        .then(|| own_level.to_string()))
}

fn level_default_choice(level: &str, has_column: bool) -> ImportDefault {
    ImportDefault {
        option: "default_level".into(),
        label: "代表层级".into(),
        value: level.into(),
        choices: DEPUTY_LEVELS.iter().map(|l| Choice { value: l.to_string(), label: format!("{l}级") }).collect(),
        note: if has_column {
            format!("“代表层级”为空的新代表按 {level} 级导入")
        } else {
            format!("表格中没有“代表层级”一列：新代表均按 {level} 级导入，可改选")
        },
    }
}
