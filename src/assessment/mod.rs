//! 乡镇人大工作评价 (DOMAIN.md §8): the county's yearly template (blocks → items, bonus items
//! apart), the township's 自评 with the automatic items proposed from its own records (sent in its
//! 上报包), and at the county the 考核组 score beside the 自评, 加减分 with reasons, the base and
//! bonus totals, the grade on the base only and the rank where ties share.

pub mod auto;
pub mod demo;
pub mod excel;
pub mod model;
pub mod store;

use std::collections::HashMap;

use rusqlite::Connection;

use crate::db::{audit_json, now_text};
use crate::error::{Error, Result};
use crate::Renda;
use model::*;

fn check_year(year: i64) -> Result<i64> {
    if (2000..=2100).contains(&year) {
        Ok(year)
    } else {
        Err(Error::field("year", "请选择评价的年度（2000—2100 年）"))
    }
}

fn audit_assessment(tx: &Connection, action: &str, summary: &str, after: Option<String>) -> Result<()> {
    audit_json(tx, "assessment", None, action, summary, None, after)
}

impl Renda {
    /// The template of a year (none yet: `None`).
    pub fn assessment_template(&self, year: i64) -> Result<Option<Template>> {
        store::template(self.conn(), check_year(year)?)
    }

    fn template_of(&self, year: i64) -> Result<Template> {
        self.assessment_template(year)?
            .ok_or_else(|| Error::NotFound(format!("{year}年度还没有工作评价评分表，请先新建或复制上年的评分表")))
    }

    /// The template this office made for a year: the one it may edit and score townships by.
    fn own_template(&self, year: i64) -> Result<Template> {
        let t = self.template_of(year)?;
        if t.origin != ORIGIN_OWN {
            return Err(Error::NotAllowed(format!(
                "{year}年度评分表由「{}」制定，本单位不能修改；如有变动，请导入其重新导出的评分表",
                t.issuer
            )));
        }
        Ok(t)
    }

    /// A new, empty template for a year, with the default rules (优秀 ≥ 90, 合格 ≥ 80, rank by total).
    pub fn assessment_template_create(&mut self, year: i64) -> Result<Template> {
        let year = check_year(year)?;
        if self.assessment_template(year)?.is_some() {
            return Err(Error::Conflict(format!("{year}年度的评分表已经有了，可以直接修改")));
        }
        let row = store::TemplateRow {
            id: 0,
            uuid: uuid::Uuid::new_v4().to_string(),
            year,
            origin: ORIGIN_OWN.into(),
            issuer: String::new(),
            version: 1,
            excellent: 90.0,
            pass: 80.0,
            rank_by: RankBy::Total,
        };
        self.write(|tx| {
            store::template_insert(tx, &row, &now_text())?;
            audit_assessment(tx, "create", &format!("新建{year}年度乡镇工作评价评分表"), None)
        })?;
        self.template_of(year)
    }

    /// Last year's template (the latest earlier one) copied to `year` in one step: blocks, items,
    /// rules; new ids, version 1.
    pub fn assessment_template_copy(&mut self, year: i64) -> Result<Template> {
        let year = check_year(year)?;
        if self.assessment_template(year)?.is_some() {
            return Err(Error::Conflict(format!("{year}年度的评分表已经有了，不能再复制")));
        }
        let from = store::year_before(self.conn(), year)?
            .ok_or_else(|| Error::NotFound(format!("{year}年以前没有评分表可以复制，请新建评分表")))?;
        let old = self.template_of(from)?;
        self.write(|tx| {
            let now = now_text();
            let row = store::TemplateRow {
                id: 0,
                uuid: uuid::Uuid::new_v4().to_string(),
                year,
                origin: ORIGIN_OWN.into(),
                issuer: String::new(),
                version: 1,
                excellent: old.excellent,
                pass: old.pass,
                rank_by: old.rank_by,
            };
            let id = store::template_insert(tx, &row, &now)?;
            for b in &old.blocks {
                let block_id = store::block_insert(tx, id, &b.name, b.bonus)?;
                for i in &b.items {
                    store::item_insert(tx, id, &uuid::Uuid::new_v4().to_string(), &item_input(i, block_id))?;
                }
            }
            audit_assessment(tx, "copy", &format!("复制{from}年度评分表为{year}年度评分表"), None)
        })?;
        self.template_of(year)
    }

