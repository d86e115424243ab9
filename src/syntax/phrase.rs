//! The phrase table: every fixed phrase of the target language with its typed meaning.
//!
//! This table is the single source of what a phrase means. The parser records the meaning in the
//! syntax tree when it reads the phrase ([`lookup`]); the fast path, the did-you-mean vocabulary
//! ([`vocabulary`]) and the canonical printers ([`canonical`]) read it too. The grammar
//! (`grammar/targets.pest`) must list exactly these phrases in the rule of each family — a test
//! checks that (`tests/targets.rs`), and another checks the phrase list in `rules/README.md`.

use crate::types::{Direction, Op, TrendMode};

/// What a fixed phrase means.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Meaning {
    /// A comparison word (`不低于` is `≥`).
    Op(Op),
    /// A trend phrase: how steps are judged and which way.
    Trend(TrendMode, Direction),
    /// A change word: which way counts as positive, and whether it names a rate (`增长率`,
    /// `下降率`: relative on a `%` value; `提高幅度`: a difference in percentage points).
    Change {
        /// The direction counted as positive.
        direction: Direction,
        /// A rate word.
        rate: bool,
    },
    /// A superior-target phrase (`完成上级规定的考核任务`).
    Superior,
    /// A requirement word (`建立`, `划定并遵守`): the closed list of what a status target may
    /// require; an object may follow (`建立…制度`).
    Requirement,
    /// A requirement that is itself negative (`不明显`, `性质不改变`).
    NegatedRequirement,
    /// A negation (`不`, `未`, `无`, `没有`) before a requirement word: part of the requirement,
    /// never of a series name.
    Negation,
    /// An adverb before a requirement word (`有效`, `全面`).
    Adverb,
}

/// The families of phrases, each listed by one grammar rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Family {
    /// `op_word`
    Op,
    /// `trend_phrase`
    Trend,
    /// `change_word`
    Change,
    /// `superior_phrase`
    Superior,
    /// `verb`
    Requirement,
    /// `negated_phrase`
    NegatedRequirement,
    /// `negation`
    Negation,
    /// `adverb`
    Adverb,
}

impl Family {
    /// Every family.
    pub const ALL: [Family; 8] = [
        Family::Op,
        Family::Trend,
        Family::Change,
        Family::Superior,
        Family::Requirement,
        Family::NegatedRequirement,
        Family::Negation,
        Family::Adverb,
    ];

    /// The grammar rule that lists this family's phrases.
    pub fn rule(self) -> &'static str {
        match self {
            Family::Op => "op_word",
            Family::Trend => "trend_phrase",
            Family::Change => "change_word",
            Family::Superior => "superior_phrase",
            Family::Requirement => "verb",
            Family::NegatedRequirement => "negated_phrase",
            Family::Negation => "negation",
            Family::Adverb => "adverb",
        }
    }
}

impl Meaning {
    /// The family of this meaning.
    pub fn family(self) -> Family {
        match self {
            Meaning::Op(_) => Family::Op,
            Meaning::Trend(..) => Family::Trend,
            Meaning::Change { .. } => Family::Change,
            Meaning::Superior => Family::Superior,
            Meaning::Requirement => Family::Requirement,
            Meaning::NegatedRequirement => Family::NegatedRequirement,
            Meaning::Negation => Family::Negation,
            Meaning::Adverb => Family::Adverb,
        }
    }
}

/// A phrase and its meaning.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Phrase {
    /// The phrase as written (after normalisation).
    pub text: &'static str,
    /// What it means.
    pub meaning: Meaning,
}

const fn p(text: &'static str, meaning: Meaning) -> Phrase {
    Phrase { text, meaning }
}

