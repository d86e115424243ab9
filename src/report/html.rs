//! A self-contained HTML page: no scripts, no network, inline CSS and SVG.

use std::fmt::Write as _;

use rust_decimal::Decimal;

use super::{attr, veto_word, Report};
use crate::data::Dataset;
use crate::eval::{RegionResult, Series, Verdict};
use crate::message::{Label, Milestone};
use crate::predicate::{Polarity, Predicate};
use crate::rules::{Indicator, RuleSet};
use crate::types::Op;
use crate::Lang;

/// Escape text for HTML.
pub(crate) fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

fn class(v: Verdict) -> &'static str {
    match v {
        Verdict::Pass => "pass",
        Verdict::Fail => "fail",
        Verdict::Insufficient => "insufficient",
        Verdict::NotApplicable => "na",
    }
}

/// A fixed threshold of a simple target in `year` and the side that passes, for the chart: a
/// year schedule gives the tier of that year (or its default tier).
fn threshold(p: &Predicate, polarity: Option<Polarity>, year: i32) -> Option<(Op, Decimal)> {
    use crate::predicate::Guard;
    match p {
        Predicate::Compare { op, value, .. } => Some((*op, *value)),
        Predicate::Reach { value, .. } => match polarity {
            Some(Polarity::Lower) => Some((Op::Le, *value)),
            _ => Some((Op::Ge, *value)),
        },
        Predicate::All { items } => items.iter().find_map(|p| threshold(p, polarity, year)),
        Predicate::Tiered { tiers } => tiers
            .iter()
            .find(|t| match &t.when {
                Guard::Years(ys) => ys.contains(&year),
                Guard::Otherwise => true,
                _ => false,
            })
            .and_then(|t| threshold(&t.then, polarity, year)),
        _ => None,
    }
}

fn to_f(d: Decimal) -> f64 {
    // display only: chart coordinates, never evaluation
    d.to_string().parse().unwrap_or(0.0)
}

/// The chart's vertical scale: from 0 (or the lowest value, if below 0) to a tenth above the
/// highest value, threshold or target — so that the distance to the threshold is drawn in
/// proportion to the values themselves, never magnified by an axis cut just below them.
fn scale(vals: &[f64]) -> (f64, f64) {
    let lo = vals.iter().cloned().fold(0.0, f64::min);
    let hi = vals.iter().cloned().fold(f64::NEG_INFINITY, f64::max);
    let hi = if hi > 0.0 {
        hi * 1.1
    } else {
        hi + (hi - lo).abs() * 0.1
    };
    if (hi - lo).abs() < 1e-9 {
        (lo, lo + 1.0)
    } else {
        (lo, hi)
    }
}

/// A number as a chart label: as recorded, without trailing zeros.
fn label(d: Decimal) -> String {
    d.normalize().to_string()
}

/// An inline SVG chart of the series up to `year`, printable: the years on the axis, the value
/// at each point, the threshold as a labelled line with the passing side shaded, the superior
/// targets dashed with their values, and the next milestone of a year schedule (a hollow
/// diamond with its value, the projection to it dotted).
fn chart(
    series: Option<&Series>,
    limit: Option<(Op, Decimal)>,
    milestone: Option<&Milestone>,
    year: i32,
) -> String {
    let Some(s) = series else {
        return String::new();
    };
    let numbers = |m: &std::collections::BTreeMap<i32, crate::data::Value>| -> Vec<(i32, Decimal)> {
        m.iter()
            .filter(|(y, _)| **y <= year)
            .filter_map(|(y, v)| v.number().map(|d| (*y, d)))
            .collect()
    };
    let (pts, tgt) = (numbers(&s.values), numbers(&s.targets));
    if pts.is_empty() {
        return String::new();
    }
    // the milestone ahead, and where the projection puts the value then
    let goal = milestone.map(|m| (m.year, m.op, m.bound));
    let projected = milestone.and_then(|m| m.trend.as_ref().map(|t| (m.year, t.projected)));
    let ahead: Vec<(i32, Decimal)> = goal
        .map(|g| (g.0, g.2))
        .into_iter()
        .chain(projected)
        .collect();
    let all: Vec<(i32, Decimal)> = pts.iter().chain(&tgt).chain(&ahead).copied().collect();
    let plot = Plot::new(&all, limit.map(|l| l.1), year);
    let mut svg = format!("<svg class=\"chart\" width=\"{W}\" height=\"{H}\" viewBox=\"0 0 {W} {H}\" role=\"img\" xmlns=\"http://www.w3.org/2000/svg\">");
    if let Some(limit) = limit {
        plot.band(&mut svg, limit);
    }
    plot.axis(&mut svg, all.iter().map(|p| p.0).collect());
    plot.targets(&mut svg, &tgt);
    if let (Some(last), Some(at)) = (pts.last(), projected) {
        plot.projection(&mut svg, *last, at);
    }
    if let Some(goal) = goal {
        plot.milestone(&mut svg, goal);
    }
    plot.series(&mut svg, &pts);
    // the threshold last, so that a series lying on it does not hide it
    if let Some(limit) = limit {
        plot.limit(&mut svg, limit);
    }
    svg.push_str("</svg>");
    svg
}

