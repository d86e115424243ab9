//! Reading a regions file: each region's classes, checked against the declared dimensions.

use std::path::Path;

use serde::Deserialize;

use super::read::{column, read};
use super::{DataError, DataErrorKind, Dataset};
use crate::rules::RuleSet;

/// Read a regions file (`region,classes`; CSV or JSON) into the dataset: classes are attached to
/// regions. A class the rules do not declare, and a region of the measurements that the file does
/// not list, are errors (SPEC §4, "Known regions").
pub fn read_regions(path: &Path, rules: &RuleSet, ds: &mut Dataset) -> Result<(), DataError> {
    let text = read(path)?;
    let file = path.display().to_string();
    let entries: Vec<(usize, String, String)> = if path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("json"))
    {
        #[derive(Deserialize)]
        struct Entry {
            #[serde(alias = "地区")]
            region: String,
            #[serde(alias = "分类")]
            classes: serde_json::Value,
        }
        let list: Vec<Entry> = serde_json::from_str(&text).map_err(|e| DataError {
            kind: DataErrorKind::Json(e.to_string()),
            file: file.clone(),
            row: e.line(),
            column: None,
        })?;
        list.into_iter()
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
                (i + 1, e.region, classes)
            })
            .collect()
    } else {
        let err = |kind, row| DataError {
            kind,
            file: file.clone(),
            row,
            column: None,
        };
        let mut rdr = csv::ReaderBuilder::new()
            .flexible(true)
            .from_reader(text.as_bytes());
        let headers = rdr
            .headers()
            .map_err(|e| err(DataErrorKind::Csv(e.to_string()), 1))?
            .clone();
        let r = column(&headers, "region")
            .ok_or_else(|| err(DataErrorKind::MissingColumn("region", "地区"), 1))?;
        let c = column(&headers, "classes")
            .ok_or_else(|| err(DataErrorKind::MissingColumn("classes", "分类"), 1))?;
        let mut out = Vec::new();
        for rec in rdr.records() {
            let rec = rec.map_err(|e| {
                err(
                    DataErrorKind::Csv(e.to_string()),
                    e.position().map_or(0, |p| p.line() as usize),
                )
            })?;
            let line = rec.position().map_or(0, |p| p.line() as usize);
            if rec.iter().all(|x| x.trim().is_empty()) {
                continue;
            }
            out.push((
                line,
                rec.get(r).unwrap_or("").trim().to_string(),
                rec.get(c).unwrap_or("").trim().to_string(),
            ));
        }
        out
    };
    if entries.is_empty() {
        return Err(DataError {
            kind: DataErrorKind::Empty,
            file,
            row: 1,
            column: None,
        });
    }
    let known: std::collections::HashSet<&str> = rules.classes().collect();
    let mut listed = std::collections::HashSet::new();
    for (row, region, classes) in entries {
        let pos = ds.position_mut(&region);
        for c in classes
            .split([';', '|', '、', ' ', ',', '；', '，'])
            .map(str::trim)
            .filter(|c| !c.is_empty())
        {
            if !known.contains(c) {
                return Err(DataError {
                    kind: DataErrorKind::UndeclaredClass {
                        class: c.to_string(),
                        suggestion: crate::syntax::closest(c, rules.classes()).map(str::to_string),
                    },
                    file,
                    row,
                    column: Some("classes".to_string()),
                });
            }
            if let Some(r) = ds.region_mut(pos) {
                r.classes.insert(c.to_string());
            }
        }
        listed.insert(region);
    }
    let mut missing = ds.names().filter(|r| !listed.contains(*r));
    if let Some(first) = missing.next() {
        return Err(DataError {
            kind: DataErrorKind::RegionNotListed {
                region: first.to_string(),
                more: missing.count(),
            },
            file,
            row: 0,
            column: None,
        });
    }
    Ok(())
}