/// Every phrase. Within a family, the first phrase with a given meaning is the canonical one.
pub static PHRASES: &[Phrase] = &[
    // comparison words (grammar rule `op_word`)
    p("不低于", Meaning::Op(Op::Ge)),
    p("不少于", Meaning::Op(Op::Ge)),
    p("不小于", Meaning::Op(Op::Ge)),
    p("不高于", Meaning::Op(Op::Le)),
    p("不超过", Meaning::Op(Op::Le)),
    p("不大于", Meaning::Op(Op::Le)),
    p("不多于", Meaning::Op(Op::Le)),
    p("大于等于", Meaning::Op(Op::Ge)),
    p("小于等于", Meaning::Op(Op::Le)),
    p("要超过", Meaning::Op(Op::Gt)),
    p("大于", Meaning::Op(Op::Gt)),
    p("高于", Meaning::Op(Op::Gt)),
    p("超过", Meaning::Op(Op::Gt)),
    p("多于", Meaning::Op(Op::Gt)),
    p("小于", Meaning::Op(Op::Lt)),
    p("低于", Meaning::Op(Op::Lt)),
    p("少于", Meaning::Op(Op::Lt)),
    p("等于", Meaning::Op(Op::Eq)),
    // trend phrases (`trend_phrase`); the first phrase of each meaning is the canonical one
    p(
        "保持稳定或持续改善",
        Meaning::Trend(TrendMode::HoldOrImprove, Direction::Better),
    ),
    p(
        "保持稳定或持续提高",
        Meaning::Trend(TrendMode::HoldOrImprove, Direction::Up),
    ),
    p(
        "保持稳定或持续下降",
        Meaning::Trend(TrendMode::HoldOrImprove, Direction::Down),
    ),
    p(
        "持续改善",
        Meaning::Trend(TrendMode::Continuous, Direction::Better),
    ),
    p(
        "持续提高",
        Meaning::Trend(TrendMode::Continuous, Direction::Up),
    ),
    p(
        "持续下降",
        Meaning::Trend(TrendMode::Continuous, Direction::Down),
    ),
    p(
        "逐步改善",
        Meaning::Trend(TrendMode::Overall, Direction::Better),
    ),
    p(
        "逐步提高",
        Meaning::Trend(TrendMode::Overall, Direction::Up),
    ),
    p(
        "逐步下降",
        Meaning::Trend(TrendMode::Overall, Direction::Down),
    ),
    p(
        "不恶化",
        Meaning::Trend(TrendMode::NoWorse, Direction::Better),
    ),
    p("不降低", Meaning::Trend(TrendMode::NoWorse, Direction::Up)),
    // `只能更好、不能变差`: never worse than the year before
    p(
        "只能更好",
        Meaning::Trend(TrendMode::NoWorse, Direction::Better),
    ),
    p(
        "不能变差",
        Meaning::Trend(TrendMode::NoWorse, Direction::Better),
    ),
    p(
        "不能变坏",
        Meaning::Trend(TrendMode::NoWorse, Direction::Better),
    ),
    p(
        "不变差",
        Meaning::Trend(TrendMode::NoWorse, Direction::Better),
    ),
    p(
        "不变坏",
        Meaning::Trend(TrendMode::NoWorse, Direction::Better),
    ),
    p(
        "不增加",
        Meaning::Trend(TrendMode::NoWorse, Direction::Down),
    ),
    p(
        "保持稳定或持续提升",
        Meaning::Trend(TrendMode::HoldOrImprove, Direction::Up),
    ),
    p(
        "保持稳定或持续上升",
        Meaning::Trend(TrendMode::HoldOrImprove, Direction::Up),
    ),
    p(
        "保持稳定或持续增加",
        Meaning::Trend(TrendMode::HoldOrImprove, Direction::Up),
    ),
    p(
        "保持稳定或持续降低",
        Meaning::Trend(TrendMode::HoldOrImprove, Direction::Down),
    ),
    p(
        "保持稳定或持续减少",
        Meaning::Trend(TrendMode::HoldOrImprove, Direction::Down),
    ),
    p(
        "保持稳定或有所提高",
        Meaning::Trend(TrendMode::HoldOrImprove, Direction::Up),
    ),
    p(
        "保持稳定或有所改善",
        Meaning::Trend(TrendMode::HoldOrImprove, Direction::Better),
    ),
    p(
        "保持稳定或有所下降",
        Meaning::Trend(TrendMode::HoldOrImprove, Direction::Down),
    ),
    p(
        "稳中向好",
        Meaning::Trend(TrendMode::HoldOrImprove, Direction::Better),
    ),
    p(
        "稳中有升",
        Meaning::Trend(TrendMode::HoldOrImprove, Direction::Up),
    ),
    p(
        "稳中有降",
        Meaning::Trend(TrendMode::HoldOrImprove, Direction::Down),
    ),
    p(
        "持续提升",
        Meaning::Trend(TrendMode::Continuous, Direction::Up),
    ),
    p(
        "持续上升",
        Meaning::Trend(TrendMode::Continuous, Direction::Up),
    ),
    p(
        "持续增加",
        Meaning::Trend(TrendMode::Continuous, Direction::Up),
    ),
    p(
        "持续降低",
        Meaning::Trend(TrendMode::Continuous, Direction::Down),
    ),
    p(
        "持续减少",
        Meaning::Trend(TrendMode::Continuous, Direction::Down),
    ),
    p(
        "持续好转",
        Meaning::Trend(TrendMode::Continuous, Direction::Better),
    ),
    p(
        "逐年改善",
        Meaning::Trend(TrendMode::Continuous, Direction::Better),
    ),
    p(
        "逐年提高",
        Meaning::Trend(TrendMode::Continuous, Direction::Up),
    ),
    p(
        "逐年上升",
        Meaning::Trend(TrendMode::Continuous, Direction::Up),
    ),
    p(
        "逐年增加",
        Meaning::Trend(TrendMode::Continuous, Direction::Up),
    ),
    p(
        "逐年下降",
        Meaning::Trend(TrendMode::Continuous, Direction::Down),
    ),
    p(
        "逐年降低",
        Meaning::Trend(TrendMode::Continuous, Direction::Down),
    ),
    p(
        "逐年减少",
        Meaning::Trend(TrendMode::Continuous, Direction::Down),
    ),
    p(
        "逐步提升",
        Meaning::Trend(TrendMode::Overall, Direction::Up),
    ),
    p(
        "逐步上升",
        Meaning::Trend(TrendMode::Overall, Direction::Up),
    ),
    p(
        "逐步增加",
        Meaning::Trend(TrendMode::Overall, Direction::Up),
    ),
    p(
        "逐步降低",
        Meaning::Trend(TrendMode::Overall, Direction::Down),
    ),
    p(
        "逐步减少",
        Meaning::Trend(TrendMode::Overall, Direction::Down),
    ),
    p(
        "有所提高",
        Meaning::Trend(TrendMode::Overall, Direction::Up),
    ),
    p(
        "有所改善",
        Meaning::Trend(TrendMode::Overall, Direction::Better),
    ),
    p(
        "有所下降",
        Meaning::Trend(TrendMode::Overall, Direction::Down),
    ),
    p("不下降", Meaning::Trend(TrendMode::NoWorse, Direction::Up)),
    p("不减少", Meaning::Trend(TrendMode::NoWorse, Direction::Up)),
    p(
        "不上升",
        Meaning::Trend(TrendMode::NoWorse, Direction::Down),
    ),
    p(
        "不升高",
        Meaning::Trend(TrendMode::NoWorse, Direction::Down),
    ),
    p(
        "不退化",
        Meaning::Trend(TrendMode::NoWorse, Direction::Better),
    ),
    p(
        "保持稳定",
        Meaning::Trend(TrendMode::HoldOrImprove, Direction::Better),
    ),
    p("提高", Meaning::Trend(TrendMode::Overall, Direction::Up)),
    p("提升", Meaning::Trend(TrendMode::Overall, Direction::Up)),
    p("上升", Meaning::Trend(TrendMode::Overall, Direction::Up)),
    p("增加", Meaning::Trend(TrendMode::Overall, Direction::Up)),
    p("下降", Meaning::Trend(TrendMode::Overall, Direction::Down)),
    p("降低", Meaning::Trend(TrendMode::Overall, Direction::Down)),
    p("减少", Meaning::Trend(TrendMode::Overall, Direction::Down)),
    p(
        "改善",
        Meaning::Trend(TrendMode::Overall, Direction::Better),
    ),
    // change words (`change_word`); `rate`: a rate word, relative on a `%` value
    p(
        "提高幅度",
        Meaning::Change {
            direction: Direction::Up,
            rate: false,
        },
    ),
    p(
        "下降幅度",
        Meaning::Change {
            direction: Direction::Down,
            rate: false,
        },
    ),
    p(
        "增长率",
        Meaning::Change {
            direction: Direction::Up,
            rate: true,
        },
    ),
    p(
        "下降率",
        Meaning::Change {
            direction: Direction::Down,
            rate: true,
        },
    ),
    p(
        "年增量",
        Meaning::Change {
            direction: Direction::Up,
            rate: false,
        },
    ),
    p(
        "年增幅",
        Meaning::Change {
            direction: Direction::Up,
            rate: false,
        },
    ),
    p(
        "年均增幅",
        Meaning::Change {
            direction: Direction::Up,
            rate: false,
        },
    ),
    p(
        "年均增长率",
        Meaning::Change {
            direction: Direction::Up,
            rate: true,
        },
    ),
    p(
        "年均增长",
        Meaning::Change {
            direction: Direction::Up,
            rate: true,
        },
    ),
    p(
        "年均下降率",
        Meaning::Change {
            direction: Direction::Down,
            rate: true,
        },
    ),
    p(
        "年均下降",
        Meaning::Change {
            direction: Direction::Down,
            rate: true,
        },
    ),
    p(
        "提升幅度",
        Meaning::Change {
            direction: Direction::Up,
            rate: false,
        },
    ),
    p(
        "增长幅度",
        Meaning::Change {
            direction: Direction::Up,
            rate: false,
        },
    ),
    p(
        "增加幅度",
        Meaning::Change {
            direction: Direction::Up,
            rate: false,
        },
    ),
    p(
        "降低幅度",
        Meaning::Change {
            direction: Direction::Down,
            rate: false,
        },
    ),
    p(
        "减少幅度",
        Meaning::Change {
            direction: Direction::Down,
            rate: false,
        },
    ),
    p(
        "增加率",
        Meaning::Change {
            direction: Direction::Up,
            rate: true,
        },
    ),
    p(
        "降低率",
        Meaning::Change {
            direction: Direction::Down,
            rate: true,
        },
    ),
    p(
        "减少率",
        Meaning::Change {
            direction: Direction::Down,
            rate: true,
        },
    ),
    p(
        "增幅",
        Meaning::Change {
            direction: Direction::Up,
            rate: false,
        },
    ),
    p(
        "降幅",
        Meaning::Change {
            direction: Direction::Down,
            rate: false,
        },
    ),
    p(
        "提高",
        Meaning::Change {
            direction: Direction::Up,
            rate: false,
        },
    ),
    p(
        "提升",
        Meaning::Change {
            direction: Direction::Up,
            rate: false,
        },
    ),
    p(
        "增长",
        Meaning::Change {
            direction: Direction::Up,
            rate: false,
        },
    ),
    p(
        "增加",
        Meaning::Change {
            direction: Direction::Up,
            rate: false,
        },
    ),
    p(
        "上升",
        Meaning::Change {
            direction: Direction::Up,
            rate: false,
        },
    ),
    p(
        "下降",
        Meaning::Change {
            direction: Direction::Down,
            rate: false,
        },
    ),
    p(
        "降低",
        Meaning::Change {
            direction: Direction::Down,
            rate: false,
        },
    ),
    p(
        "减少",
        Meaning::Change {
            direction: Direction::Down,
            rate: false,
        },
    ),
    p(
        "削减",
        Meaning::Change {
            direction: Direction::Down,
            rate: false,
        },
    ),
    // superior-target phrases (`superior_phrase`)
    p("完成上级规定的考核任务", Meaning::Superior),
    p("完成上级规定的目标任务", Meaning::Superior),
    p("完成上级下达的考核任务", Meaning::Superior),
    p("完成上级下达的目标任务", Meaning::Superior),
    p("完成上级下达的任务", Meaning::Superior),
    p("完成上级管控目标", Meaning::Superior),
    p("完成上级考核目标", Meaning::Superior),
    p("完成年度审核计划", Meaning::Superior),
    p("完成年度目标任务", Meaning::Superior),
    p("完成总量控制目标和任务", Meaning::Superior),
    p("完成总量控制目标任务", Meaning::Superior),
    p("完成总量控制目标", Meaning::Superior),
    p("完成上级下达的总量控制目标", Meaning::Superior),
    p("不超过控制目标值", Meaning::Superior),
    p("不超过上级下达的控制目标", Meaning::Superior),
    p("控制在目标值以内", Meaning::Superior),
    p("达到上级考核要求", Meaning::Superior),
    p("达到考核要求", Meaning::Superior),
    // requirement words (`verb`): the closed list of what a status target may require
    p("制定实施", Meaning::Requirement),
    p("建立健全", Meaning::Requirement),
    p("划定并遵守", Meaning::Requirement),
    p("编制实施", Meaning::Requirement),
    p("制定", Meaning::Requirement),
    p("实施", Meaning::Requirement),
    p("建立", Meaning::Requirement),
    p("具备", Meaning::Requirement),
    p("消除", Meaning::Requirement),
    p("发生", Meaning::Requirement),
    p("开展", Meaning::Requirement),
    p("划定", Meaning::Requirement),
    p("遵守", Meaning::Requirement),
    p("编制", Meaning::Requirement),
    p("执行", Meaning::Requirement),
    p("落实", Meaning::Requirement),
    p("建成", Meaning::Requirement),
    p("推行", Meaning::Requirement),
    p("推进", Meaning::Requirement),
    p("出台", Meaning::Requirement),
    p("颁布", Meaning::Requirement),
    p("公开", Meaning::Requirement),
    p("设立", Meaning::Requirement),
    p("健全", Meaning::Requirement),
    p("完善", Meaning::Requirement),
    p("达标排放", Meaning::Requirement),
    p("达标", Meaning::Requirement),
    p("通过", Meaning::Requirement),
    p("覆盖", Meaning::Requirement),
    p("保障", Meaning::Requirement),
    p("运行", Meaning::Requirement),
    p("公布", Meaning::Requirement),
    p("发布", Meaning::Requirement),
    p("构建", Meaning::Requirement),
    p("形成", Meaning::Requirement),
    p("纳入", Meaning::Requirement),
    p("完成", Meaning::Requirement),
    p("贯彻执行", Meaning::Requirement),
    p("贯彻", Meaning::Requirement),
    p("审议", Meaning::Requirement),
    p("组建", Meaning::Requirement),
    p("配备", Meaning::Requirement),
    p("评估", Meaning::Requirement),
    p("考核", Meaning::Requirement),
    p("整改", Meaning::Requirement),
    p("落地", Meaning::Requirement),
    p("启动", Meaning::Requirement),
    p("试点", Meaning::Requirement),
    p("保护", Meaning::Requirement),
    p("查处反馈", Meaning::Requirement),
    p("查处", Meaning::Requirement),
    p("反馈", Meaning::Requirement),
    // requirements that are themselves negative (`negated_phrase`)
    p("不明显", Meaning::NegatedRequirement),
    p("不改变", Meaning::NegatedRequirement),
    p("不变", Meaning::NegatedRequirement),
    p("无明显变化", Meaning::NegatedRequirement),
    p("无", Meaning::NegatedRequirement),
    // negations (`negation`): never part of a series name
    p("没有", Meaning::Negation),
    p("不", Meaning::Negation),
    p("未", Meaning::Negation),
    p("无", Meaning::Negation),
    // adverbs before a requirement word (`adverb`)
    p("有效", Meaning::Adverb),
    p("全面", Meaning::Adverb),
    p("依法", Meaning::Adverb),
    p("科学", Meaning::Adverb),
    p("探索", Meaning::Adverb),
    p("严格", Meaning::Adverb),
    p("积极", Meaning::Adverb),
    p("基本", Meaning::Adverb),
    p("稳定", Meaning::Adverb),
    p("持续", Meaning::Adverb),
    p("普遍", Meaning::Adverb),
    p("按时", Meaning::Adverb),
    p("按期", Meaning::Adverb),
    p("如期", Meaning::Adverb),
    p("及时", Meaning::Adverb),
    p("规范", Meaning::Adverb),
    p("定期", Meaning::Adverb),
    p("逐步", Meaning::Adverb),
    p("已", Meaning::Adverb),
    p("初步", Meaning::Adverb),
    p("率先", Meaning::Adverb),
    p("有序", Meaning::Adverb),
    p("得到", Meaning::Adverb),
    p("受到", Meaning::Adverb),
];

