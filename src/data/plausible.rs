//! Plausibility checks on the numbers read: warnings naming the cell (file and row), which
//! `--strict` turns into errors. They never change a value or a verdict.
//!
//! - a value of a `%` indicator outside 0–100;
//! - every value of a `%` indicator at most 1 (fractions such as `0.85` written for 85 %);
//! - a value more than [`JUMP`] times, or less than 1/[`JUMP`] of, the value of the year before
//!   (a misplaced decimal point or a unit slip).

use rust_decimal::Decimal;

use super::store::Cell;
use super::{DataWarning, Dataset};
use crate::message::{Cells, Warning};
use crate::rules::{RuleSet, SeriesKey};

/// The factor between consecutive years above which a value is flagged.
pub const JUMP: u32 = 10;

/// What is known of one column (a series' values or targets) across the regions.
#[derive(Clone, Default)]
struct Column {
    /// The indicator's id, when the column holds a `%` indicator's own series.
    percent: Option<String>,
    /// The indicator's id, when the column holds an indicator's own series.
    id: Option<String>,
    target: bool,
    /// Every number seen so far is at most 1 in size.
    all_fractions: bool,
    /// The line of the first number seen.
    first_line: Option<u32>,
}

impl Column {
    fn cells(&self) -> Cells {
        match self.target {
            true => Cells::Target,
            false => Cells::Value,
        }
    }
}

/// The plausibility warnings of a dataset read against `rules`: one pass over each region's
/// stored cells (year-major, so each column's years come in order).
pub(crate) fn check(ds: &Dataset, rules: &RuleSet) -> Vec<DataWarning> {
    let mut columns: Vec<Column> = ds
        .columns
        .iter()
        .map(|&(key, target)| {
            let id = match ds.keys.get(key as usize) {
                Some(SeriesKey::Indicator { id }) => Some(id.clone()),
                _ => None,
            };
            let percent = id.clone().filter(|id| {
                rules
                    .indicator(id)
                    .is_some_and(|i| i.unit.as_deref() == Some("%"))
            });
            Column {
                all_fractions: percent.is_some(),
                percent,
                id,
                target,
                first_line: None,
            }
        })
        .collect();
    let mut out = Vec::new();
    // the previous number of each column in the region being read: (year, value)
    let mut before: Vec<Option<(i32, Decimal)>> = vec![None; columns.len()];
    for pos in 0..ds.len() {
        let Some(cells) = ds.cells(pos) else { continue };
        before.iter_mut().for_each(|b| *b = None);
        for (_, c, year, slot) in cells.filled() {
            let (Cell::Number(v), Some(col)) = (slot.cell, columns.get_mut(c as usize)) else {
                continue;
            };
            let Some(id) = col.id.as_deref() else {
                continue;
            };
            let cells = col.cells();
            let line = slot.line;
            if col.first_line.is_none() {
                col.first_line = Some(line);
            }
            let percent = col.percent.is_some();
            if percent && col.all_fractions && v.abs() > Decimal::ONE {
                col.all_fractions = false;
            }
            if percent && ((v.is_sign_negative() && !v.is_zero()) || v > Decimal::ONE_HUNDRED) {
                let (id, value) = (id.to_string(), v);
                let w = Warning::OutsidePercent {
                    cells,
                    value,
                    id,
                    year,
                };
                out.push(warn(ds, line, w));
            }
            if let Some((y0, v0)) =
                before[c as usize].filter(|(y0, _)| y0.checked_add(1) == Some(year))
            {
                if jumped(v0, v) {
                    let w = Warning::Jump {
                        cells,
                        id: id.to_string(),
                        from: (y0, v0),
                        to: (year, v),
                        times: JUMP,
                    };
                    out.push(warn(ds, line, w));
                }
            }
            before[c as usize] = Some((year, v));
        }
    }
    for col in &columns {
        if let (Some(id), true, Some(line)) = (&col.percent, col.all_fractions, col.first_line) {
            let w = Warning::AllFractions {
                cells: col.cells(),
                id: id.clone(),
            };
            out.push(warn(ds, line, w));
        }
    }
    out
}

/// Whether `b` is more than [`JUMP`] times `a` or less than `a`/[`JUMP`] (same sign, neither 0).
fn jumped(a: Decimal, b: Decimal) -> bool {
    if a.is_zero() || b.is_zero() || a.is_sign_negative() != b.is_sign_negative() {
        return false;
    }
    let (a, b) = (a.abs(), b.abs());
    let k = Decimal::from(JUMP);
    a.checked_mul(k).is_some_and(|x| b > x) || b.checked_mul(k).is_some_and(|x| a > x)
}

fn warn(ds: &Dataset, line: u32, warning: Warning) -> DataWarning {
    DataWarning {
        file: ds.file.clone(),
        row: Some(line as usize),
        warning,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jumps() {
        let d = |s: &str| s.parse::<Decimal>().unwrap_or_default();
        assert!(!jumped(d("85"), d("8.5")));
        assert!(jumped(d("85"), d("8.4")));
        assert!(jumped(d("1.2"), d("120")));
        assert!(!jumped(d("0"), d("120")));
        assert!(!jumped(d("-1"), d("120")));
    }
}
