//! Where each stored line came from. A CSV line or JSON item is its own number; a record read
//! from a workbook is numbered in reading order, and this table gives its sheet and the cell of
//! each of its fields, so that every message names `data.xlsx!Sheet1!C7`.

/// The fields of a measurement record, in the order of [`Place::cells`].
pub(crate) const FIELDS: [&str; 5] = ["region", "indicator", "year", "value", "target"];

/// The sheets and cells of a workbook's records: record `n` (numbered from 1) is `lines[n - 1]`.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Places {
    /// Sheet names, by index.
    pub(crate) sheets: Vec<String>,
    /// Each record's sheet and cells.
    pub(crate) lines: Vec<Place>,
}

/// One record of a workbook: its sheet, and for each field the cell it was read from
/// (0-based sheet row and column); a field taken from the sheet's name has no cell.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Place {
    pub(crate) sheet: u32,
    pub(crate) cells: [Option<(u32, u32)>; 5],
}

impl Place {
    /// The cell of a field (`value`, `target` …); for any other name, or a field without a
    /// cell, the value cell, then the target cell, then the first cell the record has.
    fn cell(&self, field: Option<&str>) -> Option<(u32, u32)> {
        let named = field
            .and_then(|f| FIELDS.iter().position(|n| *n == f))
            .and_then(|i| self.cells[i]);
        named
            .or(self.cells[3])
            .or(self.cells[4])
            .or_else(|| self.cells.iter().flatten().next().copied())
    }
}

/// A cell's A1 name: column letters and the 1-based row (`(6, 2)` → `C7`).
#[cfg_attr(not(feature = "xlsx"), allow(dead_code))]
pub(crate) fn a1(row: u32, column: u32) -> String {
    let mut letters = Vec::new();
    let mut n = u64::from(column) + 1;
    while n > 0 {
        let rem = ((n - 1) % 26) as u8;
        letters.push(char::from(b'A' + rem));
        n = (n - 1) / 26;
    }
    letters.reverse();
    let mut out: String = letters.into_iter().collect();
    out.push_str(&(u64::from(row) + 1).to_string());
    out
}

impl Places {
    fn place(&self, line: usize) -> Option<&Place> {
        line.checked_sub(1).and_then(|i| self.lines.get(i))
    }

    fn sheet(&self, p: &Place) -> &str {
        self.sheets.get(p.sheet as usize).map_or("", String::as_str)
    }

    /// `file!sheet` and the 1-based sheet row of a record (the row of its value cell, or its
    /// first cell), as unused rows are listed.
    pub(crate) fn row(&self, file: &str, line: usize) -> Option<(String, usize)> {
        let p = self.place(line)?;
        let (row, _) = p.cell(None)?;
        Some((format!("{file}!{}", self.sheet(p)), row as usize + 1))
    }

    /// `file!sheet!C7`: the cell of a record's field (see [`Place::cell`]).
    #[cfg_attr(not(feature = "xlsx"), allow(dead_code))]
    pub(crate) fn cell(&self, file: &str, line: usize, field: Option<&str>) -> Option<String> {
        let p = self.place(line)?;
        let (row, column) = p.cell(field)?;
        Some(format!("{file}!{}!{}", self.sheet(p), a1(row, column)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a1_names() {
        assert_eq!(a1(0, 0), "A1");
        assert_eq!(a1(6, 2), "C7");
        assert_eq!(a1(0, 25), "Z1");
        assert_eq!(a1(0, 26), "AA1");
        assert_eq!(a1(9, 701), "ZZ10");
        assert_eq!(a1(0, 702), "AAA1");
        assert!(a1(u32::MAX, u32::MAX).ends_with("4294967296"));
    }

    #[test]
    fn fields_name_their_cells() {
        let places = Places {
            sheets: vec!["2023".into()],
            lines: vec![Place {
                sheet: 0,
                cells: [Some((4, 0)), None, None, Some((4, 3)), None],
            }],
        };
        assert_eq!(
            places.cell("d.xlsx", 1, Some("region")).unwrap(),
            "d.xlsx!2023!A5"
        );
        assert_eq!(
            places.cell("d.xlsx", 1, Some("year")).unwrap(),
            "d.xlsx!2023!D5"
        );
        assert_eq!(places.row("d.xlsx", 1).unwrap(), ("d.xlsx!2023".into(), 5));
        assert_eq!(places.cell("d.xlsx", 0, None), None);
        assert_eq!(places.cell("d.xlsx", 2, None), None);
    }
}
