//! Errors of indicator files: a kind, a span and help; said in either language by [`Say`].

use thiserror::Error;

use super::tiers;
use crate::diagnostic::{Diagnostic, Severity};
use crate::message::Say;
use crate::syntax::{Expected, Wanted};
use crate::{Lang, Span};

/// A kind of thing an error names as duplicate or unknown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Thing {
    /// A class dimension (`分类 地形: …`).
    ClassDimension,
    /// A region class.
    RegionClass,
    /// A region group.
    RegionGroup,
    /// An indicator.
    Indicator,
    /// A veto.
    Veto,
    /// An example.
    Example,
    /// A data series.
    Series,
}

impl Say for Thing {
    fn say(&self, lang: Lang) -> String {
        let (en, zh) = match self {
            Thing::ClassDimension => ("class dimension", "分类维度"),
            Thing::RegionClass => ("region class", "地区分类"),
            Thing::RegionGroup => ("region group", "地区组"),
            Thing::Indicator => ("indicator", "指标"),
            Thing::Veto => ("veto", "否决项"),
            Thing::Example => ("example", "示例"),
            Thing::Series => ("series", "数据系列"),
        };
        match lang {
            Lang::Zh => zh.into(),
            Lang::En => en.into(),
        }
    }
}

impl std::fmt::Display for Thing {
    /// In English.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.say(Lang::En))
    }
}

/// Where a keyword stands that may not stand there.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Scope {
    /// Inside a block opened by this keyword (`体系`, `指标`, `示例` …).
    Block(&'static str),
    /// At the top of the file, outside the `体系` block.
    OutsideSystem,
}

impl Say for Scope {
    /// The place as it follows "not allowed in" / "不能用在".
    fn say(&self, lang: Lang) -> String {
        match (self, lang) {
            (Scope::Block(b), Lang::En) => format!("`{b}`"),
            (Scope::Block(b), Lang::Zh) => format!("「{b}」中"),
            (Scope::OutsideSystem, Lang::En) => "the file outside `体系`".into(),
            (Scope::OutsideSystem, Lang::Zh) => "「体系」之外".into(),
        }
    }
}

impl std::fmt::Display for Scope {
    /// In English.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.say(Lang::En))
    }
}

/// Every error of an indicator file, in file order (never empty). Displays the first with its
/// line and how many more there are; render each with [`RuleError::diagnostic`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleErrors {
    errors: Vec<RuleError>,
    first_line: usize,
}

impl RuleErrors {
    pub(super) fn new(errors: Vec<RuleError>, src: &str) -> RuleErrors {
        let first_line = errors.first().map_or(0, |e| {
            src[..e.span.start.min(src.len())].matches('\n').count() + 1
        });
        RuleErrors { errors, first_line }
    }

    /// The errors.
    pub fn errors(&self) -> &[RuleError] {
        &self.errors
    }
}

impl std::ops::Deref for RuleErrors {
    type Target = [RuleError];
    fn deref(&self) -> &[RuleError] {
        &self.errors
    }
}

impl IntoIterator for RuleErrors {
    type Item = RuleError;
    type IntoIter = std::vec::IntoIter<RuleError>;
    fn into_iter(self) -> Self::IntoIter {
        self.errors.into_iter()
    }
}

impl<'a> IntoIterator for &'a RuleErrors {
    type Item = &'a RuleError;
    type IntoIter = std::slice::Iter<'a, RuleError>;
    fn into_iter(self) -> Self::IntoIter {
        self.errors.iter()
    }
}

impl std::fmt::Display for RuleErrors {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.errors.split_first() {
            None => f.write_str("no errors"),
            Some((first, rest)) => {
                write!(f, "line {}: {first}", self.first_line)?;
                if !rest.is_empty() {
                    write!(f, " (and {} more errors)", rest.len())?;
                }
                Ok(())
            }
        }
    }
}

