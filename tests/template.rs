//! The data-entry template of every seed system, filled in with the system's demo data (in its
//! long sheet, or in its sheets per year) and saved again, reads back to the demo data; so does
//! the CSV variant.
#![cfg(feature = "xlsx")]

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use calamine::{Data, Reader};
use rust_xlsxwriter::Workbook;
use zhibiao::data::{parse_measurements_csv, read_measurements, Dataset};
use zhibiao::report::{template_csv, template_rows, template_xlsx};
use zhibiao::{Lang, RuleSet};

mod seeds;

use seeds::SYSTEMS;

/// (region, series key as the template writes it, year, target?) → value.
type Cells = BTreeMap<(String, String, i32, bool), String>;

/// The differences of two cell maps, for a short failure message.
fn diff(a: &Cells, b: &Cells) -> Vec<String> {
    let mut out: Vec<String> = a
        .iter()
        .filter(|(k, v)| b.get(*k) != Some(*v))
        .map(|(k, v)| format!("{k:?}: {v} vs {:?}", b.get(k)))
        .collect();
    out.extend(
        b.keys()
            .filter(|k| !a.contains_key(*k))
            .map(|k| format!("{k:?}: only read back")),
    );
    out.truncate(10);
    out
}

/// A value as compared: numbers without trailing zeros (a workbook keeps no `4.0`).
fn shown(v: &zhibiao::data::Value) -> String {
    match v.number() {
        Some(d) => d.normalize().to_string(),
        None => v.to_string(),
    }
}

fn cells(ds: &Dataset) -> Cells {
    let mut out = Cells::new();
    for r in ds.to_regions() {
        let mut put = |key: String, s: &zhibiao::data::Series| {
            for (t, m) in [(false, &s.values), (true, &s.targets)] {
                for (y, v) in m {
                    out.insert((r.name.clone(), key.clone(), *y, t), shown(v));
                }
            }
        };
        for (id, d) in &r.indicators {
            put(id.clone(), &d.series);
            for (name, s) in &d.named {
                put(format!("{id}:{name}"), s);
            }
        }
        for (kind, m) in [("veto", &r.vetoes), ("event", &r.events)] {
            for (id, years) in m {
                for (y, v) in years {
                    out.insert(
                        (r.name.clone(), format!("{kind}:{id}"), *y, false),
                        shown(v),
                    );
                }
            }
        }
    }
    out
}

