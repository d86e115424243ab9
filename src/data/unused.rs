//! Rows that no verdict used, listed per row or grouped by reason with row ranges.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// An input row that no indicator uses.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnusedRow {
    /// File.
    pub file: String,
    /// Line number (header = 1) or JSON item number.
    pub row: usize,
    /// The `indicator` cell.
    pub indicator: String,
    /// Why it is not used.
    pub reason: crate::message::Unused,
}

/// Input rows not used for one reason in one file, with the row numbers as ranges: what a
/// report lists, so that a panel of many years does not list every row on its own.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnusedRows {
    /// File.
    pub file: String,
    /// Why they are not used.
    pub reason: String,
    /// How many rows.
    pub count: usize,
    /// Row numbers (header = 1) as inclusive ranges `[first, last]`, ascending; in JSON one
    /// string, `"2-9,12"`.
    #[serde(with = "ranges_text")]
    pub rows: Vec<[usize; 2]>,
}

/// Row ranges as one compact string in JSON: `"2-9,12"`.
mod ranges_text {
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(rows: &[[usize; 2]], s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&crate::message::join_ranges(rows, "-", ","))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<[usize; 2]>, D::Error> {
        let s = String::deserialize(d)?;
        s.split(',')
            .filter(|p| !p.trim().is_empty())
            .map(|p| {
                let (a, b) = p.split_once('-').unwrap_or((p, p));
                match (a.trim().parse(), b.trim().parse()) {
                    (Ok(a), Ok(b)) => Ok([a, b]),
                    _ => Err(serde::de::Error::custom(format!("not a row range: `{p}`"))),
                }
            })
            .collect()
    }
}

impl UnusedRows {
    /// Group rows by (file, reason), ranges ascending; groups in order of their first row.
    ///
    /// ```
    /// use zhibiao::data::UnusedRows;
    /// let g = UnusedRows::group([("a.csv", "x", 4), ("a.csv", "x", 2), ("a.csv", "x", 3), ("a.csv", "y", 9)]);
    /// assert_eq!(g[0].rows, vec![[2, 4]]);
    /// assert_eq!((g[0].count, g[1].count), (3, 1));
    /// ```
    pub fn group<'a>(rows: impl IntoIterator<Item = (&'a str, &'a str, usize)>) -> Vec<UnusedRows> {
        let mut by: BTreeMap<(&str, &str), Vec<usize>> = BTreeMap::new();
        for (file, reason, row) in rows {
            by.entry((file, reason)).or_default().push(row);
        }
        let mut out: Vec<UnusedRows> = by
            .into_iter()
            .map(|((file, reason), rows)| UnusedRows::of(file, reason.to_string(), rows))
            .collect();
        out.sort_by(|a, b| (&a.file, a.rows.first()).cmp(&(&b.file, b.rows.first())));
        out
    }

    /// One group: these rows of `file`, for `reason`.
    pub fn of(file: &str, reason: String, rows: Vec<usize>) -> UnusedRows {
        let rows = crate::message::ranges(rows);
        UnusedRows {
            file: file.to_string(),
            reason,
            count: rows.iter().map(|[a, b]| b - a + 1).sum(),
            rows,
        }
    }

    /// The rows in words: `row 5`, `rows 2–4, 9`.
    pub fn rows_text(&self) -> String {
        self.rows_in(crate::Lang::En)
    }

    /// The rows in words, in a language: `第 2–4、9 行` or `rows 2–4, 9`.
    pub fn rows_in(&self, lang: crate::Lang) -> String {
        crate::message::rows(&self.rows, self.count, lang)
    }
}