/// The chart's width and height.
const W: f64 = 260.0;
const H: f64 = 110.0;
/// The chart's margins: the left one, and the right one for the threshold's label.
const LEFT: f64 = 18.0;
const RIGHT: f64 = 44.0;
/// The margin above the highest value, and below for the years.
const TOP: f64 = 14.0;
const BOTTOM: f64 = 16.0;

/// A chart's coordinates: years across, values up, both scaled to what is drawn.
struct Plot {
    y0: i32,
    y1: i32,
    lo: f64,
    hi: f64,
}

impl Plot {
    /// A plot holding every point and the threshold.
    fn new(points: &[(i32, Decimal)], limit: Option<Decimal>, year: i32) -> Plot {
        let y0 = points.iter().map(|p| p.0).min().unwrap_or(year);
        let y1 = points.iter().map(|p| p.0).max().unwrap_or(year);
        let mut vals: Vec<f64> = points.iter().map(|p| to_f(p.1)).collect();
        vals.extend(limit.map(to_f));
        let (lo, hi) = scale(&vals);
        Plot { y0, y1, lo, hi }
    }

    fn width() -> f64 {
        W - LEFT - RIGHT
    }

    fn x(&self, y: i32) -> f64 {
        match self.y1 - self.y0 {
            0 => LEFT + Plot::width() / 2.0,
            n => LEFT + Plot::width() * f64::from(y - self.y0) / f64::from(n),
        }
    }

    fn y(&self, v: Decimal) -> f64 {
        H - BOTTOM - (H - TOP - BOTTOM) * (to_f(v) - self.lo) / (self.hi - self.lo)
    }

