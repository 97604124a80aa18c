//! `renda oversight` end to end on a real data file: a 议题, a meeting, an opinion with a problem,
//! 交办 with the holiday-shifted time limit, 延期, the report, a 不满意 rating refused and then a
//! second round 满意, the figures, and the 交办清单 written.

use std::process::Command;

fn renda(db: &std::path::Path, args: &[&str]) -> (i32, String, String) {
    let run =
        || Command::new(env!("CARGO_BIN_EXE_renda")).arg("--db").arg(db).args(args).env_remove("RENDA_DB").output();
    let out = run().or_else(|_| run()).unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn ok(db: &std::path::Path, args: &[&str]) -> String {
    let (code, out, err) = renda(db, args);
    assert_eq!(code, 0, "{args:?}: {out}{err}");
    out
}

#[test]
fn a_county_follows_an_opinion_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("o.db");
    ok(&db, &["init"]);
    let out = ok(&db, &["oversight", "topic", "全县优化营商环境工作情况", "--year", "2026", "--body", "县人民政府"]);
    assert!(out.contains("编号 1"), "{out}");
    let out = ok(&db, &["oversight", "meeting", "--term", "第十八届", "--number", "21", "--date", "2026-06-26"]);
    assert!(out.contains("第十八届常委会第21次会议"), "{out}");
    ok(&db, &["oversight", "opinion", "--topic", "1", "--meeting", "1", "--doc", "县人大常发〔2026〕7号"]);
    ok(&db, &["oversight", "problem", "1", "审批事项办理时限过长", "--unit", "县行政审批局"]);
    // an illegal step is refused in Chinese, with a non-zero exit
    let (code, out, err) = renda(&db, &["oversight", "step", "1", "report", "--date", "2026-07-02"]);
    assert_ne!(code, 0);
    assert!(format!("{out}{err}").contains("现在可以：交办"), "{out}{err}");
    let out = ok(&db, &["oversight", "step", "1", "assign", "--date", "2026-07-01"]);
    assert!(out.contains("办理时限 2026-10-08"), "{out}");
    let out = ok(
        &db,
        &["oversight", "step", "1", "extend", "--date", "2026-09-20", "--due", "2026-10-30", "--approver", "主任会议"],
    );
    assert!(out.contains("由 2026-10-08 延至 2026-10-30"), "{out}");
    ok(&db, &["oversight", "step", "1", "report", "--date", "2026-10-20", "--report-no", "县政府〔2026〕33号"]);
    let out = ok(
        &db,
        &[
            "oversight",
            "rate",
            "1",
            "--date",
            "2026-10-28",
            "--expected",
            "25",
            "--present",
            "22",
            "--satisfied",
            "12",
            "--unsatisfied",
            "10",
        ],
    );
    assert!(out.contains("测评不满意"), "{out}");
    ok(&db, &["oversight", "step", "1", "redo", "--date", "2026-10-29"]);
    ok(&db, &["oversight", "step", "1", "report", "--date", "2026-12-01"]);
    let out = ok(
        &db,
        &[
            "oversight",
            "rate",
            "1",
            "--date",
            "2026-12-10",
            "--expected",
            "25",
            "--present",
            "22",
            "--satisfied",
            "18",
            "--unsatisfied",
            "4",
        ],
    );
    assert!(out.contains("测评满意"), "{out}");
    let out =
        ok(&db, &["oversight", "progress", "1", "--date", "2026-12-15", "--text", "时限压减一半", "--status", "done"]);
    assert!(out.contains("已完成"), "{out}");
    let out = ok(&db, &["oversight", "figures", "--year", "2026"]);
    assert!(out.contains("审议意见 1 件") && out.contains("整改率 100%") && out.contains("满意率 50%"), "{out}");
    let file = dir.path().join("交办清单.xlsx");
    ok(&db, &["export", "oversight-list", "--year", "2026", "-o", file.to_str().unwrap()]);
    assert!(std::fs::metadata(&file).unwrap().len() > 1000);
    let tpl = dir.path().join("问题清单模板.xlsx");
    ok(&db, &["template", "oversight-problems", "-o", tpl.to_str().unwrap()]);
}