    /// The grade thresholds and what the rank is by.
    pub fn assessment_settings_set(&mut self, s: &TemplateSettings) -> Result<Template> {
        validate_settings(s)?;
        let t = self.own_template(s.year)?;
        self.write(|tx| {
            let now = now_text();
            store::template_settings_set(tx, t.id, s, &now)?;
            store::template_touch(tx, t.id, &now)?;
            let summary =
                format!("{}年度评价规则：优秀≥{}，合格≥{}，{}", s.year, s.excellent, s.pass, s.rank_by.label());
            audit_assessment(tx, "update", &summary, None)
        })?;
        self.template_of(s.year)
    }

    pub fn assessment_block_add(&mut self, b: &BlockInput) -> Result<Template> {
        let t = self.own_template(b.year)?;
        let name = b.name.trim();
        if name.is_empty() {
            return Err(Error::field("name", "请填写板块名称（如「依法监督」）"));
        }
        if store::block_id(self.conn(), t.id, name)?.is_some() {
            return Err(Error::field("name", format!("已有板块「{name}」")));
        }
        self.write(|tx| {
            store::block_insert(tx, t.id, name, b.bonus)?;
            store::template_touch(tx, t.id, &now_text())?;
            audit_assessment(
                tx,
                "create",
                &format!("{}年度评分表新增{}「{name}」", b.year, if b.bonus { "加分板块" } else { "板块" }),
                None,
            )
        })?;
        self.template_of(b.year)
    }

    /// The template an item's block belongs to, which must be this office's own.
    fn template_of_block(&self, block_id: i64) -> Result<Template> {
        let (template_id, _) = store::block_template(self.conn(), block_id)?
            .ok_or_else(|| Error::field("block_id", "请选择评分项目所属的板块"))?;
        let year = store::template_year(self.conn(), template_id)?;
        self.own_template(year)
    }

    pub fn assessment_item_add(&mut self, i: &ItemInput) -> Result<Template> {
        let i = validate_item(i)?;
        let t = self.template_of_block(i.block_id)?;
        self.write(|tx| {
            store::item_insert(tx, t.id, &uuid::Uuid::new_v4().to_string(), &i)?;
            store::template_touch(tx, t.id, &now_text())?;
            audit_assessment(
                tx,
                "create",
                &format!("{}年度评分表新增评分项目「{}」（{}分）", t.year, i.name, i.max_points),
                None,
            )
        })?;
        self.template_of(t.year)
    }

    pub fn assessment_item_update(&mut self, id: i64, i: &ItemInput) -> Result<Template> {
        let i = validate_item(i)?;
        let t = self.template_of_block(i.block_id)?;
        if !t.items().any(|(_, x)| x.id == id) {
            return Err(Error::NotFound("找不到这个评分项目，请刷新后重试".into()));
        }
        self.write(|tx| {
            store::item_update(tx, id, &i)?;
            store::template_touch(tx, t.id, &now_text())?;
            audit_assessment(
                tx,
                "update",
                &format!("{}年度评分表修改评分项目「{}」", t.year, i.name),
                serde_json::to_string(&i).ok(),
            )
        })?;
        self.template_of(t.year)
    }

    /// An item leaves the template; its scores stay in the history.
    pub fn assessment_item_remove(&mut self, id: i64) -> Result<Template> {
        let (year, name, _) = store::item_year(self.conn(), id)?
            .ok_or_else(|| Error::NotFound("找不到这个评分项目，请刷新后重试".into()))?;
        let t = self.own_template(year)?;
        self.write(|tx| {
            store::item_deactivate(tx, id)?;
            store::template_touch(tx, t.id, &now_text())?;
            audit_assessment(tx, "deactivate", &format!("{year}年度评分表删除评分项目「{name}」"), None)
        })?;
        self.template_of(year)
    }
}

fn item_input(i: &Item, block_id: i64) -> ItemInput {
    ItemInput {
        block_id,
        name: i.name.clone(),
        max_points: i.max_points,
        criterion: i.criterion.clone(),
        evidence: i.evidence.clone(),
        auto_source: i.auto_source,
        full_at: i.full_at,
    }
}

