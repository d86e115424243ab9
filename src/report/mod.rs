//! Stage 5: reports — an aligned terminal table, JSON (SPEC §7), CSV, Markdown and a
//! self-contained HTML page with inline SVG charts.

mod html;
mod stream;
mod template;
#[cfg(feature = "xlsx")]
mod xlsx;

pub use stream::write_report;

#[cfg(feature = "cli")]
pub(crate) use template::filled as template_values;
pub use template::{default_region, template_csv, template_rows, TemplateRow};
#[cfg(feature = "xlsx")]
pub use template::{template_xlsx, values_left_out};

use std::borrow::Cow;
use std::fmt;
use std::io;

use serde::{Deserialize, Serialize};
use unicode_width::UnicodeWidthStr;

use crate::data::{DataWarning, Dataset};
use crate::eval::{RegionResult, Verdict, VetoState};
use crate::message::Label;
use crate::rules::{RuleSet, System};
use crate::types::visible;
use crate::Lang;

/// A whole evaluation: what `zhibiao eval --format json` prints.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Report {
    /// The system's metadata.
    pub system: System,
    /// Assessment year.
    pub year: i32,
    /// One entry per region.
    pub regions: Vec<RegionResult>,
    /// Input warnings.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<DataWarning>,
}

/// Output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Aligned table for a terminal.
    Table,
    /// JSON.
    Json,
    /// CSV, one row per region × indicator, with a BOM for Excel.
    Csv,
    /// Markdown.
    Markdown,
    /// Self-contained HTML.
    Html,
    /// An `.xlsx` workbook: summary, region × indicator matrix, a sheet per region (with the
    /// `xlsx` feature).
    Xlsx,
}

impl std::str::FromStr for Format {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Ok(match s {
            "table" => Format::Table,
            "json" => Format::Json,
            "csv" => Format::Csv,
            "markdown" | "md" => Format::Markdown,
            "html" => Format::Html,
            "xlsx" => Format::Xlsx,
            _ => {
                return Err(format!(
                    "unknown format `{s}`: use table, json, csv, markdown, html or xlsx"
                ))
            }
        })
    }
}

impl Report {
    /// Evaluate every region of a dataset.
    ///
    /// ```
    /// use zhibiao::data::parse_measurements_csv;
    /// use zhibiao::report::{Format, Report};
    /// use zhibiao::{Lang, RuleSet};
    /// let rules = RuleSet::parse("体系 \"x\" {\n指标 1 \"森林覆盖率\" {\n单位 %\n目标 ≥20\n}\n}\n").unwrap();
    /// let data = parse_measurements_csv("region,indicator,year,value\n甲县,1,2023,22%\n", &rules, "d.csv").unwrap();
    /// let report = Report::build(&rules, &data, 2023, Lang::Zh);
    /// let md = report.render(Format::Markdown, Lang::Zh, &rules, &data, false);
    /// assert!(md.contains("| 1 | 森林覆盖率 | 约束性 | 22% | ≥20 | 达标 | 2023年 22% ≥ 20 → 达标 |"));
    /// ```
    pub fn build(rules: &RuleSet, data: &Dataset, year: i32, lang: Lang) -> Report {
        Report::build_with_progress(rules, data, year, lang, &mut |_, _| {})
    }

    /// [`Report::build`], calling `progress(done, total)` after each batch of regions.
    pub fn build_with_progress(
        rules: &RuleSet,
        data: &Dataset,
        year: i32,
        lang: Lang,
        progress: &mut dyn FnMut(usize, usize),
    ) -> Report {
        let program = rules.compile();
        let evaluator = crate::eval::Evaluator::new(&program, data);
        let regions = stream::Batches::new(&evaluator, year, lang, progress).collect();
        Report {
            system: rules.system.clone(),
            year,
            regions,
            warnings: data.warnings.clone(),
        }
    }

    /// Render in a format. `color` adds ANSI colours to the table.
    pub fn render(
        &self,
        format: Format,
        lang: Lang,
        rules: &RuleSet,
        data: &Dataset,
        color: bool,
    ) -> String {
        let mut buf = Vec::new();
        let _ = self.write_to(&mut buf, format, lang, rules, data, color);
        String::from_utf8_lossy(&buf).into_owned()
    }