impl std::error::Error for RuleErrors {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.errors
            .first()
            .map(|e| e as &(dyn std::error::Error + 'static))
    }
}

/// An error (or warning) in an indicator file.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("{kind}")]
pub struct RuleError {
    /// What.
    pub kind: RuleErrorKind,
    /// Where in the file.
    pub span: Span,
    /// A hint.
    pub help: Option<crate::syntax::Help>,
}

/// Kinds of indicator-file error.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum RuleErrorKind {
    /// A line the grammar does not accept.
    #[error("{0}")]
    Syntax(crate::syntax::SyntaxErrorKind),
    /// A target that does not parse or lower (the error keeps its own span, relative to the
    /// target text, as its source).
    #[error("in target: {0}")]
    Target(#[source] crate::predicate::TargetError),
    /// An unknown keyword or one in the wrong block.
    #[error("`{keyword}` is not allowed in {place}")]
    Misplaced {
        /// The keyword.
        keyword: String,
        /// Where it stands.
        place: Scope,
    },
    /// A statement with missing or extra arguments.
    #[error("`{keyword}` expects {expected}")]
    Arguments {
        /// The keyword.
        keyword: String,
        /// What it expects.
        expected: Expected,
    },
    /// The file has no `体系` block, or more than one.
    #[error("a file holds exactly one `体系` (system) block")]
    System,
    /// Two indicators, vetoes, classes or examples with one id.
    #[error("duplicate {what} `{id}`")]
    Duplicate {
        /// What kind of thing.
        what: Thing,
        /// The id.
        id: String,
    },
    /// A sub-indicator whose id does not start with its parent's.
    #[error("sub-indicator `{id}` is not numbered under `{parent}`")]
    SubId {
        /// The sub-indicator.
        id: String,
        /// Its parent.
        parent: String,
    },
    /// A region name that is neither a declared class nor a group.
    #[error("unknown region class or group `{name}`")]
    UnknownRegion {
        /// The name.
        name: String,
    },
    /// Groups that refer to each other.
    #[error("region group `{name}` refers to itself")]
    GroupCycle {
        /// The group.
        name: String,
    },
    /// A class or group name holding an operator, a separator or a control character.
    #[error("class name `{}` holds `{}`: a class name is one word, without `& | ! ( )`, separators, spaces or control characters", crate::types::visible(name), ch.escape_debug())]
    BadName {
        /// The name.
        name: String,
        /// The first character it may not hold.
        ch: char,
    },
    /// A group that would expand to too many class names.
    #[error("region group `{}` would expand to {size} class names (at most {}): {}", chain.first().map_or("", String::as_str), tiers::MAX_GROUP_SIZE, chain.join(" → "))]
    GroupTooLarge {
        /// The groups that make it large, outermost first.
        chain: Vec<String>,
        /// Its size.
        size: u64,
    },
    /// An unknown attribute word.
    #[error("unknown attribute `{word}`")]
    Attribute {
        /// The word.
        word: String,
    },
    /// An unknown polarity word.
    #[error("unknown polarity `{word}`")]
    Polarity {
        /// The word.
        word: String,
    },
    /// A target needing polarity on an indicator without `方向`.
    #[error("target `{target}` needs the indicator's polarity")]
    MissingPolarity {
        /// The target.
        target: String,
    },
    /// Two tiers apply to the same regions.
    #[error("tiers {first} and {second} overlap for regions in {classes}")]
    OverlappingTiers {
        /// First tier (1-based).
        first: usize,
        /// Second tier.
        second: usize,
        /// A class combination in both.
        classes: String,
    },
    /// Declared classes no tier covers (a warning).
    #[error("no tier covers regions in {classes}{}; they are not applicable", more_combinations(*total, tiers::SHOWN_UNCOVERED))]
    UncoveredTiers {
        /// The first uncovered combinations, joined with `, `.
        classes: String,
        /// How many combinations are uncovered in all.
        total: usize,
    },
    /// A number that does not parse.
    #[error("`{text}` is not {expected}")]
    Number {
        /// The text.
        text: String,
        /// What was expected.
        expected: Wanted,
    },
    /// An example refers to an unknown indicator, veto or series.
    #[error("unknown {what} `{id}`")]
    Unknown {
        /// What kind of thing.
        what: Thing,
        /// The id.
        id: String,
    },
    /// An unknown verdict word in an example.
    #[error("unknown verdict `{word}`")]
    Verdict {
        /// The word.
        word: String,
    },
}

impl RuleError {
    /// An error.
    pub fn new(kind: RuleErrorKind, span: Span) -> RuleError {
        RuleError {
            kind,
            span,
            help: None,
        }
    }

