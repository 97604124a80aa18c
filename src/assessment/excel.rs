//! 乡镇人大工作评价 on paper (DOMAIN.md §8): the 评分表 the county sends down (and the township
//! imports, idempotently, refusing another template or an older or altered version), the
//! 考核结果表 and each township's 考核评分表. Every kind of the area is declared here once.

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use ts_rs::TS;

use super::model::*;
use super::store;
use crate::db::{audit_json, now_text};
use crate::error::{Error, Result};
use crate::excel::cells::Sheet;
use crate::excel::import::{ImportOptions, ImportReport, ImportRequest, PreviewRow};
use crate::excel::kinds::{ExportDecl, ExportSet, ImportDecl, ImportSet, Needs, TemplateChoice};
use crate::excel::spec::{Field, FieldValue, Kind, ParsedRow, ParsedSheet, RowError, TableSpec};
use crate::excel::write::{write_workbook, Column, ReportSheet, Value};
use crate::Renda;

/// What the area brings in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "kebab-case")]
pub enum AssessmentImport {
    /// the county's 评分表, at the township
    AssessmentTemplate,
}

impl ImportSet for AssessmentImport {
    const KINDS: &'static [(Self, ImportDecl)] = &[(
        AssessmentImport::AssessmentTemplate,
        ImportDecl { key: "assessment-template", title: "乡镇人大工作评价评分表", needs: Needs::Nothing },
    )];

    /// The 评分表 has no blank template: the county exports it from its own.
    fn template_keys(self) -> Vec<String> {
        vec![]
    }

    fn import(self, r: &mut Renda, bytes: &[u8], a: &ImportRequest) -> Result<ImportReport> {
        r.import_assessment_template(bytes, &a.file_name, &a.options)
    }

    fn template(self, _: &Renda, _: &TemplateChoice) -> Result<(String, Vec<u8>)> {
        Err(Error::NotAllowed("评分表由县人大制定后导出：请在“乡镇工作评价”页点“导出评分表”".into()))
    }
}

/// The year, and for the 考核评分表 one township (none: every township, a sheet each).
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct AssessmentExportArgs {
    pub year: i64,
    #[ts(optional, type = "number")]
    pub township_id: Option<i64>,
}

/// What the area writes.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(tag = "kind", content = "query", rename_all = "kebab-case")]
pub enum AssessmentExport {
    AssessmentTemplate(AssessmentExportArgs),
    AssessmentResults(AssessmentExportArgs),
    AssessmentSheets(AssessmentExportArgs),
}

impl ExportSet for AssessmentExport {
    const KINDS: &'static [ExportDecl] = &[
        ExportDecl { key: "assessment-template", title: "乡镇人大工作评价评分表" },
        ExportDecl { key: "assessment-results", title: "乡镇人大工作考核结果表" },
        ExportDecl { key: "assessment-sheets", title: "乡镇人大工作考核评分表" },
    ];

    fn file_title(&self, r: &Renda, _: bool) -> Result<String> {
        Ok(match self {
            AssessmentExport::AssessmentSheets(AssessmentExportArgs { year, township_id: Some(id) }) => {
                let name = store::township(r.conn(), *id)?.map(|w| w.name).unwrap_or_default();
                format!("{year}年度{name}{}", self.title())
            }
            AssessmentExport::AssessmentTemplate(q)
            | AssessmentExport::AssessmentResults(q)
            | AssessmentExport::AssessmentSheets(q) => format!("{}年度{}", q.year, self.title()),
        })
    }

    fn write(&self, r: &Renda, _: bool) -> Result<Vec<u8>> {
        match self {
            AssessmentExport::AssessmentTemplate(q) => r.export_assessment_template(q.year),
            AssessmentExport::AssessmentResults(q) => r.export_assessment_results(q.year),
            AssessmentExport::AssessmentSheets(q) => r.export_assessment_sheets(q.year, q.township_id),
        }
    }
}

pub static TEMPLATE_SPEC: TableSpec = TableSpec {
    kind: "assessment-template",
    title: "评分表",
    fields: &[
        Field::new("kind", "类别", &["分类"], Kind::Text).required(),
        Field::new("block", "板块", &["考核板块", "评分板块", "一级指标"], Kind::Text).required(),
        Field::new("name", "评分项目", &["考核项目", "考核内容", "二级指标"], Kind::Text).required(),
        Field::new("max", "分值", &["满分", "分数"], Kind::Text).required(),
        Field::new("criterion", "评分标准", &["考核标准", "评分细则"], Kind::Text),
        Field::new("evidence", "佐证材料", &["佐证", "考核佐证"], Kind::Text),
        Field::new("auto", "自动计分", &["自动来源"], Kind::Text),
        Field::new("full_at", "满分标准", &["得满分"], Kind::Text),
        Field::new("uuid", "项目标识", &[], Kind::Text).required(),
    ],
};

