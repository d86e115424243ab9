//! The reports' words: headings and labels, what would make an indicator pass, plan-year
//! progress, and the reasons of a region's verdict.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::{list, Say};
use crate::Lang;

/// What would make a failing or undecided indicator pass, as the reports print it beside it.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Hint {
    /// The value falls short of a lower bound by `gap` (`还差 0.1 个百分点`).
    Short {
        /// How much is missing.
        gap: Decimal,
        /// The unit.
        unit: Option<String>,
    },
    /// The value exceeds an upper bound by `gap` (`超出 2 μg/m3`).
    Over {
        /// By how much.
        gap: Decimal,
        /// The unit.
        unit: Option<String>,
    },
    /// The value equals a strict bound (`需高于 20`, `需低于 20`).
    Strict {
        /// Above (`>`) or below (`<`).
        above: bool,
        /// The bound.
        bound: Decimal,
    },
    /// A year's value is missing (`缺 2023 年数据`).
    MissingYear(i32),
}

fn amount(gap: Decimal, unit: &Option<String>, lang: Lang) -> String {
    let n = gap.normalize();
    match (unit.as_deref(), lang) {
        (Some("%"), Lang::Zh) => format!("{n} 个百分点"),
        (Some("%"), Lang::En) => format!("{n} percentage points"),
        (Some(u), _) if !u.is_empty() && u != "-" => format!("{n} {u}"),
        _ => n.to_string(),
    }
}

impl Hint {
    /// The hint in words.
    ///
    /// ```
    /// use zhibiao::message::Hint;
    /// use zhibiao::Lang;
    /// let short = Hint::Short { gap: "0.1".parse().unwrap(), unit: Some("%".into()) };
    /// assert_eq!(short.text(Lang::Zh), "还差 0.1 个百分点");
    /// assert_eq!(Hint::MissingYear(2023).text(Lang::Zh), "缺 2023 年数据");
    /// ```
    pub fn text(&self, lang: Lang) -> String {
        let zh = lang == Lang::Zh;
        match self {
            Hint::Short { gap, unit } if zh => format!("还差 {}", amount(*gap, unit, lang)),
            Hint::Short { gap, unit } => format!("{} short", amount(*gap, unit, lang)),
            Hint::Over { gap, unit } if zh => format!("超出 {}", amount(*gap, unit, lang)),
            Hint::Over { gap, unit } => format!("{} over", amount(*gap, unit, lang)),
            Hint::Strict { above, bound } => match (above, zh) {
                (true, true) => format!("需高于 {}", bound.normalize()),
                (false, true) => format!("需低于 {}", bound.normalize()),
                (true, false) => format!("must be above {}", bound.normalize()),
                (false, false) => format!("must be below {}", bound.normalize()),
            },
            Hint::MissingYear(y) if zh => format!("缺 {y} 年数据"),
            Hint::MissingYear(y) => format!("{y} data missing"),
        }
    }
}

/// The next milestone of a year schedule (`2025年≥80`) after the assessment year, how far the
/// assessment-year value is from it, and where the trend since the first year leads.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Milestone {
    /// The milestone's year.
    pub year: i32,
    /// The comparison the value must meet then.
    pub op: crate::types::Op,
    /// Its threshold.
    #[serde(with = "rust_decimal::serde::str")]
    pub bound: Decimal,
    /// The unit, as the rules give it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    /// The assessment year.
    pub assessed: i32,
    /// The assessment year's value, if recorded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub now: Option<Decimal>,
    /// The straight line from the first recorded year to the assessment year, carried on to
    /// the milestone's year; `None` without an earlier year.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub trend: Option<Projection>,
}

/// A linear projection: the average change a year between two recorded years, carried on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Projection {
    /// The first recorded year and its value.
    pub from: (i32, Decimal),
    /// The average change a year from then to the assessment year.
    #[serde(with = "rust_decimal::serde::str")]
    pub per_year: Decimal,
    /// The value the line reaches in the milestone's year.
    #[serde(with = "rust_decimal::serde::str")]
    pub projected: Decimal,
    /// Whether that value meets the milestone.
    pub reaches: bool,
}

/// A number as a report shows a computed one: at most two decimals, no trailing zeros.
fn shown(d: Decimal) -> String {
    d.round_dp(2).normalize().to_string()
}

impl Milestone {
    /// Whether the assessment-year value already meets the milestone.
    pub fn met(&self) -> Option<bool> {
        self.now.map(|v| self.op.holds(v, self.bound))
    }

