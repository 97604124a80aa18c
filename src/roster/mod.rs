//! The shared records of DOMAIN.md §0: 届次/会次, 代表, 承办单位, 联络站. Each method is one use case,
//! one transaction, audited with the record before and after.

pub mod excel;
pub mod model;
pub mod store;

use crate::common::{validate_date, Page};
use model::*;
use serde_json::json;

use crate::db::audit;
use crate::error::{Error, Result};
use crate::text::{chinese_number, clean_opt};
use crate::Renda;

fn to_json<T: serde::Serialize>(v: &T) -> serde_json::Value {
    serde_json::to_value(v).unwrap_or(serde_json::Value::Null)
}

impl Renda {
    // ------------------------------------------------------------ deputies

    pub fn deputy_list(&self, q: &DeputyQuery) -> Result<Page<DeputyRow>> {
        store::deputy_list(self.conn(), q)
    }

    /// A picker's search: a few deputies by name or pinyin initials, never the whole roster.
    pub fn deputy_search(&self, a: &DeputySearch) -> Result<Vec<DeputyChoice>> {
        store::deputy_search(self.conn(), a)
    }

    /// 代表分布 on 工作台: the active deputies per level and per 选区.
    pub fn deputy_figures(&self) -> Result<DeputyFigures> {
        store::deputy_figures(self.conn())
    }

    pub fn deputy_get(&self, id: i64) -> Result<Deputy> {
        store::deputy_get(self.conn(), id)
    }

    pub fn deputy_create(&mut self, input: &DeputyInput) -> Result<Deputy> {
        let d = validate_deputy(input)?;
        self.write(|tx| {
            store::check_station_exists(tx, d.station_id)?;
            store::check_term_exists(tx, d.term_id)?;
            store::deputy_check_duplicate(tx, &d, None)?;
            let uuid = uuid::Uuid::new_v4().to_string();
            let id = store::DeputyInserter::new(tx)?.insert(&d, &uuid, None, "登记入册")?;
            let after = store::deputy_get(tx, id)?;
            audit(
                tx,
                "deputy",
                Some(&uuid),
                "create",
                &format!("新增代表 {}", after.name),
                None,
                Some(&to_json(&after)),
            )?;
            Ok(after)
        })
    }

    pub fn deputy_update(&mut self, id: i64, input: &DeputyInput) -> Result<Deputy> {
        let d = validate_deputy(input)?;
        self.write(|tx| {
            let before = store::deputy_get(tx, id)?;
            store::check_station_exists(tx, d.station_id)?;
            store::check_term_exists(tx, d.term_id)?;
            store::deputy_check_duplicate(tx, &d, Some(id))?;
            store::deputy_update(tx, id, &d)?;
            let after = store::deputy_get(tx, id)?;
            audit(
                tx,
                "deputy",
                Some(&after.uuid),
                "update",
                &format!("修改代表 {}", after.name),
                Some(&to_json(&before)),
                Some(&to_json(&after)),
            )?;
            Ok(after)
        })
    }

    /// Records a change of status (辞职, 罢免 …) with its date; the history keeps every change.
    pub fn deputy_set_status(
        &mut self,
        id: i64,
        status: &str,
        date: &Option<String>,
        note: &Option<String>,
    ) -> Result<Deputy> {
        if !DEPUTY_STATUSES.contains(&status) {
            return Err(Error::field(
                "status",
                format!("代表状态「{status}」无法识别，可选：{}", DEPUTY_STATUSES.join("、")),
            ));
        }
        let date = validate_date("date", "变更日期", date)?;
        if date.is_none() {
            return Err(Error::field("date", "请填写状态变更的日期"));
        }
        let note = clean_opt(note);
        self.write(|tx| {
            let before = store::deputy_get(tx, id)?;
            store::deputy_add_status(tx, id, status, date.as_deref(), note.as_deref())?;
            let after = store::deputy_get(tx, id)?;
            audit(
                tx,
                "deputy",
                Some(&after.uuid),
                "status",
                &format!("代表 {} 状态：{} → {status}", after.name, before.status),
                Some(&json!({"status": before.status, "status_date": before.status_date})),
                Some(&json!({"status": status, "status_date": date, "note": note})),
            )?;
            Ok(after)
        })
    }

