//! Writing a report while the regions are evaluated: JSON, CSV and the table go out region by
//! region, so a national panel's results are never all in memory.

use std::io;

use super::{csv_region, csv_writer, table_region, Format, Report, TableStyle};
use crate::data::Dataset;
use crate::eval::{Evaluator, RegionResult};
use crate::rules::RuleSet;
use crate::Lang;

/// Evaluate every region of `data` and write the report as it goes. JSON, CSV and the table are
/// rendered region by region on all cores (each batch evaluated and put into bytes on the worker
/// threads) and written in order, so a national panel's results are never all in memory;
/// Markdown and HTML open with a summary of every region and are built whole first.
/// `progress(done, total)` is called after each batch.
#[allow(clippy::too_many_arguments)]
pub fn write_report(
    w: &mut dyn io::Write,
    format: Format,
    rules: &RuleSet,
    data: &Dataset,
    year: i32,
    lang: Lang,
    style: impl Into<TableStyle>,
    progress: &mut dyn FnMut(usize, usize),
) -> io::Result<()> {
    let style = style.into();
    let color = style.color;
    let program = rules.compile();
    let ev = Evaluator::new(&program, data);
    match format {
        Format::Json => write_json(w, rules, &ev, year, lang, progress),
        Format::Csv => {
            let mut out = csv_writer(w, lang)?;
            out.flush()?;
            drop(out);
            let render = |r: &RegionResult| {
                let mut one = csv::WriterBuilder::new().from_writer(Vec::new());
                csv_region(&mut one, r, year, lang);
                one.into_inner().unwrap_or_default()
            };
            rendered(&ev, year, lang, progress, render, |bytes, _| {
                w.write_all(bytes)
            })
        }
        Format::Table => {
            if ev.len() <= OVERVIEW_REGIONS {
                table_overview(w, rules, data, &ev, year, lang)?;
            }
            let render = |r: &RegionResult| {
                let mut text = String::new();
                table_region(&mut text, r, year, lang, style);
                text.into_bytes()
            };
            rendered(&ev, year, lang, progress, render, |bytes, _| {
                w.write_all(bytes)
            })
        }
        Format::Markdown | Format::Html | Format::Xlsx => {
            Report::build_with_progress(rules, data, year, lang, progress)
                .write_to(w, format, lang, rules, data, color)
        }
    }
}

/// Evaluate the regions batch by batch and render each on the worker threads; `sink(bytes,
/// first)` writes them in order.
fn rendered(
    ev: &Evaluator<'_>,
    year: i32,
    lang: Lang,
    progress: &mut dyn FnMut(usize, usize),
    render: impl Fn(&RegionResult) -> Vec<u8> + Sync,
    mut sink: impl FnMut(&[u8], bool) -> io::Result<()>,
) -> io::Result<()> {
    let total = ev.len();
    let mut next = 0;
    while next < total {
        let end = (next + Batches::SIZE).min(total);
        let batch = ev.map_range(next..end, year, Some(lang), |r| render(&r));
        for (i, bytes) in batch.iter().enumerate() {
            sink(bytes, next == 0 && i == 0)?;
        }
        next = end;
        progress(next, total);
    }
    Ok(())
}

/// Pretty JSON of `value` for a place `indent` deep in the report (every line after the first
/// indented), as `serde_json`'s pretty printer writes it there.
fn pretty_at(value: &impl serde::Serialize, indent: &[u8]) -> io::Result<Vec<u8>> {
    let text = serde_json::to_vec_pretty(value)?;
    let mut out = Vec::with_capacity(text.len() + text.len() / 8);
    for &b in &text {
        out.push(b);
        if b == b'\n' {
            out.extend_from_slice(indent);
        }
    }
    Ok(out)
}

/// The JSON report (SPEC §7), its regions serialised on the worker threads as they are
/// evaluated; the same bytes as `serde_json::to_writer_pretty` of the whole [`Report`].
fn write_json(
    w: &mut dyn io::Write,
    rules: &RuleSet,
    ev: &Evaluator<'_>,
    year: i32,
    lang: Lang,
    progress: &mut dyn FnMut(usize, usize),
) -> io::Result<()> {
    w.write_all(b"{\n  \"system\": ")?;
    w.write_all(&pretty_at(&rules.system, b"  ")?)?;
    write!(w, ",\n  \"year\": {year},\n  \"regions\": [")?;
    let render = |r: &RegionResult| pretty_at(r, b"    ").unwrap_or_default();
    rendered(ev, year, lang, progress, render, |bytes, first| {
        w.write_all(if first { b"\n    " } else { b",\n    " })?;
        w.write_all(bytes)
    })?;
    w.write_all(if ev.is_empty() { b"]" } else { b"\n  ]" })?;
    let warnings = &ev.data.warnings;
    if !warnings.is_empty() {
        w.write_all(b",\n  \"warnings\": ")?;
        w.write_all(&pretty_at(warnings, b"  ")?)?;
    }
    w.write_all(b"\n}\n")
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

/// Up to how many regions the table opens with the overview matrix (a national panel's would be
/// thousands of lines before the first region).
pub const OVERVIEW_REGIONS: usize = 60;

/// The table's overview: a line per region with a mark per indicator (`✓ ✗ ? –`), from the
/// verdict-only path, before the regions' tables.
fn table_overview(
    w: &mut dyn io::Write,
    rules: &RuleSet,
    data: &Dataset,
    ev: &Evaluator<'_>,
    year: i32,
    lang: Lang,
) -> io::Result<()> {
    use unicode_width::UnicodeWidthStr;
    let ids: Vec<&str> = rules.indicators.iter().map(|i| i.id.as_str()).collect();
    let names: Vec<String> = data
        .names()
        .map(|n| crate::types::visible(n).into_owned())
        .collect();
    let width = names.iter().map(|n| n.width()).max().unwrap_or(0).max(4);
    let title = crate::message::Label::Overview.text(lang);
    writeln!(w, "{title}({})", super::legend(lang, " "))?;
    let pad = |s: &str| format!("{s}{:n$}", "", n = width.saturating_sub(s.width()));
    writeln!(
        w,
        "{}  {}",
        pad(crate::message::Label::Region.text(lang)),
        ids.join(" ")
    )?;
    for (pos, name) in names.iter().enumerate() {
        let marks: Vec<String> = ids
            .iter()
            .enumerate()
            .map(|(idx, id)| {
                let m = super::mark(ev.indicator_verdict(pos, idx, year));
                // each mark under the first character of its id
                format!("{m}{:n$}", "", n = id.width().saturating_sub(1))
            })
            .collect();
        writeln!(w, "{}  {}", pad(name), marks.join(" ").trim_end())?;
    }
    writeln!(w)
}
