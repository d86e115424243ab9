//! Rendering errors with spans: `file:line:col`, the source line, a caret, help.
//!
//! ```
//! use zhibiao::diagnostic::{Diagnostic, Severity};
//! use zhibiao::Span;
//! let d = Diagnostic::error("expected a number after `≥`", Span::new(3, 3));
//! let text = d.render("<expr>", "≥");
//! assert!(text.contains("error: expected a number after `≥`"));
//! assert!(text.contains(" --> <expr>:1:2"));
//! assert!(text.contains(" ^"));
//! # let _ = Severity::Warning;
//! let zh = Diagnostic::error("「≥」之后应为数字", Span::new(3, 3));
//! assert!(zh.render_in("<expr>", "≥", zhibiao::Lang::Zh).starts_with("错误: 「≥」之后应为数字"));
//! ```

use unicode_width::UnicodeWidthStr;

use crate::message::severity;
use crate::span::floor_char_boundary;
use crate::types::{clip_in, visible};
use crate::{Lang, Span};

/// Error or warning.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Severity {
    /// Makes `check` fail.
    Error,
    /// Reported, does not change the exit code.
    Warning,
}

/// Anything with a span that can be shown to a user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// One line, lowercase, in the user's words (and language: the errors' `diagnostic`
    /// methods say it in the language they are given).
    pub message: String,
    /// Where.
    pub span: Span,
    /// A hint shown under the caret.
    pub help: Option<String>,
}

impl Diagnostic {
    /// An error.
    pub fn error(message: impl Into<String>, span: Span) -> Diagnostic {
        Diagnostic {
            severity: Severity::Error,
            message: message.into(),
            span,
            help: None,
        }
    }

    /// A warning.
    pub fn warning(message: impl Into<String>, span: Span) -> Diagnostic {
        Diagnostic {
            severity: Severity::Warning,
            message: message.into(),
            span,
            help: None,
        }
    }

    /// With a help line.
    pub fn with_help(mut self, help: Option<String>) -> Diagnostic {
        self.help = help;
        self
    }

    /// Render against the source it points into; `origin` names the file. The head word is
    /// English (`error`, `warning`); see [`Diagnostic::render_in`].
    pub fn render(&self, origin: &str, src: &str) -> String {
        self.render_in(origin, src, Lang::En)
    }

    /// [`Diagnostic::render`] with the head word in `lang` (`错误`, `警告`). The message and
    /// the help are shown as they are: say them in `lang` when building the diagnostic.
    pub fn render_in(&self, origin: &str, src: &str, lang: Lang) -> String {
        let (line_no, col) = self.span.line_col(src);
        let start = floor_char_boundary(src, self.span.start.min(src.len()));
        let line_start = src[..start].rfind('\n').map_or(0, |i| i + 1);
        let line_end = src[start..].find('\n').map_or(src.len(), |i| start + i);
        let end = floor_char_boundary(src, self.span.end.clamp(start, line_end));
        // a long line is shown as a window around the span, never whole
        let (from, to) = window(src, line_start, line_end, start, end);
        let line = format!(
            "{}{}{}",
            if from > line_start { "…" } else { "" },
            visible(src[from..to].trim_end_matches('\r')),
            if to < line_end { "…" } else { "" }
        );
        let lead =
            usize::from(from > line_start) + UnicodeWidthStr::width(&*visible(&src[from..start]));
        let width = UnicodeWidthStr::width(&*visible(&src[start..end.min(to)])).max(1);
        let gutter = line_no.to_string().len();
        let pad = " ".repeat(gutter);
        let head = severity(self.severity == Severity::Error, lang);
        let message = clip_in(&self.message, 400, lang);
        let mut out = format!(
            "{head}: {}\n{pad}--> {origin}:{line_no}:{col}\n{pad} |\n{line_no} | {line}\n",
            visible(&message)
        );
        out.push_str(&format!(
            "{pad} | {}{}",
            " ".repeat(lead),
            "^".repeat(width)
        ));
        if let Some(h) = &self.help {
            out.push(' ');
            out.push_str(h);
        }
        out.push('\n');
        out
    }
}

/// The part of a line shown: all of it up to 160 bytes, else about 60 characters either side of
/// the span (the span itself cut at 120).
fn window(
    src: &str,
    line_start: usize,
    line_end: usize,
    start: usize,
    end: usize,
) -> (usize, usize) {
    const LONG: usize = 160;
    const SIDE: usize = 60;
    if line_end - line_start <= LONG {
        return (line_start, line_end);
    }
    let from = src[line_start..start]
        .char_indices()
        .rev()
        .nth(SIDE - 1)
        .map_or(line_start, |(i, _)| line_start + i);
    let to_base = end.min(floor_char_boundary(src, start + 2 * SIDE));
    let to = src[to_base..line_end]
        .char_indices()
        .nth(SIDE)
        .map_or(line_end, |(i, _)| to_base + i);
    (from, to)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn caret_under_cjk() {
        let src = "a\n    目标 保持稳定或持续\n";
        let start = src.find("持续").unwrap_or(0);
        let d = Diagnostic::error("x", Span::new(start, start + "持续".len()))
            .with_help(Some("did you mean `持续改善`?".into()));
        let r = d.render("f.zb", src);
        let lines: Vec<&str> = r.lines().collect();
        assert_eq!(lines[1], " --> f.zb:2:13");
        // 4 spaces + 目标(4 columns) + space + 保持稳定或(10 columns) = 19 columns before the caret
        assert_eq!(
            lines[4],
            format!("  | {}^^^^ did you mean `持续改善`?", " ".repeat(19))
        );
    }
}
