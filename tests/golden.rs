//! Golden reports: every format of every demo data set (the table in Chinese and English). Regenerate with
//! `UPDATE_GOLDEN=1 cargo test --test golden` and review the diff.
#![cfg(feature = "cli")]

use std::path::Path;
use std::process::Command;

const SETS: &[&str] = &[
    "shengzhou-2024",
    "daxinganling-2022",
    "lianshan-2017",
    "zaoyang-2021",
    "baoshan-2017",
];

fn eval(set: &str, format: &str) -> String {
    eval_in(set, format, "zh")
}

fn eval_in(set: &str, format: &str, lang: &str) -> String {
    let root = env!("CARGO_MANIFEST_DIR");
    let out = Command::new(env!("CARGO_BIN_EXE_zhibiao"))
        .current_dir(root)
        .env("NO_COLOR", "1")
        .env_remove("COLUMNS")
        .args([
            "eval",
            &format!("rules/seeds/{set}.zb"),
            &format!("examples/data/{set}/measurements.csv"),
            "--regions",
            &format!("examples/data/{set}/regions.csv"),
            "--format",
            format,
            "--lang",
            lang,
        ])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{set}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn check(set: &str, ext: &str, actual: &str) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/golden")
        .join(format!("{set}.{ext}"));
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&path, actual).unwrap();
        return;
    }
    let expected =
        std::fs::read_to_string(&path).unwrap_or_else(|_| panic!("missing {}", path.display()));
    if expected != actual {
        let line = expected
            .lines()
            .zip(actual.lines())
            .position(|(a, b)| a != b)
            .unwrap_or(0);
        panic!(
            "{} differs at line {}:\n  golden: {:?}\n  actual: {:?}\n(UPDATE_GOLDEN=1 to accept)",
            path.display(),
            line + 1,
            expected.lines().nth(line),
            actual.lines().nth(line)
        );
    }
}

#[test]
fn json_reports_match_golden_files() {
    for set in SETS {
        let json = eval(set, "json");
        let v: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert!(
            v["regions"].as_array().is_some_and(|r| r.len() >= 3),
            "{set}: at least three regions"
        );
        check(set, "json", &json);
    }
}

#[test]
fn markdown_reports_match_golden_files() {
    for set in SETS {
        check(set, "md", &eval(set, "markdown"));
    }
}

#[test]
fn table_csv_and_html_reports_match_golden_files() {
    for set in SETS {
        check(set, "table.txt", &eval(set, "table"));
        check(set, "en.table.txt", &eval_in(set, "table", "en"));
        check(set, "csv", &eval(set, "csv"));
        check(set, "html", &eval(set, "html"));
    }
}

/// The demo sets show what they claim: several verdicts, a veto in 大兴安岭, unused rows, missing data.
#[test]
fn demo_sets_show_variety() {
    for set in SETS {
        let v: serde_json::Value = serde_json::from_str(&eval(set, "json")).unwrap();
        let regions = v["regions"].as_array().unwrap();
        let verdicts: std::collections::BTreeSet<&str> = regions
            .iter()
            .filter_map(|r| r["verdict"].as_str())
            .collect();
        assert!(verdicts.len() >= 2, "{set}: {verdicts:?}");
        assert!(
            regions.iter().any(|r| r["verdict"] == "insufficient"),
            "{set}: a region with missing data"
        );
        assert!(
            regions
                .iter()
                .any(|r| !r["unused_rows"].as_array().unwrap().is_empty()),
            "{set}: unused rows"
        );
    }
    let v: serde_json::Value = serde_json::from_str(&eval("daxinganling-2022", "json")).unwrap();
    assert!(v["regions"].as_array().unwrap().iter().any(|r| {
        r["verdict"] == "fail"
            && r["vetoes"]
                .as_array()
                .unwrap()
                .iter()
                .any(|x| x["state"] == "occurred")
    }));
}

/// On the demo data, the verdict-only path agrees with the explaining one region by region.
#[test]
fn verdict_only_paths_agree_on_demo_data() {
    use zhibiao::eval::{evaluate_region, evaluate_regions, region_verdict};
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    for set in SETS {
        let src = std::fs::read_to_string(root.join(format!("rules/seeds/{set}.zb"))).unwrap();
        let rules = zhibiao::RuleSet::parse(&src).unwrap();
        let dir = root.join(format!("examples/data/{set}"));
        let mut ds =
            zhibiao::data::read_measurements(&dir.join("measurements.csv"), &rules).unwrap();
        zhibiao::data::read_regions(&dir.join("regions.csv"), &rules, &mut ds).unwrap();
        let year = ds.latest_year.unwrap();
        let regions = ds.to_regions();
        let all = evaluate_regions(&rules, &regions, year, None);
        let program = rules.compile();
        let ev = zhibiao::eval::Evaluator::new(&program, &ds);
        for (pos, (r, quiet)) in regions.iter().zip(&all).enumerate() {
            let full = evaluate_region(&rules, r, year, Some(zhibiao::Lang::Zh));
            assert_eq!(
                region_verdict(&rules, r, year),
                full.verdict,
                "{set} {}",
                r.name
            );
            assert_eq!(ev.verdict(pos, year), full.verdict, "{set} {}", r.name);
            // the dense cells of the dataset and the hand-built region give the same result
            let mut dense = ev.evaluate(pos, year, Some(zhibiao::Lang::Zh)).unwrap();
            dense.unused_rows.clear();
            assert_eq!(dense, full, "{set} {}", r.name);
            assert_eq!(quiet.verdict, full.verdict, "{set} {}", r.name);
        }
    }
}
