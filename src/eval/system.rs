//! Whole-system evaluation: every indicator of a rule set for a region, composites, `适用`,
//! vetoes and the overall verdict (SPEC §4).

use std::thread;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::{
    value_affirms, ClassGap, Classes, Context, Fact, Outcome, Read, RegionData, Value, Verdict,
};
use crate::data::UnusedRows;
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
    /// The data cells the verdict read (recorded on the explaining path); in JSON one string,
    /// `"2022;2023;t2023"` (see [`Read::text`]).
    #[serde(
        default,
        skip_serializing_if = "Vec::is_empty",
        with = "super::explain::reads_text"
    )]
    pub reads: Vec<Read>,
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
    fn of(indicators: &[IndicatorResult]) -> Coverage {
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
        let c = &self.coverage;
        let zh = lang == Lang::Zh;
        let mut reasons = Vec::new();
        for want in [Verdict::Insufficient, Verdict::NotApplicable] {
            let items: Vec<String> = binding_top(&self.indicators)
                .filter(|i| i.verdict == want)
                .map(|i| match lang {
                    Lang::Zh => format!("{}({})", i.id, self.why(i, want, lang)),
                    Lang::En => format!("{} ({})", i.id, self.why(i, want, lang)),
                })
                .collect();
            if !items.is_empty() {
                let sep = if zh { "、" } else { ", " };
                reasons.push(format!("{} {}", want.label(lang), items.join(sep)));
            }
        }
        let counts = if zh {
            format!(
                "约束性指标 {} 项:达标 {},未达标 {},数据不足 {},不适用 {}",
                c.binding, c.pass, c.fail, c.insufficient, c.not_applicable
            )
        } else {
            format!(
                "binding indicators {}: pass {}, fail {}, insufficient {}, not_applicable {}",
                c.binding, c.pass, c.fail, c.insufficient, c.not_applicable
            )
        };
        match (reasons.is_empty(), zh) {
            (true, _) => counts,
            (false, true) => format!("{counts}({})", reasons.join(";")),
            (false, false) => format!("{counts} ({})", reasons.join("; ")),
        }
    }

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
            if zh {
                format!("{head}({})", parts.join(";"))
            } else {
                format!("{head} ({})", parts.join("; "))
            }
        }
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
            return match lang {
                Lang::Zh => format!("子项 {}", kids.join("、")),
                Lang::En => format!("sub-indicators {}", kids.join(", ")),
            };
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
fn share_met(required: Option<Decimal>, met: usize, applicable: usize) -> bool {
    match required {
        Some(req) if applicable > 0 => {
            Decimal::from(met) * Decimal::ONE_HUNDRED >= req * Decimal::from(applicable)
        }
        _ => true,
    }
}

/// Whether `适用` lets the indicator apply to the region; a gap when the region's classes do not
/// say (never read as "does not apply").
fn applies<'a>(ind: &Indicator, classes: &Classes<'a>) -> Result<bool, ClassGap<'a>> {
    match &ind.applies {
        None => Ok(true),
        Some(a) => a.holds(&|c| classes.has(c)),
    }
}

fn context<'a>(
    rules: &'a RuleSet,
    ind: &'a Indicator,
    classes: Classes<'a>,
    year: i32,
) -> Context<'a> {
    Context::new(classes.region(), &ind.id, year)
        .with_classes(classes)
        .with_settings(rules.settings(ind))
        .with_unit(ind.unit.as_deref())
        .with_groups(&rules.groups)
        .with_dimensions(&rules.dimensions)
        .with_quantity_polarity(&ind.quantity_polarity)
}

/// A composite's verdict: its own target (if any) and its applicable sub-indicators, Kleene and.
fn composite(own: Option<Verdict>, kids: impl Iterator<Item = Verdict>) -> Verdict {
    Verdict::all(own.into_iter().chain(kids))
}

fn veto_state(
    rules: &RuleSet,
    region: &RegionData,
    year: i32,
    id: &str,
) -> (VetoState, Option<i32>) {
    let from = year - rules.system.window as i32 + 1;
    let mut state = VetoState::NotRecorded;
    if let Some(rs) = region.vetoes.get(id) {
        for (y, val) in rs.range(from..=year) {
            match value_affirms(val, None) {
                Some(true) => return (VetoState::Occurred, Some(*y)),
                Some(false) => state = VetoState::NotOccurred,
                None => {}
            }
        }
    }
    (state, None)
}