    /// Write the report in a format to `w` as it is produced (wrap a file in a
    /// `BufWriter`); nothing is built as one string.
    pub fn write_to(
        &self,
        w: &mut dyn io::Write,
        format: Format,
        lang: Lang,
        rules: &RuleSet,
        data: &Dataset,
        color: bool,
    ) -> io::Result<()> {
        let mut out = IoFmt { w, err: None };
        match format {
            Format::Json => {
                serde_json::to_writer_pretty(&mut *out.w, self)?;
                return out.w.write_all(b"\n");
            }
            Format::Csv => return self.write_csv(out.w, lang),
            Format::Table => self.write_table(&mut out, lang, color),
            Format::Markdown => self.write_markdown(&mut out, lang),
            Format::Html => html::write_page(&mut out, self, rules, data, lang),
            Format::Xlsx => return self.write_xlsx(out.w, rules, lang),
        }
        out.err.map_or(Ok(()), Err)
    }

    #[cfg(feature = "xlsx")]
    fn write_xlsx(&self, w: &mut dyn io::Write, rules: &RuleSet, lang: Lang) -> io::Result<()> {
        let bytes = xlsx::workbook(self, rules, lang).map_err(io::Error::other)?;
        w.write_all(&bytes)
    }

    #[cfg(not(feature = "xlsx"))]
    fn write_xlsx(&self, _: &mut dyn io::Write, _: &RuleSet, _: Lang) -> io::Result<()> {
        Err(io::Error::new(
            io::ErrorKind::Unsupported,
            "built without the `xlsx` feature: no .xlsx report",
        ))
    }

    pub(crate) fn labels(lang: Lang) -> [&'static str; 7] {
        match lang {
            Lang::Zh => ["编号", "指标", "属性", "数值", "目标", "结论", "说明"],
            Lang::En => [
                "id",
                "indicator",
                "attribute",
                "value",
                "target",
                "verdict",
                "explanation",
            ],
        }
    }

    /// The overview: regions down, indicators across, a mark per verdict (`✓` 达标, `✗` 未达标,
    /// `?` 数据不足, `–` 不适用), with the legend.
    fn write_matrix(&self, out: &mut dyn fmt::Write, lang: Lang) {
        let Some(first) = self.regions.first() else {
            return;
        };
        let title = Label::Overview.text(lang);
        let _ = writeln!(out, "\n## {title}\n\n{}\n", legend(lang, " · "));
        let ids: Vec<String> = first.indicators.iter().map(|i| md(&i.id)).collect();
        let region = Label::Region.text(lang);
        let _ = writeln!(out, "| {region} | {} |", ids.join(" | "));
        let _ = writeln!(out, "|---|{}", "---|".repeat(ids.len()));
        for r in &self.regions {
            let marks: Vec<&str> = r.indicators.iter().map(|i| mark(i.verdict)).collect();
            let _ = writeln!(out, "| {} | {} |", md(&r.region), marks.join(" | "));
        }
    }

    /// Aligned text table (CJK characters count two columns).
    pub fn table(&self, lang: Lang, color: bool) -> String {
        let mut out = String::new();
        self.write_table(&mut out, lang, color);
        out
    }

    fn write_table(&self, out: &mut dyn fmt::Write, lang: Lang, color: bool) {
        for r in &self.regions {
            table_region(out, r, self.year, lang, color.into());
        }
    }

    /// CSV with a BOM: one row per region × indicator.
    pub fn csv(&self, lang: Lang) -> String {
        let mut buf = Vec::new();
        let _ = self.write_csv(&mut buf, lang);
        String::from_utf8_lossy(&buf).into_owned()
    }

    fn write_csv(&self, out: &mut dyn io::Write, lang: Lang) -> io::Result<()> {
        let mut w = csv_writer(out, lang)?;
        for r in &self.regions {
            csv_region(&mut w, r, self.year, lang);
        }
        w.flush()
    }

    /// Markdown: a summary table, then one table per region.
    pub fn markdown(&self, lang: Lang) -> String {
        let mut out = String::new();
        self.write_markdown(&mut out, lang);
        out
    }