    /// The milestone in words.
    ///
    /// ```
    /// use zhibiao::message::{Milestone, Projection};
    /// use zhibiao::types::Op;
    /// use zhibiao::Lang;
    /// let d = |s: &str| s.parse().unwrap();
    /// let m = Milestone {
    ///     year: 2025, op: Op::Ge, bound: d("80"), unit: Some("%".into()),
    ///     assessed: 2023, now: Some(d("72")),
    ///     trend: Some(Projection { from: (2020, d("66")), per_year: d("2"), projected: d("76"), reaches: false }),
    /// };
    /// assert_eq!(
    ///     m.text(Lang::Zh),
    ///     "下一目标:2025年 ≥ 80;2023年 72,还差 8 个百分点;按 2020–2023 年平均每年 +2 推算,2025年约 76,不能按期达到"
    /// );
    /// ```
    pub fn text(&self, lang: Lang) -> String {
        let zh = lang == Lang::Zh;
        let bound = self.bound.normalize();
        let head = match zh {
            true => format!("下一目标:{}年 {} {bound}", self.year, self.op.symbol()),
            false => format!("next milestone: {} {} {bound}", self.year, self.op.symbol()),
        };
        let mut parts = vec![head];
        let y = self.assessed;
        if let Some(v) = self.now {
            let gap = match self.met() {
                Some(true) if zh => "已达到".to_string(),
                Some(true) => "already met".to_string(),
                _ => self.gap(v).map(|h| h.text(lang)).unwrap_or_default(),
            };
            let v = v.normalize();
            parts.push(match (zh, gap.is_empty()) {
                (true, false) => format!("{y}年 {v},{gap}"),
                (false, false) => format!("{v} in {y}, {gap}"),
                (true, true) => format!("{y}年 {v}"),
                (false, true) => format!("{v} in {y}"),
            });
        }
        match (self.now, zh) {
            (None, true) => parts.push(format!("缺 {y} 年数据")),
            (None, false) => parts.push(format!("{y} data missing")),
            _ => {}
        }
        if self.now.is_some() && self.trend.is_none() {
            parts.push(match zh {
                true => "无更早年份的数据,不作推算".to_string(),
                false => "no earlier year to project from".to_string(),
            });
        }
        if let Some(t) = &self.trend {
            let sign = if t.per_year.is_sign_negative() {
                ""
            } else {
                "+"
            };
            let (from, per, at) = (t.from.0, shown(t.per_year), shown(t.projected));
            let (year, time) = (
                self.year,
                match (zh, t.reaches) {
                    (true, true) => "可按期达到",
                    (true, false) => "不能按期达到",
                    (false, true) => "in time",
                    (false, false) => "not in time",
                },
            );
            parts.push(match zh {
                true => format!("按 {from}–{y} 年平均每年 {sign}{per} 推算,{year}年约 {at},{time}"),
                false => format!(
                    "at the {from}–{y} average of {sign}{per} a year, about {at} in {year}: {time}"
                ),
            });
        }
        parts.join(if zh { ";" } else { "; " })
    }

    /// How far `v` is from the milestone.
    fn gap(&self, v: Decimal) -> Option<Hint> {
        use crate::types::Op;
        let unit = self.unit.clone();
        match self.op {
            Op::Ge | Op::Gt => self
                .bound
                .checked_sub(v)
                .map(|gap| Hint::Short { gap, unit }),
            Op::Le | Op::Lt => v
                .checked_sub(self.bound)
                .map(|gap| Hint::Over { gap, unit }),
            Op::Eq => None,
        }
    }
}

/// The fixed words of the reports: headings, column heads, labels.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Label {
    /// The region × indicator matrix.
    Overview,
    /// Region.
    Region,
    /// Year.
    Year,
    /// Verdict.
    Verdict,
    /// Why the region has its verdict.
    Why,
    /// The document a system is from.
    Document,
    /// A veto item.
    Veto,
    /// The rows no verdict used.
    UnusedRows,
    /// Reference and guidance indicators met.
    ReferenceMet,
    /// The chart column.
    Series,
    /// A region's own row in the CSV.
    Overall,
    /// The plan-year progress column.
    PlanProgress,
    /// The heading of the plan-year progress lines.
    PlanProgressHead,
    /// What the HTML charts show and how they are scaled.
    ChartLegend,
}

impl Label {
    /// The label in `lang`.
    pub fn text(self, lang: Lang) -> &'static str {
        let (zh, en) = match self {
            Label::Overview => ("总览", "Overview"),
            Label::Region => ("地区", "Region"),
            Label::Year => ("年份", "Year"),
            Label::Verdict => ("结论", "Verdict"),
            Label::Why => ("原因", "Why"),
            Label::Document => ("文号", "Document"),
            Label::Veto => ("否决项", "Veto"),
            Label::UnusedRows => ("未使用的输入行", "Unused input rows"),
            Label::ReferenceMet => ("参考性/指导性指标达标", "Reference/guidance indicators met"),
            Label::Series => ("趋势", "Series"),
            Label::Overall => ("整体", "overall"),
            Label::PlanProgress => ("规划目标进度", "plan-year progress"),
            Label::PlanProgressHead => ("规划目标进度", "Progress toward plan years"),
            Label::ChartLegend => (
                "zhibiao 生成。图中蓝点为各年数值(标注数值),红色虚线为阈值(标注要求),绿色底为达标一侧,红点为上级目标(标注数值),紫色菱形为下一规划目标(标注要求),紫色点线为按首年以来平均变化推算的走势;纵轴自 0 起至最大值的 1.1 倍,与阈值的差距按实际比例显示。",
                "Generated by zhibiao. Charts: blue dots are the yearly values (labelled), the dashed red line is the threshold (labelled with the requirement), green shading is the passing side, red dots are superior targets (labelled), a hollow purple diamond is the next plan-year milestone (labelled), the dotted purple line the projection at the average change since the first year; the vertical axis runs from 0 to 1.1 × the largest value, so the distance to the threshold is drawn in proportion.",
            ),
        };
        match lang {
            Lang::Zh => zh,
            Lang::En => en,
        }
    }
}

