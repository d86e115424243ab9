//! Syntax errors: a kind, a span and help; rendering is done by the `diagnostic` module.

use thiserror::Error;

use super::expected::Expected;
use super::help::Help;
use crate::diagnostic::Diagnostic;
use crate::message::Say;
use crate::{Lang, Span};

/// A syntax error in a target expression or an indicator file.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("{kind}")]
pub struct SyntaxError {
    /// What went wrong.
    pub kind: SyntaxErrorKind,
    /// Where, in the original text.
    pub span: Span,
    /// A hint for fixing it (e.g. "did you mean `持续改善`?").
    pub help: Option<Help>,
}

/// The kinds of syntax error.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum SyntaxErrorKind {
    /// The text does not continue the way the language allows.
    #[error("expected {expected} after `{after}`")]
    Expected {
        /// What would have been understood ("a number or a comparison").
        expected: Expected,
        /// The text just before the error.
        after: String,
    },
    /// The text does not start the way the language allows.
    #[error("expected {expected}, found `{found}`")]
    ExpectedFound {
        /// What would have been understood.
        expected: Expected,
        /// What was found.
        found: String,
    },
    /// `分别` with as many values as quantities.
    #[error("expected one value for each of the {quantities} quantities, found `{values} values`")]
    ValueCount {
        /// The quantities.
        quantities: usize,
        /// The values.
        values: usize,
    },
    /// Nothing to parse.
    #[error("the target is empty")]
    Empty,
    /// The input is longer than the limit.
    #[error("the text is {len} characters long; the limit is {max}")]
    TooLong {
        /// Length in characters.
        len: usize,
        /// The limit.
        max: usize,
    },
    /// Parentheses nested deeper than the limit.
    #[error("expressions are nested deeper than {max} levels")]
    TooDeep {
        /// The limit.
        max: usize,
    },
    /// A number followed by letters that spell no unit (`≥9O`).
    #[error("a number is followed by `{letters}`, which is not a unit")]
    LettersAfterNumber {
        /// The letters.
        letters: String,
    },
    /// A number that is not a valid decimal (too many digits).
    #[error("`{text}` is not a number zhibiao can represent exactly")]
    BadNumber {
        /// The text.
        text: String,
    },
}

impl SyntaxError {
    /// An error without help.
    pub fn new(kind: SyntaxErrorKind, span: Span) -> SyntaxError {
        SyntaxError {
            kind,
            span,
            help: None,
        }
    }

    /// The same error with a help line.
    pub fn with_help(mut self, help: Help) -> SyntaxError {
        self.help = Some(help);
        self
    }

    /// As a renderable diagnostic in `lang`.
    pub fn diagnostic(&self, lang: Lang) -> Diagnostic {
        Diagnostic::error(self.kind.say(lang), self.span)
            .with_help(self.help.as_ref().map(|h| h.say(lang)))
    }
}

impl From<&SyntaxError> for Diagnostic {
    /// In English.
    fn from(e: &SyntaxError) -> Diagnostic {
        e.diagnostic(Lang::En)
    }
}

impl Say for SyntaxErrorKind {
    fn say(&self, lang: Lang) -> String {
        use SyntaxErrorKind as K;
        if lang == Lang::En {
            return self.to_string();
        }
        match self {
            K::Expected { expected, after } => {
                format!("「{after}」之后应为{}", expected.zh_after())
            }
            K::ExpectedFound { expected, found } => {
                format!("应为{},却是「{found}」", expected.zh_after())
            }
            K::ValueCount { quantities, values } => {
                format!("应为 {quantities} 个指标各一个值,却有 {values} 个值")
            }
            K::Empty => "目标为空".into(),
            K::TooLong { len, max } => format!("文字长 {len} 个字符,超过上限 {max}"),
            K::TooDeep { max } => format!("表达式嵌套超过 {max} 层"),
            K::LettersAfterNumber { letters } => {
                format!("数字后面的「{letters}」不是单位")
            }
            K::BadNumber { text } => format!("「{text}」不是能精确表示的数字"),
        }
    }
}
