//! Whole-system evaluation: every indicator of a rule set for a region, composites, `适用`,
//! vetoes and the overall verdict (SPEC §4).

use std::thread;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::{affirms, in_region, Context, Fact, RegionData, Value, Verdict};
use crate::data::UnusedRow;
use crate::rules::{Attribute, Indicator, RuleSet};
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
    /// The assessment-year value, as recorded.
    pub value: Option<String>,
    /// The target as written.
    pub target_text: Option<String>,
    /// Explanation (empty on the verdict-only path).
    pub explanation: String,
    /// Evidence (empty on the verdict-only path).
    pub evidence: Vec<Fact>,
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
    /// Input rows of this region that were not used, with the reason.
    pub unused_rows: Vec<UnusedRow>,
}

impl RegionResult {
    /// One sentence on why the region got its verdict.
    pub fn summary(&self, lang: Lang) -> String {
        let zh = lang == Lang::Zh;
        let mut parts = Vec::new();
        for v in self
            .vetoes
            .iter()
            .filter(|v| v.state == VetoState::Occurred)
        {
            parts.push(if zh {
                format!("否决项 {} 发生", v.id)
            } else {
                format!("veto {} occurred", v.id)
            });
        }
        for want in [Verdict::Fail, Verdict::Insufficient] {
            let ids: Vec<&str> = self
                .indicators
                .iter()
                .filter(|i| {
                    i.parent.is_none() && i.attribute == Attribute::Binding && i.verdict == want
                })
                .map(|i| i.id.as_str())
                .collect();
            if !ids.is_empty() {
                parts.push(if zh {
                    format!("约束性指标 {} {}", ids.join("、"), want.label(lang))
                } else {
                    format!("binding indicators {} {}", ids.join(", "), want.label(lang))
                });
            }
        }
        if let Some(req) = self.reference_required {
            if !self.reference_share_met() {
                parts.push(if zh {
                    format!(
                        "参考性指标达标 {}/{} 未达到 {req}%",
                        self.reference_met, self.reference_applicable
                    )
                } else {
                    format!(
                        "reference indicators met {}/{} is below {req}%",
                        self.reference_met, self.reference_applicable
                    )
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
            parts.push(if zh {
                format!("否决项 {} 无记录", unrecorded.join("、"))
            } else {
                format!("no record for veto {}", unrecorded.join(", "))
            });
        }
        let head = self.verdict.label(lang);
        if parts.is_empty() {
            match (zh, self.vetoes.is_empty()) {
                (true, true) => format!("{head}(约束性指标全部达标)"),
                (true, false) => format!("{head}(约束性指标全部达标,无否决项发生)"),
                (false, true) => format!("{head} (every binding indicator passes)"),
                (false, false) => {
                    format!("{head} (every binding indicator passes, no veto occurred)")
                }
            }
        } else {
            format!("{head}({})", parts.join(if zh { ";" } else { "; " }))
        }
    }

    /// Whether the required share of reference/guidance indicators is met (true if none required).
    pub fn reference_share_met(&self) -> bool {
        match self.reference_required {
            None => true,
            Some(_) if self.reference_applicable == 0 => true,
            Some(req) => {
                Decimal::from(self.reference_met) * Decimal::ONE_HUNDRED
                    >= req * Decimal::from(self.reference_applicable)
            }
        }
    }
}

fn own_verdict(
    rules: &RuleSet,
    ind: &Indicator,
    region: &RegionData,
    year: i32,
    lang: Option<Lang>,
) -> (Verdict, String, Vec<Fact>) {
    if let Some(a) = &ind.applies {
        if !a.matches(&|c| in_region(region, &rules.groups, c)) {
            let why = match lang {
                Some(Lang::En) => format!("applies only to {a} → not_applicable"),
                Some(Lang::Zh) => format!("仅适用于 {a} → 不适用"),
                None => String::new(),
            };
            return (Verdict::NotApplicable, why, Vec::new());
        }
    }
    let Some(p) = &ind.predicate else {
        return (Verdict::NotApplicable, String::new(), Vec::new());
    };
    let ctx = Context::new(region, &ind.id, year)
        .with_settings(rules.settings(ind))
        .with_groups(&rules.groups);
    match lang {
        None => (ctx.verdict(p), String::new(), Vec::new()),
        Some(l) => {
            let o = ctx.evaluate(p);
            (o.verdict, o.explanation(l), o.evidence)
        }
    }
}

/// Evaluate every indicator of `rules` for one region in assessment year `year`.
/// `lang = None` is the verdict-only path (no explanations or evidence).
pub fn evaluate_region(
    rules: &RuleSet,
    region: &RegionData,
    year: i32,
    lang: Option<Lang>,
) -> RegionResult {
    let n = rules.indicators.len();
    let mut results: Vec<Option<IndicatorResult>> = vec![None; n];
    // children come after their parent: evaluate from the end so children are ready
    for idx in (0..n).rev() {
        let ind = &rules.indicators[idx];
        let (mut verdict, mut explanation, evidence) = own_verdict(rules, ind, region, year, lang);
        let applicable = ind.applies.as_ref().map_or(true, |a| {
            a.matches(&|c| in_region(region, &rules.groups, c))
        });
        if !ind.children.is_empty() && applicable {
            let kids: Vec<(String, Verdict)> = ind
                .children
                .iter()
                .filter_map(|c| rules.indicators.iter().position(|i| &i.id == c))
                .filter_map(|i| results[i].as_ref().map(|r| (r.id.clone(), r.verdict)))
                .collect();
            let own = if ind.predicate.is_some() {
                Some(verdict)
            } else {
                None
            };
            verdict = Verdict::all(own.into_iter().chain(kids.iter().map(|(_, v)| *v)));
            if let Some(l) = lang {
                let list: Vec<String> = kids
                    .iter()
                    .map(|(id, v)| format!("{id} {}", v.label(l)))
                    .collect();
                let sub = match l {
                    Lang::Zh => format!("子项:{}", list.join("、")),
                    Lang::En => format!("sub-indicators: {}", list.join(", ")),
                };
                explanation = if explanation.is_empty() {
                    format!("{sub} → {}", verdict.label(l))
                } else {
                    format!("{explanation};{sub} → {}", verdict.label(l))
                };
            }
        }
        let value = region
            .series(&ind.id, None)
            .and_then(|s| s.values.get(&year))
            .map(Value::to_string);
        results[idx] = Some(IndicatorResult {
            id: ind.id.clone(),
            name: ind.name.clone(),
            parent: ind.parent.clone(),
            attribute: ind.attribute,
            verdict,
            value,
            target_text: ind.target.clone(),
            explanation,
            evidence,
        });
    }
    let indicators: Vec<IndicatorResult> = results.into_iter().flatten().collect();
    let vetoes: Vec<VetoResult> = rules
        .vetoes
        .iter()
        .map(|v| {
            let from = year - rules.system.window as i32 + 1;
            let records = region.vetoes.get(&v.id);
            let mut state = VetoState::NotRecorded;
            let mut when = None;
            if let Some(rs) = records {
                for (y, val) in rs.range(from..=year) {
                    match affirms(&val.to_string(), None) {
                        Some(true) => {
                            state = VetoState::Occurred;
                            when = Some(*y);
                            break;
                        }
                        Some(false) => state = VetoState::NotOccurred,
                        None => {}
                    }
                }
            }
            VetoResult {
                id: v.id.clone(),
                text: v.text.clone(),
                state,
                year: when,
            }
        })
        .collect();
    let top = || indicators.iter().filter(|i| i.parent.is_none());
    let binding = Verdict::all(
        top()
            .filter(|i| i.attribute == Attribute::Binding)
            .map(|i| i.verdict),
    );
    let refs = || {
        top().filter(|i| i.attribute != Attribute::Binding && i.verdict != Verdict::NotApplicable)
    };
    let mut result = RegionResult {
        region: region.name.clone(),
        year,
        verdict: Verdict::Pass,
        reference_met: refs().filter(|i| i.verdict == Verdict::Pass).count(),
        reference_applicable: refs().count(),
        reference_required: rules.system.min_reference_share,
        indicators: Vec::new(),
        vetoes,
        unused_rows: Vec::new(),
    };
    let vetoed = result.vetoes.iter().any(|v| v.state == VetoState::Occurred);
    result.verdict = if vetoed || binding == Verdict::Fail || !result.reference_share_met() {
        Verdict::Fail
    } else if binding == Verdict::Insufficient {
        Verdict::Insufficient
    } else {
        Verdict::Pass
    };
    result.indicators = indicators;
    result
}

/// Evaluate many regions, on all cores. Results are in input order.
pub fn evaluate_regions(
    rules: &RuleSet,
    regions: &[RegionData],
    year: i32,
    lang: Option<Lang>,
) -> Vec<RegionResult> {
    let threads = thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(regions.len().max(1));
    if threads <= 1 || regions.len() < 64 {
        return regions
            .iter()
            .map(|r| evaluate_region(rules, r, year, lang))
            .collect();
    }
    let chunk = regions.len().div_ceil(threads);
    thread::scope(|s| {
        let handles: Vec<_> = regions
            .chunks(chunk)
            .map(|part| {
                s.spawn(move || {
                    part.iter()
                        .map(|r| evaluate_region(rules, r, year, lang))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap_or_default())
            .collect()
    })
}
