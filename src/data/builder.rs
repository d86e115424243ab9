//! Building a [`Dataset`] row by row against the compiled rules.

use std::collections::HashMap;

use super::store::{Cell, Grid, Slot};
use super::{DataError, DataErrorKind, Dataset, RegionData, SeriesKey, UnusedRow, Value};
use crate::message::Unused;
use crate::rules::{looks_numeric, Program, SeriesId};
use crate::types::{read_decimal, NumberError};

/// An `indicator` cell's id and its series, or why no target reads it.
type Classified = (u32, Result<SeriesId, Unused>);

/// Reads rows into a dataset as they come: each distinct `indicator` cell is classified once
/// against the compiled rules, regions are found by index, duplicates by the cell already stored.
pub(crate) struct Builder<'a> {
    program: Program<'a>,
    file: &'a str,
    ds: Dataset,
    /// `indicator` cell → (cell id, series id or why the cell is not used)
    cells: HashMap<String, Classified, FastHash>,
    /// (region, cell, year) → the line of a row that was not stored (stored rows are found in
    /// the regions' cells)
    seen: HashMap<(usize, u32, i32), usize, FastHash>,
    /// Cells that are not plain numbers, each read (and normalised) once.
    words: HashMap<String, Option<Cell>, FastHash>,
    /// The last region seen and its position (rows usually come region by region).
    last_region: Option<(String, usize)>,
    /// The last `indicator` cell and what it was classified as.
    last_cell: Option<(String, Classified)>,
    /// Each region's cells while they are read (handed to the dataset at the end).
    grids: Vec<Grid>,
    /// The first and last year stored so far.
    years: Option<(i32, i32)>,
    /// Whether each series takes words in its value and target columns, found once.
    words_ok: Vec<[Option<bool>; 2]>,
    pub(crate) rows: usize,
}

/// A small multiplicative hasher for the reader's integer and short-string keys (the keys come
/// from one file being read, not from an adversary across a network).
#[derive(Default, Clone, Copy)]
struct FastHasher(u64);

impl std::hash::Hasher for FastHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut word = [0u8; 8];
            word[..chunk.len()].copy_from_slice(chunk);
            self.write_u64(u64::from_le_bytes(word));
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = (self.0.rotate_left(5) ^ n).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
    fn write_u32(&mut self, n: u32) {
        self.write_u64(u64::from(n));
    }
    fn write_i32(&mut self, n: i32) {
        self.write_u64(u64::from(n as u32));
    }
    fn write_usize(&mut self, n: usize) {
        self.write_u64(n as u64);
    }
}

type FastHash = std::hash::BuildHasherDefault<FastHasher>;

