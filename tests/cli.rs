//! The `renda` command line, run as a user would: real binary, real files, exit codes.

use std::process::Command;

fn renda(db: &std::path::Path, args: &[&str]) -> (i32, String, String) {
    let run =
        || Command::new(env!("CARGO_BIN_EXE_renda")).arg("--db").arg(db).args(args).env_remove("RENDA_DB").output();
    // A process that could not be started at all (Wine's CreateProcess fails now and then under
    // load) is started again once; anything the program itself did is never retried.
    let out = run().or_else(|_| run()).unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn init_demo_check_and_list() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("x.db");
    assert_eq!(renda(&db, &["init"]).0, 0);
    let (code, out, _) = renda(&db, &["demo"]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("200 名代表"));
    assert_eq!(renda(&db, &["check"]).0, 0);
    let (code, out, _) = renda(&db, &["deputy", "list", "--json"]);
    assert_eq!(code, 0);
    let list: Vec<serde_json::Value> = serde_json::from_str(&out).unwrap();
    assert_eq!(list.len(), 200);
    assert!(list.iter().all(|d| d["name"].as_str().is_some_and(|n| !n.is_empty())));
    let (_, out, _) = renda(&db, &["unit", "list", "--json"]);
    assert!(serde_json::from_str::<Vec<serde_json::Value>>(&out).unwrap().len() > 40);
    let (_, out, _) = renda(&db, &["station", "list", "--json"]);
    assert!(out.contains("逢六进站"));

    // every list exports to a workbook; a roster exported and imported again changes nothing
    for kind in ["deputies", "units", "stations"] {
        let file = dir.path().join(format!("{kind}.xlsx"));
        let (code, out, err) = renda(&db, &["export", kind, "-o", file.to_str().unwrap()]);
        assert_eq!(code, 0, "{kind}: {out}{err}");
        assert_eq!(&std::fs::read(&file).unwrap()[..2], b"PK", "{kind} is an .xlsx");
    }
    let (code, out, _) = renda(&db, &["import", "units", dir.path().join("units.xlsx").to_str().unwrap(), "--json"]);
    assert_eq!(code, 0, "{out}");
    let summary: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!((summary["added"].as_i64(), summary["updated"].as_i64()), (Some(0), Some(0)), "{summary}");
}

#[test]
fn add_with_flags_and_refusals() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("x.db");
    let (code, _, err) =
        renda(&db, &["station", "add", "--name", "城关镇人大代表之家", "--kind", "代表之家", "--days", "6,16,26"]);
    assert_eq!(code, 0, "{err}");
    let (code, out, err) = renda(
        &db,
        &[
            "deputy",
            "add",
            "--name",
            "张　三",
            "--gender",
            "女",
            "--birth",
            "1975年3月",
            "--level",
            "县,乡",
            "--phone",
            "13812345678",
            "--station",
            "城关镇人大代表之家",
            "--json",
        ],
    );
    assert_eq!(code, 0, "{err}");
    let d: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(d["name"], "张三");
    assert_eq!(d["levels"], serde_json::json!(["县", "乡"]));
    let (code, _, err) = renda(&db, &["deputy", "add", "--name", "李四", "--level", "村", "--phone", "123"]);
    assert_eq!(code, 1);
    assert!(err.contains("代表层级「村」无法识别") && err.contains("联系电话「123」"), "{err}");
    let (code, out, _) = renda(&db, &["deputy", "add", "--name", "李四", "--level", "村", "--json"]);
    assert_eq!(code, 1);
    let e: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(e["error"]["code"], "invalid_input");
    // usage errors exit 2
    assert_eq!(renda(&db, &["deputy", "add"]).0, 2);
    assert_eq!(renda(&db, &["no-such-command"]).0, 2);
    let (code, out, _) = renda(&db, &["deputy", "list", "--q", "zs"]);
    assert_eq!(code, 0);
    assert!(out.contains("张三") && out.contains("共 1 人"));
    assert_eq!(renda(&db, &["unit", "add", "--name", "县财政局", "--kind", "政府部门"]).0, 0);
    assert_eq!(renda(&db, &["unit", "add", "--name", "县财政局"]).0, 1);
}

