//! Evidence facts and the explanations written from them.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::Verdict;
use crate::predicate::{Direction, Guard, Measure, Op, TrendMode};
use crate::Lang;

/// What a value was compared against.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Bound {
    /// A threshold written in the target.
    Threshold,
    /// The superior government's target `g(Y)`.
    Superior,
    /// A reference series.
    Reference(String),
}

/// Why a value could not be used.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "reason", rename_all = "snake_case")]
pub enum Reason {
    /// No value for that year.
    NoValue,
    /// No superior target for that year.
    NoTarget,
    /// A word where a number is needed.
    NotANumber {
        /// The word.
        word: String,
    },
    /// A status word that is neither affirmative nor negative.
    UnknownWord {
        /// The word.
        word: String,
    },
    /// No record of an event at all.
    NoRecords,
    /// The base value of a relative change is zero.
    DivisionByZero,
    /// The arithmetic overflowed.
    Overflow,
    /// The phrase needs the indicator's polarity, which is not declared.
    NoPolarity,
    /// A guard or `适用` reads a dimension on which the region gives no class (`None`: the rules
    /// declare no dimensions and the region gives no class at all).
    NoClass {
        /// The dimension (`地形`).
        dimension: Option<String>,
    },
    /// The region has a class that the rules do not declare, so its classes cannot be trusted.
    UndeclaredClass {
        /// The class as given.
        class: String,
    },
}

/// A data cell that a verdict read: recorded by the evaluator as it reads, so that the rows no
/// verdict read can be reported without re-deriving them from the explanation.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(tag = "cell", rename_all = "snake_case")]
pub enum Read {
    /// A value of the indicator's series (`quantity: None`) or of a named series.
    Value {
        /// Named series, or `None` for the indicator's own.
        quantity: Option<String>,
        /// Year.
        year: i32,
    },
    /// A superior (or control) target.
    Target {
        /// Named series, or `None` for the indicator's own.
        quantity: Option<String>,
        /// Year.
        year: i32,
    },
    /// An event record.
    Event {
        /// Event kind.
        event: String,
        /// Year.
        year: i32,
    },
}

impl Read {
    /// Compact text: `2023` (a value), `t2023` (a target), `PM2.5浓度:2023`, `PM2.5浓度:t2023`,
    /// `event:较大环境事件:2022`.
    pub fn text(&self) -> String {
        match self {
            Read::Value {
                quantity: None,
                year,
            } => year.to_string(),
            Read::Value {
                quantity: Some(q),
                year,
            } => format!("{q}:{year}"),
            Read::Target {
                quantity: None,
                year,
            } => format!("t{year}"),
            Read::Target {
                quantity: Some(q),
                year,
            } => format!("{q}:t{year}"),
            Read::Event { event, year } => format!("event:{event}:{year}"),
        }
    }

    /// Read [`Read::text`] back.
    pub fn from_text(s: &str) -> Option<Read> {
        let (head, last) = match s.rsplit_once(':') {
            Some((h, l)) => (Some(h), l),
            None => (None, s),
        };
        let (target, year) = match last.strip_prefix('t') {
            Some(y) => (true, y.parse().ok()?),
            None => (false, last.parse().ok()?),
        };
        Some(match (head, target) {
            (Some(h), false) if h.starts_with("event:") => Read::Event {
                event: h["event:".len()..].to_string(),
                year,
            },
            (q, false) => Read::Value {
                quantity: q.map(str::to_string),
                year,
            },
            (q, true) => Read::Target {
                quantity: q.map(str::to_string),
                year,
            },
        })
    }
}