/// One reason of a region's verdict, as its summary lists them.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum RegionReason<'a> {
    /// A veto item occurred.
    VetoOccurred(&'a str),
    /// Binding indicators with a verdict (`约束性指标 2、4 未达标`).
    Binding {
        /// Their ids.
        ids: Vec<&'a str>,
        /// Their verdict.
        verdict: crate::types::Verdict,
    },
    /// Too few reference indicators pass.
    ReferenceBelow {
        /// How many pass.
        met: usize,
        /// How many apply.
        applicable: usize,
        /// The share required, in percent.
        required: Decimal,
    },
    /// Veto items without a record.
    VetoUnrecorded(Vec<&'a str>),
    /// Nothing failed (with or without veto items in the rules).
    AllPass {
        /// Whether the rules have veto items.
        vetoes: bool,
    },
}

impl Say for RegionReason<'_> {
    fn say(&self, lang: Lang) -> String {
        let zh = lang == Lang::Zh;
        match self {
            RegionReason::VetoOccurred(id) if zh => format!("否决项 {id} 发生"),
            RegionReason::VetoOccurred(id) => format!("veto {id} occurred"),
            RegionReason::Binding { ids, verdict } if zh => {
                format!("约束性指标 {} {}", list(ids, lang), verdict.label(lang))
            }
            RegionReason::Binding { ids, verdict } => {
                format!(
                    "binding indicators {} {}",
                    list(ids, lang),
                    verdict.label(lang)
                )
            }
            RegionReason::ReferenceBelow {
                met,
                applicable,
                required,
            } if zh => {
                format!("参考性指标达标 {met}/{applicable} 未达到 {required}%")
            }
            RegionReason::ReferenceBelow {
                met,
                applicable,
                required,
            } => {
                format!("reference indicators met {met}/{applicable} is below {required}%")
            }
            RegionReason::VetoUnrecorded(ids) if zh => format!("否决项 {} 无记录", list(ids, lang)),
            RegionReason::VetoUnrecorded(ids) => format!("no record for veto {}", list(ids, lang)),
            RegionReason::AllPass { vetoes: false } if zh => "约束性指标全部达标".into(),
            RegionReason::AllPass { vetoes: true } if zh => {
                "约束性指标全部达标,无否决项发生".into()
            }
            RegionReason::AllPass { vetoes: false } => "every binding indicator passes".into(),
            RegionReason::AllPass { vetoes: true } => {
                "every binding indicator passes, no veto occurred".into()
            }
        }
    }
}

/// What the binding indicators came to, in words: `约束性指标 25 项:达标 20,未达标 1,数据不足 2,不适用 2`.
pub fn coverage_counts(counts: [usize; 5], lang: Lang) -> String {
    let [binding, pass, fail, insufficient, not_applicable] = counts;
    match lang {
        Lang::Zh => format!(
            "约束性指标 {binding} 项:达标 {pass},未达标 {fail},数据不足 {insufficient},不适用 {not_applicable}"
        ),
        Lang::En => format!(
            "binding indicators {binding}: pass {pass}, fail {fail}, insufficient {insufficient}, not_applicable {not_applicable}"
        ),
    }
}

/// An item with its reason: `4(缺 2023 年数据)`, `4 (2023 data missing)`.
pub fn item_because(item: &str, why: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("{item}({why})"),
        Lang::En => format!("{item} ({why})"),
    }
}

/// The sub-indicators a composite's verdict comes from: `子项 5.1、5.2`.
pub fn sub_indicators<S: AsRef<str>>(ids: &[S], lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("子项 {}", list(ids, lang)),
        Lang::En => format!("sub-indicators {}", list(ids, lang)),
    }
}

/// The verdicts of a composite's sub-indicators: `子项:5.1 达标、5.2 未达标`.
pub fn sub_verdicts<S: AsRef<str>>(items: &[S], lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("子项:{}", list(items, lang)),
        Lang::En => format!("sub-indicators: {}", list(items, lang)),
    }
}

/// An indicator for some regions only: `仅适用于 有受污染耕地`.
pub fn applies_only(to: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("仅适用于 {to}"),
        Lang::En => format!("applies only to {to}"),
    }
}
