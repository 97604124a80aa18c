//! 联络站 一档四簿 (DOMAIN.md §3): the archive, the four registers and their links — a constituent's
//! words (联系群众) become an opinion (意见), the opinion a 代表建议, whose reply flows back until the
//! constituent has been told — the reception schedule, and the station figures.

pub mod demo;
pub mod excel;
pub mod model;
pub mod store;

pub use store::{deputy_register_counts, deputy_register_entries};

use chrono::{Duration, NaiveDate};

use crate::common::{today, Page};
use crate::db::{audit, audit_json, now_text};
use crate::error::{Error, Result};
use crate::suggestions::model::{Suggestion, SuggestionInput, AT_SESSION, RECESS};
use crate::Renda;
use model::*;

impl Renda {
    fn station_must_exist(&self, id: i64) -> Result<String> {
        crate::roster::store::station_name(self.conn(), id)?
            .ok_or_else(|| Error::field("station_id", format!("联络站（编号 {id}）不存在，请重新选择")))
    }

    fn number_format(&self) -> Result<impl Fn(i64) -> String> {
        let s = self.suggestion_settings()?;
        Ok(move |n| s.format_number(n))
    }

    // -------------------------------------------------------------- 一档

    pub fn archive_list(&self, station_id: i64) -> Result<Vec<ArchiveItem>> {
        store::archive_list(self.conn(), station_id, self.data_dir())
    }

    pub fn archive_create(&mut self, input: &ArchiveInput) -> Result<ArchiveItem> {
        let a = validate_archive(input)?;
        let station = self.station_must_exist(a.station_id)?;
        let uuid = uuid::Uuid::new_v4().to_string();
        let id = self.write(|tx| {
            let id = store::archive_insert(tx, &a, &uuid, &now_text())?;
            audit_json(
                tx,
                "archive",
                Some(&uuid),
                "create",
                &format!("{station}档案：{}", a.title),
                None,
                serde_json::to_string(&a).ok(),
            )?;
            Ok(id)
        })?;
        store::archive_get(self.conn(), id, self.data_dir())
    }

    pub fn archive_update(&mut self, id: i64, input: &ArchiveInput) -> Result<ArchiveItem> {
        let before = store::archive_get(self.conn(), id, self.data_dir())?;
        let a = validate_archive(&ArchiveInput { station_id: before.station_id, ..input.clone() })?;
        self.write(|tx| {
            store::archive_update(tx, id, &a, &now_text())?;
            audit(
                tx,
                "archive",
                Some(&before.uuid),
                "update",
                &format!("修改档案：{}", a.title),
                Some(&serde_json::to_value(&before).unwrap_or_default()),
                Some(&serde_json::to_value(&a).unwrap_or_default()),
            )
        })?;
        store::archive_get(self.conn(), id, self.data_dir())
    }

    /// An archive item leaves the index but stays in the database (and its files in the folder).
    pub fn archive_remove(&mut self, id: i64) -> Result<()> {
        let before = store::archive_get(self.conn(), id, self.data_dir())?;
        self.write(|tx| {
            store::archive_deactivate(tx, id)?;
            audit(
                tx,
                "archive",
                Some(&before.uuid),
                "deactivate",
                &format!("移出档案目录：{}", before.title),
                None,
                None,
            )
        })
    }

    /// Copies a file into `attachments/` under its SHA-256 (once per content) and links it.
    pub fn attachment_add(
        &mut self,
        owner_kind: &str,
        owner_id: i64,
        file_name: &str,
        bytes: &[u8],
    ) -> Result<Attachment> {
        let table = store::attachment_owner_table(owner_kind).ok_or_else(|| {
            Error::field(
                "owner_kind",
                format!("附件只能加在档案（archive）或登记（register）上，不能加在「{owner_kind}」上"),
            )
        })?;
        if !store::attachment_owner_exists(self.conn(), table, owner_id)? {
            return Err(Error::NotFound("要添加附件的记录不存在，请刷新页面。".into()));
        }
        let name = crate::text::clean(file_name).unwrap_or_else(|| "附件".into());
        if bytes.is_empty() {
            return Err(Error::field("file", format!("文件「{name}」是空的，请重新选择")));
        }
        if bytes.len() > 200 * 1024 * 1024 {
            return Err(Error::field("file", format!("文件「{name}」超过 200 MB，请压缩或拆分后再附上")));
        }
        let sha = crate::excel::import::sha256_hex(bytes);
        let path = crate::db::attachment_path(self.data_dir(), &sha);
        if !path.exists() {
            let dir = path.parent().expect("attachments/xx");
            std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
            // written beside, then renamed: a half-written file never carries the content's name
            let tmp = path.with_extension("part");
            std::fs::write(&tmp, bytes).map_err(|e| Error::io(&tmp, e))?;
            std::fs::rename(&tmp, &path).map_err(|e| Error::io(&path, e))?;
        }
        let id = self.write(|tx| {
            let id = store::attachment_insert(tx, owner_kind, owner_id, &sha, &name, bytes.len() as i64)?;
            audit(tx, "attachment", None, "create", &format!("添加附件 {name}"), None, None)?;
            Ok(id)
        })?;
        store::attachments(self.conn(), owner_kind, owner_id, self.data_dir())?
            .into_iter()
            .find(|a| a.id == id)
            .ok_or_else(|| Error::NotFound("附件未找到".into()))
    }