// ---- at the township: the 自评 (DOMAIN.md §8.3)

impl Renda {
    /// The automatic figure of each source an item of the template uses, counted once each.
    fn own_figures(&self, t: &Template) -> Result<HashMap<AutoSource, (Option<f64>, String)>> {
        let mut out = HashMap::new();
        for src in t.items().filter_map(|(_, i)| i.auto_source) {
            if let std::collections::hash_map::Entry::Vacant(e) = out.entry(src) {
                e.insert(self.assessment_figure(src, t.year)?);
            }
        }
        Ok(out)
    }

    /// The township's 自评 of a year against the template it imported: each item with the
    /// automatic figure proposed from its own records, and its 自评 (entered, else the proposal).
    pub fn assessment_self_sheet(&self, year: i64) -> Result<SelfSheet> {
        let Some(t) = self.assessment_template(year)? else {
            return Ok(SelfSheet { template: None, rows: vec![], base: 0.0, bonus: 0.0 });
        };
        let figures = self.own_figures(&t)?;
        let mut entered = store::self_latest(self.conn(), t.id)?;
        let mut rows = Vec::new();
        for (b, i) in t.items() {
            let auto = i.auto_source.map(|s| {
                let (figure, text) = figures.get(&s).cloned().unwrap_or((None, String::new()));
                AutoFigure { source: s, figure, text, proposed: proposed(i.max_points, i.full_at, figure) }
            });
            let mine = entered.remove(&i.id);
            rows.push(SelfRow {
                block: b.name.clone(),
                bonus: b.bonus,
                item: i.clone(),
                points: mine.as_ref().map(|m| m.0).or(auto.as_ref().and_then(|a| a.proposed)),
                entered: mine.is_some(),
                note: mine.as_ref().map(|m| m.1.clone()).unwrap_or_default(),
                evidence: mine.as_ref().map(|m| m.2.clone()).unwrap_or_default(),
                reason: mine.map(|m| m.3).unwrap_or_default(),
                auto,
            });
        }
        let sum = |bonus: bool| round1(rows.iter().filter(|r| r.bonus == bonus).filter_map(|r| r.points).sum());
        let (base, bonus) = (sum(false), sum(true));
        Ok(SelfSheet { template: Some(t), rows, base, bonus })
    }

    /// A 自评 entered (appended): within the item's points; taking other points than an automatic
    /// proposal needs the reason.
    pub fn assessment_self_score(&mut self, s: &SelfScoreInput) -> Result<SelfSheet> {
        let (year, name, max) =
            store::item_year(self.conn(), s.item_id)?.ok_or_else(|| Error::field("item_id", "请选择自评的评分项目"))?;
        let sheet = self.assessment_self_sheet(year)?;
        let row = sheet
            .rows
            .iter()
            .find(|r| r.item.id == s.item_id)
            .ok_or_else(|| Error::field("item_id", "请选择自评的评分项目"))?;
        if !(s.points.is_finite() && (0.0..=max + 1e-9).contains(&s.points)) {
            return Err(Error::field("points", format!("「{name}」的自评得分应在0到{max}分之间")));
        }
        let overrides = row.auto.as_ref().and_then(|a| a.proposed).is_some_and(|p| (p - s.points).abs() > 0.05);
        if overrides && s.reason.trim().is_empty() {
            return Err(Error::field(
                "reason",
                format!(
                    "「{name}」按记录自动计算为{}分，自评改为{}分，请说明理由",
                    row.auto.as_ref().and_then(|a| a.proposed).unwrap_or(0.0),
                    s.points
                ),
            ));
        }
        let s = SelfScoreInput {
            points: round1(s.points),
            reason: if overrides { s.reason.trim().into() } else { String::new() },
            ..s.clone()
        };
        self.write(|tx| {
            store::self_insert(tx, &s, &now_text())?;
            audit_assessment(
                tx,
                "self_score",
                &format!("{year}年度自评「{name}」{}分", s.points),
                serde_json::to_string(&s).ok(),
            )
        })?;
        self.assessment_self_sheet(year)
    }