const ITEMS_SHEET: &str = "评分表";
const ABOUT_SHEET: &str = "说明";
const BASE_KIND: &str = "基本分";
const BONUS_KIND: &str = "加分";

/// The 说明 lines of a 评分表: what the township's import checks.
mod about {
    pub const ISSUER: &str = "制定单位";
    pub const YEAR: &str = "年度";
    pub const ID: &str = "评分表标识";
    pub const VERSION: &str = "版本";
    pub const EXCELLENT: &str = "优秀分数线（基本分）";
    pub const PASS: &str = "合格分数线（基本分）";
    pub const RANK_BY: &str = "排名依据";
    pub const SUM: &str = "校验码";
}

fn num(x: f64) -> String {
    let s = format!("{:.1}", round1(x));
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// One item as the 评分表 carries it, in text: the checksum is taken over these.
#[derive(Debug, Clone, PartialEq)]
struct SheetItem {
    bonus: bool,
    block: String,
    name: String,
    max: f64,
    criterion: String,
    evidence: String,
    auto: Option<AutoSource>,
    full_at: Option<f64>,
    uuid: String,
}

impl SheetItem {
    fn line(&self) -> String {
        [
            if self.bonus { BONUS_KIND } else { BASE_KIND }.to_string(),
            self.block.clone(),
            self.name.clone(),
            num(self.max),
            self.criterion.clone(),
            self.evidence.clone(),
            self.auto.map(|a| a.label().to_string()).unwrap_or_default(),
            self.full_at.map(num).unwrap_or_default(),
            self.uuid.clone(),
        ]
        .join("\t")
    }
}

/// The 说明 of a 评分表 read back.
struct About {
    issuer: String,
    year: i64,
    uuid: String,
    version: i64,
    settings: TemplateSettings,
    sum: String,
}

fn checksum(a: &About, items: &[SheetItem]) -> String {
    let mut text = format!(
        "{}\t{}\t{}\t{}\t{}\t{}\t{}\n",
        a.issuer,
        a.year,
        a.uuid,
        a.version,
        num(a.settings.excellent),
        num(a.settings.pass),
        a.settings.rank_by.key()
    );
    for i in items {
        text.push_str(&i.line());
        text.push('\n');
    }
    Sha256::digest(text.as_bytes()).iter().take(16).map(|b| format!("{b:02x}")).collect()
}

fn items_of(t: &Template) -> Vec<SheetItem> {
    t.items()
        .map(|(b, i)| SheetItem {
            bonus: b.bonus,
            block: b.name.clone(),
            name: i.name.clone(),
            max: i.max_points,
            criterion: i.criterion.clone(),
            evidence: i.evidence.clone(),
            auto: i.auto_source,
            full_at: i.full_at,
            uuid: i.uuid.clone(),
        })
        .collect()
}

fn cols(names: &[&str]) -> Vec<Column> {
    names.iter().map(|c| Column::new(c)).collect()
}

impl Renda {
    /// The 评分表 the county sends down: the items (with their stable ids) and a 说明 with the
    /// template's id, version, rules and checksum. Exporting marks the version as gone out, so the
    /// next edit makes a new version (one statement, atomic on its own).
    pub fn export_assessment_template(&self, year: i64) -> Result<Vec<u8>> {
        let t = self.own_template(year)?;
        if t.items().next().is_none() {
            return Err(Error::NotAllowed(format!("{year}年度评分表还没有评分项目，请先添加")));
        }
        let org = self.org_name()?;
        let items = items_of(&t);
        let settings = TemplateSettings { year, excellent: t.excellent, pass: t.pass, rank_by: t.rank_by };
        let a =
            About { issuer: org.clone(), year, uuid: t.uuid.clone(), version: t.version, settings, sum: String::new() };
        let mut s = ReportSheet::new(
            ITEMS_SHEET,
            &format!("{year}年度乡镇人大工作评价评分表（第{}版）", t.version),
            cols(&TEMPLATE_SPEC.fields.iter().map(|f| f.label).collect::<Vec<_>>()),
        );
        s.org = org.clone();
        s.rows = items
            .iter()
            .map(|i| {
                vec![
                    Value::Text(if i.bonus { BONUS_KIND } else { BASE_KIND }.into()),
                    Value::Text(i.block.clone()),
                    Value::Text(i.name.clone()),
                    Value::Text(num(i.max)),
                    Value::Text(i.criterion.clone()),
                    Value::Text(i.evidence.clone()),
                    Value::Text(i.auto.map(|x| x.label().to_string()).unwrap_or_default()),
                    Value::Text(
                        i.full_at
                            .map(|f| format!("{}{}", num(f), i.auto.map(|x| x.unit()).unwrap_or("")))
                            .unwrap_or_default(),
                    ),
                    Value::Text(i.uuid.clone()),
                ]
            })
            .collect();
        s.footnote = Some(format!(
            "说明：基本分满分{}分，加分项目满分{}分。等次按基本分评定：优秀≥{}分，合格≥{}分。自动计分的项目按本单位记录计算：达到满分标准得满分，不足的按比例得分。乡镇在“导入导出”中选“乡镇人大工作评价评分表”导入本文件；请勿修改，改动后不能导入。",
            num(t.base_max), num(t.bonus_max), num(t.excellent), num(t.pass)
        ));
        let mut about_sheet =
            ReportSheet::new(ABOUT_SHEET, &format!("{year}年度乡镇人大工作评价评分表说明"), cols(&["项目", "内容"]));
        about_sheet.landscape = false;
        about_sheet.org = org;
        let sum = checksum(&a, &items);
        let lines = [
            (about::ISSUER, a.issuer.clone()),
            (about::YEAR, year.to_string()),
            (about::ID, a.uuid.clone()),
            (about::VERSION, a.version.to_string()),
            (about::EXCELLENT, num(t.excellent)),
            (about::PASS, num(t.pass)),
            (about::RANK_BY, t.rank_by.label().to_string()),
            (about::SUM, sum),
        ];
        about_sheet.rows = lines.into_iter().map(|(k, v)| vec![Value::Text(k.into()), Value::Text(v)]).collect();
        let bytes = write_workbook(vec![s, about_sheet])?;
        store::template_exported(self.conn(), t.id)?;
        Ok(bytes)
    }

    /// The 考核结果表 (A4 portrait): township · base · bonus · total · grade · rank.
    pub fn export_assessment_results(&self, year: i64) -> Result<Vec<u8>> {
        let res = self.assessment_results(year)?;
        let t = res.template.ok_or_else(|| Error::NotFound(format!("{year}年度还没有本单位制定的评分表")))?;
        let mut s = ReportSheet::new(
            "考核结果",
            &format!("{year}年度乡镇人大工作考核结果表"),
            cols(&["排名", "乡镇", "基本分", "加分", "总分", "等次", "自评总分", "报送情况"]),
        );
        s.landscape = false;
        s.org = self.org_name()?;
        let n = |x: Option<f64>| x.map(Value::Num).unwrap_or(Value::Empty);
        s.rows = res
            .rows
            .iter()
            .map(|r| {
                vec![
                    r.rank.map(Value::Int).unwrap_or(Value::Empty),
                    Value::Text(r.name.clone()),
                    n(r.base),
                    n(r.bonus),
                    n(r.total),
                    Value::Text(r.grade.map(|g| g.label()).unwrap_or("").into()),
                    n(r.self_base.zip(r.self_bonus).map(|(a, b)| round1(a + b))),
                    Value::Text(r.sent_text()),
                ]
            })
            .collect();
        s.footnote = Some(format!(
            "说明：基本分满分{}分，加分满分{}分；等次只按基本分评定（优秀≥{}分，合格≥{}分，其余为不合格）；{}排名，分数相同的名次并列。",
            num(t.base_max),
            num(t.bonus_max),
            num(t.excellent),
            num(t.pass),
            t.rank_by.label()
        ));
        write_workbook(vec![s])
    }

    /// Each township's 考核评分表: items, max, 自评, 考核组, 加减分, reasons — one sheet a township.
    pub fn export_assessment_sheets(&self, year: i64, township_id: Option<i64>) -> Result<Vec<u8>> {
        let townships = match township_id {
            Some(id) => vec![id],
            None => store::townships(self.conn())?.into_iter().map(|w| w.id).collect(),
        };
        if townships.is_empty() {
            return Err(Error::NotFound("还没有参评乡镇：收到乡镇的上报包或添加乡镇后再导出".into()));
        }
        let org = self.org_name()?;
        let mut sheets = vec![];
        for id in townships {
            let sheet = self.assessment_sheet(&SheetQuery { year, township_id: id })?;
            sheets.push(township_sheet(&sheet, &org));
        }
        write_workbook(sheets)
    }
}

/// A sheet name Excel accepts: no []:*?/\, at most 31 characters.
fn sheet_name(name: &str) -> String {
    let clean: String = name.chars().filter(|c| !"[]:*?/\\".contains(*c)).take(28).collect();
    if clean.is_empty() {
        "乡镇".into()
    } else {
        clean
    }
}

fn township_sheet(sh: &TownshipSheet, org: &str) -> ReportSheet {
    let mut s = ReportSheet::new(
        &sheet_name(&sh.township.name),
        &format!("{}年度{}人大工作考核评分表", sh.year, sh.township.name),
        cols(&["板块", "评分项目", "分值", "自评", "考核组", "加减分", "得分", "说明"]),
    );
    if let Some(c) = s.columns.get_mut(7) {
        c.wide = true;
    }
    s.landscape = false;
    s.org = org.to_string();
    let n = |x: Option<f64>| x.map(Value::Num).unwrap_or(Value::Empty);
    s.rows = sh
        .rows
        .iter()
        .map(|r| {
            let adj: f64 = r.adjustments.iter().map(|a| a.points).sum();
            let mut why: Vec<String> = vec![];
            if let Some(a) = &r.auto {
                why.push(format!("{}：{}", a.source.label(), a.text));
            }
            if !r.group_reason.is_empty() {
                why.push(format!("考核组：{}", r.group_reason));
            }
            why.extend(r.adjustments.iter().map(|a| format!("{:+}分：{}", a.points, a.reason)));
            vec![
                Value::Text(if r.bonus { format!("{}（加分）", r.block) } else { r.block.clone() }),
                Value::Text(r.item.name.clone()),
                Value::Num(r.item.max_points),
                n(r.self_points),
                n(r.group),
                if r.adjustments.is_empty() { Value::Empty } else { Value::Num(round1(adj)) },
                n(r.points),
                Value::Text(why.join("；")),
            ]
        })
        .collect();
    let res = &sh.result;
    s.footnote = Some(format!(
        "合计：基本分{}，加分{}，总分{}，等次{}，排名{}。{}",
        res.base.map(num).unwrap_or_else(|| "—".into()),
        res.bonus.map(num).unwrap_or_else(|| "—".into()),
        res.total.map(num).unwrap_or_else(|| "—".into()),
        res.grade.map(|g| g.label()).unwrap_or("—"),
        res.rank.map(|r| r.to_string()).unwrap_or_else(|| "—".into()),
        if res.status == SentStatus::NotSent { "该乡镇未报送自评。" } else { "" }
    ));
    s
}

// ---- importing the 评分表 at the township

fn text(row: &ParsedRow, key: &str) -> String {
    row.values.get(key).map(FieldValue::text).unwrap_or_default().trim().to_string()
}

fn cell_error(parsed: &ParsedSheet, row: &ParsedRow, key: &str, msg: &str) -> RowError {
    let h = parsed.columns.iter().find(|c| c.field == key).map(|c| c.header.clone()).unwrap_or_else(|| {
        TEMPLATE_SPEC.fields.iter().find(|f| f.key == key).map(|f| f.label.to_string()).unwrap_or_default()
    });
    RowError {
        sheet: row.sheet.clone(),
        row: row.row as i64,
        column: h.clone(),
        message: format!("第{}行「{h}」{msg}", row.row),
    }
}

fn points(s: &str) -> Option<f64> {
    let t = crate::text::to_half_width(s);
    t.trim().trim_end_matches(['%', '分', '次']).trim().parse::<f64>().ok().filter(|x| x.is_finite())
}

/// One row of the 评分表, or its problems.
fn item_of_row(parsed: &ParsedSheet, row: &ParsedRow) -> std::result::Result<SheetItem, Vec<RowError>> {
    let mut errs = row.errors.clone();
    let kind = text(row, "kind");
    if kind != BASE_KIND && kind != BONUS_KIND {
        errs.push(cell_error(parsed, row, "kind", &format!("应为「{BASE_KIND}」或「{BONUS_KIND}」")));
    }
    let max = points(&text(row, "max")).unwrap_or_else(|| {
        errs.push(cell_error(parsed, row, "max", "应为分数"));
        0.0
    });
    let auto_text = text(row, "auto");
    let auto = AutoSource::from_label(&auto_text);
    if !auto_text.is_empty() && auto.is_none() {
        errs.push(cell_error(
            parsed,
            row,
            "auto",
            &format!("「{}」不是能自动计分的项目", crate::fields::quote(&auto_text)),
        ));
    }
    let full_text = text(row, "full_at");
    let full_at = (!full_text.is_empty()).then(|| points(&full_text)).flatten();
    if !full_text.is_empty() && full_at.is_none() {
        errs.push(cell_error(parsed, row, "full_at", "应为数字"));
    }
    if !errs.is_empty() {
        return Err(errs);
    }
    Ok(SheetItem {
        bonus: kind == BONUS_KIND,
        block: text(row, "block"),
        name: text(row, "name"),
        max,
        criterion: text(row, "criterion"),
        evidence: text(row, "evidence"),
        auto,
        full_at,
        uuid: text(row, "uuid"),
    })
}

/// The 说明 sheet of a 评分表, or why the file is not one.
fn read_about(sheets: &[Sheet]) -> Result<About> {
    let not_one = || {
        Error::BadFile(
            "这不是县人大导出的评分表：缺少“说明”工作表或其中的评分表标识、版本。请使用县里导出的文件。".into(),
        )
    };
    let sheet = sheets.iter().find(|s| s.name == ABOUT_SHEET).ok_or_else(not_one)?;
    let get = |k: &str| {
        sheet.rows.iter().find_map(|(_, c)| {
            (c.first().map(|x| x.display()).as_deref() == Some(k))
                .then(|| c.get(1).map(|x| x.display()).unwrap_or_default())
        })
    };
    let number = |k: &str| get(k).and_then(|v| points(&v));
    let rank_by =
        if get(about::RANK_BY).as_deref() == Some(RankBy::Base.label()) { RankBy::Base } else { RankBy::Total };
    let year = get(about::YEAR).and_then(|y| y.parse::<i64>().ok()).filter(|y| (2000..=2100).contains(y));
    let version = get(about::VERSION).and_then(|v| v.parse::<i64>().ok()).filter(|v| *v > 0);
    let (Some(year), Some(version), Some(uuid), Some(sum)) = (year, version, get(about::ID), get(about::SUM)) else {
        return Err(not_one());
    };
    let settings = TemplateSettings {
        year,
        excellent: number(about::EXCELLENT).unwrap_or(90.0),
        pass: number(about::PASS).unwrap_or(80.0),
        rank_by,
    };
    Ok(About { issuer: get(about::ISSUER).unwrap_or_default(), year, uuid, version, settings, sum })
}

/// What importing does to the template held for the year: add it, update it to a newer
/// version, nothing (the same version again) — or the refusal.
fn plan(held: Option<&store::TemplateRow>, a: &About) -> Result<&'static str> {
    let Some(h) = held else { return Ok("add") };
    if h.origin == ORIGIN_OWN {
        return Err(Error::NotAllowed(if h.uuid == a.uuid {
            "这是本单位自己制定的评分表，不需要导入".into()
        } else {
            format!("本单位已自行制定了{}年度评分表，不能再导入「{}」的评分表", a.year, a.issuer)
        }));
    }
    if h.uuid != a.uuid {
        return Err(Error::NotAllowed(format!(
            "本单位已导入「{}」的{}年度评分表，这份是另一份评分表（标识不同），不能替换。如县里重新制定了评分表，请与县人大核对",
            h.issuer, a.year
        )));
    }
    match a.version.cmp(&h.version) {
        std::cmp::Ordering::Less => Err(Error::NotAllowed(format!(
            "这份评分表是第{}版，本单位已导入较新的第{}版，不能用旧版替换",
            a.version, h.version
        ))),
        std::cmp::Ordering::Equal => Ok("unchanged"),
        std::cmp::Ordering::Greater => Ok("update"),
    }
}

