//! Reading a regions file: each region's classes, checked against the declared dimensions, and
//! optionally its parent region (`parent` / `上级地区`), which makes it a sub-region counted by
//! the parent's `X%以上的乡镇…` targets.

use std::path::Path;

use serde::Deserialize;

use super::read::{column, read};
use super::{DataError, DataErrorKind, Dataset};
use crate::rules::RuleSet;

/// One line of a regions file: its row, the region, its classes and its parent.
struct Entry {
    row: usize,
    region: String,
    classes: String,
    parent: Option<String>,
}

/// Read a regions file (`region,classes[,parent]`; CSV or JSON) into the dataset: classes (and
/// parents) are attached to regions. A class the rules do not declare, a parent the file does not
/// list, and a region of the measurements that the file does not list, are errors (SPEC §4,
/// "Known regions").
pub fn read_regions(path: &Path, rules: &RuleSet, ds: &mut Dataset) -> Result<(), DataError> {
    let (text, warning) = read(path)?;
    ds.warnings.extend(warning);
    let file = path.display().to_string();
    let json = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("json"));
    let entries = if json {
        json_entries(&text, &file)?
    } else {
        csv_entries(&text, &file)?
    };
    if entries.is_empty() {
        return Err(DataError {
            kind: DataErrorKind::Empty,
            file,
            row: 1,
            column: None,
        });
    }
    apply(entries, rules, ds, &file)
}

fn json_entries(text: &str, file: &str) -> Result<Vec<Entry>, DataError> {
    #[derive(Deserialize)]
    struct Raw {
        #[serde(alias = "地区")]
        region: String,
        #[serde(alias = "分类")]
        classes: serde_json::Value,
        #[serde(default, alias = "上级地区")]
        parent: Option<String>,
    }
    let list: Vec<Raw> = serde_json::from_str(text).map_err(|e| DataError {
        kind: DataErrorKind::Json(e.to_string()),
        file: file.to_string(),
        row: e.line(),
        column: None,
    })?;
    Ok(list
        .into_iter()
        .enumerate()
        .map(|(i, e)| {
            let classes = match e.classes {
                serde_json::Value::Array(a) => a
                    .iter()
                    .map(|v| v.as_str().unwrap_or_default().to_string())
                    .collect::<Vec<_>>()
                    .join(";"),
                serde_json::Value::String(s) => s,
                other => other.to_string(),
            };
            Entry {
                row: i + 1,
                region: e.region,
                classes,
                parent: e.parent.filter(|p| !p.trim().is_empty()),
            }
        })
        .collect())
}

fn csv_entries(text: &str, file: &str) -> Result<Vec<Entry>, DataError> {
    let err = |kind, row| DataError {
        kind,
        file: file.to_string(),
        row,
        column: None,
    };
    let mut rdr = super::read::csv_reader(text.as_bytes());
    let headers = rdr
        .headers()
        .map_err(|e| err(DataErrorKind::Csv(e.to_string()), 1))?
        .clone();
    let r = column(&headers, "region")
        .ok_or_else(|| err(DataErrorKind::MissingColumn("region", "地区"), 1))?;
    let c = column(&headers, "classes")
        .ok_or_else(|| err(DataErrorKind::MissingColumn("classes", "分类"), 1))?;
    let p = column(&headers, "parent");
    let mut out = Vec::new();
    for rec in rdr.records() {
        let rec = rec.map_err(|e| {
            err(
                DataErrorKind::Csv(e.to_string()),
                e.position().map_or(0, |p| p.line() as usize),
            )
        })?;
        if rec.iter().all(|x| x.trim().is_empty()) {
            continue;
        }
        let cell = |i: usize| rec.get(i).unwrap_or("").trim().to_string();
        out.push(Entry {
            row: rec.position().map_or(0, |p| p.line() as usize),
            region: cell(r),
            classes: cell(c),
            parent: p.map(cell).filter(|p| !p.is_empty()),
        });
    }
    Ok(out)
}

/// Attach the entries' classes and parents, checking classes, parents and coverage.
fn apply(
    entries: Vec<Entry>,
    rules: &RuleSet,
    ds: &mut Dataset,
    file: &str,
) -> Result<(), DataError> {
    let at = |kind, row, column: &str| DataError {
        kind,
        file: file.to_string(),
        row,
        column: Some(column.to_string()),
    };
    let known: std::collections::HashSet<&str> = rules.classes().collect();
    let listed: std::collections::HashSet<&str> =
        entries.iter().map(|e| e.region.as_str()).collect();
    for e in &entries {
        let pos = ds.position_mut(&e.region);
        for c in e
            .classes
            .split([';', '|', '、', ' ', ',', '；', '，'])
            .map(str::trim)
            .filter(|c| !c.is_empty())
        {
            if !known.contains(c) {
                let kind = DataErrorKind::UndeclaredClass {
                    class: c.to_string(),
                    suggestion: crate::syntax::closest(c, rules.classes()).map(str::to_string),
                };
                return Err(at(kind, e.row, "classes"));
            }
            if let Some(r) = ds.region_mut(pos) {
                r.classes.insert(c.to_string());
            }
        }
        if let Some(parent) = &e.parent {
            if !listed.contains(parent.as_str()) || parent == &e.region {
                let kind = DataErrorKind::ParentNotListed {
                    region: e.region.clone(),
                    parent: parent.clone(),
                };
                return Err(at(kind, e.row, "parent"));
            }
            if let Some(r) = ds.region_mut(pos) {
                r.parent = Some(parent.clone());
            }
        }
    }
    let mut missing = ds.names().filter(|r| !listed.contains(*r));
    if let Some(first) = missing.next() {
        let unlisted = listed.iter().copied().filter(|l| *l != first);
        let suggestion = crate::syntax::closest(first, unlisted).map(str::to_string);
        return Err(DataError {
            kind: DataErrorKind::RegionNotListed {
                region: first.to_string(),
                more: missing.count(),
                suggestion,
            },
            file: file.to_string(),
            row: 0,
            column: None,
        });
    }
    Ok(())
}
