//! Stage 3: indicator files → a validated [`RuleSet`].
//!
//! [`RuleSet::parse`] reads a `.zb` file, lowers every target, expands region groups and checks
//! the whole file, returning every error at once (see [`RuleError`]). Rule sets are serde
//! types, so programs can also build them as JSON.
//!
//! ```
//! use zhibiao::RuleSet;
//! let src = "体系 \"示例\" {\n    指标 1 \"森林覆盖率\" {\n        单位 %\n        目标 ≥20\n    }\n}\n";
//! let rules = RuleSet::parse(src).unwrap();
//! assert_eq!(rules.indicators[0].predicate.as_ref().unwrap().kind(), "compare");
//! ```

mod error;
mod examples;
mod program;
mod series;
pub(crate) use program::{
    looks_numeric, ClassExpr, ClassId, ClassTable, Code, CodeGuard, Interner, Lowering, Qty,
};
pub use program::{Input, Program, SeriesId};
pub use series::SeriesKey;
mod load;
mod tiers;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

pub use error::{RuleError, RuleErrorKind, RuleErrors, Scope, Thing};
pub use examples::{Example, ExampleData, Expectation};
pub use load::{load, Loaded};

use crate::diagnostic::Severity;
use crate::predicate::{Polarity, Predicate, RegionExpr};
use crate::types::{Settings, Tolerance};

/// The `.zb` files under `path` (itself, if it is a file), sorted.
pub fn find_files(path: &std::path::Path) -> Vec<std::path::PathBuf> {
    walk_files(path).files
}

/// What a walk over a directory found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FileWalk {
    /// The `.zb` files, sorted.
    pub files: Vec<std::path::PathBuf>,
    /// Directories not entered again because a link leads back to a directory already walked
    /// (a symlink loop).
    pub loops: Vec<std::path::PathBuf>,
}

/// The `.zb` files under `path`, entering each directory once: a symlink that leads back to a
/// directory already walked is listed in [`FileWalk::loops`], never followed forever.
pub fn walk_files(path: &std::path::Path) -> FileWalk {
    fn walk(
        dir: &std::path::Path,
        seen: &mut std::collections::BTreeSet<std::path::PathBuf>,
        out: &mut FileWalk,
    ) {
        let Ok(real) = std::fs::canonicalize(dir) else {
            return;
        };
        if !seen.insert(real) {
            out.loops.push(dir.to_path_buf());
            return;
        }
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        let mut entries: Vec<_> = entries.flatten().map(|e| e.path()).collect();
        entries.sort();
        for p in entries {
            if p.is_dir() {
                walk(&p, seen, out);
            } else if p.extension().is_some_and(|x| x == "zb") {
                out.files.push(p);
            }
        }
    }
    let mut out = FileWalk::default();
    if !path.is_dir() {
        out.files.push(path.to_path_buf());
        return out;
    }
    walk(path, &mut std::collections::BTreeSet::new(), &mut out);
    out.files.sort();
    out
}

/// 约束性 / 参考性 / 指导性.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Attribute {
    /// 约束性: counts for the overall verdict.
    #[default]
    Binding,
    /// 参考性.
    Reference,
    /// 指导性.
    Guidance,
}

impl Attribute {
    /// Read `约束性`/`binding` …
    pub fn from_word(w: &str) -> Option<Attribute> {
        Some(match w.trim_end_matches("指标") {
            "约束性" | "约束" | "binding" => Attribute::Binding,
            "参考性" | "参考" | "reference" => Attribute::Reference,
            "指导性" | "指导" | "guidance" => Attribute::Guidance,
            _ => return None,
        })
    }

    /// The Chinese word.
    pub fn zh(self) -> &'static str {
        match self {
            Attribute::Binding => "约束性",
            Attribute::Reference => "参考性",
            Attribute::Guidance => "指导性",
        }
    }

    /// The English word used in JSON.
    pub fn en(self) -> &'static str {
        match self {
            Attribute::Binding => "binding",
            Attribute::Reference => "reference",
            Attribute::Guidance => "guidance",
        }
    }
}

/// System metadata.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct System {
    /// Name (`生态文明建设示范区(县)建设指标`).
    pub name: String,
    /// Document number (`环办生态〔2024〕4号`).
    pub document: Option<String>,
    /// Level (`县`, `市`).
    pub level: Option<String>,
    /// Default trend window.
    pub window: u32,
    /// Default stability tolerance.
    pub tolerance: Tolerance,
    /// What `左右` allows (`近似容差`; default 5% of the value).
    #[serde(default = "Settings::approx_default")]
    pub approx_tolerance: Tolerance,
    /// Minimum share (percent) of reference and guidance indicators that must be met.
    pub min_reference_share: Option<Decimal>,
}

impl Default for System {
    fn default() -> System {
        System {
            name: String::new(),
            document: None,
            level: None,
            window: 2,
            tolerance: Tolerance::Zero,
            approx_tolerance: Settings::APPROX,
            min_reference_share: None,
        }
    }
}

/// A dimension of region classes (`区位: 东部 中部 西部 东北`); a region has at most one class
/// of each dimension as far as tier analysis is concerned.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Dimension {
    /// Dimension name.
    pub name: String,
    /// Its classes.
    pub classes: Vec<String>,
}