impl Renda {
    /// The county's 评分表 at the township: preview, cell errors naming sheet, row and column; the
    /// same version again changes nothing; a newer version updates the items by their ids (自评
    /// of the items kept stay); another template, an older version or an altered file is refused.
    pub fn import_assessment_template(
        &mut self,
        bytes: &[u8],
        file_name: &str,
        opts: &ImportOptions,
    ) -> Result<ImportReport> {
        let sheets = crate::excel::read::read_workbook(bytes, file_name)?;
        let about = read_about(&sheets)?;
        let mut excluded = opts.excluded_sheets.clone();
        excluded.push(ABOUT_SHEET.into());
        let parsed = crate::excel::spec::parse_sheets(&TEMPLATE_SPEC, &sheets, opts.sheet.as_deref(), &excluded)?;
        let (mut items, mut errors, mut preview) = (vec![], vec![], vec![]);
        for row in &parsed.rows {
            match item_of_row(&parsed, row) {
                Ok(i) => items.push((row, i)),
                Err(e) => {
                    errors.extend(e.iter().cloned());
                    preview.push(PreviewRow::of(row, "error", text(row, "name"), vec![], e));
                }
            }
        }
        let list: Vec<SheetItem> = items.iter().map(|(_, i)| i.clone()).collect();
        if errors.is_empty() && checksum(&about, &list) != about.sum {
            return Err(Error::BadFile(format!(
                "评分表「{file_name}」在导出后被改动过（校验码不符），不能导入。请使用县人大导出的原文件，或请县里重新导出"
            )));
        }
        let held = store::template_row_of(self.conn(), about.year)?;
        let action = plan(held.as_ref(), &about)?;
        let mut counted = (0, 0, 0);
        for (row, i) in &items {
            let known = held.as_ref().map(|h| store::item_by_uuid(self.conn(), h.id, &i.uuid)).transpose()?.flatten();
            let act = match (action, known) {
                ("unchanged", _) => "unchanged",
                (_, Some(_)) => "update",
                _ => "add",
            };
            match act {
                "add" => counted.0 += 1,
                "update" => counted.1 += 1,
                _ => counted.2 += 1,
            }
            preview.push(PreviewRow::of(row, act, i.name.clone(), vec![], vec![]));
        }
        let notes = vec![format!("{}年度评分表，第{}版，制定单位：{}", about.year, about.version, about.issuer)];
        let report = ImportReport::from_preview(
            (TEMPLATE_SPEC.kind, AssessmentImport::AssessmentTemplate.decl().title),
            file_name,
            bytes,
            &parsed,
            preview,
            counted,
            errors,
            notes,
            opts,
        );
        // a template is all or nothing: 仅导入无误的行 does not apply
        let opts = ImportOptions { skip_invalid: false, ..opts.clone() };
        self.commit_import(report, &opts, action == "unchanged", |tx| apply_template(tx, held.as_ref(), &about, &list))
    }
}