/// The overall verdict (SPEC §4) from the top-level indicators' verdicts and the vetoes, with the
/// reference/guidance counts (met, applicable).
fn overall(
    rules: &RuleSet,
    verdict_of: impl Fn(usize) -> Verdict,
    vetoed: bool,
) -> (Verdict, usize, usize) {
    let top = || (0..rules.indicators.len()).filter(|&i| rules.indicators[i].parent.is_none());
    let binding = Verdict::all(
        top()
            .filter(|&i| rules.indicators[i].attribute == Attribute::Binding)
            .map(&verdict_of),
    );
    let refs = || {
        top()
            .filter(|&i| rules.indicators[i].attribute != Attribute::Binding)
            .map(&verdict_of)
            .filter(|v| *v != Verdict::NotApplicable)
    };
    let (met, applicable) = (
        refs().filter(|v| *v == Verdict::Pass).count(),
        refs().count(),
    );
    let share_ok = share_met(rules.system.min_reference_share, met, applicable);
    let verdict = if vetoed || binding == Verdict::Fail || !share_ok {
        Verdict::Fail
    } else if binding == Verdict::Insufficient {
        Verdict::Insufficient
    } else {
        Verdict::Pass
    };
    (verdict, met, applicable)
}

/// The overall verdict of one region, and nothing else: no explanations, one allocation.
pub fn region_verdict(rules: &RuleSet, region: &RegionData, year: i32) -> Verdict {
    let n = rules.indicators.len();
    let mut verdicts = vec![Verdict::NotApplicable; n];
    let classes = Classes::new(region, &rules.groups, &rules.dimensions);
    for idx in (0..n).rev() {
        let ind = &rules.indicators[idx];
        match applies(ind, &classes) {
            Ok(true) => {}
            Ok(false) => continue,
            Err(_) => {
                verdicts[idx] = Verdict::Insufficient;
                continue;
            }
        }
        let own = ind
            .predicate
            .as_ref()
            .map(|p| context(rules, ind, classes, year).verdict(p));
        let mut kids = rules.sub_indicators(idx).peekable();
        verdicts[idx] = if kids.peek().is_none() {
            own.unwrap_or(Verdict::NotApplicable)
        } else {
            composite(own, kids.map(|j| verdicts[j]))
        };
    }
    let vetoed = rules
        .vetoes
        .iter()
        .any(|v| veto_state(rules, region, year, &v.id).0 == VetoState::Occurred);
    overall(rules, |i| verdicts[i], vetoed).0
}

/// Evaluate every indicator of `rules` for one region in assessment year `year`.
/// `lang = None` leaves explanations and evidence empty; [`region_verdict`] is faster still.
///
/// ```
/// use zhibiao::eval::{evaluate_region, region_verdict, RegionData, Value};
/// use zhibiao::{Lang, RuleSet, Verdict};
/// let rules = RuleSet::parse("体系 \"x\" {\n指标 1 \"森林覆盖率\" {\n单位 %\n目标 ≥20\n}\n否决项 1 \"重大事件\"\n}\n").unwrap();
/// let mut r = RegionData::new("甲县");
/// r.set_value("1", 2023, Value::parse("22").unwrap());
/// r.set_veto("1", 2023, Value::parse("是").unwrap());
/// let result = evaluate_region(&rules, &r, 2023, Some(Lang::Zh));
/// assert_eq!(result.indicators[0].verdict, Verdict::Pass);
/// assert_eq!(result.verdict, Verdict::Fail); // the veto occurred
/// assert_eq!(result.summary(Lang::Zh), "未达标(否决项 1 发生)");
/// assert_eq!(region_verdict(&rules, &r, 2023), Verdict::Fail);
/// ```
pub fn evaluate_region(
    rules: &RuleSet,
    region: &RegionData,
    year: i32,
    lang: Option<Lang>,
) -> RegionResult {
    let n = rules.indicators.len();
    let mut results: Vec<Option<IndicatorResult>> = vec![None; n];
    let classes = Classes::new(region, &rules.groups, &rules.dimensions);
    // children come after their parent: evaluate from the end so children are ready
    for idx in (0..n).rev() {
        let ind = &rules.indicators[idx];
        let applicable = applies(ind, &classes);
        let (mut outcome, mut explanation) =
            own_outcome(rules, ind, classes, year, lang, applicable);
        if applicable == Ok(true) && rules.sub_indicators(idx).next().is_some() {
            let kids: Vec<(&str, Verdict)> = rules
                .sub_indicators(idx)
                .filter_map(|j| results[j].as_ref().map(|r| (r.id.as_str(), r.verdict)))
                .collect();
            outcome.verdict = composite(
                ind.predicate.as_ref().map(|_| outcome.verdict),
                kids.iter().map(|(_, v)| *v),
            );
            if let Some(l) = lang {
                explanation = with_sub_indicators(explanation, &kids, outcome.verdict, l);
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
            verdict: outcome.verdict,
            value,
            target_text: ind.target.clone(),
            explanation,
            evidence: outcome.evidence,
            reads: outcome.reads,
        });
    }
    let indicators: Vec<IndicatorResult> = results.into_iter().flatten().collect();
    region_result(rules, region, year, indicators)
}