    /// The bytes of an attachment (browser mode downloads them; the window opens the path).
    pub fn attachment_bytes(&self, id: i64) -> Result<(String, Vec<u8>)> {
        let (name, sha) = store::attachment_file(self.conn(), id)?
            .ok_or_else(|| Error::NotFound(format!("找不到编号为 {id} 的附件。")))?;
        let path = crate::db::attachment_path(self.data_dir(), &sha);
        let bytes = std::fs::read(&path).map_err(|_| {
            Error::NotFound(format!(
                "附件「{name}」的文件不在数据文件夹中（{}），可能已被移走。请从备份恢复或重新添加。",
                path.display()
            ))
        })?;
        Ok((name, bytes))
    }

    // -------------------------------------------------------------- 四簿

    pub fn entry_list(&self, q: &EntryQuery) -> Result<Page<Entry>> {
        let f = self.number_format()?;
        store::list(self.conn(), q, &f, self.data_dir())
    }

    pub fn entry_get(&self, id: i64) -> Result<Entry> {
        let f = self.number_format()?;
        store::get(self.conn(), id, &f, self.data_dir())
    }

    fn check_entry(&self, input: &EntryInput) -> Result<(EntryInput, String)> {
        let e = validate_entry(input)?;
        let station = self.station_must_exist(e.station_id)?;
        let all: Vec<i64> = e.present_ids.iter().chain(&e.leave_ids).chain(&e.absent_ids).copied().collect();
        for d in &all {
            if crate::roster::store::deputy_name(self.conn(), *d)?.is_none() {
                return Err(Error::field("present_ids", format!("代表（编号 {d}）不在名册中，请重新选择")));
            }
        }
        if let Some(src) = e.source_id {
            let book = store::entry_book(self.conn(), src)?;
            if book.as_deref() != Some("contact") {
                return Err(Error::field("source_id", "意见的来源应是一条联系群众登记"));
            }
        }
        Ok((e, station))
    }

    pub fn entry_create(&mut self, input: &EntryInput) -> Result<Entry> {
        let (e, station) = self.check_entry(input)?;
        let uuid = uuid::Uuid::new_v4().to_string();
        let id = self.write(|tx| {
            let number = if e.book == "opinion" {
                Some(store::next_opinion_number(tx, e.station_id, &e.date[..4])?)
            } else {
                None
            };
            let id = store::insert_entry(tx, &e, &uuid, number, &now_text())?;
            audit_json(
                tx,
                "register",
                Some(&uuid),
                "create",
                &format!("{station}{}：{}", book_name(&e.book)?, e.date),
                None,
                serde_json::to_string(&e).ok(),
            )?;
            Ok(id)
        })?;
        self.entry_get(id)
    }

    /// Edits an entry (the feedback to a constituent, a correction); the old version stays in the audit log.
    pub fn entry_update(&mut self, id: i64, input: &EntryInput) -> Result<Entry> {
        let before = self.entry_get(id)?;
        let (e, _) = self.check_entry(&EntryInput {
            station_id: before.station_id,
            book: before.book.clone(),
            source_id: before.source_id,
            ..input.clone()
        })?;
        self.write(|tx| {
            store::update_entry(tx, id, &e, &now_text())?;
            audit(
                tx,
                "register",
                Some(&before.uuid),
                "update",
                &format!("修改{}：{}", book_name(&e.book)?, e.date),
                Some(&serde_json::to_value(&before).unwrap_or_default()),
                Some(&serde_json::to_value(&e).unwrap_or_default()),
            )
        })?;
        self.entry_get(id)
    }