/// The cells a verdict read, serialised compactly as one string (`"2022;2023;t2023"`).
pub(crate) mod reads_text {
    use super::Read;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(reads: &[Read], s: S) -> Result<S::Ok, S::Error> {
        let text: Vec<String> = reads.iter().map(Read::text).collect();
        s.serialize_str(&text.join(";"))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<Read>, D::Error> {
        let s = String::deserialize(d)?;
        s.split(';')
            .filter(|t| !t.is_empty())
            .map(|t| {
                Read::from_text(t)
                    .ok_or_else(|| serde::de::Error::custom(format!("not a cell read: `{t}`")))
            })
            .collect()
    }
}

/// One piece of evidence.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "fact", rename_all = "snake_case")]
pub enum Fact {
    /// `value op bound` in the assessment year.
    Compared {
        /// Assessment year.
        year: i32,
        /// Named quantity, or `None` for the indicator.
        quantity: Option<String>,
        /// The value.
        value: Decimal,
        /// Comparison.
        op: Op,
        /// Threshold, superior target or reference value.
        bound: Decimal,
        /// What the bound is.
        against: Bound,
        /// The indicator's unit.
        unit: Option<String>,
        /// Whether it holds.
        holds: bool,
    },
    /// A step of a trend (or, for `overall`, first year to last).
    Step {
        /// Named quantity.
        quantity: Option<String>,
        /// Earlier year.
        from_year: i32,
        /// Earlier value.
        from: Decimal,
        /// Later year.
        to_year: i32,
        /// Later value.
        to: Decimal,
        /// The direction asked for.
        direction: Direction,
        /// How the step is judged.
        mode: TrendMode,
        /// Whether the step is acceptable.
        ok: bool,
    },
    /// A change against a base year.
    Change {
        /// Base year.
        base_year: i32,
        /// Base value.
        base: Decimal,
        /// Assessment year.
        year: i32,
        /// Assessment-year value.
        value: Decimal,
        /// Difference or relative.
        measure: Measure,
        /// The phrase's direction (the change is counted positive that way).
        direction: Direction,
        /// The computed change (percent for relative).
        change: Decimal,
        /// Comparison.
        op: Op,
        /// Threshold.
        bound: Decimal,
        /// For `下降15%左右`: the approximate tolerance around the threshold (`op` is then `=`).
        #[serde(skip_serializing_if = "Option::is_none")]
        tolerance: Option<Decimal>,
        /// Whether it holds.
        holds: bool,
    },
    /// A status word read.
    Status {
        /// Year.
        year: i32,
        /// Named quantity.
        quantity: Option<String>,
        /// The recorded word.
        word: String,
        /// The requirement.
        requirement: String,
        /// Whether the word affirms it.
        affirmed: bool,
        /// A qualitative requirement (`定性 "…"`), judged by a recorded 达标/未达标/是/否.
        #[serde(default, skip_serializing_if = "std::ops::Not::not")]
        qualitative: bool,
    },
    /// Sub-regions counted for a share (`80%的乡镇达到…`).
    SubRegions {
        /// The requirement each sub-region is asked for.
        requirement: String,
        /// Sub-regions whose record affirms it.
        met: usize,
        /// Sub-regions.
        total: usize,
        /// `met / total` in percent.
        share: Decimal,
        /// Comparison.
        op: Op,
        /// Required share in percent.
        bound: Decimal,
        /// Whether it holds.
        holds: bool,
    },
    /// Event records examined.
    Event {
        /// Event kind.
        event: String,
        /// First year of the period.
        from: i32,
        /// Last year of the period.
        to: i32,
        /// The first year it occurred, if any.
        occurred: Option<i32>,
    },
    /// Something needed was missing or unusable.
    Missing {
        /// Named quantity or event, or `None` for the indicator.
        quantity: Option<String>,
        /// The year concerned.
        year: Option<i32>,
        /// Why.
        #[serde(flatten)]
        reason: Reason,
    },
    /// The tier that was chosen.
    Tier {
        /// Index of the tier.
        index: usize,
        /// Its guard.
        guard: Guard,
    },
    /// No tier applies to the region.
    NoTier,
    /// A target for named years only, and the assessment year is not one of them.
    NotTargetYear {
        /// The assessment year.
        year: i32,
        /// The years the target names.
        years: Vec<i32>,
    },
}

/// Facts joined with `;`, then `→ verdict`.
pub(crate) fn explanation(facts: &[Fact], verdict: Verdict, lang: Lang) -> String {
    let sep = if lang == Lang::Zh { ";" } else { "; " };
    let mut body: Vec<String> = Vec::with_capacity(facts.len());
    for text in facts.iter().map(|f| f.describe(lang)) {
        // the same fact read twice (a missing year of two clauses) is said once
        if !body.contains(&text) {
            body.push(text);
        }
    }
    if body.is_empty() {
        verdict.label(lang).to_string()
    } else {
        format!("{} → {}", body.join(sep), verdict.label(lang))
    }
}
