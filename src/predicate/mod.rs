//! Stage 2: the checked, typed predicate IR that the evaluator runs.
//!
//! A [`Predicate`] is built only through its constructors (or deserialised from JSON, which runs
//! the same checks), so it is always well formed: no empty `all`/`any`/`tiered`, `min ≤ max`, a
//! share between 0 and 100 %. [`lower`] turns a syntax tree into a predicate and checks units.
//!
//! ```
//! use zhibiao::predicate::{Predicate, TargetOptions, Polarity};
//! let p = Predicate::parse("≥55,且不降低", &TargetOptions::default()).unwrap();
//! assert_eq!(p.kind(), "all");
//! assert_eq!(p.to_string(), "≥55,且不降低");
//! let json = serde_json::to_value(&p).unwrap();
//! assert_eq!(json["items"][0]["value"], "55");
//! ```

mod describe;
mod lower;

use std::str::FromStr;

use rust_decimal::Decimal;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use thiserror::Error;

use crate::types::MAX_YEARS;

pub use lower::{lower, units_compatible, LowerError, LowerErrorKind, TargetError, TargetOptions};

pub use crate::types::{Direction, Measure, Op, Polarity, TrendMode};

pub use crate::syntax::RegionExpr;

/// What selects a tier.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Guard {
    /// The region's classes satisfy the expression.
    Region(RegionExpr),
    /// The indicator's base-year value `v(Y−1)` compared with a threshold.
    Level {
        /// Comparison.
        op: Op,
        /// Threshold.
        value: Decimal,
    },
    /// The assessment year is one of these.
    Years(Vec<i32>),
    /// Always (the default tier of year-specific thresholds).
    Otherwise,
}

/// One tier of a `tiered` predicate.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Tier {
    /// When the tier applies.
    pub when: Guard,
    /// What must hold then.
    pub then: Predicate,
}

/// The named series a five-year cumulative target (`〔18〕`) is read on: the amount over the
/// plan period as printed (a reduction as a positive number), `<id>:五年累计`.
pub const CUMULATIVE: &str = "五年累计";

/// The named series a rank among peers is read on, after its scope (`全省排名`): the place,
/// 1 for the first.
pub const RANK: &str = "排名";