/// The phrases of one family, in table order.
pub fn family(f: Family) -> impl Iterator<Item = &'static Phrase> {
    PHRASES.iter().filter(move |p| p.meaning.family() == f)
}

/// The phrase of a family written exactly as `text`.
///
/// ```
/// use zhibiao::syntax::phrase::{lookup, Family, Meaning};
/// use zhibiao::types::{Direction, TrendMode};
/// assert_eq!(
///     lookup(Family::Trend, "稳中向好").map(|p| p.meaning),
///     Some(Meaning::Trend(TrendMode::HoldOrImprove, Direction::Better))
/// );
/// assert_eq!(lookup(Family::Trend, "稳中求进"), None);
/// ```
pub fn lookup(f: Family, text: &str) -> Option<&'static Phrase> {
    family(f).find(|p| p.text == text)
}

/// The canonical phrase for a meaning (the first in the table), used by the printers.
///
/// ```
/// use zhibiao::syntax::phrase::{canonical, Meaning};
/// use zhibiao::types::{Direction, TrendMode};
/// assert_eq!(canonical(Meaning::Trend(TrendMode::NoWorse, Direction::Up)), Some("不降低"));
/// ```
pub fn canonical(m: Meaning) -> Option<&'static str> {
    PHRASES.iter().find(|p| p.meaning == m).map(|p| p.text)
}

