//! Stage 1: text → syntax trees with spans.
//!
//! [`parse_target`] reads a target expression (指标值); [`file`](mod@file) reads indicator files. Both
//! normalise the text first ([`normalize`]) and return [`SyntaxError`]s with spans into the
//! original text. No pest type leaves this module.

mod ast;
pub(crate) use ast::joined;
mod error;
mod expected;
mod fast;
pub mod file;
mod help;
mod normalize;
pub mod phrase;
mod region;
mod suggest;
mod target;

pub use ast::{
    trend_quantity, Clause, ClauseKind, Conj, Disj, Expr, LevelTier, Name, RegionTier, Respective,
    Target, YearTier,
};
pub use error::{SyntaxError, SyntaxErrorKind};
pub use expected::{Expected, Wanted};
pub use help::Help;
pub use normalize::{normalize, Normalized};
pub use phrase::vocabulary;
pub use region::{parse_region_expr, RegionExpr};
pub use suggest::{closest, suggest};
pub(crate) use target::status_reads_back;
pub use target::{parse_target, parse_target_with_grammar, MAX_TARGET_CHARS};