/// The indicator's own verdict (before its sub-indicators), with evidence and the cells read
/// when explaining, and its explanation.
fn own_outcome<'a>(
    rules: &'a RuleSet,
    ind: &'a Indicator,
    classes: Classes<'a>,
    year: i32,
    lang: Option<Lang>,
    applicable: Result<bool, ClassGap<'_>>,
) -> (Outcome, String) {
    let plain = |verdict, evidence| Outcome {
        verdict,
        evidence,
        reads: Vec::new(),
    };
    match (&ind.predicate, applicable) {
        (_, Err(gap)) => {
            let facts = vec![Fact::Missing {
                quantity: None,
                year: None,
                reason: gap.reason(),
            }];
            let why = lang.map_or_else(String::new, |l| {
                super::explain::explanation(&facts, Verdict::Insufficient, l)
            });
            (plain(Verdict::Insufficient, facts), why)
        }
        (_, Ok(false)) => {
            let why = match (lang, &ind.applies) {
                (Some(Lang::En), Some(a)) => format!("applies only to {a} → not_applicable"),
                (Some(Lang::Zh), Some(a)) => format!("仅适用于 {a} → 不适用"),
                _ => String::new(),
            };
            (plain(Verdict::NotApplicable, Vec::new()), why)
        }
        (None, Ok(true)) => (plain(Verdict::NotApplicable, Vec::new()), String::new()),
        (Some(p), Ok(true)) => {
            let ctx = context(rules, ind, classes, year);
            match lang {
                None => (plain(ctx.verdict(p), Vec::new()), String::new()),
                Some(l) => {
                    let o = ctx.evaluate(p);
                    let why = o.explanation(l);
                    (o, why)
                }
            }
        }
    }
}

/// A composite's explanation: its own, then its sub-indicators' verdicts.
fn with_sub_indicators(own: String, kids: &[(&str, Verdict)], verdict: Verdict, l: Lang) -> String {
    let list: Vec<String> = kids
        .iter()
        .map(|(id, v)| format!("{id} {}", v.label(l)))
        .collect();
    let sub = match l {
        Lang::Zh => format!("子项:{}", list.join("、")),
        Lang::En => format!("sub-indicators: {}", list.join(", ")),
    };
    if own.is_empty() {
        format!("{sub} → {}", verdict.label(l))
    } else {
        format!("{own};{sub} → {}", verdict.label(l))
    }
}

/// The region's result from its indicators' results: vetoes, the overall verdict, coverage.
fn region_result(
    rules: &RuleSet,
    region: &RegionData,
    year: i32,
    indicators: Vec<IndicatorResult>,
) -> RegionResult {
    let vetoes: Vec<VetoResult> = rules
        .vetoes
        .iter()
        .map(|v| {
            let (state, year) = veto_state(rules, region, year, &v.id);
            VetoResult {
                id: v.id.clone(),
                text: v.text.clone(),
                state,
                year,
            }
        })
        .collect();
    let vetoed = vetoes.iter().any(|v| v.state == VetoState::Occurred);
    let (verdict, reference_met, reference_applicable) =
        overall(rules, |i| indicators[i].verdict, vetoed);
    let coverage = Coverage::of(&indicators);
    RegionResult {
        region: region.name.clone(),
        year,
        verdict,
        indicators,
        vetoes,
        reference_met,
        reference_applicable,
        reference_required: rules.system.min_reference_share,
        unused_rows: Vec::new(),
        coverage,
    }
}

/// Evaluate many regions, on all cores. Results are in input order.
///
/// ```
/// use zhibiao::data::parse_measurements_csv;
/// use zhibiao::eval::evaluate_regions;
/// use zhibiao::{Lang, RuleSet, Verdict};
/// let rules = RuleSet::parse("体系 \"x\" {\n指标 1 \"森林覆盖率\" {\n单位 %\n目标 ≥20\n}\n}\n").unwrap();
/// let ds = parse_measurements_csv("region,indicator,year,value\n甲县,1,2023,22\n乙县,1,2023,18\n", &rules, "m.csv").unwrap();
/// let results = evaluate_regions(&rules, &ds.regions, 2023, Some(Lang::Zh));
/// let verdicts: Vec<Verdict> = results.iter().map(|r| r.verdict).collect();
/// assert_eq!(verdicts, [Verdict::Pass, Verdict::Fail]);
/// assert!(results[1].indicators[0].explanation.contains("18"));
/// ```
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
            .flat_map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
            .collect()
    })
}