    /// 数据-工作评价 of a package: the office's 自评 of the year against the template it imported
    /// (none when it has no imported template).
    pub fn assessment_pack_rows(&self, year: i64) -> Result<Vec<PackRow>> {
        let sheet = self.assessment_self_sheet(year)?;
        let Some(t) = sheet.template.filter(|t| t.origin == ORIGIN_IMPORTED) else { return Ok(vec![]) };
        let own = self.office()?.id;
        Ok(sheet
            .rows
            .into_iter()
            .map(|r| PackRow {
                item_uuid: r.item.uuid.clone(),
                own: own.clone(),
                year,
                template_uuid: t.uuid.clone(),
                version: t.version,
                block: r.block,
                name: r.item.name,
                max_points: r.item.max_points,
                auto: r.auto.as_ref().map(|a| a.source.label().to_string()).unwrap_or_default(),
                figure: r.auto.as_ref().and_then(|a| a.figure),
                figure_text: r.auto.map(|a| a.text).unwrap_or_default(),
                points: r.points,
                note: r.note,
                evidence: r.evidence,
                reason: r.reason,
            })
            .collect())
    }
}

/// A package's 数据-工作评价 received at the county (DOMAIN.md §8.3), in the receipt's transaction:
/// the sender becomes (or stays) a township of the list; its 自评 of each year the rows carry
/// replaces the earlier one unless that came in a newer package.
pub fn receive(tx: &Connection, office_id: &str, name: &str, serial: i64, force: bool, rows: &[PackRow]) -> Result<()> {
    let now = now_text();
    let township = store::township_of_sender(tx, office_id, name, &now)?;
    let mut years: Vec<i64> = rows.iter().map(|r| r.year).collect();
    years.sort();
    years.dedup();
    for year in years {
        let mine: Vec<PackRow> = rows.iter().filter(|r| r.year == year).cloned().collect();
        store::received_insert(tx, township, year, serial, force, &mine, &now)?;
    }
    Ok(())
}

// ---- at the county: 考核组 scores, 加减分, results (DOMAIN.md §8.4)

/// What the county holds for one township of a year, read once for every township.
struct Held {
    received: HashMap<i64, store::ReceivedSet>,
    items: HashMap<(i64, String), store::ReceivedItem>,
    scores: HashMap<(i64, i64), (f64, String)>,
    adjusted: HashMap<(i64, i64), f64>,
}

impl Held {
    fn read(c: &Connection, t: &Template) -> Result<Held> {
        Ok(Held {
            received: store::received_current(c, t.year)?,
            items: store::received_items(c, t.year)?,
            scores: store::scores_latest(c, t.id)?,
            adjusted: store::adjusted(c, t.id)?,
        })
    }

    /// The automatic figure a township reported for an item, with the points it earns here.
    fn auto(&self, township: i64, i: &Item) -> Option<AutoFigure> {
        let s = i.auto_source?;
        let got = self.items.get(&(township, i.uuid.clone()));
        let figure = got.and_then(|g| g.4);
        let text = got.map(|g| g.5.clone()).unwrap_or_else(|| "未报送".into());
        Some(AutoFigure { source: s, figure, text, proposed: proposed(i.max_points, i.full_at, figure) })
    }

    /// An item's points: the 考核组 score (else the automatic proposal) plus the 加减分.
    fn points(&self, township: i64, i: &Item) -> Option<f64> {
        let scored = self.scores.get(&(township, i.id)).map(|s| s.0).or_else(|| self.auto(township, i)?.proposed)?;
        Some(round1(scored + self.adjusted.get(&(township, i.id)).copied().unwrap_or(0.0)))
    }

