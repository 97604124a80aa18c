//! The command layer: one dispatch, `call(renda, name, args)`, that every transport uses — the
//! Tauri IPC command, `renda serve`'s HTTP endpoint and the tests. Requests and responses are the
//! typed structs of the engine; their TypeScript twins are generated into `ui/src/bindings/`.

pub mod types;

use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;

pub use types::*;

use crate::error::{Error, Result};
use crate::evaluation::model::*;
use crate::roster::model::*;
use crate::stations::model::*;
use crate::Renda;

fn args<T: DeserializeOwned>(name: &str, v: Value) -> Result<T> {
    let v = if v.is_null() { Value::Object(Default::default()) } else { v };
    serde_json::from_value(v).map_err(|e| {
        // serde's own text is English: name the field it tripped on, if any
        let msg = e.to_string();
        let field = msg.split('`').nth(1).map(|f| format!("（字段 {f}）")).unwrap_or_default();
        Error::invalid(format!("操作「{name}」的参数有误{field}。请刷新页面后重试；如仍出错，请联系技术支持。"))
    })
}

fn out<T: Serialize>(v: T) -> Result<Value> {
    Ok(serde_json::to_value(v).expect("engine types serialize"))
}

/// Runs the command `name` with JSON `args` and returns its JSON result. A panic inside (a bug)
/// is caught here, the one place every transport passes, so the window, `renda serve` and the CLI
/// answer with an internal error instead of dying; the open transaction rolls back as it unwinds.
pub fn call(r: &mut Renda, name: &str, mut a: Value) -> Result<Value> {
    crate::fields::clean_args(&mut a)?;
    let run = std::panic::AssertUnwindSafe(|| dispatch(r, name, a));
    std::panic::catch_unwind(run).unwrap_or_else(|payload| {
        let what = panic_text(payload.as_ref());
        eprintln!("内部错误：操作「{name}」中断：{what}");
        Err(Error::Internal(format!("操作「{name}」：{}", crate::fields::quote(&what))))
    })
}

/// The message a panic carried (`panic!("…")` gives a `&str` or a `String`).
pub fn panic_text(payload: &(dyn std::any::Any + Send)) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "未知错误".into())
}