/// The requirement after its negation, when `requirement` is negative: a negative requirement
/// of the table (`不明显` → `明显`, `无` → ``) or a negation before a requirement (`未建立` →
/// `建立`). `None` for a positive requirement.
///
/// ```
/// use zhibiao::syntax::phrase::negation_of;
/// assert_eq!(negation_of("未建立"), Some("建立"));
/// assert_eq!(negation_of("不明显"), Some("明显"));
/// assert_eq!(negation_of("建立"), None);
/// ```
pub fn negation_of(requirement: &str) -> Option<&str> {
    let strip =
        |text: &'static str| family(Family::Negation).find_map(|n| text.strip_prefix(n.text));
    if let Some(p) = lookup(Family::NegatedRequirement, requirement) {
        return strip(p.text);
    }
    family(Family::Negation).find_map(|n| {
        requirement
            .strip_prefix(n.text)
            .filter(|rest| !rest.is_empty())
    })
}

/// The phrases of the language with at least two CJK characters, for "did you mean"
/// suggestions, each once.
pub fn vocabulary() -> &'static [&'static str] {
    static VOCAB: std::sync::OnceLock<Vec<&'static str>> = std::sync::OnceLock::new();
    VOCAB.get_or_init(|| {
        let mut out: Vec<&'static str> = Vec::new();
        for p in PHRASES {
            let cjk = p
                .text
                .chars()
                .filter(|c| ('\u{4e00}'..='\u{9fff}').contains(c))
                .count();
            if cjk >= 2 && !out.contains(&p.text) {
                out.push(p.text);
            }
        }
        out
    })
}