    fn write_markdown(&self, out: &mut dyn fmt::Write, lang: Lang) {
        let _ = writeln!(out, "# {} — {}\n", md(&self.system.name), self.year);
        if let Some(d) = &self.system.document {
            let _ = writeln!(out, "{} {}\n", Label::Document.text(lang), md(d));
        }
        let _ = writeln!(
            out,
            "| {} | {} | {} |\n|---|---|---|",
            Label::Region.text(lang),
            Label::Verdict.text(lang),
            Label::Why.text(lang)
        );
        for r in &self.regions {
            let _ = writeln!(
                out,
                "| {} | {} | {} |",
                md(&r.region),
                r.verdict.label(lang),
                md(&r.summary(lang))
            );
        }
        self.write_matrix(out, lang);
        let h = Self::labels(lang);
        for r in &self.regions {
            let _ = writeln!(out, "\n## {} — {}\n", md(&r.region), r.verdict.label(lang));
            let _ = writeln!(out, "{}\n", md(&r.coverage_line(lang)));
            // what failed first, then what could not be judged, before the whole table
            let notes = failures_first(r);
            for i in &notes {
                let _ = writeln!(
                    out,
                    "- {} **{} {}** {}:{}",
                    mark(i.verdict),
                    md(&i.id),
                    md(&i.name),
                    verdict_with_hint(i, lang),
                    md(&i.explanation)
                );
            }
            if !notes.is_empty() {
                let _ = writeln!(out);
            }
            let _ = writeln!(out, "| {} |\n|---|---|---|---|---|---|---|", h.join(" | "));
            for i in &r.indicators {
                let _ = writeln!(
                    out,
                    "| {} | {} | {} | {} | {} | {} | {} |",
                    md(&i.id),
                    md(&i.name),
                    attr(i.attribute, lang),
                    md(&i.value_with_unit()),
                    md(i.target_text.as_deref().unwrap_or("-")),
                    i.verdict.label(lang),
                    md(&i.explanation)
                );
            }
            for (n, (i, m)) in milestones(r).enumerate() {
                if n == 0 {
                    let _ = writeln!(out, "\n**{}**\n", Label::PlanProgressHead.text(lang));
                }
                let _ = writeln!(out, "- {} {}:{}", md(&i.id), md(&i.name), md(&m.text(lang)));
            }
            if !r.vetoes.is_empty() {
                let _ = writeln!(out);
                for v in &r.vetoes {
                    let _ = writeln!(
                        out,
                        "- {} {} {}: {}",
                        Label::Veto.text(lang),
                        v.id,
                        md(&v.text),
                        veto_word(v.state, lang)
                    );
                }
            }
            if !r.unused_rows.is_empty() {
                let _ = writeln!(out, "\n{}\n", Label::UnusedRows.text(lang));
                for (reason, file, rows) in group_unused(&r.unused_rows, lang) {
                    let _ = writeln!(out, "- {} {rows} — {}", md(&file), md(&reason));
                }
            }
        }
    }
}

/// How the terminal table is laid out: colours, and the width it must fit (`None`: as wide as
/// its cells; names and targets are wrapped, never cut, to fit a width).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct TableStyle {
    /// ANSI colours for verdicts.
    pub color: bool,
    /// The terminal's width in columns.
    pub width: Option<usize>,
}

impl From<bool> for TableStyle {
    fn from(color: bool) -> TableStyle {
        TableStyle { color, width: None }
    }
}

/// The narrowest the name and target columns are wrapped to.
const MIN_WRAP: usize = 12;

/// Text cut into lines of at most `width` columns (CJK characters count two), at character
/// boundaries; nothing is dropped.
fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = vec![String::new()];
    let mut used = 0;
    for c in text.chars() {
        let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if used + w > width && used > 0 {
            lines.push(String::new());
            used = 0;
        }
        if let Some(l) = lines.last_mut() {
            l.push(c);
        }
        used += w;
    }
    lines
}

/// The widths of the name (1) and target (4) columns so that the table fits `total`: the other
/// columns keep theirs; the two share what is left in proportion to what they need.
fn fit(widths: &mut [usize; 6], total: usize) {
    let gaps = 2 * 5;
    let natural: usize = widths.iter().sum::<usize>() + gaps;
    if natural <= total {
        return;
    }
    let fixed = widths[0] + widths[2] + widths[3] + widths[5] + gaps;
    let room = total.saturating_sub(fixed).max(2 * MIN_WRAP);
    let (name, target) = (widths[1], widths[4]);
    let name_share = (room * name / (name + target).max(1)).max(MIN_WRAP);
    widths[1] = name_share.min(name);
    widths[4] = room.saturating_sub(widths[1]).max(MIN_WRAP).min(target);
}