    /// Deputies are never deleted (suggestions and registers refer to them): they are deactivated.
    pub fn deputy_set_active(&mut self, id: i64, active: bool) -> Result<Deputy> {
        self.write(|tx| {
            let before = store::deputy_get(tx, id)?;
            if before.active == active {
                return Err(Error::NotAllowed(format!(
                    "代表 {} 已经是{}状态",
                    before.name,
                    if active { "启用" } else { "停用" }
                )));
            }
            store::set_active(tx, "deputies", id, active)?;
            let after = store::deputy_get(tx, id)?;
            let (action, verb) = if active { ("reactivate", "恢复") } else { ("deactivate", "停用") };
            audit(
                tx,
                "deputy",
                Some(&after.uuid),
                action,
                &format!("{verb}代表 {}", after.name),
                Some(&json!({"active": before.active})),
                Some(&json!({"active": active})),
            )?;
            Ok(after)
        })
    }

    // ------------------------------------------------------------ units

    pub fn unit_list(&self, q: &UnitQuery) -> Result<Page<Unit>> {
        store::unit_list(self.conn(), q)
    }

    pub fn unit_get(&self, id: i64) -> Result<Unit> {
        store::unit_get(self.conn(), id)
    }

    pub fn unit_create(&mut self, input: &UnitInput) -> Result<Unit> {
        let u = validate_unit(input)?;
        self.write(|tx| {
            if store::unit_name_taken(tx, &u.name, None)? {
                return Err(Error::field(
                    "name",
                    format!(
                        "已有名为「{}」的承办单位，请勿重复添加（已停用的单位可在“显示已停用”中找到并恢复）",
                        u.name
                    ),
                ));
            }
            let uuid = uuid::Uuid::new_v4().to_string();
            let id = store::unit_insert(tx, &u, &uuid)?;
            let after = store::unit_get(tx, id)?;
            audit(
                tx,
                "unit",
                Some(&uuid),
                "create",
                &format!("新增承办单位 {}", after.name),
                None,
                Some(&to_json(&after)),
            )?;
            Ok(after)
        })
    }

    pub fn unit_update(&mut self, id: i64, input: &UnitInput) -> Result<Unit> {
        let u = validate_unit(input)?;
        self.write(|tx| {
            let before = store::unit_get(tx, id)?;
            if store::unit_name_taken(tx, &u.name, Some(id))? {
                return Err(Error::field("name", format!("已有名为「{}」的承办单位，名称不能重复", u.name)));
            }
            store::unit_update(tx, id, &u)?;
            let after = store::unit_get(tx, id)?;
            audit(
                tx,
                "unit",
                Some(&after.uuid),
                "update",
                &format!("修改承办单位 {}", after.name),
                Some(&to_json(&before)),
                Some(&to_json(&after)),
            )?;
            Ok(after)
        })
    }

    pub fn unit_set_active(&mut self, id: i64, active: bool) -> Result<Unit> {
        self.write(|tx| {
            let before = store::unit_get(tx, id)?;
            if before.active == active {
                return Err(Error::NotAllowed(format!(
                    "承办单位 {} 已经是{}状态",
                    before.name,
                    if active { "启用" } else { "停用" }
                )));
            }
            store::set_active(tx, "units", id, active)?;
            let after = store::unit_get(tx, id)?;
            let (action, verb) = if active { ("reactivate", "恢复") } else { ("deactivate", "停用") };
            audit(
                tx,
                "unit",
                Some(&after.uuid),
                action,
                &format!("{verb}承办单位 {}", after.name),
                Some(&json!({"active": before.active})),
                Some(&json!({"active": active})),
            )?;
            Ok(after)
        })
    }

    // ------------------------------------------------------------ stations

    pub fn station_list(&self, q: &StationQuery) -> Result<Page<Station>> {
        store::station_list(self.conn(), q)
    }

    pub fn station_get(&self, id: i64) -> Result<Station> {
        store::station_get(self.conn(), id)
    }

