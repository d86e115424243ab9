//! Where the evaluator reads cells: a [`Dataset`]'s dense cells, or a [`RegionData`] built by
//! hand; and a region's classes read once against the class table of the compiled rules.

use std::collections::BTreeSet;

use rust_decimal::Decimal;

use super::Reason;
use crate::data::store::{Cell, Cells};
use crate::data::{Dataset, RegionData, Value};
use crate::rules::{ClassExpr, ClassId, ClassTable, SeriesId, SeriesKey};

/// A cell as the evaluator sees it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum CellRef<'a> {
    Number(Decimal),
    Word(&'a str),
}

impl CellRef<'_> {
    pub(crate) fn text(self) -> String {
        match self {
            // as the explanations print it: `0.4400` is `0.44` everywhere
            CellRef::Number(d) => d.normalize().to_string(),
            CellRef::Word(w) => w.to_string(),
        }
    }
}

impl<'a> From<&'a Value> for CellRef<'a> {
    fn from(v: &'a Value) -> CellRef<'a> {
        match v {
            Value::Number(d) => CellRef::Number(*d),
            Value::Word(w) => CellRef::Word(w),
        }
    }
}

/// A region's cells by series id.
pub(crate) trait Source {
    /// The value (or superior target) of a series for a year.
    fn cell(&self, s: SeriesId, year: i32, target: bool) -> Option<CellRef<'_>>;
    /// Whether the series holds any record at all (an event kind never recorded is 数据不足).
    fn has_records(&self, s: SeriesId) -> bool;
    /// How many sub-regions the region has (regions file `parent`).
    fn sub_regions(&self) -> usize {
        0
    }
    /// A sub-region's name and its cell of a series for a year.
    fn sub_cell(&self, _i: usize, _s: SeriesId, _year: i32) -> (&str, Option<CellRef<'_>>) {
        ("", None)
    }
}

/// A hand-built region, read through the series keys of a program.
pub(crate) struct ModelSource<'a> {
    pub(crate) region: &'a RegionData,
    pub(crate) keys: &'a [SeriesKey],
}

impl ModelSource<'_> {
    fn records(&self, s: SeriesId) -> Option<(&std::collections::BTreeMap<i32, Value>, bool)> {
        let r = self.region;
        match self.keys.get(s.index())? {
            SeriesKey::Indicator { id } => r.series(id, None).map(|s| (&s.values, true)),
            SeriesKey::Named { id, name } => r.series(id, Some(name)).map(|s| (&s.values, true)),
            SeriesKey::Veto { id } => r.vetoes.get(id).map(|m| (m, false)),
            SeriesKey::Event { name } => r.events.get(name).map(|m| (m, false)),
        }
    }
}

impl Source for ModelSource<'_> {
    fn cell(&self, s: SeriesId, year: i32, target: bool) -> Option<CellRef<'_>> {
        let r = self.region;
        let series = match self.keys.get(s.index())? {
            SeriesKey::Indicator { id } => r.series(id, None),
            SeriesKey::Named { id, name } => r.series(id, Some(name)),
            SeriesKey::Veto { .. } | SeriesKey::Event { .. } if !target => {
                return self.records(s)?.0.get(&year).map(CellRef::from);
            }
            _ => None,
        }?;
        let map = if target {
            &series.targets
        } else {
            &series.values
        };
        map.get(&year).map(CellRef::from)
    }

    fn has_records(&self, s: SeriesId) -> bool {
        self.records(s).is_some()
    }
}

/// The columns of a dataset for each series of a program: bound once per evaluation, so any
/// rule set can evaluate any dataset and no look-up is by string.
#[derive(Debug, Clone, Default)]
pub(crate) struct Binding {
    columns: Vec<[Option<u32>; 2]>,
}

impl Binding {
    pub(crate) fn new(keys: &[SeriesKey], data: &Dataset) -> Binding {
        let index: std::collections::HashMap<&SeriesKey, u32> = data
            .keys
            .iter()
            .enumerate()
            .map(|(i, k)| (k, u32::try_from(i).unwrap_or(u32::MAX)))
            .collect();
        let columns = keys
            .iter()
            .map(|k| match index.get(k) {
                Some(&d) => [data.column(d, false), data.column(d, true)],
                None => [None, None],
            })
            .collect();
        Binding { columns }
    }

    /// The dataset column of a series' values or targets.
    #[inline]
    pub(crate) fn column(&self, s: SeriesId, target: bool) -> Option<u32> {
        self.columns
            .get(s.index())
            .and_then(|c| c[usize::from(target)])
    }
}

/// One region of a dataset.
pub(crate) struct GridSource<'a> {
    pub(crate) cells: Cells<'a>,
    pub(crate) binding: &'a Binding,
    pub(crate) words: &'a [String],
    /// The dataset and the positions of the region's sub-regions.
    pub(crate) data: &'a Dataset,
    pub(crate) children: &'a [usize],
}

