//! What evaluation returns: per indicator, per veto item, per region, with coverage.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::{Fact, Read, Verdict};
use crate::data::UnusedRows;
use crate::rules::Attribute;
use crate::Lang;

/// The result for one indicator.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IndicatorResult {
    /// Id.
    pub id: String,
    /// Name.
    pub name: String,
    /// Parent id for sub-indicators.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub parent: Option<String>,
    /// Attribute.
    pub attribute: Attribute,
    /// Verdict.
    pub verdict: Verdict,
    /// The assessment-year value, as recorded (a number without trailing zeros).
    pub value: Option<String>,
    /// The indicator's unit, if the rules give one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    /// The target as written.
    pub target_text: Option<String>,
    /// Explanation (empty on the verdict-only path).
    pub explanation: String,
    /// Evidence (empty on the verdict-only path).
    pub evidence: Vec<Fact>,
    /// The data cells the verdict read (recorded on the explaining path); in JSON one string,
    /// `"2022;2023;t2023"` (see [`Read::text`]).
    #[serde(
        default,
        skip_serializing_if = "Vec::is_empty",
        with = "super::explain::reads_text"
    )]
    pub reads: Vec<Read>,
    /// The next milestone of a year schedule after the assessment year (explaining path).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub progress: Option<crate::message::Milestone>,
}

impl IndicatorResult {
    /// What would make this indicator pass, read from its evidence: the distance of the first
    /// comparison that does not hold (`还差 0.1 个百分点`), or the first year without a value
    /// (`缺 2023 年数据`). `None` for a passing indicator or one whose evidence says neither.
    pub fn hint(&self) -> Option<crate::message::Hint> {
        use crate::message::Hint;
        use crate::types::Op;
        if !matches!(self.verdict, Verdict::Fail | Verdict::Insufficient) {
            return None;
        }
        self.evidence.iter().find_map(|f| match f {
            Fact::Compared {
                value,
                op,
                bound,
                unit,
                holds: false,
                ..
            } => {
                let unit = unit.clone();
                // checked: a gap beyond what a decimal holds gives no hint, never a panic
                let short = || bound.checked_sub(*value);
                let over = || value.checked_sub(*bound);
                match op {
                    Op::Ge => short().map(|gap| Hint::Short { gap, unit }),
                    Op::Le => over().map(|gap| Hint::Over { gap, unit }),
                    Op::Gt if value < bound => short().map(|gap| Hint::Short { gap, unit }),
                    Op::Lt if value > bound => over().map(|gap| Hint::Over { gap, unit }),
                    Op::Gt => Some(Hint::Strict {
                        above: true,
                        bound: *bound,
                    }),
                    Op::Lt => Some(Hint::Strict {
                        above: false,
                        bound: *bound,
                    }),
                    Op::Eq => None,
                }
            }
            Fact::Missing {
                year: Some(y),
                reason: super::Reason::NoValue,
                ..
            } => Some(Hint::MissingYear(*y)),
            _ => None,
        })
    }

    /// The value with its unit, as a report shows it: `82%`, `30 μg/m3`, `已建立`; `-` when
    /// there is none.
    pub fn value_with_unit(&self) -> String {
        let Some(v) = self.value.as_deref() else {
            return "-".to_string();
        };
        // a word (`已建立`) takes no unit; a value is read as a number only where there is one
        let number = || crate::types::read_decimal(v).is_ok();
        match self.unit.as_deref() {
            Some("%") if number() => format!("{v}%"),
            Some(u) if !u.is_empty() && u != "-" && number() => format!("{v} {u}"),
            _ => v.to_string(),
        }
    }
}

/// Whether a veto item occurred.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum VetoState {
    /// A record says it occurred.
    Occurred,
    /// Records say it did not.
    NotOccurred,
    /// No record in the window.
    NotRecorded,
}

/// A veto item's state for a region.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VetoResult {
    /// Id.
    pub id: String,
    /// Text.
    pub text: String,
    /// State.
    pub state: VetoState,
    /// The year it occurred.
    pub year: Option<i32>,
}

/// What the binding (top-level, 约束性) indicators of a region came to: the system verdict's
/// coverage, so a reader sees what was not judged.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Coverage {
    /// Binding top-level indicators.
    pub binding: usize,
    /// 达标
    pub pass: usize,
    /// 未达标
    pub fail: usize,
    /// 数据不足
    pub insufficient: usize,
    /// 不适用
    pub not_applicable: usize,
}

impl Coverage {
    pub(crate) fn of(indicators: &[IndicatorResult]) -> Coverage {
        let mut c = Coverage::default();
        for i in binding_top(indicators) {
            c.binding += 1;
            match i.verdict {
                Verdict::Pass => c.pass += 1,
                Verdict::Fail => c.fail += 1,
                Verdict::Insufficient => c.insufficient += 1,
                Verdict::NotApplicable => c.not_applicable += 1,
            }
        }
        c
    }
}

fn binding_top(indicators: &[IndicatorResult]) -> impl Iterator<Item = &IndicatorResult> {
    indicators
        .iter()
        .filter(|i| i.parent.is_none() && i.attribute == Attribute::Binding)
}

