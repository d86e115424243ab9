//! Leaf types shared by every stage: comparison operators, polarities and the typed meanings of
//! trend and change phrases. They hold no stage logic, so `syntax` can record a phrase's meaning
//! and `predicate`, `eval` and `report` can use it without importing back up the pipeline.

use std::fmt;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// A comparison operator.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Op {
    /// `≥`
    #[serde(rename = ">=")]
    Ge,
    /// `>`
    #[serde(rename = ">")]
    Gt,
    /// `≤`
    #[serde(rename = "<=")]
    Le,
    /// `<`
    #[serde(rename = "<")]
    Lt,
    /// `=`
    #[serde(rename = "=")]
    Eq,
}

impl Op {
    /// The symbol used in canonical text (`≥`, `>`, `≤`, `<`, `=`).
    pub fn symbol(self) -> &'static str {
        match self {
            Op::Ge => "≥",
            Op::Gt => ">",
            Op::Le => "≤",
            Op::Lt => "<",
            Op::Eq => "=",
        }
    }

    /// Whether `a op b` holds, exactly.
    ///
    /// ```
    /// use zhibiao::predicate::Op;
    /// use rust_decimal::Decimal;
    /// let a: Decimal = "0.70".parse().unwrap();
    /// let b: Decimal = "0.7".parse().unwrap();
    /// assert!(Op::Le.holds(a, b));
    /// assert!(!Op::Lt.holds(a, b));
    /// ```
    #[inline]
    pub fn holds(self, a: Decimal, b: Decimal) -> bool {
        match self {
            Op::Ge => a >= b,
            Op::Gt => a > b,
            Op::Le => a <= b,
            Op::Lt => a < b,
            Op::Eq => a == b,
        }
    }
}

impl fmt::Display for Op {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.symbol())
    }
}

/// Which direction is good for an indicator (`方向 正向` / `方向 逆向`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Polarity {
    /// Higher is better (正向).
    Higher,
    /// Lower is better (逆向).
    Lower,
}

/// How a trend is judged over the window.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TrendMode {
    /// `保持稳定或持续改善`: every step improves or worsens by at most the tolerance.
    HoldOrImprove,
    /// `持续下降`, `逐年下降`: every step moves strictly in the direction.
    Continuous,
    /// `逐步下降`, `有所提高`: the last year is strictly beyond the first year of the window.
    Overall,
    /// `不降低`, `面积不减少`: no step moves against the direction.
    NoWorse,
}

/// The direction a trend or change phrase asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    /// Rising (`提高`, `增加`).
    Up,
    /// Falling (`下降`, `减少`).
    Down,
    /// The indicator's good direction (`改善`), which needs a polarity.
    Better,
}

impl Direction {
    /// Resolve `better` with a polarity; `None` when it cannot be resolved.
    pub fn resolve(self, polarity: Option<Polarity>) -> Option<Direction> {
        match (self, polarity) {
            (Direction::Better, Some(Polarity::Higher)) => Some(Direction::Up),
            (Direction::Better, Some(Polarity::Lower)) => Some(Direction::Down),
            (Direction::Better, None) => None,
            (d, _) => Some(d),
        }
    }
}

/// How a change is measured.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Measure {
    /// `v(Y) − v(B)` (percentage points on `%` indicators).
    Difference,
    /// `(v(Y) − v(B)) / v(B) × 100`.
    Relative,
}
