//! Byte spans into source text and line/column look-up.

use serde::{Deserialize, Serialize};

/// A half-open byte range `start..end` into a source text.
///
/// ```
/// use zhibiao::Span;
/// let s = Span::new(3, 5);
/// assert_eq!(&"≥20且"[s.start..s.end], "20");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub struct Span {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

impl Span {
    /// A span from `start` to `end` (swapped if given in the wrong order).
    pub fn new(start: usize, end: usize) -> Span {
        if start <= end {
            Span { start, end }
        } else {
            Span {
                start: end,
                end: start,
            }
        }
    }

    /// The same span moved `by` bytes to the right (for text embedded in a larger file).
    pub fn shift(self, by: usize) -> Span {
        Span::new(self.start + by, self.end + by)
    }

    /// The smallest span covering both.
    pub fn join(self, other: Span) -> Span {
        Span::new(self.start.min(other.start), self.end.max(other.end))
    }

    /// 1-based line and column (in characters) of the span's start in `src`.
    ///
    /// ```
    /// use zhibiao::Span;
    /// assert_eq!(Span::new(6, 7).line_col("ab\n指x"), (2, 2));
    /// ```
    pub fn line_col(self, src: &str) -> (usize, usize) {
        let start = floor_char_boundary(src, self.start.min(src.len()));
        let before = &src[..start];
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let col = src[line_start..start].chars().count() + 1;
        (line, col)
    }
}

/// The largest char boundary not after `i`.
pub(crate) fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    if i >= s.len() {
        return s.len();
    }
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}