    pub fn station_create(&mut self, input: &StationInput) -> Result<Station> {
        let s = validate_station(input)?;
        self.write(|tx| {
            if store::station_name_taken(tx, &s.name, None)? {
                return Err(Error::field("name", format!("已有名为「{}」的联络站，请勿重复添加", s.name)));
            }
            let uuid = uuid::Uuid::new_v4().to_string();
            let id = store::station_insert(tx, &s, &uuid)?;
            let after = store::station_get(tx, id)?;
            audit(
                tx,
                "station",
                Some(&uuid),
                "create",
                &format!("新增联络站 {}", after.name),
                None,
                Some(&to_json(&after)),
            )?;
            Ok(after)
        })
    }

    pub fn station_update(&mut self, id: i64, input: &StationInput) -> Result<Station> {
        let s = validate_station(input)?;
        self.write(|tx| {
            let before = store::station_get(tx, id)?;
            if store::station_name_taken(tx, &s.name, Some(id))? {
                return Err(Error::field("name", format!("已有名为「{}」的联络站，名称不能重复", s.name)));
            }
            store::station_update(tx, id, &s)?;
            let after = store::station_get(tx, id)?;
            audit(
                tx,
                "station",
                Some(&after.uuid),
                "update",
                &format!("修改联络站 {}", after.name),
                Some(&to_json(&before)),
                Some(&to_json(&after)),
            )?;
            Ok(after)
        })
    }

    pub fn station_set_active(&mut self, id: i64, active: bool) -> Result<Station> {
        self.write(|tx| {
            let before = store::station_get(tx, id)?;
            if before.active == active {
                return Err(Error::NotAllowed(format!(
                    "联络站 {} 已经是{}状态",
                    before.name,
                    if active { "启用" } else { "停用" }
                )));
            }
            store::set_active(tx, "stations", id, active)?;
            let after = store::station_get(tx, id)?;
            let (action, verb) = if active { ("reactivate", "恢复") } else { ("deactivate", "停用") };
            audit(
                tx,
                "station",
                Some(&after.uuid),
                action,
                &format!("{verb}联络站 {}", after.name),
                Some(&json!({"active": before.active})),
                Some(&json!({"active": active})),
            )?;
            Ok(after)
        })
    }

    // ------------------------------------------------------------ terms and sessions

    pub fn term_list(&self) -> Result<Vec<Term>> {
        store::term_list(self.conn())
    }

    pub fn term_create(&mut self, input: &TermInput) -> Result<Term> {
        self.term_save(None, input)
    }

    pub fn term_update(&mut self, id: i64, input: &TermInput) -> Result<Term> {
        self.term_save(Some(id), input)
    }

    fn term_save(&mut self, id: Option<i64>, input: &TermInput) -> Result<Term> {
        let input = &crate::fields::checked(input)?;
        let level = input.level.trim().trim_end_matches('级').to_string();
        if !DEPUTY_LEVELS.contains(&level.as_str()) {
            return Err(Error::field(
                "level",
                format!("人大层级「{}」无法识别，可选：{}", input.level, DEPUTY_LEVELS.join("、")),
            ));
        }
        if !(1..=99).contains(&input.number) {
            return Err(Error::field("number", "届次应为1到99之间的数字（如第十八届填18）"));
        }
        if input.start_year < 1954 || input.end_year < input.start_year || input.end_year > input.start_year + 10 {
            return Err(Error::field("end_year", "起止年份不正确：结束年份不能早于开始年份，一届通常为5年"));
        }
        let name = clean_opt(&input.name).unwrap_or_else(|| term_default_name(&level, input.number));
        self.write(|tx| {
            if store::term_number_taken(tx, &level, input.number, id)? {
                return Err(Error::field("number", format!("{name}已经登记过了")));
            }
            if input.is_current {
                store::term_clear_current(tx, &level)?;
            }
            let row = store::TermRow {
                level: &level,
                number: input.number,
                name: &name,
                start_year: input.start_year,
                end_year: input.end_year,
                is_current: input.is_current,
            };
            let before = match id {
                Some(id) => Some(
                    store::term_list(tx)?
                        .into_iter()
                        .find(|t| t.id == id)
                        .ok_or_else(|| Error::NotFound(format!("找不到编号为 {id} 的届次，请刷新。")))?,
                ),
                None => None,
            };
            let uuid = match &before {
                Some(b) => {
                    store::term_update_row(tx, b.id, &row)?;
                    b.uuid.clone()
                }
                None => store::term_insert_row(tx, &row)?,
            };
            let term = store::term_list(tx)?.into_iter().find(|t| t.uuid == uuid).expect("just written");
            let (action, verb) = if before.is_some() { ("update", "修改") } else { ("create", "新增") };
            audit(
                tx,
                "term",
                Some(&uuid),
                action,
                &format!("{verb}届次 {name}"),
                before.as_ref().map(to_json).as_ref(),
                Some(&to_json(&term)),
            )?;
            Ok(term)
        })
    }