fn dispatch(r: &mut Renda, name: &str, a: Value) -> Result<Value> {
    match name {
        // debug builds only: lets the tests prove that a panic is caught at this dispatch
        "debug_panic" if cfg!(debug_assertions) => panic!("测试用的内部错误"),
        "app_status" => out(r.status()?),
        "app_start_blank" => {
            let a: StartBlankArgs = args(name, a)?;
            out(r.start_blank(a.office.as_ref())?)
        }
        "office_get" => out(r.office()?),
        "office_set" => out(r.office_set(&args::<crate::office::OfficeInput>(name, a)?)?),
        "app_load_demo" => {
            let a: DemoArgs = args(name, a)?;
            out(r.load_demo(crate::demo::Scale::parse(a.scale.as_deref().unwrap_or("small"))?)?)
        }
        "app_check" => out(r.check()?),
        "meta_enums" => out(enums()),
        "parse_field" => {
            let a: ParseFieldArgs = args(name, a)?;
            // a text that cannot be read is an answer, not a refusal: the form shows why under the field
            let reading = crate::excel::spec::read_field(&a.kind, &a.text).unwrap_or_else(|why| {
                crate::excel::spec::FieldReading { value: None, note: None, warning: None, problem: Some(why) }
            });
            out(reading)
        }

        "term_list" => out(r.term_list()?),
        "term_create" => out(r.term_create(&args::<TermInput>(name, a)?)?),
        "term_update" => {
            let a: UpdateArgs<TermInput> = args(name, a)?;
            out(r.term_update(a.id, &a.data)?)
        }
        "session_create" => out(r.session_create(&args::<SessionInput>(name, a)?)?),
        "session_update" => {
            let a: UpdateArgs<SessionInput> = args(name, a)?;
            out(r.session_update(a.id, &a.data)?)
        }

        "deputy_list" => out(r.deputy_list(&args::<DeputyQuery>(name, a)?)?),
        "deputy_get" => out(r.deputy_get(args::<IdArgs>(name, a)?.id)?),
        "deputy_create" => out(r.deputy_create(&args::<DeputyInput>(name, a)?)?),
        "deputy_update" => {
            let a: UpdateArgs<DeputyInput> = args(name, a)?;
            out(r.deputy_update(a.id, &a.data)?)
        }
        "deputy_set_status" => {
            let a: StatusArgs = args(name, a)?;
            out(r.deputy_set_status(a.id, &a.status, &a.date, &a.note)?)
        }
        "deputy_deactivate" => out(r.deputy_set_active(args::<IdArgs>(name, a)?.id, false)?),
        "deputy_reactivate" => out(r.deputy_set_active(args::<IdArgs>(name, a)?.id, true)?),

        "unit_list" => out(r.unit_list(&args::<UnitQuery>(name, a)?)?),
        "unit_get" => out(r.unit_get(args::<IdArgs>(name, a)?.id)?),
        "unit_create" => out(r.unit_create(&args::<UnitInput>(name, a)?)?),
        "unit_update" => {
            let a: UpdateArgs<UnitInput> = args(name, a)?;
            out(r.unit_update(a.id, &a.data)?)
        }
        "unit_deactivate" => out(r.unit_set_active(args::<IdArgs>(name, a)?.id, false)?),
        "unit_reactivate" => out(r.unit_set_active(args::<IdArgs>(name, a)?.id, true)?),

        "station_list" => out(r.station_list(&args::<StationQuery>(name, a)?)?),
        "station_get" => out(r.station_get(args::<IdArgs>(name, a)?.id)?),
        "station_create" => out(r.station_create(&args::<StationInput>(name, a)?)?),
        "station_update" => {
            let a: UpdateArgs<StationInput> = args(name, a)?;
            out(r.station_update(a.id, &a.data)?)
        }
        "station_deactivate" => out(r.station_set_active(args::<IdArgs>(name, a)?.id, false)?),
        "station_reactivate" => out(r.station_set_active(args::<IdArgs>(name, a)?.id, true)?),

        "backup_create" => {
            let a: BackupArgs = args(name, a)?;
            let dir = a.dir.filter(|d| !d.trim().is_empty()).map(std::path::PathBuf::from);
            out(r.backup_create(dir.as_deref())?)
        }
        "backup_list" => out(r.backup_list()?),
        "backup_restore" => {
            let a: RestoreArgs = args(name, a)?;
            match (a.path.filter(|p| !p.trim().is_empty()), a.bytes_base64) {
                (Some(p), _) => out(r.restore_from(std::path::Path::new(&p))?),
                (None, Some(b)) => out(r.restore_from_bytes(&decode_base64(&b)?)?),
                (None, None) => Err(Error::field("path", "请选择要恢复的备份文件")),
            }
        }
        "settings_get" => out(r.settings()?),
        "settings_set" => out(r.set_settings(&args::<Settings>(name, a)?)?),
        "import_file" => {
            let a: crate::excel::import::ImportArgs = args(name, a)?;
            let bytes = decode_base64(&a.bytes_base64)?;
            match a.kind.as_str() {
                "deputies" => out(r.import_deputies(&bytes, &a.file_name, &a.options)?),
                "units" => out(r.import_units(&bytes, &a.file_name, &a.options)?),
                "suggestions" => out(r.import_suggestions(&bytes, &a.file_name, &a.options, a.session_id)?),
                "ballots" => {
                    let e = a.evaluation_id.ok_or_else(|| Error::field("evaluation_id", "请选择导入到哪次评议"))?;
                    out(r.import_ballots(e, &bytes, &a.file_name, &a.options)?)
                }
                "register" => {
                    let station = a.station_id.ok_or_else(|| Error::field("station_id", "请选择导入到哪个联络站"))?;
                    out(r.import_register(
                        station,
                        a.book.as_deref().unwrap_or(""),
                        &bytes,
                        &a.file_name,
                        &a.options,
                    )?)
                }
                other => Err(Error::field(
                    "kind",
                    format!(
                        "不能导入「{other}」，可选：代表名册（deputies）、承办单位（units）、代表建议（suggestions）"
                    ),
                )),
            }
        }
        "import_log" => out(crate::excel::import::import_log(r.conn())?),
        "export_list" | "template_get" => {
            let a: ExportArgs = args(name, a)?;
            let today = chrono::Local::now().format("%Y%m%d");
            let (bytes, title) = if name == "template_get" {
                // the ballots template of an evaluation is its 计票表, named for it
                let evaluation =
                    a.query.as_ref().and_then(|q| q.get("id")).and_then(Value::as_i64).filter(|_| a.kind == "ballots");
                match evaluation {
                    Some(id) => (r.ballot_count_template(id)?, format!("{}计票表", r.evaluation_get(id)?.name)),
                    None => (r.template(&a.kind)?, format!("{}导入模板", kind_title(&a.kind)?)),
                }
            } else {
                let q = a.query.clone().unwrap_or(Value::Null);
                use crate::suggestions::model::{FigureQuery, SuggestionQuery};
                // A 上报 copy and a one-suggestion form get names of their own, so that they never
                // overwrite the full list of the same day in the user's folder.
                let mut tag = if a.upward.unwrap_or(false) { "（上报）".to_string() } else { String::new() };
                let mut title: Option<String> = None;
                let bytes = match a.kind.as_str() {
                    "deputies" => r.export_deputies(&args::<DeputyQuery>(name, q)?, a.upward.unwrap_or(false))?,
                    "units" => r.export_units(&args::<UnitQuery>(name, q)?)?,
                    "stations" => r.export_stations(&args::<StationQuery>(name, q)?)?,
                    "assignment-list" => r.export_assignment_list(&args::<SuggestionQuery>(name, q)?)?,
                    "ledger" => r.export_ledger(&args::<SuggestionQuery>(name, q)?)?,
                    "unit-stats" => r.export_unit_stats(&args::<FigureQuery>(name, q)?)?,
                    "category-stats" => r.export_category_stats(&args::<FigureQuery>(name, q)?)?,
                    "register" => {
                        let q: RegisterExportArgs = args(name, q)?;
                        let book = q.book.clone();
                        title =
                            Some(format!("{}{}（{}年）", r.station_get(q.station_id)?.name, book_name(&book)?, q.year));
                        r.export_register(&q, a.upward.unwrap_or(false))?
                    }
                    "archive-index" => {
                        let id = args::<IdArgs>(name, q)?.id;
                        title = Some(format!("{}建设运行档案目录", r.station_get(id)?.name));
                        r.export_archive_index(id)?
                    }
                    "report-summary" => {
                        let q: crate::reports::PackQuery = args(name, q)?;
                        title = Some(format!("乡镇汇总表（{}）", crate::reports::period(&q)?.2));
                        r.export_report_summary(&q)?
                    }
                    "station-stats" => {
                        let y = args::<PeriodQuery>(name, q)?.year;
                        if let Some(y) = y {
                            tag = format!("-{y}年");
                        }
                        r.export_station_stats(y)?
                    }
                    "evaluation-results" | "ballot-forms" => {
                        let id = args::<IdArgs>(name, q)?.id;
                        let e = r.evaluation_get(id)?;
                        title = Some(format!(
                            "{}{}",
                            e.name,
                            if a.kind == "ballot-forms" { "测评票" } else { "满意度测评结果表" }
                        ));
                        if a.kind == "ballot-forms" {
                            r.export_ballot_forms(id)?
                        } else {
                            r.export_evaluation_results(id)?
                        }
                    }
                    "points" => {
                        let q: PointsExportArgs = args(name, q)?;
                        title = Some(format!(
                            "{}年代表履职积分表{}",
                            q.year,
                            q.quarter.map(|x| format!("（第{x}季度）")).unwrap_or_default()
                        ));
                        r.export_points(q.year, q.quarter, q.q.clone())?
                    }
                    "dossier" => {
                        let q: DossierArgs = args(name, q)?;
                        title = Some(format!(
                            "{}代表履职档案{}",
                            r.deputy_get(q.deputy_id)?.name,
                            q.year.map(|y| format!("（{y}年）")).unwrap_or_default()
                        ));
                        r.export_dossier(q.deputy_id, q.year)?
                    }
                    "handover-form" | "rating-form" => {
                        let id = args::<IdArgs>(name, q)?.id;
                        tag = format!("-{}", r.suggestion_get(id)?.row.number_text);
                        r.export_suggestion_form(id, if a.kind == "rating-form" { "rating" } else { "handover" })?
                    }
                    other => return Err(Error::field("kind", format!("不能导出「{other}」"))),
                };
                let title = match title {
                    Some(t) => t,
                    None => format!("{}{tag}", kind_title(&a.kind)?),
                };
                (bytes, format!("{title}-{today}"))
            };
            let file_name = format!("{title}.xlsx");
            let size = bytes.len() as i64;
            match a.path.filter(|p| !p.trim().is_empty()) {
                Some(p) => {
                    std::fs::write(&p, &bytes).map_err(|e| Error::io(&p, e))?;
                    out(ExportResult { file_name, path: Some(p), bytes_base64: None, size })
                }
                None => {
                    use base64::Engine;
                    out(ExportResult {
                        file_name,
                        path: None,
                        bytes_base64: Some(base64::engine::general_purpose::STANDARD.encode(&bytes)),
                        size,
                    })
                }
            }
        }
        "station_meta" => out(StationMeta::new()),
        "archive_list" => out(r.archive_list(args::<IdArgs>(name, a)?.id)?),
        "archive_create" => out(r.archive_create(&args::<ArchiveInput>(name, a)?)?),
        "archive_update" => {
            let a: UpdateArgs<ArchiveInput> = args(name, a)?;
            out(r.archive_update(a.id, &a.data)?)
        }
        "archive_remove" => out(r.archive_remove(args::<IdArgs>(name, a)?.id)?),
        "attachment_add" => {
            let a: AttachmentArgs = args(name, a)?;
            out(r.attachment_add(&a.owner_kind, a.owner_id, &a.file_name, &decode_base64(&a.bytes_base64)?)?)
        }
        "attachment_get" => {
            use base64::Engine;
            let (file_name, bytes) = r.attachment_bytes(args::<IdArgs>(name, a)?.id)?;
            out(AttachmentFile { file_name, bytes_base64: base64::engine::general_purpose::STANDARD.encode(bytes) })
        }
        "entry_list" => out(r.entry_list(&args::<EntryQuery>(name, a)?)?),
        "entry_get" => out(r.entry_get(args::<IdArgs>(name, a)?.id)?),
        "entry_create" => out(r.entry_create(&args::<EntryInput>(name, a)?)?),
        "entry_update" => {
            let a: UpdateArgs<EntryInput> = args(name, a)?;
            out(r.entry_update(a.id, &a.data)?)
        }
        "entry_remove" => out(r.entry_remove(args::<IdArgs>(name, a)?.id)?),
        "contact_to_opinion" => {
            let a: ToOpinionArgs = args(name, a)?;
            out(r.contact_to_opinion(a.id, a.form.as_deref())?)
        }
        "opinion_suggestion_draft" => out(r.opinion_suggestion_draft(args::<IdArgs>(name, a)?.id)?),
        "opinion_to_suggestion" => out(r.opinion_to_suggestion(&args::<ToSuggestionArgs>(name, a)?)?),
        "station_figures" => {
            let (rows, total) = r.station_figures(&args::<PeriodQuery>(name, a)?)?;
            out(StationFiguresResult { rows, total })
        }
        "reception_calendar" => {
            let a: CalendarRange = args(name, a)?;
            let day = |f: &str, s: &str| {
                chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d")
                    .map_err(|_| Error::field(f, format!("日期「{s}」无法识别，请按“2024-03-05”的格式填写")))
            };
            out(r.reception_calendar(a.station_id, day("from", &a.from)?, day("to", &a.to)?)?)
        }
        "station_reminders" => out(r.station_reminders()?),
        "evaluation_meta" => out(EvaluationMeta::new()),
        "evaluation_preset" => {
            let a: PresetArgs = args(name, a)?;
            out(r.evaluation_preset(&a.rule, a.year)?)
        }
        "evaluation_list" => out(r.evaluation_list()?),
        "evaluation_get" => out(r.evaluation_get(args::<IdArgs>(name, a)?.id)?),
        "evaluation_create" => out(r.evaluation_create(&args::<EvaluationInput>(name, a)?)?),
        "evaluation_update" => {
            let a: UpdateArgs<EvaluationInput> = args(name, a)?;
            out(r.evaluation_update(a.id, &a.data)?)
        }
        "evaluation_copy" => {
            let a: CopyArgs = args(name, a)?;
            out(r.evaluation_copy(a.id, a.year)?)
        }
        "ballots_get" => out(r.ballots_get(args::<IdArgs>(name, a)?.id)?),
        "ballots_set" => out(r.ballots_set(&args::<BallotArgs>(name, a)?)?),
        "evaluation_results" => out(r.evaluation_results(args::<IdArgs>(name, a)?.id)?),
        "evaluation_close" => out(r.evaluation_close(args::<IdArgs>(name, a)?.id)?),
        "evaluation_reopen" => {
            let a: ReopenArgs = args(name, a)?;
            out(r.evaluation_reopen(a.id, &a.reason)?)
        }
        "points_table" => out(r.points_table(&args::<PointsQuery>(name, a)?)?),
        "point_rules" => {
            let (rules, low_threshold) = r.point_rules(args::<YearArgs>(name, a)?.year)?;
            out(RulesResult { rules, low_threshold })
        }
        "point_rules_set" => out(r.set_point_rules(&args::<RulesArgs>(name, a)?)?),
        "point_adjust" => out(r.point_adjust(&args::<AdjustmentInput>(name, a)?)?),
        "attendance_get" => out(r.attendance_get(args::<IdArgs>(name, a)?.id)?),
        "attendance_set" => out(r.attendance_set(&args::<AttendanceArgs>(name, a)?)?),
        "dossier" => {
            let a: DossierArgs = args(name, a)?;
            out(r.dossier(a.deputy_id, a.year)?)
        }
        "suggestion_meta" => out(SuggestionMeta::new(&r.suggestion_settings()?)),
        "suggestion_settings_get" => out(r.suggestion_settings()?),
        "suggestion_settings_set" => {
            out(r.set_suggestion_settings(&args::<crate::suggestions::model::SuggestionSettings>(name, a)?)?)
        }
        "calendar_list" => out(r.calendar_list(args::<YearArgs>(name, a)?.year)?),
        "calendar_set" => {
            let a: CalendarArgs = args(name, a)?;
            r.calendar_set(&a.date, &a.kind, &a.name)?;
            out(serde_json::json!({}))
        }
        "suggestion_list" => out(r.suggestion_list(&args::<crate::suggestions::model::SuggestionQuery>(name, a)?)?),
        "suggestion_get" => out(r.suggestion_get(args::<IdArgs>(name, a)?.id)?),
        "suggestion_create" => out(r.suggestion_create(&args::<crate::suggestions::model::SuggestionInput>(name, a)?)?),
        "suggestion_update" => {
            let a: UpdateArgs<crate::suggestions::model::SuggestionInput> = args(name, a)?;
            out(r.suggestion_update(a.id, &a.data)?)
        }
        "suggestion_step" => out(r.suggestion_step(&args::<crate::suggestions::model::StepRequest>(name, a)?)?),
        "suggestion_figures" => out(r.suggestion_figures(&args::<crate::suggestions::model::FigureQuery>(name, a)?)?),
        "unit_figures" => out(r.unit_figures(&args::<crate::suggestions::model::FigureQuery>(name, a)?)?),
        "category_counts" => out(r.category_counts(&args::<crate::suggestions::model::FigureQuery>(name, a)?)?),
        "reminders" => out(r.reminders()?),
        "morning" => out(r.morning()?),
        "report_pack" => {
            let a: ReportPackArgs = args(name, a)?;
            let p = r.report_pack(&a.period)?;
            let size = p.bytes.len() as i64;
            match a.path.filter(|x| !x.trim().is_empty()) {
                Some(path) => {
                    std::fs::write(&path, &p.bytes).map_err(|e| Error::io(&path, e))?;
                    out(ExportResult { file_name: p.file_name, path: Some(path), bytes_base64: None, size })
                }
                None => {
                    use base64::Engine;
                    out(ExportResult {
                        file_name: p.file_name,
                        path: None,
                        bytes_base64: Some(base64::engine::general_purpose::STANDARD.encode(&p.bytes)),
                        size,
                    })
                }
            }
        }
        "report_import" => {
            let a: ReportImportArgs = args(name, a)?;
            out(r.report_import(&decode_base64(&a.bytes_base64)?, &a.file_name, a.dry_run)?)
        }
        "report_list" => out(r.report_list()?),
        "report_records" => out(r.report_records(&args::<crate::reports::RecordsQuery>(name, a)?)?),
        "report_preview" => out(r.report_preview(&args::<crate::reports::PackQuery>(name, a)?)?),
        "report_summary" => out(r.report_summary(&args::<crate::reports::PackQuery>(name, a)?)?),
        "audit_list" => {
            let a: AuditArgs = args(name, a)?;
            out(r.audit_list(a.kind.as_deref(), a.page, a.page_size)?)
        }
        _ => Err(Error::UnknownCommand(name.to_string())),
    }
}