    fn result(&self, t: &Template, w: &Township) -> TownshipResult {
        let sent = self.received.get(&w.id);
        let (mut base, mut bonus, mut self_base, mut self_bonus, mut unscored, mut any) =
            (0.0, 0.0, 0.0, 0.0, 0, false);
        for (b, i) in t.items() {
            let own = self.items.get(&(w.id, i.uuid.clone())).and_then(|x| x.0).unwrap_or(0.0);
            let p = self.points(w.id, i);
            any |= p.is_some();
            unscored += i64::from(p.is_none());
            if b.bonus {
                (bonus, self_bonus) = (bonus + p.unwrap_or(0.0), self_bonus + own);
            } else {
                (base, self_base) = (base + p.unwrap_or(0.0), self_base + own);
            }
        }
        let (base, bonus) = (round1(base), round1(bonus));
        TownshipResult {
            township_id: w.id,
            name: w.name.clone(),
            status: if sent.is_some() { SentStatus::Sent } else { SentStatus::NotSent },
            received_at: sent.map(|s| s.4.clone()),
            self_base: sent.map(|_| round1(self_base)),
            self_bonus: sent.map(|_| round1(self_bonus)),
            base: any.then_some(base),
            bonus: any.then_some(bonus),
            total: any.then_some(round1(base + bonus)),
            grade: any.then(|| grade(base, t.excellent, t.pass)),
            rank: None,
            unscored,
        }
    }
}

impl Renda {
    /// The townships the county scores: those it listed and those it received a package from.
    pub fn assessment_townships(&self) -> Result<Vec<Township>> {
        store::townships(self.conn())
    }

    /// A township listed before it sends anything (so that one that never sends shows as 未报送).
    pub fn assessment_township_add(&mut self, name: &str) -> Result<Vec<Township>> {
        let name = name.trim();
        if name.is_empty() {
            return Err(Error::field("name", "请填写乡镇名称"));
        }
        if store::township_by_name(self.conn(), name)?.is_some() {
            return Err(Error::field("name", format!("已有「{name}」")));
        }
        self.write(|tx| {
            store::township_insert(tx, name, None, &now_text())?;
            audit_assessment(tx, "create", &format!("参评乡镇新增「{name}」"), None)
        })?;
        self.assessment_townships()
    }

    /// The 考核结果表 of a year: each township's base, bonus, total, grade (base only) and rank
    /// (ties share), those that sent nothing as 未报送.
    pub fn assessment_results(&self, year: i64) -> Result<AssessmentResults> {
        let Some(t) = self.assessment_template(year)?.filter(|t| t.origin == ORIGIN_OWN) else {
            return Ok(AssessmentResults { year, template: None, rows: vec![] });
        };
        let held = Held::read(self.conn(), &t)?;
        let rows = self.ranked(&t, &held)?;
        Ok(AssessmentResults { year, template: Some(t), rows })
    }

    /// Every township's result, ranked (ties share), those without a rank last.
    fn ranked(&self, t: &Template, held: &Held) -> Result<Vec<TownshipResult>> {
        let mut rows: Vec<TownshipResult> = store::townships(self.conn())?.iter().map(|w| held.result(t, w)).collect();
        let key = |r: &TownshipResult| if t.rank_by == RankBy::Base { r.base } else { r.total };
        let ranked = ranks(&rows.iter().map(key).collect::<Vec<_>>());
        for (r, n) in rows.iter_mut().zip(ranked) {
            r.rank = n;
        }
        rows.sort_by_key(|r| (r.rank.is_none(), r.rank, r.township_id));
        Ok(rows)
    }

    /// One township's 评分表: 自评 beside 考核组, 加减分 with reasons, every earlier score.
    pub fn assessment_sheet(&self, q: &SheetQuery) -> Result<TownshipSheet> {
        let t = self.own_template(check_year(q.year)?)?;
        let w =
            store::township(self.conn(), q.township_id)?.ok_or_else(|| Error::field("township_id", "请选择乡镇"))?;
        let held = Held::read(self.conn(), &t)?;
        let mut scores = store::history(self.conn(), w.id, false)?;
        let mut adjustments = store::history(self.conn(), w.id, true)?;
        let mut rows = Vec::new();
        for (b, i) in t.items() {
            let got = held.items.get(&(w.id, i.uuid.clone()));
            let group = held.scores.get(&(w.id, i.id));
            rows.push(SheetRow {
                block: b.name.clone(),
                bonus: b.bonus,
                item: i.clone(),
                self_points: got.and_then(|g| g.0),
                self_note: got.map(|g| g.1.clone()).unwrap_or_default(),
                self_evidence: got.map(|g| g.2.clone()).unwrap_or_default(),
                self_reason: got.map(|g| g.3.clone()).unwrap_or_default(),
                auto: held.auto(w.id, i),
                group: group.map(|g| g.0),
                group_reason: group.map(|g| g.1.clone()).unwrap_or_default(),
                history: scores.remove(&i.id).unwrap_or_default(),
                adjustments: adjustments.remove(&i.id).unwrap_or_default(),
                points: held.points(w.id, i),
            });
        }
        let mut warnings = vec![];
        if let Some((_, _, uuid, version, _)) = held.received.get(&w.id) {
            if *uuid != t.uuid {
                warnings.push("该乡镇的自评不是按本级现行评分表填写的（可能导入了其他评分表），自评分仅供参考".into());
            } else if *version != t.version {
                warnings.push(format!("该乡镇按第{version}版评分表自评，现行为第{}版：变动的项目请核对", t.version));
            }
        }
        let ranked = self.ranked(&t, &held)?.into_iter().find(|r| r.township_id == w.id);
        let result = ranked.unwrap_or_else(|| held.result(&t, &w));
        Ok(TownshipSheet { year: t.year, township: w, result, rows, warnings })
    }

