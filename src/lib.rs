//! # zhibiao (指标) — executable indicator tables
//!
//! zhibiao turns the indicator tables of China's ecological-civilization demonstration
//! programmes (生态文明建设示范区 and its variants) into executable rules and checks measured
//! yearly data against them.
//!
//! ## Pipeline and module map
//!
//! | stage | module | what it does |
//! |---|---|---|
//! | text → syntax tree | [`syntax`] | pest grammars in `grammar/`; target expressions and indicator files, with spans; canonical printing |
//! | tree → IR | [`predicate`] | checked, typed [`Predicate`]s built through constructors; units checked |
//! | file → rules | [`rules`] | a validated [`RuleSet`]: system, regions, indicators, vetoes, examples |
//! | data in | [`data`] | measurement and region CSV/JSON readers → [`Dataset`] |
//! | evaluate | [`eval`] | four verdicts with evidence and explanations; verdict-only fast path |
//! | report | [`report`] | table, JSON, CSV, Markdown, HTML |
//! | diagnostics | [`diagnostic`] | source line + caret rendering of any error with a span |
//! | command line | `cli` (feature `cli`, on by default) | `zhibiao check / explain / eval / test / fmt` |
//!
//! ## Example
//!
//! Parse `≥55,且不降低`, evaluate it on a two-year series and print the explanation:
//!
//! ```
//! use rust_decimal::Decimal;
//! use zhibiao::eval::{Context, RegionData, Verdict};
//! use zhibiao::predicate::{Predicate, TargetOptions};
//! use zhibiao::Lang;
//!
//! let p = Predicate::parse("≥55,且不降低", &TargetOptions::default()).unwrap();
//! let mut region = RegionData::new("示例县");
//! region.set_value("11", 2022, "56.1".parse::<Decimal>().unwrap());
//! region.set_value("11", 2023, "56.3".parse::<Decimal>().unwrap());
//! let ctx = Context::new(&region, "11", 2023);
//! let outcome = ctx.evaluate(&p);
//! assert_eq!(outcome.verdict, Verdict::Pass);
//! println!("{}", outcome.explanation(Lang::Zh));
//! assert!(outcome.explanation(Lang::Zh).contains("2023年 56.3 ≥ 55"));
//! ```
#![forbid(unsafe_code)]
#![warn(missing_docs)]
#![cfg_attr(
    not(test),
    deny(clippy::unwrap_used, clippy::expect_used, clippy::panic)
)]

#[cfg(feature = "cli")]
pub mod cli;
pub mod data;
pub mod diagnostic;
pub mod encoding;
pub mod eval;
pub mod message;
pub mod predicate;
pub mod report;
pub mod rules;
mod span;
pub mod syntax;
pub mod types;

pub use data::Dataset;
pub use eval::{Outcome, Verdict};
pub use predicate::Predicate;
pub use rules::RuleSet;
pub use span::Span;
pub use types::Lang;

/// The README's Rust examples run as doc tests.
#[doc = include_str!("../README.md")]
#[cfg(doctest)]
pub struct ReadmeDoctests;