fn decode_base64(b: &str) -> Result<Vec<u8>> {
    use base64::Engine;
    base64::engine::general_purpose::STANDARD
        .decode(b.trim().as_bytes())
        .map_err(|_| Error::BadFile("上传的文件内容无法读取，请重新选择文件。".into()))
}

fn kind_title(kind: &str) -> Result<&'static str> {
    match kind {
        "deputies" => Ok("代表名册"),
        "units" => Ok("承办单位"),
        "suggestions" => Ok("代表建议汇总表"),
        "ballots" => Ok("测评票计票表"),
        "stations" => Ok("代表联络站名单"),
        "assignment-list" => Ok("建议交办清单"),
        "ledger" => Ok("建议办理情况台账"),
        "unit-stats" => Ok("承办单位办理情况统计表"),
        "category-stats" => Ok("建议分类统计表"),
        "handover-form" => Ok("代表建议交办单"),
        "rating-form" => Ok("代表建议办理情况征询意见表"),
        "register" => Ok("登记簿"),
        "evaluation-results" => Ok("满意度测评结果表"),
        "ballot-forms" => Ok("测评票"),
        "points" => Ok("代表履职积分表"),
        "dossier" => Ok("代表履职档案"),
        "archive-index" => Ok("建设运行档案目录"),
        "station-stats" => Ok("联络站运行统计表"),
        "register-activity" => Ok("代表活动登记簿"),
        "register-contact" => Ok("代表联系群众登记簿"),
        "register-report" => Ok("代表述职登记簿"),
        "register-opinion" => Ok("代表提出或反映意见情况登记簿"),
        other => {
            Err(Error::field("kind", format!("没有「{other}」这类数据，可选：deputies（代表名册）、units（承办单位）")))
        }
    }
}