/// The result for one region.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RegionResult {
    /// Region name.
    pub region: String,
    /// Assessment year.
    pub year: i32,
    /// Overall verdict.
    pub verdict: Verdict,
    /// Every indicator, sub-indicators after their parent.
    pub indicators: Vec<IndicatorResult>,
    /// Veto items.
    pub vetoes: Vec<VetoResult>,
    /// Reference and guidance indicators met.
    pub reference_met: usize,
    /// Reference and guidance indicators that apply.
    pub reference_applicable: usize,
    /// The minimum share (percent) the rule file requires, if any.
    pub reference_required: Option<Decimal>,
    /// Input rows of this region that were not used, grouped by reason with row ranges.
    pub unused_rows: Vec<UnusedRows>,
    /// What the binding indicators came to.
    #[serde(default)]
    pub coverage: Coverage,
}

impl RegionResult {
    /// The coverage of the system verdict in one line, with the reasons for what was not judged:
    /// "约束性指标 25 项:达标 20,未达标 1,数据不足 2,不适用 2(数据不足:5 未给出地区分类 地形;…)".
    pub fn coverage_line(&self, lang: Lang) -> String {
        use crate::message::{coverage_counts, item_because, list, with_reasons};
        let c = &self.coverage;
        let mut reasons = Vec::new();
        for want in [Verdict::Insufficient, Verdict::NotApplicable] {
            let items: Vec<String> = binding_top(&self.indicators)
                .filter(|i| i.verdict == want)
                .map(|i| item_because(&i.id, &self.why(i, want, lang), lang))
                .collect();
            if !items.is_empty() {
                reasons.push(format!("{} {}", want.label(lang), list(&items, lang)));
            }
        }
        let counts = [c.binding, c.pass, c.fail, c.insufficient, c.not_applicable];
        with_reasons(&coverage_counts(counts, lang), &reasons, lang)
    }

    /// One sentence on why the region got its verdict.
    pub fn summary(&self, lang: Lang) -> String {
        use crate::message::{with_reasons, RegionReason, Say};
        let mut parts: Vec<RegionReason<'_>> = self
            .vetoes
            .iter()
            .filter(|v| v.state == VetoState::Occurred)
            .map(|v| RegionReason::VetoOccurred(&v.id))
            .collect();
        for verdict in [Verdict::Fail, Verdict::Insufficient] {
            let ids: Vec<&str> = self
                .indicators
                .iter()
                .filter(|i| {
                    i.parent.is_none() && i.attribute == Attribute::Binding && i.verdict == verdict
                })
                .map(|i| i.id.as_str())
                .collect();
            if !ids.is_empty() {
                parts.push(RegionReason::Binding { ids, verdict });
            }
        }
        if let Some(required) = self.reference_required {
            if !self.reference_share_met() {
                parts.push(RegionReason::ReferenceBelow {
                    met: self.reference_met,
                    applicable: self.reference_applicable,
                    required,
                });
            }
        }
        let unrecorded: Vec<&str> = self
            .vetoes
            .iter()
            .filter(|v| v.state == VetoState::NotRecorded)
            .map(|v| v.id.as_str())
            .collect();
        if !unrecorded.is_empty() {
            parts.push(RegionReason::VetoUnrecorded(unrecorded));
        }
        if parts.is_empty() {
            parts.push(RegionReason::AllPass {
                vetoes: !self.vetoes.is_empty(),
            });
        }
        let parts: Vec<String> = parts.iter().map(|p| p.say(lang)).collect();
        with_reasons(self.verdict.label(lang), &parts, lang)
    }

    /// Why an indicator got `verdict`: for a composite, its sub-indicators with that verdict; else
    /// its explanation without the final `→ verdict`.
    fn why(&self, ind: &IndicatorResult, verdict: Verdict, lang: Lang) -> String {
        let kids: Vec<&str> = self
            .indicators
            .iter()
            .filter(|k| k.parent.as_deref() == Some(ind.id.as_str()) && k.verdict == verdict)
            .map(|k| k.id.as_str())
            .collect();
        if !kids.is_empty() {
            return crate::message::sub_indicators(&kids, lang);
        }
        ind.explanation
            .rsplit_once(" → ")
            .map_or(ind.explanation.as_str(), |(w, _)| w)
            .to_string()
    }

    /// Whether the required share of reference/guidance indicators is met (true if none required).
    pub fn reference_share_met(&self) -> bool {
        share_met(
            self.reference_required,
            self.reference_met,
            self.reference_applicable,
        )
    }
}

/// Whether `met` of `applicable` reference/guidance indicators reach the required percentage.
pub(crate) fn share_met(required: Option<Decimal>, met: usize, applicable: usize) -> bool {
    match required {
        Some(req) if applicable > 0 => {
            let have = Decimal::from(met).checked_mul(Decimal::ONE_HUNDRED);
            let need = req.checked_mul(Decimal::from(applicable));
            match (have, need) {
                (Some(have), Some(need)) => have >= need,
                // a share too large to compute is not met
                _ => false,
            }
        }
        _ => true,
    }
}
