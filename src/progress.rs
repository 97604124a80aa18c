//! Progress of long work (imports of big sheets), for the bar in the window, the browser and the
//! terminal. The engine reports to one sink that each shell sets: the desktop shell forwards it as a
//! Tauri event, `renda serve` keeps the latest for the page to poll, the CLI draws a bar.

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Where a piece of long work is: `done` of `total` steps of `stage` (e.g. 检查数据 1200 / 100000).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Progress {
    /// 读取文件 · 检查数据 · 写入数据
    pub stage: String,
    #[ts(type = "number")]
    pub done: u64,
    #[ts(type = "number")]
    pub total: u64,
}

type Listener = Box<dyn FnMut(&Progress) + Send>;

struct Inner {
    listener: Listener,
    last: Option<(String, Instant)>,
}

/// A cheap handle to the shell's listener; clones share it. Reports are thinned to one per
/// `EVERY` within a stage (plus each stage's first and last), so a 100,000-row loop costs nothing.
#[derive(Clone, Default)]
pub struct ProgressSink(Arc<Mutex<Option<Inner>>>);

const EVERY: Duration = Duration::from_millis(100);

impl ProgressSink {
    pub fn set(&self, listener: impl FnMut(&Progress) + Send + 'static) {
        *self.0.lock().unwrap_or_else(|p| p.into_inner()) = Some(Inner { listener: Box::new(listener), last: None });
    }

    /// Reports `done` of `total` in `stage`.
    pub fn tick(&self, stage: &str, done: u64, total: u64) {
        let mut guard = self.0.lock().unwrap_or_else(|p| p.into_inner());
        let Some(inner) = guard.as_mut() else { return };
        let now = Instant::now();
        let due = match &inner.last {
            Some((s, at)) => s != stage || done >= total || now.duration_since(*at) >= EVERY,
            None => true,
        };
        if due {
            inner.last = Some((stage.to_string(), now));
            (inner.listener)(&Progress { stage: stage.into(), done, total });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reports_are_thinned_but_every_stage_starts_and_ends() {
        let seen = Arc::new(Mutex::new(Vec::new()));
        let sink = ProgressSink::default();
        sink.tick("检查数据", 0, 10); // no listener yet: nothing, no panic
        let s = seen.clone();
        sink.set(move |p| s.lock().unwrap().push((p.stage.clone(), p.done)));
        for i in 0..=10_000 {
            sink.tick("检查数据", i, 10_000);
        }
        sink.tick("写入数据", 0, 5);
        sink.tick("写入数据", 5, 5);
        let seen = seen.lock().unwrap();
        assert_eq!(seen.first(), Some(&("检查数据".to_string(), 0)));
        assert!(seen.contains(&("检查数据".to_string(), 10_000)));
        assert!(seen.len() < 100, "a tight loop is thinned: {} reports", seen.len());
        assert_eq!(&seen[seen.len() - 2..], &[("写入数据".to_string(), 0), ("写入数据".to_string(), 5)]);
    }
}