/// The names `call` answers, for documentation and tests.
pub const COMMANDS: &[&str] = &[
    "app_status",
    "app_start_blank",
    "office_get",
    "office_set",
    "app_load_demo",
    "app_check",
    "meta_enums",
    "term_list",
    "term_create",
    "term_update",
    "session_create",
    "session_update",
    "deputy_list",
    "deputy_get",
    "deputy_create",
    "deputy_update",
    "deputy_set_status",
    "deputy_deactivate",
    "deputy_reactivate",
    "unit_list",
    "unit_get",
    "unit_create",
    "unit_update",
    "unit_deactivate",
    "unit_reactivate",
    "station_list",
    "station_get",
    "station_create",
    "station_update",
    "station_deactivate",
    "station_reactivate",
    "backup_create",
    "backup_list",
    "backup_restore",
    "audit_list",
    "settings_get",
    "settings_set",
    "import_file",
    "import_log",
    "export_list",
    "template_get",
    "suggestion_meta",
    "suggestion_settings_get",
    "suggestion_settings_set",
    "calendar_list",
    "calendar_set",
    "suggestion_list",
    "suggestion_get",
    "suggestion_create",
    "suggestion_update",
    "suggestion_step",
    "suggestion_figures",
    "unit_figures",
    "category_counts",
    "reminders",
    "morning",
    "report_pack",
    "report_preview",
    "report_import",
    "report_list",
    "report_records",
    "report_summary",
    "station_meta",
    "archive_list",
    "archive_create",
    "archive_update",
    "archive_remove",
    "attachment_add",
    "attachment_get",
    "entry_list",
    "entry_get",
    "entry_create",
    "entry_update",
    "entry_remove",
    "contact_to_opinion",
    "opinion_suggestion_draft",
    "opinion_to_suggestion",
    "station_figures",
    "reception_calendar",
    "station_reminders",
    "evaluation_meta",
    "evaluation_preset",
    "evaluation_list",
    "evaluation_get",
    "evaluation_create",
    "evaluation_update",
    "evaluation_copy",
    "ballots_get",
    "ballots_set",
    "evaluation_results",
    "evaluation_close",
    "evaluation_reopen",
    "points_table",
    "point_rules",
    "point_rules_set",
    "point_adjust",
    "attendance_get",
    "attendance_set",
    "dossier",
];