/// The table's rows with the name and target cells wrapped to `widths`.
fn wrapped_rows(
    out: &mut dyn fmt::Write,
    rows: &[[Cow<'_, str>; 6]],
    widths: &[usize; 6],
    color: bool,
) {
    for (n, row) in rows.iter().enumerate() {
        let cells: [Vec<String>; 6] = std::array::from_fn(|c| match c {
            1 | 4 => wrap(&row[c], widths[c]),
            _ => vec![row[c].to_string()],
        });
        let height = cells.iter().map(Vec::len).max().unwrap_or(1);
        for line in 0..height {
            let mut l = String::new();
            for (c, cell) in cells[..5].iter().enumerate() {
                let t = cell.get(line).map_or("", String::as_str);
                let pad = widths[c].saturating_sub(t.width());
                let _ = fmt::Write::write_fmt(&mut l, format_args!("{t}{:pad$}  ", ""));
            }
            // the last column ends the line: no padding after it, nor after a wrapped line
            if line > 0 {
                let _ = writeln!(out, "{}", l.trim_end());
            } else if n > 0 && color {
                let _ = writeln!(out, "{l}{}", paint_word(&row[5], true));
            } else {
                let _ = writeln!(out, "{l}{}", row[5]);
            }
        }
    }
}

/// One region of the text table: its verdict, coverage, indicators, what failed (failures
/// first), vetoes and unused rows.
pub(crate) fn table_region(
    out: &mut dyn fmt::Write,
    r: &RegionResult,
    year: i32,
    lang: Lang,
    style: TableStyle,
) {
    let color = style.color;
    let _ = writeln!(
        out,
        "{} {} — {}",
        visible(&r.region),
        year,
        paint(r.verdict, &visible(&r.summary(lang)), color)
    );
    let _ = writeln!(out, "{}", r.coverage_line(lang));
    indicator_table(out, r, lang, style);
    region_notes(out, r, lang, color);
    let _ = out.write_char('\n');
}

/// The indicators of a region as a table: id, name, attribute, value, target and verdict,
/// fitted to the terminal's width.
fn indicator_table(out: &mut dyn fmt::Write, r: &RegionResult, lang: Lang, style: TableStyle) {
    let (color, h) = (style.color, Report::labels(lang));
    let mut rows: Vec<[Cow<'_, str>; 6]> = Vec::with_capacity(r.indicators.len() + 1);
    rows.push([h[0], h[1], h[2], h[3], h[4], h[5]].map(Cow::Borrowed));
    for i in &r.indicators {
        let name = if i.parent.is_some() {
            Cow::Owned(format!("  {}", visible(&i.name)))
        } else {
            visible(&i.name)
        };
        rows.push([
            visible(&i.id),
            name,
            Cow::Borrowed(attr(i.attribute, lang)),
            Cow::Owned(visible(&i.value_with_unit()).into_owned()),
            visible(i.target_text.as_deref().unwrap_or("-")),
            Cow::Borrowed(i.verdict.label(lang)),
        ]);
    }
    let cell_widths: Vec<[usize; 6]> = rows
        .iter()
        .map(|row| std::array::from_fn(|c| row[c].width()))
        .collect();
    let mut widths: [usize; 6] =
        std::array::from_fn(|c| cell_widths.iter().map(|w| w[c]).max().unwrap_or(0));
    let natural = widths;
    if let Some(total) = style.width {
        fit(&mut widths, total);
    }
    if widths == natural {
        // every cell fits on one line: written as it is, nothing wrapped or copied
        for (n, (row, w)) in rows.iter().zip(&cell_widths).enumerate() {
            for c in 0..5 {
                let _ = write!(out, "{}{:pad$}  ", row[c], "", pad = widths[c] - w[c]);
            }
            if n > 0 && color {
                let _ = writeln!(out, "{}", paint_word(&row[5], true));
            } else {
                let _ = writeln!(out, "{}", row[5]);
            }
        }
    } else {
        wrapped_rows(out, &rows, &widths, color);
    }
}

/// Below a region's table: what failed first, then what could not be judged (what an
/// official reads for), plan-year progress, vetoes, reference indicators and unused rows.
fn region_notes(out: &mut dyn fmt::Write, r: &RegionResult, lang: Lang, color: bool) {
    // what failed first, then what could not be judged: what an official reads for
    for i in failures_first(r) {
        let _ = writeln!(
            out,
            "  {} {}: {}",
            visible(&i.id),
            paint(i.verdict, &verdict_with_hint(i, lang), color),
            visible(&i.explanation)
        );
    }
    for (n, (i, m)) in milestones(r).enumerate() {
        if n == 0 {
            let _ = writeln!(out, "{}:", Label::PlanProgressHead.text(lang));
        }
        let _ = writeln!(
            out,
            "  {} {}: {}",
            visible(&i.id),
            visible(&i.name),
            m.text(lang)
        );
    }
    for v in &r.vetoes {
        let _ = writeln!(
            out,
            "{} {}: {}",
            Label::Veto.text(lang),
            v.id,
            veto_word(v.state, lang)
        );
    }
    if r.reference_applicable > 0 {
        let _ = writeln!(
            out,
            "{} {}/{}",
            Label::ReferenceMet.text(lang),
            r.reference_met,
            r.reference_applicable
        );
    }
    for (reason, file, rows) in group_unused(&r.unused_rows, lang) {
        let head = Label::UnusedRows.text(lang);
        let _ = writeln!(
            out,
            "{head} {} {rows}: {}",
            visible(&file),
            visible(&reason)
        );
    }
}

/// A CSV writer with the BOM (so Excel reads UTF-8) and the header written.
pub(crate) fn csv_writer(
    out: &mut dyn io::Write,
    lang: Lang,
) -> io::Result<csv::Writer<&mut dyn io::Write>> {
    out.write_all("\u{feff}".as_bytes())?;
    let mut w = csv::WriterBuilder::new().from_writer(out);
    // column heads: lower case in English, as the data's columns are
    let mut header: Vec<String> = [Label::Region, Label::Year]
        .iter()
        .map(|l| l.text(lang).to_lowercase())
        .collect();
    header.extend(Report::labels(lang).map(str::to_string));
    header.push(Label::PlanProgress.text(lang).to_string());
    w.write_record(header)?;
    Ok(w)
}

/// The CSV rows of one region: its overall row, then one row per indicator.
pub(crate) fn csv_region<W: io::Write>(
    w: &mut csv::Writer<W>,
    r: &RegionResult,
    year: i32,
    lang: Lang,
) {
    let year = year.to_string();
    // the region's own row first: its verdict, why, and what the binding indicators came to
    let overall = format!("{};{}", r.summary(lang), r.coverage_line(lang));
    let region = inert(&r.region);
    let _ = w.write_record([
        region.as_ref(),
        &year,
        Label::Overall.text(lang),
        "",
        "",
        "",
        "",
        r.verdict.label(lang),
        &overall,
        "",
    ]);
    for i in &r.indicators {
        let _ = w.write_record([
            region.as_ref(),
            &year,
            &inert(&i.id),
            &inert(&i.name),
            attr(i.attribute, lang),
            &inert(i.value.as_deref().unwrap_or("")),
            &inert(i.target_text.as_deref().unwrap_or("")),
            i.verdict.label(lang),
            &inert(&i.explanation),
            &inert(
                &i.progress
                    .as_ref()
                    .map(|m| m.text(lang))
                    .unwrap_or_default(),
            ),
        ]);
    }
}

/// `fmt::Write` over an `io::Write`, keeping the first I/O error.
pub(crate) struct IoFmt<'a> {
    pub(crate) w: &'a mut dyn io::Write,
    pub(crate) err: Option<io::Error>,
}

impl fmt::Write for IoFmt<'_> {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        if self.err.is_some() {
            return Err(fmt::Error);
        }
        self.w.write_all(s.as_bytes()).map_err(|e| {
            self.err = Some(e);
            fmt::Error
        })
    }
}