#[test]
fn backup_restore_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("x.db");
    renda(&db, &["demo"]);
    let bak = dir.path().join("copy.db");
    assert_eq!(renda(&db, &["backup", "-o", bak.to_str().unwrap()]).0, 0);
    assert_eq!(renda(&db, &["backup", "-o", bak.to_str().unwrap()]).0, 1, "never overwrites a file");
    renda(&db, &["unit", "add", "--name", "新单位"]);
    assert_eq!(renda(&db, &["restore", bak.to_str().unwrap()]).0, 0);
    let (_, out, _) = renda(&db, &["unit", "list", "--q", "新单位", "--json"]);
    assert_eq!(out.trim(), "[]");
    let junk = dir.path().join("junk.txt");
    std::fs::write(&junk, "hello").unwrap();
    let (code, _, err) = renda(&db, &["restore", junk.to_str().unwrap()]);
    assert_eq!(code, 1);
    assert!(err.contains("不能用于恢复"), "{err}");
    assert_eq!(renda(&db, &["check"]).0, 0);
}

#[test]
fn a_whole_suggestion_scripted_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("x.db");
    renda(
        &db,
        &["term", "add", "--level", "县", "--number", "18", "--start-year", "2024", "--end-year", "2029", "--current"],
    );
    renda(&db, &["deputy", "add", "--name", "张三", "--level", "县"]);
    renda(&db, &["unit", "add", "--name", "县交通运输局"]);
    let (code, out, err) = renda(
        &db,
        &["suggestion", "add", "--title", "关于修缮县道的建议", "--lead", "张三", "--received", "2025-03-01", "--json"],
    );
    assert_eq!(code, 0, "{err}");
    let id = serde_json::from_str::<serde_json::Value>(&out).unwrap()["row"]["id"].as_i64().unwrap().to_string();
    let ok = |args: &[&str]| {
        let (code, out, err) = renda(&db, args);
        assert_eq!(code, 0, "{args:?}: {err}");
        out
    };
    ok(&["suggestion", "review", &id, "pass", "--all", "--date", "2025-03-03"]);
    let out = ok(&["suggestion", "assign", &id, "--main", "县交通运输局", "--date", "2025-03-05"]);
    assert!(out.contains("要求2025-06-05前答复"), "{out}");
    ok(&["suggestion", "step", &id, "contact", "--args", r#"{"form":"上门","date":"2025-03-20"}"#]);
    ok(&["suggestion", "reply", &id, "--class", "B", "--date", "2025-05-20"]);
    ok(&["suggestion", "rate", &id, "--work", "满意", "--result", "不满意", "--date", "2025-06-01"]);
    ok(&["suggestion", "rehandle", &id, "--date", "2025-06-02"]);
    ok(&["suggestion", "reply", &id, "--class", "A", "--date", "2025-06-25"]);
    let out = ok(&["suggestion", "rate", &id, "--work", "满意", "--result", "满意", "--date", "2025-07-01"]);
    assert!(out.contains("【办结】"), "{out}");
    let (code, _, err) = renda(&db, &["suggestion", "reply", &id, "--class", "A"]);
    assert_eq!(code, 1);
    assert!(err.contains("当前状态为「办结」"), "{err}");
    let out = ok(&["suggestion", "figures"]);
    assert!(out.contains("办复率 100.0%") && out.contains("首次满意率 0.0%") && out.contains("见面率 100.0%"), "{out}");
}

#[test]
fn a_new_office_sets_itself_up_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("x.db");
    let (code, out, err) = renda(&db, &["office", "--name", "城关镇人大主席团", "--level", "乡镇", "--json"]);
    assert_eq!(code, 0, "{out}{err}");
    let office: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!((office["level"].as_str(), office["deputy_level"].as_str()), (Some("乡镇"), Some("乡")));
    let (code, _, err) = renda(&db, &["office", "--level", "省"]);
    assert_eq!(code, 1, "an office is 乡镇, 县 or 市: {err}");
    assert!(err.contains("乡镇、县、市"), "{err}");

    // the term takes the office's level; a session by the term's words, with dates in any form
    let (code, _, err) =
        renda(&db, &["term", "add", "--number", "18", "--start-year", "2021", "--end-year", "2026", "--current"]);
    assert_eq!(code, 0, "{err}");
    let (code, out, err) = renda(
        &db,
        &[
            "session",
            "add",
            "--term",
            "第十八届",
            "--number",
            "5",
            "--start",
            "2026.1.10",
            "--end",
            "2026年1月12日",
            "--json",
        ],
    );
    assert_eq!(code, 0, "{out}{err}");
    let s: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(
        (s["name"].as_str(), s["start_date"].as_str()),
        (Some("乡（镇）第十八届人民代表大会第五次会议"), Some("2026-01-10"))
    );
    let id = s["id"].as_i64().unwrap().to_string();
    let (code, _, err) = renda(&db, &["session", "edit", &id, "--end", "2026-01-13"]);
    assert_eq!(code, 0, "{err}");
    let (_, out, _) = renda(&db, &["session", "list", "--json"]);
    assert!(out.contains("2026-01-13"), "{out}");
    let (code, _, err) = renda(&db, &["term", "edit", "第十八届", "--end-year", "2027"]);
    assert_eq!(code, 0, "{err}");
    let (_, out, _) = renda(&db, &["term", "list"]);
    assert!(out.contains("2021—2027年") && out.contains("当前届"), "{out}");

    // every import kind has a template; the morning list prints, empty or not
    for kind in [
        "deputies",
        "units",
        "suggestions",
        "register-activity",
        "register-contact",
        "register-report",
        "register-opinion",
        "ballots",
        "project-progress",
    ] {
        let file = dir.path().join(format!("{kind}.xlsx"));
        let (code, _, err) = renda(&db, &["template", kind, "-o", file.to_str().unwrap()]);
        assert_eq!(code, 0, "{kind}: {err}");
    }
    let (code, out, _) = renda(&db, &["reminders", "--json"]);
    assert_eq!(code, 0);
    let m: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(m["groups"].as_array().map(|g| g.len()), Some(16));
    let (_, out, _) = renda(&db, &["reminders"]);
    assert!(out.contains("今天没有需要提醒的事项"), "{out}");
}