    pub fn session_update(&mut self, id: i64, input: &SessionInput) -> Result<Session> {
        let input = &crate::fields::checked(input)?;
        let start = validate_date("start_date", "开幕日期", &input.start_date)?;
        let end = validate_date("end_date", "闭幕日期", &input.end_date)?;
        if let (Some(s), Some(e)) = (&start, &end) {
            if e < s {
                return Err(Error::field("end_date", "闭幕日期不能早于开幕日期"));
            }
        }
        self.write(|tx| {
            let terms = store::term_list(tx)?;
            let before = terms
                .iter()
                .flat_map(|t| t.sessions.iter())
                .find(|s| s.id == id)
                .cloned()
                .ok_or_else(|| Error::NotFound(format!("找不到编号为 {id} 的会次，请刷新。")))?;
            let term = terms.iter().find(|t| t.id == before.term_id).expect("session has its term");
            if term.sessions.iter().any(|s| s.number == input.number && s.id != id) {
                return Err(Error::field(
                    "number",
                    format!("{}第{}次会议已经登记过了", term.name, chinese_number(input.number)),
                ));
            }
            let name = clean_opt(&input.name)
                .unwrap_or_else(|| format!("{}第{}次会议", term.name, chinese_number(input.number)));
            store::session_update_row(
                tx,
                id,
                &store::SessionRow { number: input.number, name: &name, start: start.as_deref(), end: end.as_deref() },
            )?;
            let after = Session {
                name,
                number: input.number,
                start_date: start.clone(),
                end_date: end.clone(),
                ..before.clone()
            };
            audit(
                tx,
                "session",
                Some(&after.uuid),
                "update",
                &format!("修改会次 {}", after.name),
                Some(&to_json(&before)),
                Some(&to_json(&after)),
            )?;
            Ok(after)
        })
    }

    pub fn session_create(&mut self, input: &SessionInput) -> Result<Session> {
        let input = &crate::fields::checked(input)?;
        if !(1..=20).contains(&input.number) {
            return Err(Error::field("number", "会次应为1到20之间的数字（如第三次会议填3）"));
        }
        let start = validate_date("start_date", "开幕日期", &input.start_date)?;
        let end = validate_date("end_date", "闭幕日期", &input.end_date)?;
        if let (Some(s), Some(e)) = (&start, &end) {
            if e < s {
                return Err(Error::field("end_date", "闭幕日期不能早于开幕日期"));
            }
        }
        self.write(|tx| {
            let term = store::term_list(tx)?
                .into_iter()
                .find(|t| t.id == input.term_id)
                .ok_or_else(|| Error::field("term_id", "所选届次不存在，请重新选择"))?;
            if term.sessions.iter().any(|s| s.number == input.number) {
                return Err(Error::field(
                    "number",
                    format!("{}第{}次会议已经登记过了", term.name, chinese_number(input.number)),
                ));
            }
            let name = clean_opt(&input.name)
                .unwrap_or_else(|| format!("{}第{}次会议", term.name, chinese_number(input.number)));
            let row =
                store::SessionRow { number: input.number, name: &name, start: start.as_deref(), end: end.as_deref() };
            let (id, uuid) = store::session_insert_row(tx, term.id, &row)?;
            let s = Session {
                id,
                uuid: uuid.clone(),
                term_id: term.id,
                number: input.number,
                name,
                start_date: start,
                end_date: end,
            };
            audit(tx, "session", Some(&uuid), "create", &format!("新增会次 {}", s.name), None, Some(&to_json(&s)))?;
            Ok(s)
        })
    }
}