fn tmp(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("zhibiao-template-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir.join(name)
}

fn demo(system: &str) -> (RuleSet, Dataset) {
    let rules = seeds::rules(system);
    let csv = std::fs::read_to_string(seeds::data_dir(system).join("measurements.csv")).unwrap();
    let ds = parse_measurements_csv(&csv, &rules, "m.csv").unwrap();
    (rules, ds)
}

fn text(d: &Data) -> String {
    match d {
        Data::Float(f) => f.to_string(),
        Data::Int(i) => i.to_string(),
        Data::String(s) => s.clone(),
        Data::Empty => String::new(),
        other => other.to_string(),
    }
}

/// Copy a workbook cell by cell, with `fill` giving the value of the cells it knows (as a
/// user filling in the template and saving it would).
fn refill(
    from: &Path,
    to: &Path,
    fill: impl Fn(&str, &[Vec<Data>], usize, usize) -> Option<String>,
) {
    let mut book = calamine::open_workbook_auto(from).unwrap();
    let mut wb = Workbook::new();
    for name in book.sheet_names() {
        let range = book.worksheet_range(&name).unwrap();
        let rows: Vec<Vec<Data>> = range.rows().map(|r| r.to_vec()).collect();
        let ws = wb.add_worksheet().set_name(&name).unwrap();
        let width = rows.iter().map(Vec::len).max().unwrap_or(0);
        for r in 0..rows.len() {
            for c in 0..width {
                let cell = fill(&name, &rows, r, c)
                    .unwrap_or_else(|| rows[r].get(c).map(text).unwrap_or_default());
                if cell.is_empty() {
                    continue;
                }
                match cell.parse::<f64>() {
                    Ok(n) => ws.write_number(r as u32, c as u16, n).map(|_| ()),
                    Err(_) => ws.write_string(r as u32, c as u16, &cell).map(|_| ()),
                }
                .unwrap();
            }
        }
    }
    wb.save(to).unwrap();
}

#[test]
fn filled_templates_read_back_to_the_demo_data() {
    for system in SYSTEMS {
        let (rules, demo) = demo(system);
        let listed: BTreeSet<String> = template_rows(&rules).into_iter().map(|r| r.key).collect();
        let mut expected = cells(&demo);
        expected.retain(|(_, key, _, _), _| listed.contains(key));
        assert!(!expected.is_empty(), "{system}");
        let regions: Vec<String> = demo.names().map(str::to_string).collect();
        let years: Vec<i32> = expected
            .keys()
            .map(|k| k.2)
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect();
        let blank = tmp(&format!("{system}-template.xlsx"));
        std::fs::write(
            &blank,
            template_xlsx(&rules, &regions, &years, Lang::Zh, None).unwrap(),
        )
        .unwrap();
        // an empty template reads: every region, no values
        let empty = read_measurements(&blank, &rules).unwrap();
        assert_eq!(empty.names().count(), regions.len(), "{system}");
        assert!(cells(&empty).is_empty(), "{system}");

        // filled in the sheets per year: series down (`(目标)` rows for targets), regions across
        let wide = tmp(&format!("{system}-wide.xlsx"));
        refill(&blank, &wide, |sheet, rows, r, c| {
            let year: i32 = sheet.trim_end_matches('年').parse().ok()?;
            let key = text(&rows[r][0]);
            let (key, target) = match key.strip_suffix("(目标)") {
                Some(k) => (k.to_string(), true),
                None => (key, false),
            };
            let region = text(rows[0].get(c)?);
            (r > 0 && c >= 5)
                .then(|| expected.get(&(region, key, year, target)).cloned())
                .flatten()
        });
        let back = read_measurements(&wide, &rules).unwrap_or_else(|e| panic!("{system}: {e}"));
        assert_eq!(
            diff(&cells(&back), &expected),
            Vec::<String>::new(),
            "{system}: per-year sheets"
        );

        // filled in the long sheet
        let long = tmp(&format!("{system}-long.xlsx"));
        refill(&blank, &long, |sheet, rows, r, c| {
            if sheet != "长表" || r == 0 || !(c == 3 || c == 4) {
                return None;
            }
            let row = &rows[r];
            let year = text(&row[2]).parse().ok()?;
            expected
                .get(&(text(&row[0]), text(&row[1]), year, c == 4))
                .cloned()
        });
        let back = read_measurements(&long, &rules).unwrap_or_else(|e| panic!("{system}: {e}"));
        assert_eq!(
            diff(&cells(&back), &expected),
            Vec::<String>::new(),
            "{system}: long sheet"
        );

        // the CSV variant, filled in
        let csv = template_csv(&rules, &regions, &years, Lang::Zh);
        let mut filled = String::new();
        for (i, line) in csv.lines().enumerate() {
            let mut f: Vec<String> = line.split(',').map(str::to_string).collect();
            if i > 0 {
                let year: i32 = f[2].parse().unwrap();
                for (col, target) in [(3, false), (4, true)] {
                    let key = (f[0].clone(), f[1].clone(), year, target);
                    if let Some(v) = expected.get(&key) {
                        f[col].clone_from(v);
                    }
                }
                // the printed target may hold commas: keep the read columns only
                f.truncate(5);
            } else {
                f.truncate(5);
            }
            filled.push_str(&f.join(","));
            filled.push('\n');
        }
        let back = parse_measurements_csv(&filled, &rules, "t.csv").unwrap();
        assert_eq!(
            diff(&cells(&back), &expected),
            Vec::<String>::new(),
            "{system}: CSV template"
        );
    }
}

#[test]
fn english_heads_read_back_too() {
    let (rules, _) = demo("shengzhou-2024");
    let path = tmp("en.xlsx");
    let regions = ["A County".to_string()];
    std::fs::write(
        &path,
        template_xlsx(&rules, &regions, &[2024], Lang::En, None).unwrap(),
    )
    .unwrap();
    let ds = read_measurements(&path, &rules).unwrap();
    assert_eq!(ds.names().collect::<Vec<_>>(), ["A County"]);
    // the long sheet's rows, still empty, are listed once
    assert_eq!(ds.warnings.len(), 1, "{:?}", ds.warnings);
    assert!(matches!(
        ds.warnings[0].warning,
        zhibiao::message::Warning::EmptyRows { .. }
    ));
}