    /// An entry struck from the register (kept in the database, out of every list and figure).
    pub fn entry_remove(&mut self, id: i64) -> Result<()> {
        let before = self.entry_get(id)?;
        self.write(|tx| {
            store::entry_deactivate(tx, id)?;
            audit(
                tx,
                "register",
                Some(&before.uuid),
                "deactivate",
                &format!("作废{}登记：{}", book_short(&before.book), before.date),
                Some(&serde_json::to_value(&before).unwrap_or_default()),
                None,
            )
        })
    }

    /// 联系群众 → 意见: the constituent's problem becomes an opinion of the same deputies, keeping its source.
    pub fn contact_to_opinion(&mut self, contact_id: i64, form: Option<&str>) -> Result<Entry> {
        let c = self.entry_get(contact_id)?;
        if c.book != "contact" {
            return Err(Error::NotAllowed("只有联系群众登记可以转为意见".into()));
        }
        if let Some(o) = c.link.as_ref().and_then(|l| l.opinion_id) {
            return Err(Error::Conflict(format!("这条联系群众登记已转为意见（编号 {o}），不必重复转化")));
        }
        let input = EntryInput {
            station_id: c.station_id,
            book: "opinion".into(),
            date: today().format("%Y-%m-%d").to_string(),
            // a summary never cut inside a word: whole clauses (see `summary_phrase`)
            title: c.body.as_deref().map(|b| crate::stations::model::summary_phrase(b, 30)),
            body: c.body.clone(),
            kind: Some(form.unwrap_or("代表建议").to_string()),
            category: c.category.clone(),
            source_id: Some(c.id),
            present_ids: c.deputies.iter().map(|d| d.id).collect(),
            ..Default::default()
        };
        self.entry_create(&input)
    }

    /// 意见 → 代表建议: a suggestion prefilled from the opinion (deputies carried over); the opinion
    /// keeps the link, so the suggestion's state, reply and rating show on it and on its source.
    /// What a 代表建议 made from an opinion starts as (DOMAIN.md §3): the 案由 from its summary, its
    /// deputies (the first leads, the others co-sign), its text with its source, its category.
    /// The window shows it for editing; `opinion_to_suggestion` starts from it.
    pub fn opinion_suggestion_draft(&self, opinion_id: i64) -> Result<SuggestionInput> {
        let o = self.entry_get(opinion_id)?;
        if o.book != "opinion" {
            return Err(Error::NotAllowed("只有意见登记可以转为代表建议".into()));
        }
        if let Some(s) = o.suggestion_id {
            return Err(Error::Conflict(format!("这条意见已转为代表建议（编号 {s}），请在代表建议中查看")));
        }
        let lead = o
            .deputies
            .iter()
            .find(|d| d.role == "present")
            .ok_or_else(|| Error::field("present_ids", "这条意见没有登记提出的代表，请先补上"))?;
        Ok(SuggestionInput {
            period: RECESS.into(),
            session_id: None,
            term_id: None,
            title: suggestion_title(o.title.as_deref().or(o.body.as_deref()).unwrap_or_default()),
            body: o
                .body
                .clone()
                .map(|b| format!("{b}\n\n（来源：{}代表提出或反映意见情况登记簿，{}）", o.station, o.date)),
            category: o.category.clone(),
            lead_deputy_id: lead.id,
            cosigner_ids: o.deputies.iter().filter(|d| d.id != lead.id).map(|d| d.id).collect(),
            received_date: today().format("%Y-%m-%d").to_string(),
        })
    }