#[test]
fn a_township_reports_upward_by_file() {
    let dir = tempfile::tempdir().unwrap();
    let (town, county) = (dir.path().join("town.db"), dir.path().join("county.db"));
    assert_eq!(renda(&town, &["office", "--name", "城关镇人大主席团", "--level", "乡镇"]).0, 0);
    assert_eq!(renda(&county, &["office", "--name", "清河县人大常委会", "--level", "县"]).0, 0);
    let file = dir.path().join("上报包.xlsx");
    let (code, out, err) = renda(&town, &["report", "pack", "--year", "2026", "-o", file.to_str().unwrap()]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("城关镇人大主席团") && out.contains("2026年"), "{out}");
    let (code, out, err) = renda(&county, &["report", "import", file.to_str().unwrap(), "--dry-run"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("：预览：城关镇人大主席团（2026年，第1号）：新收到"), "{out}");
    assert_eq!(renda(&county, &["report", "import", file.to_str().unwrap()]).0, 0);
    let (_, out, _) = renda(&county, &["report", "list", "--json"]);
    let list: Vec<serde_json::Value> = serde_json::from_str(&out).unwrap();
    assert_eq!((list.len(), list[0]["office_name"].as_str()), (1, Some("城关镇人大主席团")));
    // the township cannot take the county's package
    let up = dir.path().join("县.xlsx");
    assert_eq!(renda(&county, &["report", "pack", "--year", "2026", "-o", up.to_str().unwrap()]).0, 0);
    let (code, _, err) = renda(&town, &["report", "import", up.to_str().unwrap()]);
    assert_eq!(code, 1);
    assert!(err.contains("只能导入下级单位的上报包"), "{err}");
}

#[test]
fn report_import_tries_every_file_and_says_each_outcome() {
    let dir = tempfile::tempdir().unwrap();
    let county = dir.path().join("county.db");
    assert_eq!(renda(&county, &["office", "--name", "清河县人大常委会", "--level", "县"]).0, 0);
    let mut files = Vec::new();
    for name in ["城关镇人大主席团", "河口镇人大主席团"] {
        let db = dir.path().join(format!("{name}.db"));
        assert_eq!(renda(&db, &["office", "--name", name, "--level", "乡镇"]).0, 0);
        let file = dir.path().join(format!("{name}.xlsx"));
        assert_eq!(renda(&db, &["report", "pack", "--year", "2026", "-o", file.to_str().unwrap()]).0, 0);
        files.push(file.to_str().unwrap().to_string());
    }
    let bad = dir.path().join("坏文件.xlsx");
    std::fs::write(&bad, b"not a workbook").unwrap();
    let (a, c) = (files[0].as_str(), files[1].as_str());
    let (code, out, err) = renda(&county, &["--json", "report", "import", a, bad.to_str().unwrap(), c]);
    assert_eq!(code, 1, "one file refused: {out}{err}");
    let outcomes: Vec<serde_json::Value> = serde_json::from_str(&out).unwrap();
    let got: Vec<(bool, bool)> = outcomes
        .iter()
        .map(|o| (o["ok"].as_bool().unwrap(), o["received"]["committed"].as_bool().unwrap_or(false)))
        .collect();
    assert_eq!(got, vec![(true, true), (false, false), (true, true)], "{out}");
    assert!(outcomes[1]["error"]["message"].as_str().is_some_and(|m| !m.is_empty()), "{out}");
    let (_, out, _) = renda(&county, &["report", "list", "--json"]);
    assert_eq!(serde_json::from_str::<Vec<serde_json::Value>>(&out).unwrap().len(), 2);
    // the package import took a backup of the county's data first
    let backups: Vec<String> = std::fs::read_dir(dir.path().join("backups"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(backups.iter().any(|n| n.starts_with("导入前备份-")), "{backups:?}");
    // the first package again: not newer, so it waits for --force, and the exit code says so
    let town = dir.path().join("城关镇人大主席团.db");
    let newer = dir.path().join("更正.xlsx");
    assert_eq!(renda(&town, &["report", "pack", "--year", "2026", "-o", newer.to_str().unwrap()]).0, 0);
    assert_eq!(renda(&county, &["report", "import", newer.to_str().unwrap()]).0, 0);
    let (code, out, _) = renda(&county, &["report", "import", a]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("第2号") && out.contains("--force"), "{out}");
    let (code, out, err) = renda(&county, &["report", "import", a, "--force"]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("替换已收到的第2号"), "{out}");
}

/// A township's 民生实事 year from the command line: candidates, a 差额 vote with a tie at the
/// cut-off settled by a re-vote, the projects it adopts, their group, a change, progress, a visit
/// and the year's figures.
#[test]
fn a_township_votes_its_projects_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("x.db");
    let ok = |args: &[&str]| {
        let (code, out, err) = renda(&db, args);
        assert_eq!(code, 0, "{args:?}: {out}{err}");
        out
    };
    ok(&["init"]);
    ok(&["office", "--name", "城关镇人大主席团", "--level", "乡镇"]);
    for name in ["张三", "李四"] {
        ok(&["deputy", "add", "--name", name, "--level", "乡镇"]);
    }
    for (name, money) in [("村道硬化", "120"), ("饮水工程", "80"), ("卫生室改造", "60")] {
        ok(&[
            "project",
            "candidate",
            "add",
            "--year",
            "2026",
            "--name",
            name,
            "--field",
            "交通",
            "--investment",
            money,
            "--content",
            "按方案实施",
            "--end",
            "2026年12月",
        ]);
    }
    ok(&["project", "vote", "create", "--year", "2026", "--seats", "2", "--expected", "40"]);
    let (code, _, err) = renda(
        &db,
        &[
            "project",
            "vote",
            "count",
            "1",
            "--expected",
            "40",
            "--present",
            "38",
            "--issued",
            "38",
            "--returned",
            "38",
            "--valid",
            "39",
            "--invalid",
            "0",
            "--count",
            "1:30:5:3",
            "--count",
            "2:25:10:3",
            "--count",
            "3:25:10:3",
        ],
    );
    assert_ne!(code, 0, "有效票 more than 收回 is refused");
    assert!(err.contains("有效"), "{err}");
    let counted = ok(&[
        "project",
        "vote",
        "count",
        "1",
        "--expected",
        "40",
        "--present",
        "38",
        "--issued",
        "38",
        "--returned",
        "38",
        "--valid",
        "37",
        "--invalid",
        "1",
        "--count",
        "1:30:5:2",
        "--count",
        "2:22:10:2",
        "--count",
        "3:22:10:2",
    ]);
    assert!(counted.contains("再次投票"), "the tie at the cut-off is flagged: {counted}");
    let (code, _, err) = renda(&db, &["project", "vote", "confirm", "1"]);
    assert_ne!(code, 0, "an open tie cannot be confirmed: {err}");
    ok(&["project", "vote", "revote", "1"]);
    ok(&[
        "project",
        "vote",
        "count",
        "2",
        "--expected",
        "40",
        "--present",
        "36",
        "--issued",
        "36",
        "--returned",
        "36",
        "--valid",
        "36",
        "--invalid",
        "0",
        "--count",
        "1:24:10:2",
        "--count",
        "2:10:20:6",
    ]);
    ok(&["project", "vote", "confirm", "2"]);
    let list = ok(&["project", "list", "--year", "2026", "--json"]);
    let page: serde_json::Value = serde_json::from_str(&list).unwrap();
    let rows = page["items"].as_array().cloned().unwrap_or_default();
    let names: Vec<&str> = rows.iter().filter_map(|r| r["name"].as_str()).collect();
    assert_eq!(names.len(), 2, "{names:?}");
    assert!(names.contains(&"村道硬化") && names.contains(&"饮水工程"), "{names:?}");
    let id = rows.iter().find(|r| r["name"] == "村道硬化").and_then(|r| r["id"].as_i64()).unwrap().to_string();

    ok(&["project", "group", &id, "--leader", "张三", "--deputy", "张三", "--deputy", "李四"]);
    let (code, _, err) =
        renda(&db, &["project", "change", &id, "--date", "2026-06-01", "--content", "加两条", "--approver", ""]);
    assert_ne!(code, 0, "a change needs who approved it: {err}");
    ok(&[
        "project",
        "change",
        &id,
        "--approver",
        "镇人大主席团",
        "--date",
        "2026-06-01",
        "--content",
        "增加两条村道",
        "--investment",
        "150",
    ]);
    ok(&["project", "progress", &id, "--date", "2026-06-30", "--stage", "finished", "--invested", "150"]);
    ok(&["project", "visit", &id, "--date", "2026-07-01", "--deputy", "李四"]);
    // a 问题 of the 问题清单, its 整改 recorded later by its number in the list
    ok(&["project", "problem", &id, "路面积水", "--unit", "镇村镇建设办", "--due", "2026-07-15"]);
    let (code, _, err) = renda(&db, &["project", "problem-update", &id, "2", "--progress", "已疏通"]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("有 1 个问题，请写 1 至 1 的序号"), "{err}");
    ok(&["project", "problem-update", &id, "1", "--progress", "已疏通边沟", "--resolved", "2026-07-10"]);
    // a voted project's 开工日期 entered afterwards: a correction, not a 变更
    ok(&["project", "edit", &id, "--start", "2026-03-15"]);
    let shown = ok(&["project", "show", &id]);
    assert!(
        shown.contains("问题1：路面积水（镇村镇建设办，整改时限 2026-07-15）已疏通边沟，2026-07-10整改完成"),
        "{shown}"
    );
    for expected in ["150 万元", "张三（组长）、李四", "镇人大主席团批准", "已完成", "2026-03-15"]
    {
        assert!(shown.contains(expected), "{expected} in: {shown}");
    }
    let figures = ok(&["project", "figures", "--year", "2026"]);
    assert!(figures.contains("项目 2 个"), "{figures}");
    assert!(figures.contains("完成率 50.0%"), "{figures}");
}