/// A checked target predicate (SPEC §3). Its JSON form is tagged by `kind`; decimals are strings.
///
/// Variants are `#[non_exhaustive]`: build them with the constructors.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(remote = "Self", tag = "kind", rename_all = "snake_case")]
pub enum Predicate {
    /// `v(Y) op value`.
    #[non_exhaustive]
    Compare {
        /// Comparison.
        op: Op,
        /// Threshold.
        value: Decimal,
        /// Unit written in the target.
        unit: Option<String>,
    },
    /// `v(Y) ≥ value` (higher is better) or `≤` (lower is better).
    #[non_exhaustive]
    Reach {
        /// Value to reach.
        value: Decimal,
        /// Unit written in the target.
        unit: Option<String>,
    },
    /// `15左右`: `|v(Y) − value|` within the approximate tolerance (`近似容差`, default 5% of
    /// the value).
    #[non_exhaustive]
    Approx {
        /// The value.
        value: Decimal,
        /// Unit written in the target.
        unit: Option<String>,
    },
    /// `min ≤ v(Y) ≤ max`.
    #[non_exhaustive]
    Range {
        /// Lower bound.
        min: Decimal,
        /// Upper bound.
        max: Decimal,
        /// Unit.
        unit: Option<String>,
    },
    /// `v(Y)` meets the superior government's target `g(Y)` in the good direction.
    #[non_exhaustive]
    SuperiorTarget {
        /// A named quantity (`能源消耗总量`), or `None` for the indicator itself.
        quantity: Option<String>,
    },
    /// `v(Y) op R(Y)` for a named reference series.
    #[non_exhaustive]
    Reference {
        /// Comparison.
        op: Op,
        /// Reference series name (`全国平均水平`).
        reference: String,
    },
    /// A trend over the window.
    #[non_exhaustive]
    Trend {
        /// How steps are judged.
        mode: TrendMode,
        /// Which way.
        direction: Direction,
        /// Named quantity, or `None` for the indicator itself.
        quantity: Option<String>,
        /// Window set by the phrase (`近三年` → 3), else the indicator's.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        window: Option<u32>,
    },
    /// A change against the previous year or a base year.
    #[non_exhaustive]
    Change {
        /// Difference or relative.
        measure: Measure,
        /// Which way the phrase counts as positive (`下降2` is `v(B) − v(Y) ≥ 2`).
        direction: Direction,
        /// Comparison.
        op: Op,
        /// Threshold.
        value: Decimal,
        /// Unit (`%`, `个百分点`).
        unit: Option<String>,
        /// Base year, or `None` for the previous year.
        base: Option<i32>,
        /// `下降15%左右`: the change is within the approximate tolerance (`近似容差`) of the
        /// value; `op` is then `=`.
        #[serde(default, skip_serializing_if = "std::ops::Not::not")]
        about: bool,
    },
    /// A qualitative requirement attested in the data.
    #[non_exhaustive]
    Status {
        /// The requirement (`建立`, `划定并遵守`).
        requirement: String,
        /// Named quantity (`性质`), or `None`.
        quantity: Option<String>,
        /// Whether the requirement is negative (`不明显`, `未建立`), resolved once from the phrase
        /// table when the predicate is built or read (not part of the JSON form).
        #[serde(skip)]
        negated: bool,
    },
    /// A prose requirement that is no rule of the language (`定性 "…"`), judged only by a recorded
    /// 达标/未达标/是/否 for the assessment year.
    #[non_exhaustive]
    Qualitative {
        /// The requirement as printed.
        text: String,
    },
    /// No event of a kind within the last `years` years (`None`: the evaluation window, as when
    /// no number of years is printed).
    #[non_exhaustive]
    NoEvent {
        /// Number of years, or `None` for the window.
        #[serde(default)]
        years: Option<u32>,
        /// Event kind.
        event: String,
    },
    /// A share of sub-regions meeting a condition. Until sub-region data exists, the evaluator
    /// reads the indicator's own value as the measured share in percent.
    #[non_exhaustive]
    Share {
        /// Comparison.
        op: Op,
        /// Percent.
        value: Decimal,
        /// Sub-region word (`乡镇`).
        of: String,
        /// What they must achieve.
        requirement: String,
    },
    /// `近N年…` on a level requirement: the item holds in each of the last `years` years
    /// (Kleene and over the years).
    #[non_exhaustive]
    EachYear {
        /// Number of years, at least 1.
        years: u32,
        /// What must hold in each year.
        item: Box<Predicate>,
    },
    /// A requirement on a quantity the target names (`城市生活污水集中处理率达到90%`), read on
    /// the named series `<id>:<quantity>`; a rule file drops the name when it is the indicator's
    /// own.
    #[non_exhaustive]
    Named {
        /// The quantity as printed.
        quantity: String,
        /// The requirement: `compare`, `reach`, `range` or `change`.
        item: Box<Predicate>,
    },
    /// All must hold (Kleene and).
    #[non_exhaustive]
    All {
        /// At least one item.
        items: Vec<Predicate>,
    },
    /// Any must hold (Kleene or).
    #[non_exhaustive]
    Any {
        /// At least one item.
        items: Vec<Predicate>,
    },
    /// The first tier whose guard holds decides.
    #[non_exhaustive]
    Tiered {
        /// At least one tier.
        tiers: Vec<Tier>,
    },
}

