//! `renda hearing` run as a user would (DOMAIN.md §7): a notice, applications (a bad 身份证号
//! refused), the review, a seeded draw re-checked from its seed, the cards, 签到, an opinion, the
//! figures and the printed 名单 — real binary, real files, exit codes.

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

fn id(birth: &str, serial: u32) -> String {
    let body = format!("430102{birth}{serial:03}");
    const W: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    let sum: u32 = body.chars().zip(W).map(|(c, w)| c.to_digit(10).unwrap() * w).sum();
    format!("{body}{}", ['1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'][(sum % 11) as usize])
}

fn ok(db: &std::path::Path, args: &[&str]) -> String {
    let (code, out, err) = renda(db, args);
    assert_eq!(code, 0, "{args:?}: {err}");
    out
}

#[test]
fn a_meeting_from_notice_to_figures() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("x.db");
    let out = ok(
        &db,
        &[
            "hearing",
            "meeting",
            "add",
            "--name",
            "县人大常委会第十次会议",
            "--date",
            "2027-03-15",
            "--notice",
            "2027-02-20",
            "--deadline",
            "2027-03-05",
            "--seats",
            "2",
            "--draw",
            "--topic",
            "关于义务教育工作情况的报告",
        ],
    );
    assert!(out.contains("会议编号 1") && out.contains("名额 2 人"), "{out}");
    for (i, birth) in ["19800101", "19810101", "19820101", "20100101"].iter().enumerate() {
        let n = id(birth, i as u32 + 1);
        let name = format!("报名人{i}");
        let date = "--date=2027-02-25";
        ok(
            &db,
            &["hearing", "apply", "--meeting", "1", "--name", &name, "--id-number", &n, "--phone", "13812345678", date],
        );
    }
    // one digit off: refused, with the field named
    let mut bad = id("19830101", 9);
    bad.replace_range(10..11, if &bad[10..11] == "1" { "2" } else { "1" });
    let (code, _, err) = renda(&db, &["hearing", "apply", "--meeting", "1", "--name", "错号", "--id-number", &bad]);
    assert_ne!(code, 0);
    assert!(err.contains("校验位"), "{err}");
    let out = ok(&db, &["hearing", "review", "1", "--all"]);
    assert!(out.contains("审核通过 3 人，不符合条件 1 人"), "{out}");
    let out = ok(&db, &["hearing", "select", "1", "--seed", "777"]);
    assert!(out.contains("随机种子 777，入选 2 人"), "{out}");
    let out = ok(&db, &["hearing", "draw-check", "1", "--seed", "777"]);
    assert!(out.contains("与名单一致"), "{out}");
    let shown = ok(&db, &["hearing", "show", "1"]);
    assert!(!shown.contains(&id("19800101", 1)), "numbers are masked: {shown}");
    ok(&db, &["hearing", "card", "1"]);
    let detail: serde_json::Value = serde_json::from_str(&ok(&db, &["hearing", "show", "1", "--json"])).unwrap();
    let holder = detail["applications"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["card_no"] == "2027-01-001")
        .map(|a| a["id"].as_i64().unwrap())
        .unwrap();
    ok(&db, &["hearing", "checkin", &holder.to_string()]);
    let by = holder.to_string();
    ok(
        &db,
        &[
            "hearing",
            "opinion",
            "--meeting",
            "1",
            "--by",
            &by,
            "--topic",
            "关于义务教育工作情况的报告",
            "--content",
            "建议增加寄宿制学位",
            "--adopted",
        ],
    );
    let out = ok(&db, &["hearing", "figures", "--year", "2027"]);
    assert!(out.contains("2027\t1\t4\t1\t1\t1\t1"), "{out}");
    let file = dir.path().join("名单.xlsx");
    ok(&db, &["export", "hearing-roster", "--id", "1", "-o", file.to_str().unwrap()]);
    assert!(std::fs::metadata(&file).unwrap().len() > 0);
}
