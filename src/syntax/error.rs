//! Syntax errors: a kind, a span and help; rendering is done by the `diagnostic` module.

use thiserror::Error;

use crate::Span;

/// A syntax error in a target expression or an indicator file.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("{kind}")]
pub struct SyntaxError {
    /// What went wrong.
    pub kind: SyntaxErrorKind,
    /// Where, in the original text.
    pub span: Span,
    /// A hint for fixing it (e.g. "did you mean `持续改善`?").
    pub help: Option<String>,
}

/// The kinds of syntax error.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum SyntaxErrorKind {
    /// The text does not continue the way the language allows.
    #[error("expected {expected} after `{after}`")]
    Expected {
        /// What would have been understood, in words ("a number or a comparison").
        expected: String,
        /// The text just before the error.
        after: String,
    },
    /// The text does not start the way the language allows.
    #[error("expected {expected}, found `{found}`")]
    ExpectedFound {
        /// What would have been understood.
        expected: String,
        /// What was found.
        found: String,
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
    pub fn with_help(mut self, help: impl Into<String>) -> SyntaxError {
        self.help = Some(help.into());
        self
    }
}

impl From<&SyntaxError> for crate::diagnostic::Diagnostic {
    fn from(e: &SyntaxError) -> crate::diagnostic::Diagnostic {
        crate::diagnostic::Diagnostic::error(e.kind.to_string(), e.span).with_help(e.help.clone())
    }
}