impl Family {
    /// The family's heading in the rule-author guide.
    pub fn title(self) -> &'static str {
        match self {
            Family::Op => "比较词 comparison words",
            Family::Trend => "趋势短语 trend phrases",
            Family::Change => "变化词 change words",
            Family::Superior => "上级目标短语 superior-target phrases",
            Family::Requirement => "要求词 requirement words",
            Family::NegatedRequirement => "否定的要求 negative requirements",
            Family::Negation => "否定词 negations",
            Family::Adverb => "要求词前的副词 adverbs",
        }
    }
}

impl Meaning {
    /// The meaning in a few words, for the rule-author guide.
    pub fn gloss(self) -> String {
        let dir = |d: Direction| match d {
            Direction::Up => "up",
            Direction::Down => "down",
            Direction::Better => "better",
        };
        match self {
            Meaning::Op(op) => op.symbol().to_string(),
            Meaning::Trend(mode, d) => {
                let m = match mode {
                    TrendMode::HoldOrImprove => "hold_or_improve",
                    TrendMode::Continuous => "continuous",
                    TrendMode::Overall => "overall",
                    TrendMode::NoWorse => "no_worse",
                };
                format!("{m} {}", dir(d))
            }
            Meaning::Change { direction, rate } => {
                format!("{}{}", dir(direction), if rate { " rate" } else { "" })
            }
            Meaning::Superior => "superior_target".to_string(),
            Meaning::Requirement => "requirement".to_string(),
            Meaning::NegatedRequirement => "negative requirement".to_string(),
            Meaning::Negation => "negation".to_string(),
            Meaning::Adverb => "adverb".to_string(),
        }
    }
}

