//! Writing a report while the regions are evaluated: JSON, CSV and the table go out region by
//! region, so a national panel's results are never all in memory.

use std::io;

use super::{csv_region, csv_writer, table_region, Format, IoFmt, Report};
use crate::data::{DataWarning, Dataset};
use crate::eval::{Evaluator, RegionResult};
use crate::rules::{RuleSet, System};
use crate::Lang;

/// Evaluate every region of `data` and write the report as it goes. JSON, CSV and the table are
/// written region by region from batches evaluated on all cores, so a national panel's results
/// are never all in memory; Markdown and HTML open with a summary of every region and are built
/// whole first. `progress(done, total)` is called after each batch.
#[allow(clippy::too_many_arguments)]
pub fn write_report(
    w: &mut dyn io::Write,
    format: Format,
    rules: &RuleSet,
    data: &Dataset,
    year: i32,
    lang: Lang,
    color: bool,
    progress: &mut dyn FnMut(usize, usize),
) -> io::Result<()> {
    let program = rules.compile();
    let evaluator = Evaluator::new(&program, data);
    let results = |progress| Batches::new(&evaluator, year, lang, progress);
    match format {
        Format::Json => {
            let streamed = Streamed {
                system: &rules.system,
                year,
                regions: std::cell::RefCell::new(Some(results(progress))),
                warnings: &data.warnings,
            };
            serde_json::to_writer_pretty(&mut *w, &streamed)?;
            w.write_all(b"\n")
        }
        Format::Csv => {
            let mut out = csv_writer(w, lang)?;
            for r in results(progress) {
                csv_region(&mut out, &r, year, lang);
            }
            out.flush()
        }
        Format::Table => {
            let mut out = IoFmt { w, err: None };
            for r in results(progress) {
                table_region(&mut out, &r, year, lang, color);
                if let Some(e) = out.err.take() {
                    return Err(e);
                }
            }
            Ok(())
        }
        Format::Markdown | Format::Html => {
            Report::build_with_progress(rules, data, year, lang, progress)
                .write_to(w, format, lang, rules, data, color)
        }
    }
}

/// Region results evaluated batch by batch (on all cores), with their unused rows.
pub(crate) struct Batches<'a> {
    evaluator: &'a Evaluator<'a>,
    year: i32,
    lang: Lang,
    next: usize,
    ready: std::vec::IntoIter<RegionResult>,
    progress: &'a mut dyn FnMut(usize, usize),
}

impl<'a> Batches<'a> {
    const SIZE: usize = 512;

    pub(crate) fn new(
        evaluator: &'a Evaluator<'a>,
        year: i32,
        lang: Lang,
        progress: &'a mut dyn FnMut(usize, usize),
    ) -> Batches<'a> {
        Batches {
            evaluator,
            year,
            lang,
            next: 0,
            ready: Vec::new().into_iter(),
            progress,
        }
    }
}

impl Iterator for Batches<'_> {
    type Item = RegionResult;

    fn next(&mut self) -> Option<RegionResult> {
        if let Some(r) = self.ready.next() {
            return Some(r);
        }
        let total = self.evaluator.data.len();
        let end = (self.next + Self::SIZE).min(total);
        if self.next >= end {
            return None;
        }
        let results = self
            .evaluator
            .evaluate_range(self.next..end, self.year, Some(self.lang));
        self.next = end;
        (self.progress)(self.next, total);
        self.ready = results.into_iter();
        self.ready.next()
    }
}

/// The JSON of a [`Report`], with the regions serialised as they are evaluated.
struct Streamed<'a> {
    system: &'a System,
    year: i32,
    regions: std::cell::RefCell<Option<Batches<'a>>>,
    warnings: &'a [DataWarning],
}

impl serde::Serialize for Streamed<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut st = s.serialize_struct("Report", 3 + usize::from(!self.warnings.is_empty()))?;
        st.serialize_field("system", self.system)?;
        st.serialize_field("year", &self.year)?;
        st.serialize_field("regions", &Regions(&self.regions))?;
        if !self.warnings.is_empty() {
            st.serialize_field("warnings", self.warnings)?;
        }
        st.end()
    }
}

struct Regions<'r, 'a>(&'r std::cell::RefCell<Option<Batches<'a>>>);

impl serde::Serialize for Regions<'_, '_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let batches = self.0.borrow_mut().take();
        s.collect_seq(batches.into_iter().flatten())
    }
}