/// A predicate that would not be well formed.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum PredicateError {
    /// `all`, `any` or `tiered` with nothing inside.
    #[error("`{0}` needs at least one item")]
    Empty(&'static str),
    /// A range whose minimum is above its maximum.
    #[error("the range `{min}~{max}` is empty")]
    EmptyRange {
        /// Minimum.
        min: Decimal,
        /// Maximum.
        max: Decimal,
    },
    /// A share outside 0–100 %.
    #[error("a share of `{0}%` is outside 0–100%")]
    Share(Decimal),
    /// A window or number of years out of its range (a trend needs two years to compare).
    #[error("a number of years must be at least {min} and at most {max}, not {found}")]
    Years {
        /// The least (2 for a trend's window, else 1).
        min: u32,
        /// The most, [`MAX_YEARS`].
        max: u32,
        /// As written.
        found: u32,
    },
    /// A named quantity with a requirement that is not a level or a change.
    #[error("a named quantity takes a comparison, a level, a range or a change, not `{0}`")]
    Named(&'static str),
}

impl crate::message::Say for PredicateError {
    fn say(&self, lang: crate::Lang) -> String {
        if lang == crate::Lang::En {
            return self.to_string();
        }
        match self {
            PredicateError::Empty(what) => format!("「{what}」至少需要一项"),
            PredicateError::EmptyRange { min, max } => format!("范围「{min}~{max}」为空"),
            PredicateError::Share(s) => format!("比例「{s}%」超出 0–100%"),
            PredicateError::Years { min, max, found } => {
                format!("年数应在 {min} 到 {max} 之间,而不是 {found}")
            }
            PredicateError::Named(kind) => {
                format!("指标名称之后应为比较、水平、范围或变化,而不是「{kind}」")
            }
        }
    }
}

/// A number of years within `min..=MAX_YEARS`.
fn years_in(n: u32, min: u32) -> Result<(), PredicateError> {
    if (min..=MAX_YEARS).contains(&n) {
        Ok(())
    } else {
        Err(PredicateError::Years {
            min,
            max: MAX_YEARS,
            found: n,
        })
    }
}

impl Serialize for Predicate {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        Predicate::serialize(self, s)
    }
}

impl<'de> Deserialize<'de> for Predicate {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let mut p = Predicate::deserialize(d)?;
        p.resolve();
        p.check().map_err(serde::de::Error::custom)?;
        Ok(p)
    }
}

impl Predicate {
    /// `v(Y) op value`.
    pub fn compare(op: Op, value: Decimal, unit: Option<String>) -> Predicate {
        Predicate::Compare { op, value, unit }
    }

    /// Reach `value` in the good direction.
    pub fn reach(value: Decimal, unit: Option<String>) -> Predicate {
        Predicate::Reach { value, unit }
    }

    /// `min ≤ v(Y) ≤ max`.
    pub fn range(
        min: Decimal,
        max: Decimal,
        unit: Option<String>,
    ) -> Result<Predicate, PredicateError> {
        if min > max {
            return Err(PredicateError::EmptyRange { min, max });
        }
        Ok(Predicate::Range { min, max, unit })
    }

    /// About `value` (`15左右`), within the approximate tolerance.
    pub fn approx(value: Decimal, unit: Option<String>) -> Predicate {
        Predicate::Approx { value, unit }
    }

    /// Meet the superior target (of a named quantity, or of the indicator).
    pub fn superior_target(quantity: Option<String>) -> Predicate {
        Predicate::SuperiorTarget { quantity }
    }

    /// Compare with a reference series.
    pub fn reference(op: Op, reference: impl Into<String>) -> Predicate {
        Predicate::Reference {
            op,
            reference: reference.into(),
        }
    }

    /// A trend.
    pub fn trend(
        mode: TrendMode,
        direction: Direction,
        quantity: Option<String>,
        window: Option<u32>,
    ) -> Result<Predicate, PredicateError> {
        if let Some(w) = window {
            years_in(w, 2)?;
        }
        Ok(Predicate::Trend {
            mode,
            direction,
            quantity,
            window,
        })
    }