/// The heads that end a quantity's name (`利用率`, `年均浓度`): in a list of quantities printed
/// with one shared head (`化肥、农药利用率`), the head of the last name is added to the names
/// before it. The longest head that ends the last name is taken.
pub static QUANTITY_HEADS: &[&str] = &[
    "污水处理率",
    "污水集中处理率",
    "无害化处理率",
    "集中处理率",
    "处理率",
    "利用率",
    "综合利用率",
    "安全利用率",
    "回收率",
    "覆盖率",
    "绿化覆盖率",
    "森林覆盖率",
    "达标率",
    "优良率",
    "合格率",
    "绿地率",
    "普及率",
    "使用率",
    "比例",
    "比率",
    "年均浓度",
    "平均浓度",
    "浓度",
    "排放量",
    "排放总量",
    "减排量",
    "削减量",
    "使用量",
    "用水量",
    "消耗量",
    "产生量",
    "面积",
    "总量",
    "强度",
    "指数",
];

/// The words that may stand between a trend's quantity and its phrase and change the phrase
/// (`继续减少`, `明显提升`): a quantity's name never ends in one.
pub static TREND_MODIFIERS: &[&str] = &[
    "继续",
    "明显",
    "进一步",
    "得到巩固",
    "得到",
    "显著",
    "大幅",
    "稳步",
    "总体",
    "整体",
    "局部",
];

