//! End-to-end tests of the `zhibiao` binary: every subcommand, every output format, exit codes.
#![cfg(feature = "cli")]

use std::path::PathBuf;
use std::process::{Command, Output};

fn zhibiao(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_zhibiao"))
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn dir() -> PathBuf {
    let d = std::env::temp_dir().join(format!("zhibiao-cli-{}", std::process::id()));
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn write(name: &str, text: &str) -> String {
    let p = dir().join(name);
    std::fs::write(&p, text).unwrap();
    p.display().to_string()
}

const RULES: &str = r#"体系 "小体系" {
    文号 "测试〔2024〕1号"
    地区分类 区位: 东部 中部 西部 东北
    地区组 中西部 = 中部 | 西部
    领域 "生态安全" {
        指标 1 "PM2.5浓度" {
            单位 μg/m3
            方向 逆向
            目标 完成上级规定的考核任务,且保持稳定或持续下降
        }
        指标 2 "农村生活污水治理率" {
            单位 %
            属性 参考性
            目标 东部≥60、中西部≥30
        }
    }
    否决项 1 "重大生态破坏事件"
    示例 "东部达标" {
        分类 东部
        数据 1 2022=28 2023=27 目标 2023=29
        数据 2 2023=61
        期望 1 达标 "上级考核目标 29"
        期望 2 达标
        期望 整体 达标
    }
}
"#;

const DATA: &str = "region,indicator,year,value,target\n甲县,1,2022,28,\n甲县,1,2023,27,29\n甲县,2,2023,61%,\n乙县,1,2022,30,\n乙县,1,2023,31,29\n乙县,2,2023,20,\n乙县,veto:1,2023,是,\n乙县,99,2023,1,\n";
const REGIONS: &str = "region,classes\n甲县,东部\n乙县,西部\n";

fn setup() -> (String, String, String) {
    (
        write("r.zb", RULES),
        write("d.csv", DATA),
        write("regions.csv", REGIONS),
    )
}

#[test]
fn explain_the_issue_examples() {
    let o = zhibiao(&[
        "explain",
        "--json",
        "完成上级规定的考核任务,且≥90或持续提高",
    ]);
    assert!(o.status.success());
    let j: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(j["kind"], "all");
    assert_eq!(j["items"][1]["kind"], "any");

    let o = zhibiao(&[
        "explain",
        "--json",
        "中西部地区市辖区、东部地区:≥60;中西部其他地区、东北地区:≥30",
    ]);
    let j: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(j["kind"], "tiered");
    assert_eq!(j["tiers"].as_array().unwrap().len(), 2);

    let o = zhibiao(&["explain", "≥"]);
    assert_eq!(o.status.code(), Some(1));
    let e = stderr(&o);
    assert!(e.contains("error: expected a number after `≥`"), "{e}");
    assert!(e.contains("1 | ≥\n  |  ^"), "{e}");
}

#[test]
fn explain_reads_and_checks_units() {
    let o = zhibiao(&["explain", "--lang", "en", "≥55,且不降低"]);
    assert!(o.status.success());
    assert!(
        stdout(&o).starts_with("≥55,且不降低\nall of:"),
        "{}",
        stdout(&o)
    );
    let o = zhibiao(&[
        "explain",
        "--lang",
        "en",
        "--unit",
        "立方米/万元",
        "≤0.70吨标煤/万元",
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("declared in `立方米/万元`"),
        "{}",
        stderr(&o)
    );
    let o = zhibiao(&["explain", "--unit", "m3/万元", "≤8立方米/万元"]);
    assert!(o.status.success(), "{}", stderr(&o));
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(zhibiao(&[]).status.code(), Some(2));
    assert_eq!(zhibiao(&["eval"]).status.code(), Some(2));
    assert_eq!(
        zhibiao(&["explain", "--polarity", "sideways", "≥1"])
            .status
            .code(),
        Some(2)
    );
}

#[test]
fn check_and_test() {
    let (rules, _, _) = setup();
    let o = zhibiao(&["check", &rules]);
    assert!(o.status.success(), "{}", stderr(&o));
    // a Chinese rule file is tested in Chinese unless `--lang en` says otherwise
    let o = zhibiao(&["test", &rules]);
    assert!(o.status.success());
    assert!(
        stdout(&o).ends_with("通过 3 个,失败 0 个\n"),
        "{}",
        stdout(&o)
    );
    let o = zhibiao(&["test", &rules, "--lang", "en"]);
    assert!(o.status.success());
    assert!(
        stdout(&o).ends_with("3 passed, 0 failed\n"),
        "{}",
        stdout(&o)
    );

    let broken = write(
        "broken.zb",
        &RULES
            .replace("期望 2 达标", "期望 2 未达标")
            .replace("属性 参考性", "属性 参考"),
    );
    let o = zhibiao(&["test", &broken, "--lang", "en"]);
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    assert!(
        out.contains("示例 \"东部达标\" 指标 2: expected 未达标 (fail), got 达标 (pass)"),
        "{out}"
    );
    assert!(out.contains("2023年 61%"), "{out}");
    assert!(out.ends_with("2 passed, 1 failed\n"), "{out}");

    let bad = write(
        "bad.zb",
        &RULES
            .replace("目标 东部≥60", "目标 东郊≥60")
            .replace("方向 逆向", "方向 反向"),
    );
    let o = zhibiao(&["check", &bad, "--lang", "en"]);
    assert_eq!(o.status.code(), Some(1));
    let e = stderr(&o);
    assert!(e.contains("error: unknown polarity `反向`"), "{e}");
    assert!(
        e.contains("error: unknown region class or group `东郊`"),
        "{e}"
    );
    assert!(e.contains("bad.zb:8:16"), "{e}");
}

#[test]
fn fmt_check_and_rewrite() {
    let messy = write(
        "messy.zb",
        "system \"x\" {   # 注释\n\n\n  indicator 1 \"a\" {\n  target ≥20\n  }\n}\n",
    );
    let o = zhibiao(&["fmt", "--check", &messy]);
    assert_eq!(o.status.code(), Some(1));
    let o = zhibiao(&["fmt", &messy]);
    assert!(o.status.success());
    let text = std::fs::read_to_string(&messy).unwrap();
    assert_eq!(
        text,
        "体系 \"x\" {  # 注释\n    指标 1 \"a\" {\n        目标 ≥20\n    }\n}\n"
    );
    assert!(zhibiao(&["fmt", "--check", &messy]).status.success());
}

#[test]
fn eval_every_format() {
    let (rules, data, regions) = setup();
    let base = [
        "eval",
        rules.as_str(),
        data.as_str(),
        "--regions",
        regions.as_str(),
    ];
    // json: SPEC §7 shape
    let o = zhibiao(&[&base[..], &["--format", "json"]].concat());
    assert!(o.status.success(), "{}", stderr(&o));
    let j: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(j["year"], 2023);
    assert_eq!(j["system"]["name"], "小体系");
    let regions_json = j["regions"].as_array().unwrap();
    assert_eq!(regions_json[0]["region"], "甲县");
    assert_eq!(regions_json[0]["verdict"], "pass");
    assert_eq!(regions_json[1]["verdict"], "fail");
    let ind = &regions_json[0]["indicators"][0];
    for key in [
        "id",
        "name",
        "attribute",
        "verdict",
        "value",
        "target_text",
        "explanation",
        "evidence",
    ] {
        assert!(ind.get(key).is_some(), "missing {key}");
    }
    assert_eq!(ind["attribute"], "binding");
    assert_eq!(regions_json[1]["vetoes"][0]["state"], "occurred");
    assert_eq!(regions_json[1]["unused_rows"][0]["rows"], "9");
    assert_eq!(regions_json[1]["unused_rows"][0]["count"], 1);

    // table
    let o = zhibiao(&base);
    let t = stdout(&o);
    assert!(t.contains("甲县 2023 — 达标"), "{t}");
    assert!(
        t.contains("约束性指标 1 项:达标 1,未达标 0,数据不足 0,不适用 0"),
        "{t}"
    );
    assert!(t.contains("否决项 1: 发生"), "{t}");
    assert!(!t.contains('\x1b'), "no colour when not a terminal");

    // csv with BOM
    let o = zhibiao(&[&base[..], &["--format", "csv", "--lang", "en"]].concat());
    let c = stdout(&o);
    assert!(c.starts_with("\u{feff}region,year,id,indicator"), "{c}");
    // a header, then per region its overall row and one row per indicator
    assert_eq!(c.lines().count(), 1 + 2 * (1 + 2));
    assert!(
        c.contains("overall,,,,,pass,") && c.contains("binding indicators 1: pass 1"),
        "{c}"
    );

    // markdown
    let o = zhibiao(&[&base[..], &["--format", "markdown"]].concat());
    let m = stdout(&o);
    assert!(m.contains("| 甲县 | 达标 |"), "{m}");

    // html to a file, well formed
    let out = dir().join("r.html");
    let o = zhibiao(
        &[
            &base[..],
            &["--format", "html", "-o", out.to_str().unwrap()],
        ]
        .concat(),
    );
    assert!(o.status.success());
    let html = std::fs::read_to_string(&out).unwrap();
    assert_well_formed(&html);
    assert!(html.contains("<svg"), "charts");
    assert!(
        !html.contains("http://")
            || html.matches("http://").count()
                == html.matches("xmlns=\"http://www.w3.org/2000/svg\"").count(),
        "no external assets"
    );
}

#[test]
fn eval_bad_data_exits_1_with_the_row() {
    let (rules, _, _) = setup();
    let bad = write(
        "bad.csv",
        "region,indicator,year,value\n甲县,1,2023,27\n甲县,1,2023,28\n",
    );
    let o = zhibiao(&["eval", &rules, &bad, "--lang", "en"]);
    assert_eq!(o.status.code(), Some(1));
    let e = stderr(&o);
    assert!(
        e.contains("bad.csv:3 (column `indicator`): duplicate row"),
        "{e}"
    );
    assert!(e.contains("also on row 2"), "{e}");
    let missing = zhibiao(&["eval", &rules, "/nonexistent.csv"]);
    assert_eq!(missing.status.code(), Some(1));
}

/// Parse as XML: every tag closed, attributes quoted, entities valid.
fn assert_well_formed(html: &str) {
    let body = html.trim_start_matches("<!DOCTYPE html>");
    let mut reader = quick_xml::Reader::from_str(body);
    let mut depth = 0i32;
    loop {
        match reader.read_event() {
            Ok(quick_xml::events::Event::Start(_)) => depth += 1,
            Ok(quick_xml::events::Event::End(_)) => depth -= 1,
            Ok(quick_xml::events::Event::Eof) => break,
            Ok(quick_xml::events::Event::Text(t)) => {
                t.unescape()
                    .unwrap_or_else(|e| panic!("bad entity at {}: {e}", reader.buffer_position()));
            }
            Ok(_) => {}
            Err(e) => panic!("not well formed at {}: {e}", reader.buffer_position()),
        }
        assert!(depth >= 0);
    }
    assert_eq!(depth, 0, "unclosed elements");
}

/// Every kind of bad measurement file: exit 1, the file and row in the message, no panic.
#[test]
fn eval_rejects_each_kind_of_bad_input() {
    let (rules, _, regions) = setup();
    let cases = [
        (
            "year.csv",
            "region,indicator,year,value\n甲县,1,2023,27\n甲县,1,去年,27\n",
            "year.csv:3 (column `year`): `去年` is not a year",
        ),
        (
            "number.csv",
            "region,indicator,year,value\n甲县,1,2023,2.7.1\n",
            "number.csv:2 (column `value`): `2.7.1` is not a number",
        ),
        (
            "word.csv",
            "region,indicator,year,value\n甲县,2,2023,很多\n",
            "word.csv:2 (column `value`): `很多` is not a number",
        ),
        (
            "dup.csv",
            "region,indicator,year,value\n甲县,1,2023,27\n乙县,1,2023,27\n甲县,1,2023,28\n",
            "dup.csv:4 (column `indicator`): duplicate row",
        ),
        (
            "column.csv",
            "region,indicator,value\n甲县,1,27\n",
            "column.csv:1: missing column `year`",
        ),
        ("empty.csv", "", "empty.csv:1: the file is empty"),
        (
            "header.csv",
            "region,indicator,year,value\n",
            "header.csv:1: the file is empty",
        ),
        (
            "region.csv",
            "region,indicator,year,value\n,1,2023,27\n",
            "region.csv:2 (column `region`): the `region` cell is empty",
        ),
        (
            "bad.json",
            "[{\"region\": \"甲县\", \"indicator\": 1}",
            "bad.json",
        ),
    ];
    for (name, text, message) in cases {
        let data = write(name, text);
        let o = zhibiao(&["eval", &rules, &data, "--regions", &regions, "--lang", "en"]);
        assert_eq!(o.status.code(), Some(1), "{name}: {}", stderr(&o));
        let e = stderr(&o);
        assert!(e.contains(message), "{name}: {e}");
        assert!(!e.contains("panicked"), "{name}: {e}");
    }
    // a bad regions file
    let (_, data, _) = setup();
    let bad_regions = write("bad-regions.csv", "region,kinds\n甲县,东部\n");
    let o = zhibiao(&["eval", &rules, &data, "--regions", &bad_regions]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("错误: ") && stderr(&o).contains("bad-regions.csv:1:缺少「分类」列"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn directories_expand_to_their_rule_files() {
    let rules = concat!(env!("CARGO_MANIFEST_DIR"), "/rules");
    let o = zhibiao(&["test", rules, "--lang", "en"]);
    assert!(o.status.success(), "{}", stdout(&o));
    let last = stdout(&o).lines().last().unwrap_or_default().to_string();
    let passed: usize = last.split(' ').next().unwrap().parse().unwrap();
    assert!(
        passed > 250 && last.ends_with(" passed, 0 failed"),
        "{last}"
    );
    assert!(zhibiao(&["check", rules]).status.success());
    assert!(zhibiao(&["fmt", "--check", rules]).status.success());
}

#[test]
fn output_never_overwrites_an_input() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/data/shengzhou-2024");
    let data = format!("{dir}/measurements.csv");
    let before = std::fs::read(&data).unwrap();
    let rules = concat!(env!("CARGO_MANIFEST_DIR"), "/rules/seeds/shengzhou-2024.zb");
    let o = zhibiao(&["eval", rules, &data, "-o", &data]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&o.stderr).contains("是输入文件"),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert_eq!(std::fs::read(&data).unwrap(), before);
}

/// The README's Excel round trip runs on the shipped demo data (outputs written to a temporary
/// directory instead of the working directory).
#[cfg(feature = "xlsx")]
#[test]
fn readme_excel_commands_run() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let readme = std::fs::read_to_string(root.join("README.md")).unwrap();
    let section = readme.split("## Excel in and out").nth(1).unwrap();
    let block = section
        .split("```sh")
        .nth(1)
        .unwrap()
        .split("```")
        .next()
        .unwrap();
    let commands: Vec<&str> = block.lines().filter(|l| !l.trim().is_empty()).collect();
    assert_eq!(commands.len(), 3, "{block}");
    let out = dir().join("readme-excel");
    let _ = std::fs::remove_dir_all(&out);
    std::fs::create_dir_all(&out).unwrap();
    for c in commands {
        let words: Vec<String> = c
            .strip_prefix("cargo run --release -- ")
            .unwrap()
            .split_whitespace()
            .map(
                |w| match w.ends_with(".xlsx") && !w.starts_with("examples/") {
                    true => out.join(w).display().to_string(),
                    false => w.to_string(),
                },
            )
            .collect();
        let o = Command::new(env!("CARGO_BIN_EXE_zhibiao"))
            .args(&words)
            .current_dir(root)
            .env("NO_COLOR", "1")
            .output()
            .unwrap();
        assert!(o.status.success(), "{c}\n{}", stderr(&o));
    }
    assert!(out.join("填报表.xlsx").exists() && out.join("报告.xlsx").exists());
}

/// A right verdict whose explanation lacks the expected words says just that.
#[test]
fn test_reports_a_missing_fragment_without_a_false_mismatch() {
    let zb = "体系 \"x\" {\n    指标 1 \"森林覆盖率\" {\n        单位 %\n        目标 ≥20\n    }\n    示例 \"甲\" {\n        地区 甲县\n        年份 2023\n        数据 1 2023=22\n        期望 1 达标 \"不在说明里的字\"\n    }\n}\n";
    let path = write("fragment.zb", zb);
    let zh = stdout(&zhibiao(&["test", &path]));
    assert!(
        zh.contains("达标 符合期望,但说明中缺少「不在说明里的字」"),
        "{zh}"
    );
    let o = zhibiao(&["test", &path, "--lang", "en"]);
    let text = stdout(&o);
    assert_eq!(o.status.code(), Some(1), "{text}");
    assert!(
        text.contains("达标 as expected, but the explanation lacks \"不在说明里的字\""),
        "{text}"
    );
    assert!(
        !text.contains("expected 达标 (pass), got 达标 (pass)"),
        "{text}"
    );
}

/// The table fits the terminal's width: names and targets are wrapped, never cut; values carry
/// their units.
#[test]
fn the_table_wraps_to_the_terminal_width() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let run = |columns: &str| {
        let o = Command::new(env!("CARGO_BIN_EXE_zhibiao"))
            .args([
                "eval",
                "rules/seeds/shengzhou-2024.zb",
                "examples/data/shengzhou-2024/measurements.csv",
                "--regions",
                "examples/data/shengzhou-2024/regions.csv",
            ])
            .current_dir(root)
            .env("NO_COLOR", "1")
            .env("COLUMNS", columns)
            .output()
            .unwrap();
        stdout(&o)
    };
    use unicode_width::UnicodeWidthStr;
    let narrow = run("80");
    assert!(!narrow.contains('…'), "{narrow}");
    // the first region's table: from its head row to the reference count
    let table: Vec<&str> = narrow
        .lines()
        .skip_while(|l| !l.starts_with("编号"))
        .take_while(|l| !l.starts_with("参考性"))
        .collect();
    assert!(table.len() > 30, "{narrow}");
    assert!(
        table.iter().all(|l| l.width() <= 80),
        "{}",
        table.join("\n")
    );
    // the long name is wrapped over lines, every character kept
    let name = "生态文明建设工作占党政实绩考核的比例";
    let first = table
        .iter()
        .position(|l| l.contains("生态文明建设"))
        .unwrap();
    let joined: String = table[first..first + 3]
        .iter()
        .map(|l| {
            l.split_whitespace()
                .nth(if l.starts_with(' ') { 0 } else { 1 })
                .unwrap_or("")
        })
        .collect();
    assert!(joined.starts_with(name), "{joined}");
    assert!(
        narrow.contains("27 μg/m3") && narrow.contains("22%"),
        "{narrow}"
    );
    let wide = run("200");
    assert!(
        wide.contains("生态文明建设工作占党政实绩考核的比例"),
        "{wide}"
    );
}