    /// With help.
    pub fn help(mut self, h: crate::syntax::Help) -> RuleError {
        self.help = Some(h);
        self
    }

    /// Error or warning.
    pub fn severity(&self) -> Severity {
        match self.kind {
            RuleErrorKind::UncoveredTiers { .. } => Severity::Warning,
            _ => Severity::Error,
        }
    }

    /// As a renderable diagnostic, in English.
    pub fn diagnostic(&self) -> Diagnostic {
        self.diagnostic_in(Lang::En)
    }

    /// As a renderable diagnostic in `lang`.
    pub fn diagnostic_in(&self, lang: Lang) -> Diagnostic {
        Diagnostic {
            severity: self.severity(),
            message: self.kind.say(lang),
            span: self.span,
            help: self.help.as_ref().map(|h| h.say(lang)),
        }
    }
}

/// `, … (9 combinations)` after the shown ones when there are more than `shown`.
fn more_combinations(total: usize, shown: usize) -> String {
    match total > shown {
        true => format!(", … ({total} combinations)"),
        false => String::new(),
    }
}

impl Say for RuleErrorKind {
    fn say(&self, lang: Lang) -> String {
        use RuleErrorKind as K;
        if lang == Lang::En {
            return self.to_string();
        }
        match self {
            K::Syntax(k) => k.say(lang),
            K::Target(e) => format!("目标有误:{}", e.say(lang)),
            K::Misplaced { keyword, place } => format!("「{keyword}」不能用在{}", place.say(lang)),
            K::Arguments { keyword, expected } => {
                format!("「{keyword}」需要{}", expected.zh_after())
            }
            K::System => "一个文件只能有一个「体系」块".into(),
            K::Duplicate { what, id } => format!("重复的{}「{id}」", what.say(lang)),
            K::SubId { id, parent } => format!("子指标「{id}」的编号不在「{parent}」之下"),
            K::UnknownRegion { name } => format!("未知的地区分类或地区组「{name}」"),
            K::GroupCycle { name } => format!("地区组「{name}」引用了自身"),
            K::BadName { name, ch } => format!(
                "分类名称「{}」含有「{}」:分类名称是一个词,不含 `& | ! ( )`、分隔符、空格或控制字符",
                crate::types::visible(name),
                ch.escape_debug()
            ),
            K::GroupTooLarge { chain, size } => format!(
                "地区组「{}」将展开为 {size} 个分类名称(上限 {}):{}",
                chain.first().map_or("", String::as_str),
                tiers::MAX_GROUP_SIZE,
                chain.join(" → ")
            ),
            K::Attribute { word } => format!("未知的属性「{word}」"),
            K::Polarity { word } => format!("未知的方向「{word}」"),
            K::MissingPolarity { target } => format!("目标「{target}」需要指标的方向"),
            K::OverlappingTiers {
                first,
                second,
                classes,
            } => format!("第 {first} 档与第 {second} 档在 {classes} 的地区重叠"),
            K::UncoveredTiers { classes, total } => {
                let classes = classes.replace(", ", "、");
                let more = match *total > tiers::SHOWN_UNCOVERED {
                    true => format!("…(共 {total} 种)"),
                    false => String::new(),
                };
                format!("没有一档适用于 {classes}{more} 的地区:这些地区不适用")
            }
            K::Number { text, expected } => {
                format!("「{text}」不是{}", Expected::from(*expected).zh_after())
            }
            K::Unknown { what, id } => format!("未知的{}「{id}」", what.say(lang)),
            K::Verdict { word } => format!("未知的判定「{word}」"),
        }
    }
}
