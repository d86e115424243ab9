//! The message catalogue: what zhibiao tells its users, typed where it arises and put in words
//! (Chinese or English) only where it is shown. A leaf module: the stages build these values,
//! the reports render them.
//!
//! - [`data`]: why rows are unused, the data readers' warnings, why a cell needs a number;
//! - [`run`]: what the command line itself says;
//! - [`report`]: the reports' fixed words, hints, plan-year progress, a region's reasons.
//!
//! The error kinds of the stages implement [`Say`] beside their own definitions.

pub mod data;
pub mod report;
pub mod run;

pub use data::{Cells, NumberNeeded, Unused, Warning};
pub use report::{
    applies_only, coverage_counts, item_because, sub_indicators, sub_verdicts, Hint, Label,
    Milestone, Projection, RegionReason,
};
pub use run::Run;

use crate::Lang;

/// A message said in the user's language: the typed kinds of every stage (errors, warnings)
/// implement it beside their definition, Chinese and English side by side; a report or the
/// command line chooses the language when it shows them.
pub trait Say {
    /// The message in `lang`: one line, no `error:` prefix.
    fn say(&self, lang: Lang) -> String;
}

/// The word a diagnostic line starts with: `error`/`错误`, `warning`/`警告`.
pub fn severity(error: bool, lang: Lang) -> &'static str {
    match (error, lang) {
        (true, Lang::Zh) => "错误",
        (true, Lang::En) => "error",
        (false, Lang::Zh) => "警告",
        (false, Lang::En) => "warning",
    }
}

/// Rows as ranges in words: `第 2–4、9 行`, `rows 2–4, 9` (`count` rows in all).
///
/// ```
/// use zhibiao::message::rows;
/// use zhibiao::Lang;
/// assert_eq!(rows(&[[2, 4], [9, 9]], 4, Lang::Zh), "第 2–4、9 行");
/// assert_eq!(rows(&[[5, 5]], 1, Lang::En), "row 5");
/// ```
pub fn rows(ranges: &[[usize; 2]], count: usize, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("第 {} 行", join_ranges(ranges, "–", "、")),
        Lang::En => {
            let label = if count == 1 { "row" } else { "rows" };
            format!("{label} {}", join_ranges(ranges, "–", ", "))
        }
    }
}

/// Row ranges as text: `2–4, 9` (or `2-4,9`), a single row without its dash.
pub fn join_ranges(rows: &[[usize; 2]], dash: &str, sep: &str) -> String {
    let parts: Vec<String> = rows
        .iter()
        .map(|[a, b]| match a == b {
            true => a.to_string(),
            false => format!("{a}{dash}{b}"),
        })
        .collect();
    parts.join(sep)
}

/// Sorted row numbers as inclusive ranges `[first, last]`.
pub fn ranges(mut rows: Vec<usize>) -> Vec<[usize; 2]> {
    rows.sort_unstable();
    rows.dedup();
    let mut out: Vec<[usize; 2]> = Vec::new();
    for r in rows {
        match out.last_mut() {
            Some(last) if last[1] + 1 == r => last[1] = r,
            _ => out.push([r, r]),
        }
    }
    out
}

/// Items joined as a list: `1、2、3` or `1, 2, 3`.
pub fn list<S: AsRef<str>>(items: &[S], lang: Lang) -> String {
    let items: Vec<&str> = items.iter().map(AsRef::as_ref).collect();
    items.join(match lang {
        Lang::Zh => "、",
        Lang::En => ", ",
    })
}

/// `head` with `parts` in brackets after it: `未达标(…;…)`, `fail (…; …)`.
pub fn with_reasons(head: &str, parts: &[String], lang: Lang) -> String {
    match (parts.is_empty(), lang) {
        (true, _) => head.to_string(),
        (false, Lang::Zh) => format!("{head}({})", parts.join(";")),
        (false, Lang::En) => format!("{head} ({})", parts.join("; ")),
    }
}