/// Unused rows as (reason, file, `第 2–4、9 行` / `rows 2–4, 9`).
pub(crate) fn group_unused(
    groups: &[crate::data::UnusedRows],
    lang: Lang,
) -> Vec<(String, String, String)> {
    groups
        .iter()
        .map(|g| (g.reason.clone(), g.file.clone(), g.rows_in(lang)))
        .collect()
}

/// The indicators with a milestone of their year schedule still ahead, in table order.
pub(crate) fn milestones(
    r: &RegionResult,
) -> impl Iterator<Item = (&crate::eval::IndicatorResult, &crate::message::Milestone)> {
    r.indicators
        .iter()
        .filter_map(|i| i.progress.as_ref().map(|m| (i, m)))
}

/// A region's failures, then what could not be judged, each in the order of the rules: what an
/// official reads for first.
pub(crate) fn failures_first(r: &RegionResult) -> Vec<&crate::eval::IndicatorResult> {
    let mut notes: Vec<&crate::eval::IndicatorResult> = r
        .indicators
        .iter()
        .filter(|i| matches!(i.verdict, Verdict::Fail | Verdict::Insufficient))
        .collect();
    notes.sort_by_key(|i| i.verdict != Verdict::Fail);
    notes
}

/// A failing or undecided indicator's verdict with what would make it pass:
/// `未达标(还差 3 个百分点)`, `数据不足(缺 2023 年数据)`.
pub(crate) fn verdict_with_hint(i: &crate::eval::IndicatorResult, lang: Lang) -> String {
    match (i.hint(), lang) {
        (Some(h), Lang::Zh) => format!("{}({})", i.verdict.label(lang), h.text(lang)),
        (Some(h), Lang::En) => format!("{} ({})", i.verdict.label(lang), h.text(lang)),
        (None, _) => i.verdict.label(lang).to_string(),
    }
}

