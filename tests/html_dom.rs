//! The HTML report of every seed system's demo data, rendered by headless Chromium: the DOM it
//! builds has the overview matrix, every region's failures listed before its table (failures
//! before what could not be judged), and charts with years, values and labelled thresholds.
//! Skipped, with a message, where no Chromium is installed (`.ci/run` installs it when it can).
#![cfg(feature = "cli")]

mod seeds;

use std::path::{Path, PathBuf};
use std::process::Command;

use seeds::SYSTEMS;
use zhibiao::report::{Format, Report};
use zhibiao::{Lang, Verdict};

fn chromium() -> Option<PathBuf> {
    [
        "chromium",
        "chromium-browser",
        "google-chrome",
        "google-chrome-stable",
    ]
    .iter()
    .find_map(|name| {
        std::env::split_paths(&std::env::var_os("PATH")?)
            .map(|dir| dir.join(name))
            .find(|p| p.is_file())
    })
}

/// The DOM Chromium builds from a page.
fn dom(browser: &Path, page: &Path, profile: &Path) -> String {
    let out = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--dump-dom",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg(format!("file://{}", page.display()))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn the_html_report_renders_with_matrix_failures_first_and_labelled_charts() {
    let Some(browser) = chromium() else {
        eprintln!("skipped: no Chromium on the PATH (install `chromium` to run the HTML DOM test)");
        return;
    };
    let dir = std::env::temp_dir().join(format!("zhibiao-html-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    for system in SYSTEMS {
        let rules = seeds::rules(system);
        let ds = seeds::read(system, &rules, "measurements.csv");
        let year = ds.latest_year.unwrap();
        let report = Report::build(&rules, &ds, year, Lang::Zh);
        let page = dir.join(format!("{system}.html"));
        let html = report.render(Format::Html, Lang::Zh, &rules, &ds, false);
        std::fs::write(&page, html).unwrap();
        let dom = dom(&browser, &page, &dir.join("profile"));
        assert!(
            dom.contains("<table class=\"matrix\">"),
            "{system}: no matrix"
        );
        let matrix_rows = dom.split("<table class=\"matrix\">").nth(1).unwrap();
        let matrix_rows = matrix_rows.split("</table>").next().unwrap();
        assert_eq!(
            matrix_rows.matches("<tr>").count(),
            report.regions.len() + 1
        );
        for r in &report.regions {
            let at = dom.find(&format!("<h2 id=\"r{}\">", r.region)).unwrap();
            let section = &dom[at..];
            let table = section.find("<table class=\"ind\">").unwrap();
            let before = &section[..table];
            // failures first, then what could not be judged, each in the order of the table
            let mut failing: Vec<_> = r
                .indicators
                .iter()
                .filter(|i| matches!(i.verdict, Verdict::Fail | Verdict::Insufficient))
                .collect();
            failing.sort_by_key(|i| i.verdict != Verdict::Fail);
            let mut last = 0;
            for i in &failing {
                let needle = format!("<b>{} ", i.id);
                last = before[last..]
                    .find(&needle)
                    .map(|p| p + last)
                    .unwrap_or_else(|| panic!("{system} {}: {} not listed first", r.region, i.id));
            }
        }
        assert!(
            dom.contains("class=\"year\""),
            "{system}: no years on the charts"
        );
        assert!(
            dom.contains("class=\"value\""),
            "{system}: no values on the charts"
        );
        assert!(
            dom.contains("class=\"limit-label\""),
            "{system}: no threshold labels"
        );
    }
}

/// The plan-year progress page (`docs/screenshots/plan-year-progress.*`): the milestone is drawn
/// labelled with the projection to it, and the progress lines follow the table.
#[test]
fn the_progress_page_renders_milestones() {
    let Some(browser) = chromium() else {
        eprintln!("skipped: no Chromium on the PATH (install `chromium` to run the HTML DOM test)");
        return;
    };
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/screenshots");
    let rules = zhibiao::RuleSet::parse(
        &std::fs::read_to_string(root.join("plan-year-progress.zb")).unwrap(),
    )
    .unwrap();
    let csv = std::fs::read_to_string(root.join("plan-year-progress.csv")).unwrap();
    let ds = zhibiao::data::parse_measurements_csv(&csv, &rules, "d.csv").unwrap();
    let report = Report::build(&rules, &ds, 2023, Lang::Zh);
    let dir = std::env::temp_dir().join(format!("zhibiao-html-progress-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let page = dir.join("progress.html");
    std::fs::write(
        &page,
        report.render(Format::Html, Lang::Zh, &rules, &ds, false),
    )
    .unwrap();
    let dom = dom(&browser, &page, &dir.join("profile"));
    assert!(
        dom.contains("class=\"milestone-label\">≥66</text>"),
        "{dom}"
    );
    assert!(
        dom.contains("class=\"milestone-label\">≤35</text>"),
        "{dom}"
    );
    assert!(dom.contains("class=\"projection\""), "{dom}");
    let table = dom.find("<table class=\"ind\">").unwrap();
    let progress = dom.find("<ul class=\"progress\">").unwrap();
    assert!(table < progress, "the progress lines follow the table");
    assert!(dom[progress..].contains("按 2020–2023 年平均每年 +1 推算,2025年约 65,不能按期达到"));
}