/// Writes the imported template: new, or its newer version (items by id; those gone leave).
fn apply_template(
    tx: &rusqlite::Connection,
    held: Option<&store::TemplateRow>,
    a: &About,
    items: &[SheetItem],
) -> Result<()> {
    let now = now_text();
    let id = match held {
        Some(h) => {
            store::template_version_set(tx, h.id, a.version, &a.settings, &now)?;
            h.id
        }
        None => {
            let row = store::TemplateRow {
                id: 0,
                uuid: a.uuid.clone(),
                year: a.year,
                origin: ORIGIN_IMPORTED.into(),
                issuer: a.issuer.clone(),
                version: a.version,
                excellent: a.settings.excellent,
                pass: a.settings.pass,
                rank_by: a.settings.rank_by,
            };
            store::template_insert(tx, &row, &now)?
        }
    };
    let mut keep = vec![];
    for (n, i) in items.iter().enumerate() {
        let block_id = match store::block_id(tx, id, &i.block)? {
            Some((b, _)) => b,
            None => store::block_insert(tx, id, &i.block, i.bonus)?,
        };
        let input = ItemInput {
            block_id,
            name: i.name.clone(),
            max_points: i.max,
            criterion: i.criterion.clone(),
            evidence: i.evidence.clone(),
            auto_source: i.auto,
            full_at: i.full_at,
        };
        let item = match store::item_by_uuid(tx, id, &i.uuid)? {
            Some(item) => {
                store::item_update(tx, item, &input)?;
                item
            }
            None => store::item_insert(tx, id, &i.uuid, &input)?,
        };
        store::item_position_set(tx, item, n as i64 + 1)?;
        keep.push(item);
    }
    for gone in store::template(tx, a.year)?.iter().flat_map(|t| t.items().map(|(_, i)| i.id).collect::<Vec<_>>()) {
        if !keep.contains(&gone) {
            store::item_deactivate(tx, gone)?;
        }
    }
    let summary = format!("导入{}年度评分表（第{}版，{}）", a.year, a.version, a.issuer);
    audit_json(tx, "assessment", Some(&a.uuid), "import", &summary, None, None)
}
