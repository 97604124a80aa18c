//! `renda assessment` as a user runs it (DOMAIN.md §8): a county makes its template and exports
//! the 评分表, a township imports it, scores itself and packs, the county receives the package,
//! scores, is refused a deduction below zero, and prints the results — real binary, real files.

use std::path::Path;
use std::process::Command;

fn renda(db: &Path, args: &[&str]) -> (i32, String, String) {
    let run =
        || Command::new(env!("CARGO_BIN_EXE_renda")).arg("--db").arg(db).args(args).env_remove("RENDA_DB").output();
    // a process that could not be started at all is started again once (see tests/cli.rs)
    let out = run().or_else(|_| run()).unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn ok(db: &Path, args: &[&str]) -> String {
    let (code, out, err) = renda(db, args);
    assert_eq!(code, 0, "{args:?}: {out}{err}");
    out
}

#[test]
fn a_county_and_a_township_run_the_years_assessment_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let (county, town) = (dir.path().join("county.db"), dir.path().join("town.db"));
    let file = |n: &str| dir.path().join(n).to_string_lossy().into_owned();
    ok(&county, &["office", "--name", "清河县人大常委会", "--level", "县"]);
    ok(&county, &["assessment", "template", "create", "--year", "2026"]);
    ok(&county, &["assessment", "template", "add-block", "--year", "2026", "--name", "代表工作"]);
    ok(&county, &["assessment", "template", "add-block", "--year", "2026", "--name", "加分项目", "--bonus"]);
    let add = |name: &str, block: &str, max: &str, extra: &[&str]| {
        let mut args = vec![
            "assessment",
            "template",
            "add-item",
            "--year",
            "2026",
            "--block",
            block,
            "--name",
            name,
            "--max",
            max,
        ];
        args.extend_from_slice(extra);
        ok(&county, &args)
    };
    add("代表述职", "代表工作", "60", &["--auto", "voter_reports", "--full-at", "4"]);
    add("听取审议专项工作报告", "代表工作", "40", &[]);
    let out = add("工作创新", "加分项目", "5", &[]);
    assert!(out.contains("基本分100分，加分5分"), "{out}");
    let (code, _, err) = renda(
        &county,
        &["assessment", "template", "add-item", "--year", "2026", "--block", "无此板块", "--name", "x", "--max", "1"],
    );
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("没有板块「无此板块」"), "{err}");
    // an item added by mistake (its source by the Chinese name) is corrected, then removed
    add("误加的项目", "代表工作", "8", &["--auto", "建议办复率", "--full-at", "100"]);
    let t = |args: &[&str]| {
        let mut all = vec!["assessment", "template"];
        all.extend_from_slice(args);
        ok(&county, &all)
    };
    let out = t(&["update-item", "--year", "2026", "--item", "误加的项目", "--max", "3", "--manual"]);
    assert!(out.contains("基本分103分"), "{out}");
    let list = t(&["list", "--year", "2026", "--json"]);
    assert!(!list.contains("suggestion_reply_rate"), "the automatic source is cleared: {list}");
    let out = t(&["remove-item", "--year", "2026", "--item", "误加的项目"]);
    assert!(out.contains("基本分100分，加分5分") && !out.contains("误加的项目"), "{out}");
    let (code, _, err) = renda(
        &county,
        &["assessment", "template", "update-item", "--year", "2026", "--item", "代表述职", "--auto", "无此来源"],
    );
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("可选：") && err.contains("voter_reports（代表述职次数）"), "{err}");
    ok(&county, &["assessment", "export", "template", "--year", "2026", "-o", &file("评分表.xlsx")]);

    ok(&town, &["office", "--name", "城关镇人大主席团", "--level", "乡镇"]);
    ok(&town, &["import", "assessment-template", &file("评分表.xlsx")]);
    let again: serde_json::Value =
        serde_json::from_str(&ok(&town, &["import", "assessment-template", &file("评分表.xlsx"), "--json"])).unwrap();
    assert_eq!((again["added"].as_i64(), again["unchanged"].as_i64()), (Some(0), Some(3)), "{again}");
    // no 述职 registered: 0 times, 0 points proposed; other points need the reason
    let out = ok(&town, &["assessment", "self-sheet", "--year", "2026"]);
    assert!(out.contains("述职登记簿本年登记 0 次"), "{out}");
    let (code, _, err) =
        renda(&town, &["assessment", "self-score", "--year", "2026", "--item", "代表述职", "--points", "50"]);
    assert_eq!(code, 1);
    assert!(err.contains("请说明理由"), "{err}");
    ok(
        &town,
        &[
            "assessment",
            "self-score",
            "--year",
            "2026",
            "--item",
            "代表述职",
            "--points",
            "50",
            "--reason",
            "述职材料未录入",
        ],
    );
    ok(&town, &["assessment", "self-score", "--year", "2026", "--item", "听取审议专项工作报告", "--points", "38"]);
    ok(&town, &["report", "pack", "--year", "2026", "-o", &file("上报包.xlsx")]);

    ok(&county, &["report", "import", &file("上报包.xlsx")]);
    ok(&county, &["assessment", "township-add", "南山乡人大主席团"]);
    let t = "城关镇人大主席团";
    ok(
        &county,
        &["assessment", "score", "--year", "2026", "--township", t, "--item", "听取审议专项工作报告", "--points", "36"],
    );
    // the 述职 item stands at its proposal (0 times → 0 points): a deduction below zero is refused
    let (code, _, err) = renda(
        &county,
        &[
            "assessment",
            "adjust",
            "--year",
            "2026",
            "--township",
            t,
            "--item",
            "听取审议专项工作报告",
            "--delta=-37",
            "--reason",
            "材料不全",
        ],
    );
    assert_eq!(code, 1);
    assert!(err.contains("低于0分"), "{err}");
    ok(
        &county,
        &[
            "assessment",
            "adjust",
            "--year",
            "2026",
            "--township",
            t,
            "--item",
            "听取审议专项工作报告",
            "--delta=-1",
            "--reason",
            "材料不全",
        ],
    );
    let res: serde_json::Value =
        serde_json::from_str(&ok(&county, &["assessment", "results", "--year", "2026", "--json"])).unwrap();
    let rows = res["rows"].as_array().unwrap();
    assert_eq!(rows.len(), 2, "{res}");
    assert_eq!(
        (rows[0]["name"].as_str(), rows[0]["base"].as_f64(), rows[0]["rank"].as_i64()),
        (Some(t), Some(35.0), Some(1))
    );
    assert_eq!((rows[0]["self_base"].as_f64(), rows[0]["grade"].as_str()), (Some(88.0), Some("fail")));
    assert_eq!((rows[1]["status"].as_str(), rows[1]["rank"].as_i64()), (Some("not_sent"), None));
    let out = ok(&county, &["assessment", "results", "--year", "2026"]);
    assert!(out.contains("未报送") && out.contains("不合格"), "{out}");
    ok(&county, &["assessment", "export", "results", "--year", "2026", "-o", &file("结果.xlsx")]);
    ok(&county, &["assessment", "export", "sheets", "--year", "2026", "--township", t, "-o", &file("评分.xlsx")]);
    ok(&county, &["export", "assessment-results", "--year", "2026", "-o", &file("结果2.xlsx")]);
    for f in ["结果.xlsx", "评分.xlsx", "结果2.xlsx"] {
        assert_eq!(&std::fs::read(file(f)).unwrap()[..2], b"PK", "{f} is an .xlsx");
    }
}