/// What the overview's marks mean: `✓ 达标 · ✗ 未达标 · ? 数据不足 · – 不适用`.
pub(crate) fn legend(lang: Lang, sep: &str) -> String {
    [
        Verdict::Pass,
        Verdict::Fail,
        Verdict::Insufficient,
        Verdict::NotApplicable,
    ]
    .map(|v| format!("{} {}", mark(v), v.label(lang)))
    .join(sep)
}

/// A verdict as one mark of the overview matrix.
pub(crate) fn mark(v: Verdict) -> &'static str {
    match v {
        Verdict::Pass => "✓",
        Verdict::Fail => "✗",
        Verdict::Insufficient => "?",
        Verdict::NotApplicable => "–",
    }
}

/// Text in a Markdown table or line: HTML in the data is shown, never run (`<script>` is
/// `&lt;script>`), `|` does not split a cell, control characters are escapes.
fn md(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let text = visible(s);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        // a `<` before a letter, `/`, `!` or `?` would start a tag (or autolink, comment); one
        // before a space or a digit (`74.9 < 75`) is shown as printed, and so is `>`
        let tag =
            |n: Option<&char>| n.is_some_and(|n| n.is_ascii_alphabetic() || "/!?".contains(*n));
        match c {
            '&' => out.push_str("&amp;"),
            '<' if tag(chars.peek()) => out.push_str("&lt;"),
            '|' => out.push_str("\\|"),
            '\n' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// A CSV cell that a spreadsheet would run as a formula (`=HYPERLINK(…)`, `+`, `-`, `@` or a
/// tab first) is made inert with a leading `'`; numbers (`-1.5`) stay numbers.
pub(crate) fn inert(s: &str) -> Cow<'_, str> {
    let risky = s.starts_with(['=', '+', '-', '@', '\t', '\r']);
    if risky && crate::types::read_decimal(s).is_err() {
        Cow::Owned(format!("'{s}"))
    } else {
        Cow::Borrowed(s)
    }
}

pub(crate) fn attr(a: crate::rules::Attribute, lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => a.zh(),
        Lang::En => a.en(),
    }
}

pub(crate) fn veto_word(s: VetoState, lang: Lang) -> &'static str {
    match (lang, s) {
        (Lang::Zh, VetoState::Occurred) => "发生",
        (Lang::Zh, VetoState::NotOccurred) => "未发生",
        (Lang::Zh, VetoState::NotRecorded) => "无记录",
        (Lang::En, VetoState::Occurred) => "occurred",
        (Lang::En, VetoState::NotOccurred) => "did not occur",
        (Lang::En, VetoState::NotRecorded) => "not recorded",
    }
}

fn color_code(v: Verdict) -> &'static str {
    match v {
        Verdict::Pass => "32",
        Verdict::Fail => "31",
        Verdict::Insufficient => "33",
        Verdict::NotApplicable => "90",
    }
}

fn paint(v: Verdict, s: &str, color: bool) -> String {
    if color {
        format!("\x1b[{}m{s}\x1b[0m", color_code(v))
    } else {
        s.to_string()
    }
}

fn paint_word(word: &str, color: bool) -> String {
    match Verdict::from_word(word).or_else(|| Verdict::from_word(word.trim())) {
        Some(v) if color => paint(v, word, true),
        _ => word.to_string(),
    }
}