impl<'a> Builder<'a> {
    pub(crate) fn new(rules: &'a crate::rules::RuleSet, file: &'a str) -> Builder<'a> {
        let program = rules.compile();
        let ds = Dataset {
            keys: program.series().to_vec(),
            file: file.to_string(),
            ..Dataset::default()
        };
        Builder {
            program,
            file,
            ds,
            cells: HashMap::default(),
            seen: HashMap::default(),
            words: HashMap::default(),
            last_region: None,
            last_cell: None,
            grids: Vec::new(),
            years: None,
            words_ok: Vec::new(),
            rows: 0,
        }
    }

    /// The dataset, without spare capacity.
    pub(crate) fn finish(mut self) -> Dataset {
        let grids = std::mem::take(&mut self.grids);
        self.ds.set_grids(grids);
        self.ds.checks = super::plausible::check(&self.ds, self.program.rules);
        self.ds
    }

    /// The cells of the region at `pos`, while they are read.
    fn grid(&mut self, pos: usize) -> &mut Grid {
        if self.grids.len() <= pos {
            self.grids.resize_with(pos + 1, Grid::default);
        }
        &mut self.grids[pos]
    }

    /// The file being read, as errors name it.
    pub(crate) fn file(&self) -> &str {
        self.file
    }

    fn err(&self, kind: DataErrorKind, row: usize, column: &str) -> DataError {
        DataError {
            kind,
            file: self.file.to_string(),
            row,
            column: Some(column.to_string()),
        }
    }

    /// The cell's id and its series (or why it is not used), classified on first sight.
    fn cell(&mut self, indicator: &str) -> Classified {
        // rows usually come series by series: the last cell first, then the table
        if let Some((text, c)) = &self.last_cell {
            if text == indicator {
                return c.clone();
            }
        }
        if let Some(c) = self.cells.get(indicator) {
            self.last_cell = Some((indicator.to_string(), c.clone()));
            return c.clone();
        }
        let id = u32::try_from(self.cells.len()).unwrap_or(u32::MAX);
        let class = self.program.classify(indicator);
        self.cells
            .insert(indicator.to_string(), (id, class.clone()));
        self.last_cell = Some((indicator.to_string(), (id, class.clone())));
        (id, class)
    }

    fn unused(&mut self, region: &str, line: usize, indicator: &str, reason: Unused) {
        self.ds
            .unused
            .entry(region.to_string())
            .or_default()
            .push(UnusedRow {
                file: self.file.to_string(),
                row: line,
                indicator: indicator.to_string(),
                reason,
            });
    }

    /// A region that came with rows holding nothing: it is in the data all the same (its
    /// verdicts are 数据不足, never missing).
    #[cfg_attr(not(feature = "xlsx"), allow(dead_code))]
    pub(crate) fn touch_region(&mut self, region: &str) {
        if !region.is_empty() {
            self.region(region);
        }
    }

    fn region(&mut self, region: &str) -> usize {
        match &self.last_region {
            Some((name, pos)) if name == region => *pos,
            _ => {
                let pos = self.ds.position_mut(region);
                self.last_region = Some((region.to_string(), pos));
                pos
            }
        }
    }

    /// Read one row: stored, listed as unused, or an error naming the cell.
    pub(crate) fn row(
        &mut self,
        line: usize,
        region: &str,
        indicator: &str,
        year: &str,
        value: &str,
        target: &str,
    ) -> Result<(), DataError> {
        self.rows += 1;
        if region.is_empty() {
            return Err(self.err(DataErrorKind::EmptyCell("region"), line, "region"));
        }
        if indicator.is_empty() {
            return Err(self.err(DataErrorKind::EmptyCell("indicator"), line, "indicator"));
        }
        let y = read_year(year)
            .ok_or_else(|| self.err(DataErrorKind::BadYear(year.to_string()), line, "year"))?;
        let (cell_id, class) = self.cell(indicator);
        let pos = self.region(region);
        if let Some(&first) = self
            .seen
            .get(&(pos, cell_id, y))
            .filter(|_| !self.seen.is_empty())
        {
            return Err(self.duplicate(region, indicator, y, first, line));
        }
        let series = match class {
            Ok(s) => s,
            Err(reason) => {
                self.seen.insert((pos, cell_id, y), line);
                self.unused(region, line, indicator, reason);
                return Ok(());
            }
        };
        // only a word can be a placeholder: numbers and empty cells pass straight through
        let (v, pv) = match self.value(value) {
            w @ Some(Cell::Word(_)) => self.placeholder(series, false, w),
            other => (other, None),
        };
        let (t, pt) = match self.value(target) {
            w @ Some(Cell::Word(_)) => self.placeholder(series, true, w),
            other => (other, None),
        };
        self.check_numbers(series, line, [(value, &v, "value"), (target, &t, "target")])?;
        if v.is_none() && t.is_none() {
            if let Some(first) = self.stored_line(pos, series, y) {
                return Err(self.duplicate(region, indicator, y, first, line));
            }
            self.seen.insert((pos, cell_id, y), line);
            // the placeholder as written (`—`, not its normalised `-`)
            let why = match (&pv, &pt) {
                (Some(_), _) => Unused::Placeholder {
                    word: value.trim().to_string(),
                },
                (None, Some(_)) => Unused::Placeholder {
                    word: target.trim().to_string(),
                },
                (None, None) => Unused::Empty,
            };
            if pv.is_some() || pt.is_some() {
                // a year whose value is marked missing is still a year of the data
                self.ds.latest_year = self.ds.latest_year.max(Some(y));
            }
            self.unused(region, line, indicator, why);
            return Ok(());
        }
        self.store(pos, line, series, y, [v, t])
            .map_err(|first| self.duplicate(region, indicator, y, first, line))?;
        self.ds.latest_year = self.ds.latest_year.max(Some(y));
        Ok(())
    }

    fn duplicate(
        &self,
        region: &str,
        indicator: &str,
        year: i32,
        first: usize,
        line: usize,
    ) -> DataError {
        let kind = DataErrorKind::Duplicate {
            region: region.to_string(),
            indicator: indicator.to_string(),
            year,
            first,
        };
        self.err(kind, line, "indicator")
    }

    /// The line of a stored cell of this series and year in the region, if there is one.
    fn stored_line(&self, pos: usize, series: SeriesId, year: i32) -> Option<usize> {
        let grid = self.grids.get(pos)?.cells();
        [false, true]
            .into_iter()
            .filter_map(|t| self.ds.column(series.0, t))
            .find_map(|c| grid.get(c, year))
            .map(|s| s.line as usize)
    }

    /// A placeholder for missing data (`—`, `-`, `/`, `暂无`, `无数据`; `无` where the series is
    /// judged on numbers — where words are read, `无` is the negative word) is no cell: the value
    /// is missing, and the word is returned so the row can say why it was not used.
    fn placeholder(
        &mut self,
        series: SeriesId,
        target: bool,
        cell: Option<Cell>,
    ) -> (Option<Cell>, Option<String>) {
        const ALWAYS: [&str; 6] = ["-", "--", "/", "暂无", "无数据", "…"];
        let Some(Cell::Word(w)) = cell else {
            return (cell, None);
        };
        let numeric = !self.words_ok(series, target);
        let word = self.ds.words.get(w as usize).map_or("", String::as_str);
        if ALWAYS.contains(&word) || (numeric && word == "无") {
            (None, Some(word.to_string()))
        } else {
            (cell, None)
        }
    }

    /// A cell as stored: numbers directly, anything else read once per distinct text.
    fn value(&mut self, cell: &str) -> Option<Cell> {
        if let Some(Value::Number(d)) = Value::parse_number(cell) {
            return Some(Cell::Number(d));
        }
        if cell.trim().is_empty() {
            return None;
        }
        if let Some(v) = self.words.get(cell) {
            return *v;
        }
        let v = match Value::parse(cell) {
            None => None,
            Some(Value::Number(d)) => Some(Cell::Number(d)),
            Some(Value::Word(w)) => {
                let i = u32::try_from(self.ds.words.len()).unwrap_or(u32::MAX);
                self.ds.words.push(w);
                Some(Cell::Word(i))
            }
        };
        self.words.insert(cell.to_string(), v);
        v
    }

    /// A word where the series is judged on numbers is an error naming the cell.
    fn check_numbers(
        &mut self,
        series: SeriesId,
        line: usize,
        cells: [(&str, &Option<Cell>, &str); 2],
    ) -> Result<(), DataError> {
        for (text, parsed, column) in cells {
            let Some(Cell::Word(w)) = parsed else {
                continue;
            };
            let target = column == "target";
            let ok = self.words_ok(series, target);
            let word = self.ds.words.get(*w as usize).map_or("", String::as_str);
            if ok && !looks_numeric(word) {
                continue;
            }
            // only a word that looks like a number can be one too long to keep exactly
            let digits = word.strip_suffix('%').unwrap_or(word);
            if let Err(e @ NumberError::TooPrecise(_)) = read_decimal(digits) {
                return Err(self.err(DataErrorKind::Number(e), line, column));
            }
            if let Some(why) = self.program.needs_number(series, column == "target", word) {
                let kind = DataErrorKind::BadNumber {
                    value: text.to_string(),
                    why: Box::new(why),
                };
                return Err(self.err(kind, line, column));
            }
        }
        Ok(())
    }

    /// Store a hand-built region: each cell gets the next item number as its line; a series
    /// no target reads is listed as unused.
    pub(crate) fn region_data<'r>(&mut self, r: &'r RegionData, item: &mut usize) {
        let pos = self.ds.position_mut(&r.name);
        if let Some(reg) = self.ds.region_mut(pos) {
            reg.classes.extend(r.classes.iter().cloned());
        }
        let mut cells: Vec<(SeriesKey, i32, &'r Value, bool)> = Vec::new();
        for (id, d) in &r.indicators {
            let mut series = |key: SeriesKey, s: &'r crate::data::Series| {
                for (t, map) in [(false, &s.values), (true, &s.targets)] {
                    cells.extend(map.iter().map(|(y, v)| (key.clone(), *y, v, t)));
                }
            };
            series(SeriesKey::Indicator { id: id.clone() }, &d.series);
            for (name, s) in &d.named {
                let key = SeriesKey::Named {
                    id: id.clone(),
                    name: name.clone(),
                };
                series(key, s);
            }
        }
        for (id, m) in &r.vetoes {
            let key = SeriesKey::Veto { id: id.clone() };
            cells.extend(m.iter().map(|(y, v)| (key.clone(), *y, v, false)));
        }
        for (name, m) in &r.events {
            let key = SeriesKey::Event { name: name.clone() };
            cells.extend(m.iter().map(|(y, v)| (key.clone(), *y, v, false)));
        }
        for (key, year, v, target) in cells {
            *item += 1;
            let Some(series) = self.program.id(&key) else {
                self.unused(&r.name, *item, &format!("{key:?}"), Unused::SeriesNotRead);
                continue;
            };
            let cell = match v {
                Value::Number(d) => Cell::Number(*d),
                Value::Word(w) => {
                    let i = u32::try_from(self.ds.words.len()).unwrap_or(u32::MAX);
                    self.ds.words.push(w.clone());
                    Cell::Word(i)
                }
            };
            let column = self.ds.column_mut(series.0, target);
            let columns = u32::try_from(self.ds.columns.len()).unwrap_or(u32::MAX);
            let years = self
                .years
                .map_or((year, year), |(a, b)| (a.min(year), b.max(year)));
            self.years = Some(years);
            self.ds.latest_year = self.ds.latest_year.max(Some(year));
            let line = u32::try_from(*item).unwrap_or(u32::MAX);
            // a RegionData holds each series and year once: no duplicate can arise
            let _ = self
                .grid(pos)
                .put(column, year, Slot { cell, line }, columns, years);
        }
    }

    /// Whether any word can be valid in a series' column (else each word is checked).
    fn words_ok(&mut self, series: SeriesId, target: bool) -> bool {
        let i = series.index();
        if self.words_ok.len() <= i {
            self.words_ok.resize(i + 1, [None, None]);
        }
        let program = &self.program;
        // a word that cannot be a number (no digits) tells whether the column takes words
        *self.words_ok[i][usize::from(target)]
            .get_or_insert_with(|| program.needs_number(series, target, "字").is_none())
    }

    /// Store the value and target cells of a row; `Err` gives the line of a cell already
    /// stored for the same series and year.
    fn store(
        &mut self,
        pos: usize,
        line: usize,
        series: SeriesId,
        y: i32,
        cells: [Option<Cell>; 2],
    ) -> Result<(), usize> {
        if let Some(first) = self.stored_line(pos, series, y) {
            return Err(first);
        }
        let years = match self.years {
            Some((a, b)) => (a.min(y), b.max(y)),
            None => (y, y),
        };
        self.years = Some(years);
        // a file of more than 4 billion lines cannot be read into memory anyway
        let line = u32::try_from(line).unwrap_or(u32::MAX);
        for (target, cell) in [false, true].into_iter().zip(cells) {
            let Some(cell) = cell else { continue };
            let column = self.ds.column_mut(series.0, target);
            let columns = u32::try_from(self.ds.columns.len()).unwrap_or(u32::MAX);
            self.grid(pos)
                .put(column, y, Slot { cell, line }, columns, years)
                .map_err(|first| first as usize)?;
        }
        Ok(())
    }
}

/// A year cell: `2023`, `２０２３`, `2023年`.
/// Years outside 1000–9999 are not years (a typo such as `20230` is an error, not a region
/// whose cells span eighteen thousand years).
fn read_year(cell: &str) -> Option<i32> {
    let t = cell.trim();
    let y = match t.parse() {
        Ok(y) => Some(y),
        Err(_) => crate::syntax::normalize(t)
            .text
            .trim()
            .trim_end_matches('年')
            .parse()
            .ok(),
    };
    y.filter(|y| crate::types::YEARS.contains(y))
}
