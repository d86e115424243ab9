//! Stage 4: reading measurements and regions (CSV, JSON, or workbooks with the `xlsx` feature)
//! against the compiled rules.
//!
//! CSV files may be UTF-8 (with or without BOM) or GB18030/GBK, as Excel on Chinese Windows
//! writes them; headers may be English or Chinese. Row numbers are file line numbers with the
//! header as line 1. Every row is used or reported: errors stop the read, rows that no
//! indicator uses are returned as [`UnusedRow`]s with the reason.
//!
//! A [`Dataset`] holds each region's cells densely (see `store`): series are classified once
//! per distinct `indicator` cell into the ids of the compiled rules ([`crate::rules::Program`]),
//! status words are kept once in a word table, and no row is kept as text.

use std::collections::{BTreeMap, BTreeSet, HashMap};

pub use crate::rules::SeriesKey;

mod builder;
mod error;
mod model;
pub(crate) mod places;
mod plausible;
mod read;
mod regions;
#[cfg(feature = "xlsx")]
mod sheet;
pub(crate) mod store;
mod unused;
#[cfg(feature = "xlsx")]
mod workbook;

pub use error::{DataError, DataErrorKind, DataWarning, DuplicateCell, LayoutError};
pub use model::{IndicatorData, RegionData, Series, Value};
pub use plausible::JUMP;
pub use read::{parse_measurements_csv, parse_measurements_json, read_measurements, Row};
pub use regions::read_regions;
pub use unused::{UnusedRow, UnusedRows};
#[cfg(feature = "xlsx")]
pub use workbook::{is_workbook, parse_measurements_workbook, read_workbook, WORKBOOK_EXTENSIONS};

use store::{Cell, Cells, Grid};

/// Measurements for many regions, read against a rule set: every row is stored in a region's
/// cells or listed as unused with the reason.
///
/// ```
/// use zhibiao::data::{parse_measurements_csv, Value};
/// use zhibiao::RuleSet;
/// let rules = RuleSet::parse("体系 \"x\" {\n指标 1 \"森林覆盖率\" {\n单位 %\n目标 ≥20\n}\n}\n").unwrap();
/// let csv = "region,indicator,year,value\n甲县,1,2023,22%\n乙县,森林覆盖率,2023,18\n乙县,9,2023,1\n";
/// let ds = parse_measurements_csv(csv, &rules, "m.csv").unwrap();
/// assert_eq!(ds.len(), 2);
/// assert_eq!(ds.names().collect::<Vec<_>>(), ["甲县", "乙县"]);
/// assert_eq!(ds.stored_rows(), 2);
/// assert_eq!(ds.unused["乙县"][0].row, 4); // no indicator 9: listed, not dropped
/// let jia = ds.region("甲县").unwrap();
/// assert_eq!(jia.series("1", None).unwrap().values[&2023], Value::parse("22").unwrap());
/// ```
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Dataset {
    /// Rows not used, per region name.
    pub unused: BTreeMap<String, Vec<UnusedRow>>,
    /// Warnings (columns not read …).
    pub warnings: Vec<DataWarning>,
    /// Plausibility warnings, each naming its cell: a `%` value outside 0–100, fractions where
    /// percentages are meant, a jump of more than ten times from the year before (`eval
    /// --strict` makes them errors).
    pub checks: Vec<DataWarning>,
    /// The latest year in the file.
    pub latest_year: Option<i32>,
    /// Regions in order of first appearance.
    regions: Vec<Region>,
    /// Region name → position in `regions`.
    index: HashMap<String, usize>,
    /// The series the cells belong to (the ids of the rules they were read against).
    pub(crate) keys: Vec<SeriesKey>,
    /// Columns: (series, target column?), in order of first appearance.
    pub(crate) columns: Vec<(u32, bool)>,
    /// Series → its value and target columns.
    column_of: Vec<[Option<u32>; 2]>,
    /// Status words, each once.
    pub(crate) words: Vec<String>,
    /// The file the rows came from.
    pub(crate) file: String,
    /// Each region's cells (parallel to `regions`; a region that came with no rows may have
    /// none).
    grids: Vec<Grid>,
    /// The sheets and cells of the records, when they were read from a workbook (a CSV or JSON
    /// file's lines name themselves).
    pub(crate) places: Option<Box<places::Places>>,
}