    /// The item of a township's sheet a 考核组 score or 加减分 is for.
    fn sheet_row(&self, year: i64, township_id: i64, item_id: i64) -> Result<SheetRow> {
        self.assessment_sheet(&SheetQuery { year, township_id })?
            .rows
            .into_iter()
            .find(|r| r.item.id == item_id)
            .ok_or_else(|| Error::field("item_id", "请选择评分项目"))
    }

    /// A 考核组 score (appended): within the item's points with its 加减分; overriding an
    /// automatic proposal needs the reason.
    pub fn assessment_score(&mut self, s: &ScoreInput) -> Result<TownshipSheet> {
        let row = self.sheet_row(s.year, s.township_id, s.item_id)?;
        let adjusted: f64 = row.adjustments.iter().map(|a| a.points).sum();
        check_score(&row.item.name, row.item.max_points, s.points, adjusted)?;
        let proposal = row.auto.as_ref().and_then(|a| a.proposed);
        if proposal.is_some_and(|p| (p - s.points).abs() > 0.05) && s.reason.trim().is_empty() {
            return Err(Error::field(
                "reason",
                format!(
                    "「{}」按报送数据自动计算为{}分，改为{}分请说明理由",
                    row.item.name,
                    proposal.unwrap_or(0.0),
                    s.points
                ),
            ));
        }
        let s = ScoreInput { points: round1(s.points), reason: s.reason.trim().into(), ..s.clone() };
        let name = store::township(self.conn(), s.township_id)?.map(|w| w.name).unwrap_or_default();
        self.write(|tx| {
            store::score_insert(tx, &s, &now_text())?;
            let summary = format!("{}年度{name}「{}」考核组评分{}分", s.year, row.item.name, s.points);
            audit_assessment(tx, "score", &summary, serde_json::to_string(&s).ok())
        })?;
        self.assessment_sheet(&SheetQuery { year: s.year, township_id: s.township_id })
    }

    /// A 加减分 with its reason (appended): refused when it would take the item below zero or
    /// above its points (DOMAIN.md §8.4).
    pub fn assessment_adjust(&mut self, a: &AdjustInput) -> Result<TownshipSheet> {
        let row = self.sheet_row(a.year, a.township_id, a.item_id)?;
        if a.reason.trim().is_empty() {
            return Err(Error::field("reason", "请填写加减分的理由"));
        }
        let scored = row.group.or(row.auto.as_ref().and_then(|x| x.proposed));
        let earlier: f64 = row.adjustments.iter().map(|x| x.points).sum();
        check_adjust(&row.item.name, row.item.max_points, scored, earlier, a.delta)?;
        let a = AdjustInput { delta: round1(a.delta), reason: a.reason.trim().into(), ..a.clone() };
        let name = store::township(self.conn(), a.township_id)?.map(|w| w.name).unwrap_or_default();
        self.write(|tx| {
            store::adjustment_insert(tx, &a, &now_text())?;
            let summary = format!("{}年度{name}「{}」加减分{:+}分：{}", a.year, row.item.name, a.delta, a.reason);
            audit_assessment(tx, "add_subtract", &summary, serde_json::to_string(&a).ok())
        })?;
        self.assessment_sheet(&SheetQuery { year: a.year, township_id: a.township_id })
    }
}