/// The head that `name` ends with and that the names before it in a list share: the longest
/// entry of [`QUANTITY_HEADS`] that ends `name` and is shorter than it.
///
/// ```
/// use zhibiao::syntax::phrase::quantity_head;
/// assert_eq!(quantity_head("乡镇污水处理率"), Some("污水处理率"));
/// assert_eq!(quantity_head("PM2.5年均浓度"), Some("年均浓度"));
/// assert_eq!(quantity_head("化肥"), None);
/// ```
pub fn quantity_head(name: &str) -> Option<&'static str> {
    QUANTITY_HEADS
        .iter()
        .filter(|h| name.len() > h.len() && name.ends_with(**h))
        .max_by_key(|h| h.len())
        .copied()
}

/// The phrase table as Markdown, one table row per family and meaning (the block between the
/// `phrase-table` markers in `rules/README.md`).
pub fn markdown() -> String {
    let mut out = String::from("| 类 family | 短语 phrases | 读法 meaning |\n|---|---|---|\n");
    for f in Family::ALL {
        let mut meanings: Vec<Meaning> = Vec::new();
        for p in family(f) {
            if !meanings.contains(&p.meaning) {
                meanings.push(p.meaning);
            }
        }
        for m in meanings {
            let words: Vec<String> = family(f)
                .filter(|p| p.meaning == m)
                .map(|p| format!("`{}`", p.text))
                .collect();
            out.push_str(&format!(
                "| {} | {} | {} |\n",
                f.title(),
                words.join(" "),
                m.gloss()
            ));
        }
    }
    let heads: Vec<String> = QUANTITY_HEADS.iter().map(|h| format!("`{h}`")).collect();
    out.push_str(&format!(
        "| 量名词尾 quantity heads | {} | shared by a list of quantities: `化肥、农药利用率` is 化肥利用率 and 农药利用率 |\n",
        heads.join(" ")
    ));
    out
}

#[cfg(test)]
mod tests {
    /// The quoted words of the grammar rule that starts with `head`.
    fn rule_words(head: &str) -> Vec<&'static str> {
        let grammar = include_str!("../../grammar/targets.pest");
        let rule = grammar
            .split(head)
            .nth(1)
            .and_then(|r| r.split('}').next())
            .unwrap_or_default();
        rule.split('"').skip(1).step_by(2).collect()
    }

    /// The grammar's `quantity_head` rule lists exactly [`super::QUANTITY_HEADS`].
    #[test]
    fn grammar_lists_the_quantity_heads() {
        assert_eq!(rule_words("\nquantity_head = {"), super::QUANTITY_HEADS);
    }

    /// The grammar's `trend_modifier` rule lists exactly [`super::TREND_MODIFIERS`].
    #[test]
    fn grammar_lists_the_trend_modifiers() {
        assert_eq!(rule_words("\ntrend_modifier = _{"), super::TREND_MODIFIERS);
    }
}