/// One region: its name, classes and cells.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Region {
    pub(crate) name: String,
    pub(crate) classes: BTreeSet<String>,
    /// The region this one is a sub-region of (regions file `parent` / `上级地区`).
    pub(crate) parent: Option<String>,
}

impl Dataset {
    /// A dataset from hand-built regions, read against `rules` (to evaluate many of them with
    /// an `eval::Evaluator`). Each cell's "row" is its item number in the
    /// order read; a series that no target reads is listed in `unused`.
    ///
    /// ```
    /// use zhibiao::data::{Dataset, RegionData, Value};
    /// use zhibiao::eval::Evaluator;
    /// use zhibiao::{RuleSet, Verdict};
    /// let rules = RuleSet::parse("体系 \"x\" {\n指标 1 \"森林覆盖率\" {\n目标 ≥20\n}\n}\n").unwrap();
    /// let mut a = RegionData::new("甲县");
    /// a.set_value("1", 2023, Value::parse("22").unwrap());
    /// let ds = Dataset::from_regions(&rules, &[a]);
    /// let program = rules.compile();
    /// assert_eq!(Evaluator::new(&program, &ds).verdict(0, 2023), Verdict::Pass);
    /// ```
    pub fn from_regions(rules: &crate::rules::RuleSet, regions: &[RegionData]) -> Dataset {
        let mut b = builder::Builder::new(rules, "");
        let mut item = 0;
        for r in regions {
            b.region_data(r, &mut item);
        }
        b.finish()
    }

    /// How many regions.
    pub fn len(&self) -> usize {
        self.regions.len()
    }

    /// Whether there are no regions.
    pub fn is_empty(&self) -> bool {
        self.regions.is_empty()
    }

