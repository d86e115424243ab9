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
use crate::rules::{RuleSet, SeriesKey};

/// The factor between consecutive years above which a value is flagged.
pub const JUMP: u32 = 10;

/// The plausibility warnings of a dataset read against `rules`.
pub(crate) fn check(ds: &Dataset, rules: &RuleSet) -> Vec<DataWarning> {
    let mut out = Vec::new();
    for (column, &(key, target)) in ds.columns.iter().enumerate() {
        let Some(SeriesKey::Indicator { id }) = ds.keys.get(key as usize) else {
            continue;
        };
        let percent = rules
            .indicator(id)
            .is_some_and(|i| i.unit.as_deref() == Some("%"));
        let column = column as u32;
        let what = if target { "target" } else { "value" };
        let mut all_fractions = percent;
        let mut any = false;
        let mut first_line = None;
        for pos in 0..ds.len() {
            let Some(cells) = ds.cells(pos) else { continue };
            let mut before: Option<(i32, Decimal, u32)> = None;
            let mut numbers: Vec<(i32, Decimal, u32)> = cells
                .filled()
                .filter(|(_, c, _, _)| *c == column)
                .filter_map(|(_, _, year, s)| match s.cell {
                    Cell::Number(d) => Some((year, d, s.line)),
                    _ => None,
                })
                .collect();
            numbers.sort_by_key(|n| n.0);
            for (year, v, line) in numbers {
                any = true;
                first_line = first_line.or(Some(line));
                if percent && (v < Decimal::ZERO || v > Decimal::ONE_HUNDRED) {
                    out.push(warn(ds, line, format!(
                        "{what} `{v}` of indicator {id} ({year}) is outside 0–100 for a `%` indicator"
                    )));
                }
                if v.abs() > Decimal::ONE {
                    all_fractions = false;
                }
                if let Some((y0, v0, _)) = before.filter(|(y0, _, _)| *y0 + 1 == year) {
                    if jumped(v0, v) {
                        out.push(warn(ds, line, format!(
                            "{what} of indicator {id} jumps from `{v0}` ({y0}) to `{v}` ({year}), more than {JUMP} times: a misplaced decimal point or unit?"
                        )));
                    }
                }
                before = Some((year, v, line));
            }
        }
        if all_fractions && any {
            out.push(warn(ds, first_line.unwrap_or(0), format!(
                "every {what} of `%` indicator {id} is at most 1: fractions (`0.85`) where percentages (`85`) are meant?"
            )));
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

fn warn(ds: &Dataset, line: u32, message: String) -> DataWarning {
    DataWarning {
        file: ds.file.clone(),
        row: Some(line as usize),
        message,
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