    fn line(&self, ps: &[(i32, Decimal)]) -> String {
        ps.iter()
            .map(|(a, b)| format!("{:.1},{:.1}", self.x(*a), self.y(*b)))
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// The passing side of the threshold, shaded.
    fn band(&self, svg: &mut String, (op, l): (Op, Decimal)) {
        let ly = self.y(l);
        let (band_top, band_h) = match op {
            Op::Ge | Op::Gt => (TOP, ly - TOP),
            Op::Le | Op::Lt => (ly, H - BOTTOM - ly),
            Op::Eq => (ly - 1.0, 2.0),
        };
        let _ = write!(
            svg,
            "<rect x=\"{LEFT}\" y=\"{band_top:.1}\" width=\"{:.1}\" height=\"{:.1}\" class=\"band\"/>",
            Plot::width(),
            band_h.max(0.0)
        );
    }

    /// The years along the axis.
    fn axis(&self, svg: &mut String, mut years: Vec<i32>) {
        let _ = write!(
            svg,
            "<line x1=\"{LEFT}\" y1=\"{:.1}\" x2=\"{:.1}\" y2=\"{:.1}\" class=\"axis\"/>",
            H - BOTTOM,
            LEFT + Plot::width(),
            H - BOTTOM
        );
        years.sort_unstable();
        years.dedup();
        for y in &years {
            let _ = write!(
                svg,
                "<text x=\"{:.1}\" y=\"{:.1}\" class=\"year\">{y}</text>",
                self.x(*y),
                H - 3.0
            );
        }
    }

    /// The superior targets, dashed, with their values below.
    fn targets(&self, svg: &mut String, tgt: &[(i32, Decimal)]) {
        if tgt.len() > 1 {
            let _ = write!(
                svg,
                "<polyline points=\"{}\" class=\"target\"/>",
                self.line(tgt)
            );
        }
        for (a, b) in tgt {
            let (cx, cy) = (self.x(*a), self.y(*b));
            let _ = write!(
                svg,
                "<circle cx=\"{cx:.1}\" cy=\"{cy:.1}\" r=\"2\" class=\"target-dot\"/><text x=\"{cx:.1}\" y=\"{:.1}\" class=\"target-label\">{}</text>",
                cy + 10.0,
                label(*b)
            );
        }
    }

    /// The projection from the last value to the milestone's year, dotted.
    fn projection(&self, svg: &mut String, (last, v): (i32, Decimal), (at, p): (i32, Decimal)) {
        let _ = write!(
            svg,
            "<line x1=\"{:.1}\" y1=\"{:.1}\" x2=\"{:.1}\" y2=\"{:.1}\" class=\"projection\"/>",
            self.x(last),
            self.y(v),
            self.x(at),
            self.y(p)
        );
    }

    /// The next milestone: a hollow diamond with its requirement.
    fn milestone(&self, svg: &mut String, (at, op, g): (i32, Op, Decimal)) {
        let (cx, cy) = (self.x(at), self.y(g));
        let _ = write!(
            svg,
            "<path d=\"M{cx:.1},{:.1} L{:.1},{cy:.1} L{cx:.1},{:.1} L{:.1},{cy:.1} Z\" class=\"milestone\"/><text x=\"{cx:.1}\" y=\"{:.1}\" class=\"milestone-label\">{}{}</text>",
            cy - 4.0,
            cx + 4.0,
            cy + 4.0,
            cx - 4.0,
            cy - 6.0,
            esc(op.symbol()),
            label(g)
        );
    }

    /// The recorded values, joined, each with its value above.
    fn series(&self, svg: &mut String, pts: &[(i32, Decimal)]) {
        if pts.len() > 1 {
            let _ = write!(
                svg,
                "<polyline points=\"{}\" class=\"series\"/>",
                self.line(pts)
            );
        }
        for (a, b) in pts {
            let (cx, cy) = (self.x(*a), self.y(*b));
            let _ = write!(
                svg,
                "<circle cx=\"{cx:.1}\" cy=\"{cy:.1}\" r=\"2.5\" class=\"dot\"/><text x=\"{cx:.1}\" y=\"{:.1}\" class=\"value\">{}</text>",
                cy - 5.0,
                label(*b)
            );
        }
    }

    /// The threshold: a line across with its requirement at the right.
    fn limit(&self, svg: &mut String, (op, l): (Op, Decimal)) {
        let ly = self.y(l);
        let _ = write!(
            svg,
            "<line x1=\"{LEFT}\" y1=\"{ly:.1}\" x2=\"{:.1}\" y2=\"{ly:.1}\" class=\"limit\"/><text x=\"{:.1}\" y=\"{:.1}\" class=\"limit-label\">{}{}</text>",
            LEFT + Plot::width(),
            LEFT + Plot::width() + 3.0,
            ly + 3.0,
            esc(op.symbol()),
            label(l)
        );
    }
}

const STYLE: &str = "body{font-family:'Noto Sans CJK SC','Source Han Sans SC','Microsoft YaHei','PingFang SC',system-ui,sans-serif;margin:2em;color:#222}\
table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:4px 8px;vertical-align:top;font-size:14px}\
th{background:#f3f3f3}.pass{color:#137333;font-weight:600}.fail{color:#b3261e;font-weight:600}\
.insufficient{color:#a56a00;font-weight:600}.na{color:#777}.chart .series{fill:none;stroke:#1a73e8;stroke-width:1.5}\
.chart .dot{fill:#1a73e8}.chart .limit{stroke:#b3261e;stroke-width:1}.chart .target{fill:none;stroke:#b3261e;stroke-dasharray:3 2}\
.chart .target-dot{fill:#b3261e}.chart .band{fill:#e6f4ea}.chart .axis{stroke:#999}.chart text{font-size:9px;fill:#333}.chart .year{text-anchor:middle}.chart .value{text-anchor:middle;fill:#1a73e8}.chart .limit-label{fill:#b3261e}.chart .target-label{text-anchor:middle;fill:#b3261e}.chart .milestone{fill:#fff;stroke:#6a1b9a;stroke-width:1.2}.chart .milestone-label{text-anchor:middle;fill:#6a1b9a}.chart .projection{stroke:#6a1b9a;stroke-dasharray:1 2}.chart .limit{stroke-dasharray:4 2}\
.matrix td{text-align:center;padding:2px 4px}.matrix td.pass{background:#c6efce}.matrix td.fail{background:#ffc7ce}.matrix td.insufficient{background:#ffeb9c}.matrix td.na{background:#ededed}.failures li{margin:2px 0}\
@page{size:A4;margin:15mm}@media print{h2{page-break-before:always}body{margin:0}}.ind td:nth-child(1),.ind td:nth-child(3),.ind td:nth-child(4),.ind td:nth-child(6){white-space:nowrap}.explain{font-size:12px;color:#444}.sub td:nth-child(2){padding-left:1.5em}";

/// The overview: regions down, indicators across, each cell a verdict (coloured, with its word
/// as the cell's title).
fn write_matrix(out: &mut dyn std::fmt::Write, report: &Report, lang: Lang) {
    let Some(first) = report.regions.first() else {
        return;
    };
    let _ = write!(
        out,
        "<h2 id=\"matrix\">{}</h2>\n<table class=\"matrix\">\n<tr><th>{}</th>",
        Label::Overview.text(lang),
        Label::Region.text(lang)
    );
    for i in &first.indicators {
        let _ = write!(out, "<th title=\"{}\">{}</th>", esc(&i.name), esc(&i.id));
    }
    let _ = out.write_str("</tr>\n");
    for r in &report.regions {
        let _ = write!(
            out,
            "<tr><td><a href=\"#r{}\">{}</a></td>",
            esc(&r.region),
            esc(&r.region)
        );
        for i in &r.indicators {
            let _ = write!(
                out,
                "<td class=\"{}\" title=\"{} {}\">{}</td>",
                class(i.verdict),
                esc(&i.id),
                i.verdict.label(lang),
                super::mark(i.verdict)
            );
        }
        let _ = out.write_str("</tr>\n");
    }
    let _ = out.write_str("</table>\n");
}

/// What failed, then what could not be judged, with why: before the region's whole table.
fn write_failures(out: &mut dyn std::fmt::Write, r: &crate::eval::RegionResult, lang: Lang) {
    let notes = super::failures_first(r);
    if notes.is_empty() {
        return;
    }
    let _ = out.write_str("<ul class=\"failures\">\n");
    for i in notes {
        let _ = writeln!(
            out,
            "<li><span class=\"{}\">{}</span> <b>{} {}</b>:{}</li>",
            class(i.verdict),
            esc(&super::verdict_with_hint(i, lang)),
            esc(&i.id),
            esc(&i.name),
            esc(&i.explanation)
        );
    }
    let _ = out.write_str("</ul>\n");
}

/// The milestones of year schedules still ahead, with the distance and the projection.
fn write_progress(out: &mut dyn std::fmt::Write, r: &crate::eval::RegionResult, lang: Lang) {
    let lines: Vec<_> = super::milestones(r).collect();
    if lines.is_empty() {
        return;
    }
    let head = esc(Label::PlanProgressHead.text(lang));
    let _ = write!(out, "<p>{head}:</p>\n<ul class=\"progress\">\n");
    for (i, m) in lines {
        let _ = writeln!(
            out,
            "<li><b>{} {}</b>:{}</li>",
            esc(&i.id),
            esc(&i.name),
            esc(&m.text(lang))
        );
    }
    let _ = out.write_str("</ul>\n");
}

/// The whole page.
pub(crate) fn write_page(
    out: &mut dyn std::fmt::Write,
    report: &Report,
    rules: &RuleSet,
    data: &Dataset,
    lang: Lang,
) {
    let zh = lang == Lang::Zh;
    let title = format!("{} — {}", report.system.name, report.year);
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\"/>\n<title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<h1>{}</h1>\n",
        if zh { "zh-CN" } else { "en" },
        esc(&title),
        esc(&title)
    );
    let _ = writeln!(out, "<p>{}</p>", Label::ChartLegend.text(lang));
    let _ = write!(
        out,
        "<table>\n<tr><th>{}</th><th>{}</th><th>{}</th></tr>\n",
        Label::Region.text(lang),
        Label::Verdict.text(lang),
        Label::Why.text(lang)
    );
    for r in &report.regions {
        let _ = writeln!(
            out,
            "<tr><td><a href=\"#r{}\">{}</a></td><td class=\"{}\">{}</td><td>{}</td></tr>",
            esc(&r.region),
            esc(&r.region),
            class(r.verdict),
            r.verdict.label(lang),
            esc(&r.summary(lang))
        );
    }
    let _ = out.write_str("</table>\n");
    write_matrix(out, report, lang);
    for r in &report.regions {
        write_region(out, r, report.year, rules, data, lang);
    }
    let _ = out.write_str("</body>\n</html>\n");
}

