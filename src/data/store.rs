//! The dense layout of a region's cells: columns × years, each cell with the line it came from.
//!
//! A column is one (series, value-or-target) pair of the [`Dataset`](super::Dataset); a
//! region's cells are one `Vec` indexed by `(year − first year) × columns + column` (a year's
//! cells are adjacent: verdicts read the assessment year and the one before), grown (and
//! laid out again) when a row names a year or a column the region has not held yet. A cell is
//! 24 bytes: a number, or the index of a status word in the dataset's word table, and its line.

use rust_decimal::Decimal;

/// A stored cell.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) enum Cell {
    /// Nothing stored.
    #[default]
    Empty,
    /// A number.
    Number(Decimal),
    /// A status word: an index into the dataset's word table.
    Word(u32),
}

/// A cell and the input line it came from.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Slot {
    pub(crate) cell: Cell,
    pub(crate) line: u32,
}

/// The shape of one region's cells: its first year and how many years and columns.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Shape {
    first_year: i32,
    years: u32,
    columns: u32,
}

/// One region's cells, dense over its columns and its span of years. The dataset keeps the
/// grids apart from the regions' names and classes, so evaluation walks only shapes and cells.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Grid {
    shape: Shape,
    slots: Vec<Slot>,
}

/// A region's cells to read.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Cells<'a> {
    first_year: i32,
    years: u32,
    columns: u32,
    slots: &'a [Slot],
}

impl Grid {
    /// No cells.
    pub(crate) const EMPTY: Grid = Grid {
        shape: Shape {
            first_year: 0,
            years: 0,
            columns: 0,
        },
        slots: Vec::new(),
    };

    /// Drop spare capacity.
    pub(crate) fn shrink(&mut self) {
        self.slots.shrink_to_fit();
    }

    /// The cells.
    #[inline]
    pub(crate) fn cells(&self) -> Cells<'_> {
        Cells {
            first_year: self.shape.first_year,
            years: self.shape.years,
            columns: self.shape.columns,
            slots: &self.slots,
        }
    }

    fn index(&self, column: u32, year: i32) -> Option<usize> {
        self.cells().index(column, year)
    }

    /// Store a cell; `Err(line)` gives the line of the cell already there. `columns` and
    /// `years` are the dataset's columns and span of years so far: a region that must grow
    /// grows to them, so that in a panel each region is laid out once or twice.
    pub(crate) fn put(
        &mut self,
        column: u32,
        year: i32,
        slot: Slot,
        columns: u32,
        years: (i32, i32),
    ) -> Result<(), u32> {
        let i = match self.index(column, year) {
            Some(i) => i,
            None => {
                let (first, last) = (years.0.min(year), years.1.max(year));
                self.grow(first, last, columns.max(column + 1));
                self.index(column, year).ok_or(slot.line)?
            }
        };
        match self.slots.get_mut(i) {
            Some(s) if s.cell != Cell::Empty => Err(s.line),
            Some(s) => {
                *s = slot;
                Ok(())
            }
            None => Err(slot.line),
        }
    }

    /// Lay the cells out again so that the years `first..=last` and `columns` columns fit.
    fn grow(&mut self, first: i32, last: i32, columns: u32) {
        let old = self.shape;
        let (first, last) = if self.slots.is_empty() {
            (first, last)
        } else {
            let end = old.first_year + old.years as i32 - 1;
            (old.first_year.min(first), end.max(last))
        };
        let years = u32::try_from(i64::from(last) - i64::from(first) + 1).unwrap_or(u32::MAX);
        let columns = columns.max(old.columns);
        let mut slots = vec![Slot::default(); columns as usize * years as usize];
        for (_, c, y, s) in self.cells().filled() {
            let j = (y - first) as usize * columns as usize + c as usize;
            if let Some(t) = slots.get_mut(j) {
                *t = *s;
            }
        }
        *self = Grid {
            shape: Shape {
                first_year: first,
                years,
                columns,
            },
            slots,
        };
    }
}

impl<'a> Cells<'a> {
    #[inline]
    fn index(&self, column: u32, year: i32) -> Option<usize> {
        let dy = u32::try_from(i64::from(year) - i64::from(self.first_year)).ok()?;
        if dy >= self.years || column >= self.columns {
            return None;
        }
        Some(dy as usize * self.columns as usize + column as usize)
    }

    /// The filled slot of a column for a year.
    #[inline]
    pub(crate) fn get(&self, column: u32, year: i32) -> Option<&'a Slot> {
        let s = self.slots.get(self.index(column, year)?)?;
        (s.cell != Cell::Empty).then_some(s)
    }

    /// The position of a filled slot (for marking what was read).
    pub(crate) fn position(&self, column: u32, year: i32) -> Option<usize> {
        self.index(column, year)
            .filter(|&i| self.slots.get(i).is_some_and(|s| s.cell != Cell::Empty))
    }

    /// Whether a column holds any cell.
    pub(crate) fn any_in(&self, column: u32) -> bool {
        if column >= self.columns {
            return false;
        }
        self.slots
            .iter()
            .skip(column as usize)
            .step_by(self.columns as usize)
            .any(|s| s.cell != Cell::Empty)
    }

    /// Every filled slot: (position, column, year, slot).
    pub(crate) fn filled(self) -> impl Iterator<Item = (usize, u32, i32, &'a Slot)> {
        let columns = self.columns.max(1) as usize;
        let first = self.first_year;
        self.slots
            .iter()
            .enumerate()
            .filter(|(_, s)| s.cell != Cell::Empty)
            .map(move |(i, s)| {
                let column = (i % columns) as u32;
                let year = first + (i / columns) as i32;
                (i, column, year, s)
            })
    }

    /// How many slots (filled or not) the region holds.
    pub(crate) fn len(&self) -> usize {
        self.slots.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn slot(n: i64, line: u32) -> Slot {
        Slot {
            cell: Cell::Number(Decimal::from(n)),
            line,
        }
    }

    #[test]
    fn grows_over_years_and_columns_in_any_order() {
        let mut g = Grid::default();
        assert_eq!(g.put(0, 2020, slot(1, 2), 1, (2020, 2020)), Ok(()));
        assert_eq!(g.put(2, 2018, slot(2, 3), 3, (2020, 2020)), Ok(()));
        assert_eq!(g.put(1, 2024, slot(3, 4), 3, (2018, 2021)), Ok(()));
        assert_eq!(g.put(0, 2020, slot(9, 5), 3, (2018, 2024)), Err(2));
        let g = g.cells();
        assert_eq!(g.get(0, 2020), Some(&slot(1, 2)));
        assert_eq!(g.get(2, 2018), Some(&slot(2, 3)));
        assert_eq!(g.get(1, 2024), Some(&slot(3, 4)));
        assert_eq!(g.get(1, 2019), None);
        assert_eq!(g.get(7, 2020), None);
        assert_eq!(g.get(0, 1999), None);
        let filled: Vec<_> = g.filled().map(|(_, c, y, s)| (c, y, s.line)).collect();
        assert_eq!(filled, [(2, 2018, 3), (0, 2020, 2), (1, 2024, 4)]);
        assert!(g.any_in(1) && !g.any_in(5));
    }
}