    /// A change.
    pub fn change(
        measure: Measure,
        direction: Direction,
        op: Op,
        value: Decimal,
        unit: Option<String>,
        base: Option<i32>,
    ) -> Predicate {
        // percentage points are the difference of a `%` value: one unit, `%`, for both
        // spellings, so that a difference prints (`个百分点`) and reads back the same
        let unit = match unit.as_deref() {
            Some("个百分点" | "百分点") => Some("%".to_string()),
            _ => unit,
        };
        Predicate::Change {
            measure,
            direction,
            op,
            value,
            unit,
            base,
            about: false,
        }
    }

    /// A change within the approximate tolerance of `value` (`下降15%左右`).
    pub fn about_change(
        measure: Measure,
        direction: Direction,
        value: Decimal,
        unit: Option<String>,
        base: Option<i32>,
    ) -> Predicate {
        let mut p = Predicate::change(measure, direction, Op::Eq, value, unit, base);
        if let Predicate::Change { about, .. } = &mut p {
            *about = true;
        }
        p
    }

    /// A qualitative requirement.
    pub fn status(requirement: impl Into<String>, quantity: Option<String>) -> Predicate {
        let requirement = requirement.into();
        Predicate::Status {
            negated: crate::syntax::phrase::negation_of(&requirement).is_some(),
            requirement,
            quantity,
        }
    }

    /// Resolve what the JSON form leaves implicit (whether a status requirement is negative).
    fn resolve(&mut self) {
        match self {
            Predicate::Status {
                requirement,
                negated,
                ..
            } => *negated = crate::syntax::phrase::negation_of(requirement).is_some(),
            Predicate::All { items } | Predicate::Any { items } => {
                items.iter_mut().for_each(Predicate::resolve)
            }
            Predicate::Tiered { tiers } => tiers.iter_mut().for_each(|t| t.then.resolve()),
            Predicate::EachYear { item, .. } | Predicate::Named { item, .. } => item.resolve(),
            _ => {}
        }
    }

    /// A prose requirement judged by a recorded 达标/未达标/是/否.
    pub fn qualitative(text: impl Into<String>) -> Predicate {
        Predicate::Qualitative { text: text.into() }
    }

    /// No event within `years` years (`None`: within the evaluation window).
    pub fn no_event(
        years: Option<u32>,
        event: impl Into<String>,
    ) -> Result<Predicate, PredicateError> {
        if let Some(n) = years {
            years_in(n, 1)?;
        }
        Ok(Predicate::NoEvent {
            years,
            event: event.into(),
        })
    }

    /// `item` in each of the last `years` years (`近3年…100%`).
    pub fn each_year(years: u32, item: Predicate) -> Result<Predicate, PredicateError> {
        years_in(years, 1)?;
        Ok(Predicate::EachYear {
            years,
            item: Box::new(item),
        })
    }

    /// A requirement on a named quantity; `item` is a comparison, `reach`, range or change.
    pub fn named(
        quantity: impl Into<String>,
        item: Predicate,
    ) -> Result<Predicate, PredicateError> {
        match item {
            Predicate::Compare { .. }
            | Predicate::Reach { .. }
            | Predicate::Range { .. }
            | Predicate::Approx { .. }
            | Predicate::Change { .. } => Ok(Predicate::Named {
                quantity: quantity.into(),
                item: Box::new(item),
            }),
            other => Err(PredicateError::Named(other.kind())),
        }
    }

