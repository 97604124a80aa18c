//! The secretary's morning (DOMAIN.md §1.4 and §0) as one list: every kind of reminder of 工作台, in the
//! words the page uses, for `renda reminders` and for tests that check each kind.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::Result;
use crate::suggestions::model::{ReminderItem, REMINDER_KINDS};
use crate::Renda;

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct ReminderGroup {
    /// due_soon · overdue · awaiting_rating · unsatisfied · followup_due · recess_unassigned ·
    /// co_opinion_due · receptions · feedback_overdue · project_stale · project_late · project_problem_due ·
    /// oversight_overdue · oversight_due_soon · oversight_awaiting_rating · oversight_unsatisfied
    pub kind: String,
    pub label: String,
    pub total: i64,
    /// One line per item, as the page shows it.
    pub lines: Vec<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct Morning {
    pub groups: Vec<ReminderGroup>,
}

fn suggestion_line(r: &ReminderItem) -> String {
    let when = match (&r.date, r.days) {
        (Some(d), Some(n)) if n < 0 => format!("{d}（已过 {} 天）", -n),
        (Some(d), Some(0)) => format!("{d}（今天）"),
        (Some(d), Some(n)) => format!("{d}（还有 {n} 天）"),
        (Some(d), None) => d.clone(),
        _ => String::new(),
    };
    format!(
        "{} {} — {}{} {when}",
        r.number_text,
        r.title,
        r.lead_deputy,
        r.main_unit.as_ref().map(|u| format!("，{u}")).unwrap_or_default()
    )
}

impl Renda {
    pub fn morning(&self) -> Result<Morning> {
        let s = self.reminders()?;
        let mut groups: Vec<ReminderGroup> = REMINDER_KINDS
            .iter()
            .map(|(kind, label, ..)| {
                let items = s.of(kind);
                ReminderGroup {
                    kind: kind.to_string(),
                    label: label.to_string(),
                    total: items.len() as i64,
                    lines: items.iter().map(suggestion_line).collect(),
                }
            })
            .collect();
        let st = self.station_reminders()?;
        groups.push(ReminderGroup {
            kind: "receptions".into(),
            label: "近期接待日".into(),
            total: st.upcoming.len() as i64,
            lines: st
                .upcoming
                .iter()
                .map(|d| format!("{} {} — 驻站代表 {} 人", d.date, d.station, d.deputies.len()))
                .collect(),
        });
        groups.push(ReminderGroup {
            kind: "feedback_overdue".into(),
            label: "反馈逾期".into(),
            total: st.feedback_overdue_total,
            lines: st
                .feedback_overdue
                .iter()
                .map(|o| {
                    format!(
                        "{} {} — 已逾期 {} 天",
                        o.entry.date,
                        o.entry.body.as_deref().unwrap_or("").chars().take(30).collect::<String>(),
                        o.days_overdue
                    )
                })
                .collect(),
        });
        // 民生实事 督办 (DOMAIN.md §5.4): one group per kind of reminder
        for b in self.project_reminders(None)? {
            groups.push(ReminderGroup {
                kind: format!("project_{}", crate::projects::store::key(b.kind)),
                label: b.kind.label().into(),
                total: b.total,
                lines: b.items.iter().map(|p| format!("{} — {}", p.project, p.text)).collect(),
            });
        }
        // 审议意见办理 (DOMAIN.md §6.6): the counts, and the first lines of each kind
        let o = self.oversight_reminders()?;
        for kind in crate::oversight::model::OversightReminderKind::ALL {
            use crate::oversight::model::OversightReminderKind as K;
            let total = match kind {
                K::Overdue => o.overdue,
                K::DueSoon => o.due_soon,
                K::AwaitingRating => o.awaiting_rating,
                K::Unsatisfied => o.unsatisfied,
            };
            let lines = o
                .first
                .iter()
                .filter(|l| l.kind == kind)
                .map(|l| format!("{} {} — {}", l.doc_no, l.topic, l.text))
                .collect();
            groups.push(ReminderGroup {
                kind: format!("oversight_{}", crate::oversight::store::key(kind)),
                label: format!("审议意见{}", kind.label()),
                total,
                lines,
            });
        }
        Ok(Morning { groups })
    }
}