    /// 意见 → 代表建议: the draft with what the user chose (session, 案由, category); the opinion
    /// keeps the link, so the suggestion's state, reply and rating show on it and on its source.
    pub fn opinion_to_suggestion(&mut self, a: &ToSuggestionArgs) -> Result<Suggestion> {
        let o = self.entry_get(a.opinion_id)?;
        let mut input = self.opinion_suggestion_draft(a.opinion_id)?;
        if let Some(t) = a.title.clone().filter(|t| !t.trim().is_empty()) {
            input.title = t;
        }
        input.session_id = a.session_id;
        input.period =
            a.period.clone().unwrap_or_else(|| if a.session_id.is_some() { AT_SESSION.into() } else { RECESS.into() });
        if a.category.is_some() {
            input.category = a.category.clone();
        }
        let settings = self.suggestion_settings()?;
        let (s, _) = crate::suggestions::check_input(self.conn(), &input, &settings)?;
        let sid = self.write(|tx| {
            let sid = crate::suggestions::create_tx(tx, &settings, &s)?;
            store::entry_link_suggestion(tx, o.id, sid)?;
            audit(
                tx,
                "register",
                Some(&o.uuid),
                "to_suggestion",
                &format!("意见第{}号转为代表建议", o.number.unwrap_or(0)),
                None,
                None,
            )?;
            Ok(sid)
        })?;
        self.suggestion_get(sid)
    }

    // -------------------------------------------------------------- figures, schedule, reminders

    /// Each 活动类型 and the points rule its deputies present earn (None: no points), as the
    /// registers' triggers count them (migration 0012's `activity_points`).
    pub fn activity_points(&self) -> Result<Vec<(String, Option<String>)>> {
        store::activity_points(self.conn())
    }

    /// 活动次数 … 办结/反馈数 per station for a period, and the total (DOMAIN.md §3).
    pub fn station_figures(&self, q: &PeriodQuery) -> Result<(Vec<StationFigures>, StationFigures)> {
        let (from, to) = store::period(q.year, &q.from, &q.to);
        let rows = store::figures(self.conn(), from.as_deref(), to.as_deref(), q.station_id)?;
        let total = store::total(&rows);
        Ok((rows, total))
    }

    /// The planned reception days of one station (or all) between two dates, with their records.
    pub fn reception_calendar(
        &self,
        station_id: Option<i64>,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<Vec<ReceptionDay>> {
        if (to - from).num_days() > 400 {
            return Err(Error::field("to", "接待日历一次最多查看一年"));
        }
        let stations =
            self.station_list(&crate::roster::model::StationQuery { page_size: Some(0), ..Default::default() })?.items;
        let recorded = store::recorded_receptions(self.conn(), from, to)?;
        let t = today();
        let mut out = Vec::new();
        for s in stations.iter().filter(|s| station_id.is_none_or(|id| id == s.id)) {
            for d in reception_dates(&s.schedule, from, to) {
                let key = (s.id, d.format("%Y-%m-%d").to_string());
                let entry_id = recorded.get(&key).copied();
                let status = Reception::of(entry_id.is_some(), d, t).label();
                out.push(ReceptionDay {
                    date: key.1,
                    station_id: s.id,
                    station: s.name.clone(),
                    deputies: s.deputies.clone(),
                    entry_id,
                    status: status.into(),
                });
            }
        }
        out.sort_by(|a, b| a.date.cmp(&b.date).then(a.station.cmp(&b.station)));
        Ok(out)
    }

    /// The home page's station part: the receptions to announce and feedback overdue.
    pub fn station_reminders(&self) -> Result<StationReminders> {
        let tomorrow = today() + Duration::days(1);
        let notice = crate::roster::store::station_notice_days(self.conn())?;
        let widest = notice.values().copied().max().unwrap_or(0).clamp(1, 30);
        let upcoming = self
            .reception_calendar(None, tomorrow, today() + Duration::days(widest))?
            .into_iter()
            .filter(|d| {
                let days = NaiveDate::parse_from_str(&d.date, "%Y-%m-%d")
                    .map(|x| (x - today()).num_days())
                    .unwrap_or(i64::MAX);
                days <= notice.get(&d.station_id).copied().unwrap_or(1).max(1)
            })
            .collect();
        let t = today().format("%Y-%m-%d").to_string();
        let f = self.number_format()?;
        // the longest overdue first: they have waited longest for an answer
        let (total, ids) = store::overdue_contacts(self.conn(), &t, 20)?;
        let overdue = ids
            .iter()
            .map(|id| {
                let entry = store::get(self.conn(), *id, &f, self.data_dir())?;
                let due = entry
                    .deadline
                    .as_deref()
                    .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
                    .unwrap_or(today());
                Ok(OverdueContact { days_overdue: (today() - due).num_days(), entry })
            })
            .collect::<Result<Vec<_>>>()?;
        Ok(StationReminders { upcoming, feedback_overdue: overdue, feedback_overdue_total: total })
    }
}