/// One region: its heading and coverage, what failed, the indicators with their charts, then
/// plan-year progress, vetoes and unused rows.
fn write_region(
    out: &mut dyn std::fmt::Write,
    r: &RegionResult,
    year: i32,
    rules: &RuleSet,
    data: &Dataset,
    lang: Lang,
) {
    let h = Report::labels(lang);
    let region = data.region(&r.region);
    let _ = write!(
        out,
        "<h2 id=\"r{}\">{} <span class=\"{}\">{}</span></h2>\n<p class=\"coverage\">{}</p>\n<table class=\"ind\">\n<tr>",
        esc(&r.region),
        esc(&r.region),
        class(r.verdict),
        r.verdict.label(lang),
        esc(&r.coverage_line(lang))
    );
    write_failures(out, r, lang);
    for l in h.iter().take(6) {
        let _ = write!(out, "<th>{l}</th>");
    }
    let _ = writeln!(
        out,
        "<th>{}</th><th>{}</th></tr>",
        Label::Series.text(lang),
        h[6]
    );
    for i in &r.indicators {
        let ind: Option<&Indicator> = rules.indicator(&i.id);
        let series = region.as_ref().and_then(|d| d.series(&i.id, None));
        let limit = ind.and_then(|x| {
            x.predicate
                .as_ref()
                .and_then(|p| threshold(p, x.polarity, year))
        });
        let _ = writeln!(
            out,
            "<tr{}><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td class=\"{}\">{}</td><td>{}</td><td class=\"explain\">{}</td></tr>",
            if i.parent.is_some() { " class=\"sub\"" } else { "" },
            esc(&i.id),
            esc(&i.name),
            attr(i.attribute, lang),
            esc(&i.value_with_unit()),
            esc(i.target_text.as_deref().unwrap_or("-")),
            class(i.verdict),
            i.verdict.label(lang),
            chart(series, limit, i.progress.as_ref(), year),
            esc(&i.explanation)
        );
    }
    let _ = out.write_str("</table>\n");
    write_progress(out, r, lang);
    if !r.vetoes.is_empty() {
        let _ = out.write_str("<ul>\n");
        for v in &r.vetoes {
            let _ = writeln!(
                out,
                "<li>{} {} {}: {}</li>",
                Label::Veto.text(lang),
                esc(&v.id),
                esc(&v.text),
                veto_word(v.state, lang)
            );
        }
        let _ = out.write_str("</ul>\n");
    }
    if !r.unused_rows.is_empty() {
        let _ = write!(out, "<p>{}:</p>\n<ul>\n", Label::UnusedRows.text(lang));
        for (reason, file, rows) in super::group_unused(&r.unused_rows, lang) {
            let _ = writeln!(
                out,
                "<li>{} {} — {}</li>",
                esc(&file),
                esc(&rows),
                esc(&reason)
            );
        }
        let _ = out.write_str("</ul>\n");
    }
}