    /// The same predicate with requirements on the named quantity `name` read as requirements
    /// on the indicator's own series (a cell that repeats the indicator's name).
    pub fn with_own_name(self, name: &str) -> Predicate {
        let own_name = crate::syntax::normalize(name.trim()).text;
        let own = |q: &str| q.trim() == own_name.trim();
        match self {
            Predicate::Named { quantity, item } if own(&quantity) => *item,
            Predicate::All { items } => Predicate::All {
                items: items.into_iter().map(|p| p.with_own_name(name)).collect(),
            },
            Predicate::Any { items } => Predicate::Any {
                items: items.into_iter().map(|p| p.with_own_name(name)).collect(),
            },
            Predicate::Tiered { tiers } => Predicate::Tiered {
                tiers: tiers
                    .into_iter()
                    .map(|t| Tier {
                        when: t.when,
                        then: t.then.with_own_name(name),
                    })
                    .collect(),
            },
            Predicate::EachYear { years, item } => Predicate::EachYear {
                years,
                item: Box::new(item.with_own_name(name)),
            },
            other => other,
        }
    }

    /// A share of sub-regions.
    pub fn share(
        op: Op,
        value: Decimal,
        of: impl Into<String>,
        requirement: impl Into<String>,
    ) -> Result<Predicate, PredicateError> {
        if value < Decimal::ZERO || value > Decimal::ONE_HUNDRED {
            return Err(PredicateError::Share(value));
        }
        Ok(Predicate::Share {
            op,
            value,
            of: of.into(),
            requirement: requirement.into(),
        })
    }

    /// All of; a single item is returned as is, and an `all` among the items is spliced in
    /// (`and` is associative: `A,且B,且C` is one `all` however it was grouped, as its text is).
    pub fn all(items: Vec<Predicate>) -> Result<Predicate, PredicateError> {
        let mut items: Vec<Predicate> = items
            .into_iter()
            .flat_map(|p| match p {
                Predicate::All { items } => items,
                other => vec![other],
            })
            .collect();
        match items.len() {
            0 => Err(PredicateError::Empty("all")),
            1 => Ok(items.remove(0)),
            _ => Ok(Predicate::All { items }),
        }
    }

    /// Any of; a single item is returned as is, and an `any` among the items is spliced in.
    pub fn any(items: Vec<Predicate>) -> Result<Predicate, PredicateError> {
        let mut items: Vec<Predicate> = items
            .into_iter()
            .flat_map(|p| match p {
                Predicate::Any { items } => items,
                other => vec![other],
            })
            .collect();
        match items.len() {
            0 => Err(PredicateError::Empty("any")),
            1 => Ok(items.remove(0)),
            _ => Ok(Predicate::Any { items }),
        }
    }

    /// Tiers; the first whose guard holds decides.
    pub fn tiered(tiers: Vec<Tier>) -> Result<Predicate, PredicateError> {
        if tiers.is_empty() {
            return Err(PredicateError::Empty("tiered"));
        }
        Ok(Predicate::Tiered { tiers })
    }

    /// Parse and lower a target expression.
    pub fn parse(src: &str, options: &TargetOptions) -> Result<Predicate, TargetError> {
        let t = crate::syntax::parse_target(src).map_err(TargetError::Syntax)?;
        lower(&t, options).map_err(TargetError::Lower)
    }