impl GridSource<'_> {
    fn read(&self, cells: Cells<'_>, s: SeriesId, year: i32, target: bool) -> Option<CellRef<'_>> {
        let column = self.binding.column(s, target)?;
        match cells.get(column, year)?.cell {
            Cell::Number(d) => Some(CellRef::Number(d)),
            Cell::Word(w) => self.words.get(w as usize).map(|w| CellRef::Word(w)),
            Cell::Empty => None,
        }
    }
}

impl Source for GridSource<'_> {
    #[inline]
    fn cell(&self, s: SeriesId, year: i32, target: bool) -> Option<CellRef<'_>> {
        self.read(self.cells, s, year, target)
    }

    fn sub_regions(&self) -> usize {
        self.children.len()
    }

    fn sub_cell(&self, i: usize, s: SeriesId, year: i32) -> (&str, Option<CellRef<'_>>) {
        let Some(&pos) = self.children.get(i) else {
            return ("", None);
        };
        let name = self.data.regions().get(pos).map_or("", |r| r.name.as_str());
        let cell = self
            .data
            .cells(pos)
            .and_then(|cells| self.read(cells, s, year, false));
        (name, cell)
    }

    fn has_records(&self, s: SeriesId) -> bool {
        self.binding
            .column(s, false)
            .is_some_and(|c| self.cells.any_in(c))
    }
}

/// Why a region's classes do not settle a guard (SPEC §4, "Known regions"): never read as
/// "not in the class", so a missing or misspelled class cannot make an indicator `not_applicable`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClassGap<'a> {
    /// The region gives no class on this dimension (`None`: no dimension declares the class and
    /// the region gives no class at all).
    NoClass(Option<&'a str>),
    /// The region has a class that the rules do not declare.
    Undeclared(&'a str),
}

impl ClassGap<'_> {
    /// The reason recorded in the evidence.
    pub fn reason(self) -> Reason {
        match self {
            ClassGap::NoClass(d) => Reason::NoClass {
                dimension: d.map(str::to_string),
            },
            ClassGap::Undeclared(c) => Reason::UndeclaredClass {
                class: c.to_string(),
            },
        }
    }
}

/// A region's classes read once against the class table: which it has (by id), which
/// dimensions it gives a class of, and the first class no dimension declares.
#[derive(Debug, Clone)]
pub(crate) struct RegionClasses<'a> {
    table: &'a ClassTable<'a>,
    has: Vec<bool>,
    dims: Vec<bool>,
    any: bool,
    undeclared: Option<&'a str>,
}

impl<'a> RegionClasses<'a> {
    pub(crate) fn new(table: &'a ClassTable<'a>, classes: &'a BTreeSet<String>) -> Self {
        let mut out = RegionClasses {
            table,
            has: vec![false; table.len()],
            dims: vec![false; table.dimensions.len()],
            any: !classes.is_empty(),
            undeclared: None,
        };
        for c in classes {
            if let Some(id) = table.id(c) {
                out.has[usize::from(id.0)] = true;
                if let Some(d) = table.dimension(id) {
                    out.dims[usize::from(d)] = true;
                }
            }
            if !table.dimensions.is_empty() && !table.declared(c) && out.undeclared.is_none() {
                out.undeclared = Some(c);
            }
        }
        out
    }

    /// Whether the region has a class; a gap when its classes do not say.
    fn class(&self, id: ClassId) -> Result<bool, ClassGap<'a>> {
        if let Some(c) = self.undeclared {
            return Err(ClassGap::Undeclared(c));
        }
        if self.has.get(usize::from(id.0)).copied().unwrap_or(false) {
            return Ok(true);
        }
        match self.table.dimension(id) {
            Some(d) if self.dims.get(usize::from(d)).copied().unwrap_or(false) => Ok(false),
            Some(d) => Err(ClassGap::NoClass(
                self.table.dimensions.get(usize::from(d)).copied(),
            )),
            None if !self.any => Err(ClassGap::NoClass(None)),
            None => Ok(false),
        }
    }

    /// Whether a region expression holds, three-valued (Kleene): a decisive value wins over a
    /// gap, a gap over the other value.
    pub(crate) fn holds(&self, e: &ClassExpr) -> Result<bool, ClassGap<'a>> {
        let kleene = |items: &[ClassExpr], decisive: bool| {
            let mut gap = None;
            for e in items {
                match self.holds(e) {
                    Ok(b) if b == decisive => return Ok(decisive),
                    Ok(_) => {}
                    Err(g) => gap = gap.or(Some(g)),
                }
            }
            gap.map_or(Ok(!decisive), Err)
        };
        match e {
            ClassExpr::Class(c) => self.class(*c),
            ClassExpr::Not(e) => self.holds(e).map(|b| !b),
            ClassExpr::And(v) => kleene(v, false),
            ClassExpr::Or(v) => kleene(v, true),
        }
    }
}