/// A named region group (`中西部地区 = 中部 | 西部`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Group {
    /// Group name.
    pub name: String,
    /// The expression over classes only (groups it names are expanded when the file is loaded).
    pub expr: RegionExpr,
}

/// One indicator (or sub-indicator).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Indicator {
    /// Id (`4`, `5.1`, `B2`).
    pub id: String,
    /// Name.
    pub name: String,
    /// Parent id for sub-indicators.
    pub parent: Option<String>,
    /// Domain (领域).
    pub domain: Option<String>,
    /// Task (任务).
    pub task: Option<String>,
    /// Unit.
    pub unit: Option<String>,
    /// Attribute (inherited from the parent when not written; default binding).
    pub attribute: Attribute,
    /// Polarity.
    pub polarity: Option<Polarity>,
    /// Polarities of named quantities that the target's trends are about (`方向 PM2.5浓度 逆向`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub quantity_polarity: Vec<(String, Polarity)>,
    /// `适用`: applies only in these regions (class and group names).
    pub applies: Option<RegionExpr>,
    /// The target as written.
    pub target: Option<String>,
    /// The compiled target.
    pub predicate: Option<Predicate>,
    /// Responsible units.
    pub owner: Option<String>,
    /// Note.
    pub note: Option<String>,
    /// Window override.
    pub window: Option<u32>,
    /// Tolerance override.
    pub tolerance: Option<Tolerance>,
}

/// A veto item (一票否决).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Veto {
    /// Id.
    pub id: String,
    /// Text.
    pub text: String,
}

/// A whole indicator system.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct RuleSet {
    /// Metadata.
    pub system: System,
    /// Region class dimensions.
    pub dimensions: Vec<Dimension>,
    /// Region groups.
    pub groups: Vec<Group>,
    /// Every indicator in document order, sub-indicators after their parent.
    pub indicators: Vec<Indicator>,
    /// Veto items.
    pub vetoes: Vec<Veto>,
    /// Examples (test cases).
    #[serde(default)]
    pub examples: Vec<Example>,
}

impl RuleSet {
    /// Parse and validate an indicator file; every error is returned. Warnings are dropped:
    /// use [`load`] to see them.
    ///
    /// The errors come as one [`RuleErrors`] value, which implements `std::error::Error`:
    ///
    /// ```
    /// fn main() -> Result<(), Box<dyn std::error::Error>> {
    ///     let rules = zhibiao::RuleSet::parse("体系 \"x\" {\n指标 1 \"森林覆盖率\" {\n目标 ≥20\n}\n}\n")?;
    ///     assert_eq!(rules.indicators.len(), 1);
    ///     let bad = zhibiao::RuleSet::parse("体系 \"x\" {\n指标 1 \"y\" {\n目标 ≥\n}\n}\n");
    ///     assert!(bad.unwrap_err().to_string().contains("line 3"));
    ///     Ok(())
    /// }
    /// ```
    pub fn parse(src: &str) -> Result<RuleSet, RuleErrors> {
        let loaded = load(src);
        let errors: Vec<RuleError> = loaded
            .diagnostics
            .into_iter()
            .filter(|e| e.severity() == Severity::Error)
            .collect();
        if errors.is_empty() {
            Ok(loaded.rules)
        } else {
            Err(RuleErrors::new(errors, src))
        }
    }

    /// An indicator by id.
    pub fn indicator(&self, id: &str) -> Option<&Indicator> {
        self.indicators.iter().find(|i| i.id == id)
    }

    /// An indicator by id or by exact name.
    pub fn find(&self, id_or_name: &str) -> Option<&Indicator> {
        self.indicator(id_or_name)
            .or_else(|| self.indicators.iter().find(|i| i.name == id_or_name))
    }

    /// Positions of the direct sub-indicators of the indicator at `idx` (they follow it in
    /// document order).
    pub fn sub_indicators(&self, idx: usize) -> impl Iterator<Item = usize> + '_ {
        let id = &self.indicators[idx].id;
        (idx + 1..self.indicators.len())
            .take_while(move |&j| self.indicators[j].parent.is_some())
            .filter(move |&j| self.indicators[j].parent.as_ref() == Some(id))
    }

    /// Top-level indicators.
    pub fn top_level(&self) -> impl Iterator<Item = &Indicator> {
        self.indicators.iter().filter(|i| i.parent.is_none())
    }

    /// The evaluation settings of an indicator.
    pub fn settings(&self, ind: &Indicator) -> Settings {
        Settings {
            window: ind.window.unwrap_or(self.system.window),
            polarity: ind.polarity,
            tolerance: ind.tolerance.unwrap_or(self.system.tolerance),
            approx: self.system.approx_tolerance,
        }
    }

    /// Whether any tier or `适用` depends on region classes.
    pub fn uses_classes(&self) -> bool {
        self.indicators.iter().any(|i| {
            i.applies.is_some()
                || i.predicate.as_ref().is_some_and(|p| {
                    let mut found = false;
                    p.walk(&mut |q| {
                        if let Predicate::Tiered { tiers } = q {
                            found |= tiers
                                .iter()
                                .any(|t| matches!(t.when, crate::predicate::Guard::Region(_)));
                        }
                    });
                    found
                })
        })
    }

    /// Every declared class name.
    pub fn classes(&self) -> impl Iterator<Item = &str> {
        self.dimensions
            .iter()
            .flat_map(|d| d.classes.iter().map(String::as_str))
    }
}