    /// The `kind` tag of the JSON form.
    pub fn kind(&self) -> &'static str {
        match self {
            Predicate::Compare { .. } => "compare",
            Predicate::Reach { .. } => "reach",
            Predicate::Range { .. } => "range",
            Predicate::Approx { .. } => "approx",
            Predicate::SuperiorTarget { .. } => "superior_target",
            Predicate::Reference { .. } => "reference",
            Predicate::Trend { .. } => "trend",
            Predicate::Change { .. } => "change",
            Predicate::Status { .. } => "status",
            Predicate::NoEvent { .. } => "no_event",
            Predicate::Share { .. } => "share",
            Predicate::Qualitative { .. } => "qualitative",
            Predicate::EachYear { .. } => "each_year",
            Predicate::Named { .. } => "named",
            Predicate::All { .. } => "all",
            Predicate::Any { .. } => "any",
            Predicate::Tiered { .. } => "tiered",
        }
    }

    /// Check the invariants the constructors keep (used after deserialising).
    pub fn check(&self) -> Result<(), PredicateError> {
        match self {
            Predicate::Range { min, max, .. } if min > max => Err(PredicateError::EmptyRange {
                min: *min,
                max: *max,
            }),
            Predicate::Share { value, .. }
                if *value < Decimal::ZERO || *value > Decimal::ONE_HUNDRED =>
            {
                Err(PredicateError::Share(*value))
            }
            Predicate::NoEvent { years: Some(n), .. } => years_in(*n, 1),
            Predicate::EachYear { years, item } => years_in(*years, 1).and_then(|()| item.check()),
            Predicate::Named { item, .. } => match **item {
                Predicate::Compare { .. }
                | Predicate::Reach { .. }
                | Predicate::Range { .. }
                | Predicate::Approx { .. }
                | Predicate::Change { .. } => item.check(),
                ref other => Err(PredicateError::Named(other.kind())),
            },
            Predicate::Trend {
                window: Some(w), ..
            } => years_in(*w, 2),
            Predicate::All { items } if items.is_empty() => Err(PredicateError::Empty("all")),
            Predicate::Any { items } if items.is_empty() => Err(PredicateError::Empty("any")),
            Predicate::Tiered { tiers } if tiers.is_empty() => Err(PredicateError::Empty("tiered")),
            Predicate::All { items } | Predicate::Any { items } => {
                items.iter().try_for_each(Predicate::check)
            }
            Predicate::Tiered { tiers } => tiers.iter().try_for_each(|t| t.then.check()),
            _ => Ok(()),
        }
    }

    /// Whether evaluating this predicate needs the indicator's polarity (a bare `reach`, a
    /// superior target, or a trend/change of the indicator itself with `better`). A `better`
    /// trend of a named quantity needs that quantity's polarity instead
    /// ([`Predicate::quantities_needing_polarity`]).
    pub fn needs_polarity(&self) -> bool {
        match self {
            Predicate::Reach { .. } | Predicate::SuperiorTarget { .. } => true,
            Predicate::Trend {
                direction,
                quantity: None,
                ..
            }
            | Predicate::Change { direction, .. } => *direction == Direction::Better,
            Predicate::All { items } | Predicate::Any { items } => {
                items.iter().any(Predicate::needs_polarity)
            }
            Predicate::Tiered { tiers } => tiers.iter().any(|t| t.then.needs_polarity()),
            Predicate::EachYear { item, .. } => item.needs_polarity(),
            // the indicator's polarity does not resolve a named quantity's `better`
            Predicate::Named { .. } => false,
            _ => false,
        }
    }

    /// The named quantities whose `better` trend needs their own polarity
    /// (`PM2.5浓度保持稳定或持续改善` on a `下降幅度` indicator).
    pub fn quantities_needing_polarity(&self) -> Vec<String> {
        let mut out = Vec::new();
        self.walk(&mut |p| match p {
            Predicate::Trend {
                direction: Direction::Better,
                quantity: Some(q),
                ..
            } => out.push(q.clone()),
            Predicate::Named { quantity, item } if item.needs_polarity() => {
                out.push(quantity.clone())
            }
            _ => {}
        });
        out
    }

    /// Visit this predicate and every predicate inside it.
    pub fn walk(&self, f: &mut dyn FnMut(&Predicate)) {
        f(self);
        match self {
            Predicate::All { items } | Predicate::Any { items } => {
                items.iter().for_each(|p| p.walk(f))
            }
            Predicate::Tiered { tiers } => tiers.iter().for_each(|t| t.then.walk(f)),
            Predicate::EachYear { item, .. } | Predicate::Named { item, .. } => item.walk(f),
            _ => {}
        }
    }
}

impl FromStr for Predicate {
    type Err = TargetError;

    /// Parse without unit or polarity.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Predicate::parse(s, &TargetOptions::default())
    }
}