    /// Region names in order of first appearance.
    pub fn names(&self) -> impl Iterator<Item = &str> + '_ {
        self.regions.iter().map(|r| r.name.as_str())
    }

    /// How many input rows were stored (the others are in `unused`).
    pub fn stored_rows(&self) -> usize {
        let mut lines: Vec<u32> = Vec::new();
        let mut n = 0;
        for cells in (0..self.len()).filter_map(|p| self.cells(p)) {
            lines.clear();
            lines.extend(cells.filled().map(|(_, _, _, s)| s.line));
            lines.sort_unstable();
            lines.dedup();
            n += lines.len();
        }
        n
    }

    /// The region with this name, as a [`RegionData`] (built from the stored cells).
    pub fn region(&self, name: &str) -> Option<RegionData> {
        self.position(name).and_then(|p| self.region_at(p))
    }

    /// The region at a position, as a [`RegionData`].
    pub fn region_at(&self, pos: usize) -> Option<RegionData> {
        let r = self.regions.get(pos)?;
        let mut out = RegionData::new(r.name.clone());
        out.classes = r.classes.clone();
        for (_, column, year, slot) in self.cells(pos)?.filled() {
            let Some(&(key, target)) = self.columns.get(column as usize) else {
                continue;
            };
            let (Some(key), Some(v)) = (self.keys.get(key as usize), self.value(slot.cell)) else {
                continue;
            };
            key.insert(&mut out, year, v, target);
        }
        Some(out)
    }

    /// Every region as a [`RegionData`].
    pub fn to_regions(&self) -> Vec<RegionData> {
        (0..self.len()).filter_map(|p| self.region_at(p)).collect()
    }

    /// The parent of the region at `pos`, if the regions file names one.
    pub fn parent(&self, pos: usize) -> Option<&str> {
        self.regions.get(pos).and_then(|r| r.parent.as_deref())
    }

    /// For each region, the positions of its sub-regions (regions naming it as their parent).
    pub(crate) fn children(&self) -> Vec<Vec<usize>> {
        let mut out = vec![Vec::new(); self.regions.len()];
        for (i, r) in self.regions.iter().enumerate() {
            if let Some(p) = r.parent.as_deref().and_then(|p| self.position(p)) {
                out[p].push(i);
            }
        }
        out
    }

    /// The classes of a region.
    pub fn classes(&self, pos: usize) -> Option<&BTreeSet<String>> {
        self.regions.get(pos).map(|r| &r.classes)
    }

    pub(crate) fn regions(&self) -> &[Region] {
        &self.regions
    }

    /// The cells of the region at `pos` (none for a region that came with no rows).
    #[inline]
    pub(crate) fn cells(&self, pos: usize) -> Option<Cells<'_>> {
        const NONE: &Grid = &Grid::EMPTY;
        if pos >= self.regions.len() {
            return None;
        }
        Some(self.grids.get(pos).unwrap_or(NONE).cells())
    }

    /// Take the regions' cells from the reader.
    pub(crate) fn set_grids(&mut self, mut grids: Vec<Grid>) {
        grids.iter_mut().for_each(Grid::shrink);
        self.grids = grids;
    }

    /// A stored cell as a value.
    pub(crate) fn value(&self, cell: Cell) -> Option<Value> {
        match cell {
            Cell::Empty => None,
            Cell::Number(d) => Some(Value::Number(d)),
            Cell::Word(w) => self.words.get(w as usize).map(|w| Value::Word(w.clone())),
        }
    }

    /// The column of a series' values or targets, if any cell was stored there.
    pub(crate) fn column(&self, key: u32, target: bool) -> Option<u32> {
        self.column_of
            .get(key as usize)
            .and_then(|c| c[usize::from(target)])
    }

    /// The column of a series' values or targets, added on first use.
    pub(crate) fn column_mut(&mut self, key: u32, target: bool) -> u32 {
        if let Some(c) = self.column(key, target) {
            return c;
        }
        let c = u32::try_from(self.columns.len()).unwrap_or(u32::MAX);
        self.columns.push((key, target));
        if self.column_of.len() <= key as usize {
            self.column_of.resize(key as usize + 1, [None, None]);
        }
        self.column_of[key as usize][usize::from(target)] = Some(c);
        c
    }

    /// The stored lines as the rows they are reported as, grouped by file: for a CSV or JSON
    /// file the lines themselves; for a workbook, each record's sheet (`data.xlsx!2023`) and
    /// sheet row.
    pub(crate) fn rows_by_file(&self, lines: Vec<usize>) -> Vec<(String, Vec<usize>)> {
        let Some(places) = &self.places else {
            return vec![(self.file.clone(), lines)];
        };
        let mut by: BTreeMap<String, Vec<usize>> = BTreeMap::new();
        for line in lines {
            let (file, row) = places
                .row(&self.file, line)
                .unwrap_or_else(|| (self.file.clone(), line));
            by.entry(file).or_default().push(row);
        }
        by.into_iter().collect()
    }

    /// The position of the region with this name.
    pub fn position(&self, name: &str) -> Option<usize> {
        self.index.get(name).copied()
    }

    /// The position of the region with this name, adding it if it is new.
    pub(crate) fn position_mut(&mut self, name: &str) -> usize {
        if let Some(&p) = self.index.get(name) {
            return p;
        }
        self.regions.push(Region {
            name: name.to_string(),
            ..Region::default()
        });
        let p = self.regions.len() - 1;
        self.index.insert(name.to_string(), p);
        p
    }

    pub(crate) fn region_mut(&mut self, pos: usize) -> Option<&mut Region> {
        self.regions.get_mut(pos)
    }
}
