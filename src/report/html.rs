//! A self-contained HTML page: no scripts, no network, inline CSS and SVG.

use std::fmt::Write as _;

use rust_decimal::Decimal;

use super::{attr, veto_word, Report};
use crate::data::Dataset;
use crate::eval::{Series, Verdict};
use crate::predicate::Predicate;
use crate::rules::{Indicator, RuleSet};
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

/// A fixed threshold of a simple target, for the chart.
fn threshold(p: &Predicate) -> Option<Decimal> {
    match p {
        Predicate::Compare { value, .. } | Predicate::Reach { value, .. } => Some(*value),
        Predicate::All { items } => items.iter().find_map(threshold),
        _ => None,
    }
}

fn to_f(d: Decimal) -> f64 {
    // display only: chart coordinates, never evaluation
    d.to_string().parse().unwrap_or(0.0)
}

/// An inline SVG line chart of the series up to `year`, with the threshold (solid) or the
/// superior targets (dashed).
fn chart(series: Option<&Series>, limit: Option<Decimal>, year: i32) -> String {
    let Some(s) = series else {
        return String::new();
    };
    let pts: Vec<(i32, f64)> = s
        .values
        .iter()
        .filter(|(y, _)| **y <= year)
        .filter_map(|(y, v)| v.number().map(|d| (*y, to_f(d))))
        .collect();
    let tgt: Vec<(i32, f64)> = s
        .targets
        .iter()
        .filter(|(y, _)| **y <= year)
        .filter_map(|(y, v)| v.number().map(|d| (*y, to_f(d))))
        .collect();
    if pts.is_empty() {
        return String::new();
    }
    let (w, h, m) = (180.0, 56.0, 6.0);
    let years: Vec<i32> = pts.iter().chain(&tgt).map(|p| p.0).collect();
    let (y0, y1) = (
        years.iter().min().copied().unwrap_or(year),
        years.iter().max().copied().unwrap_or(year),
    );
    let mut vals: Vec<f64> = pts.iter().chain(&tgt).map(|p| p.1).collect();
    if let Some(l) = limit {
        vals.push(to_f(l));
    }
    let lo = vals.iter().cloned().fold(f64::INFINITY, f64::min);
    let hi = vals.iter().cloned().fold(f64::NEG_INFINITY, f64::max);
    let span = if (hi - lo).abs() < 1e-9 { 1.0 } else { hi - lo };
    let x = |y: i32| {
        if y1 == y0 {
            w / 2.0
        } else {
            m + (w - 2.0 * m) * f64::from(y - y0) / f64::from(y1 - y0)
        }
    };
    let yv = |v: f64| h - m - (h - 2.0 * m) * (v - lo) / span;
    let line = |ps: &[(i32, f64)]| {
        ps.iter()
            .map(|(a, b)| format!("{:.1},{:.1}", x(*a), yv(*b)))
            .collect::<Vec<_>>()
            .join(" ")
    };
    let mut svg = format!("<svg class=\"chart\" width=\"{w}\" height=\"{h}\" viewBox=\"0 0 {w} {h}\" role=\"img\" xmlns=\"http://www.w3.org/2000/svg\">");
    if let Some(l) = limit {
        let ly = yv(to_f(l));
        let _ = write!(
            svg,
            "<line x1=\"{m}\" y1=\"{ly:.1}\" x2=\"{:.1}\" y2=\"{ly:.1}\" class=\"limit\"/>",
            w - m
        );
    }
    if tgt.len() > 1 {
        let _ = write!(
            svg,
            "<polyline points=\"{}\" class=\"target\"/>",
            line(&tgt)
        );
    }
    for (a, b) in &tgt {
        let _ = write!(
            svg,
            "<circle cx=\"{:.1}\" cy=\"{:.1}\" r=\"2\" class=\"target-dot\"/>",
            x(*a),
            yv(*b)
        );
    }
    if pts.len() > 1 {
        let _ = write!(
            svg,
            "<polyline points=\"{}\" class=\"series\"/>",
            line(&pts)
        );
    }
    for (a, b) in &pts {
        let _ = write!(svg, "<circle cx=\"{:.1}\" cy=\"{:.1}\" r=\"2.5\" class=\"dot\"><title>{a}: {b}</title></circle>", x(*a), yv(*b));
    }
    svg.push_str("</svg>");
    svg
}

const STYLE: &str = "body{font-family:'Noto Sans CJK SC','Source Han Sans SC','Microsoft YaHei','PingFang SC',system-ui,sans-serif;margin:2em;color:#222}\
table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:4px 8px;vertical-align:top;font-size:14px}\
th{background:#f3f3f3}.pass{color:#137333;font-weight:600}.fail{color:#b3261e;font-weight:600}\
.insufficient{color:#a56a00;font-weight:600}.na{color:#777}.chart .series{fill:none;stroke:#1a73e8;stroke-width:1.5}\
.chart .dot{fill:#1a73e8}.chart .limit{stroke:#b3261e;stroke-width:1}.chart .target{fill:none;stroke:#b3261e;stroke-dasharray:3 2}\
.chart .target-dot{fill:#b3261e}.ind td:nth-child(1),.ind td:nth-child(3),.ind td:nth-child(4),.ind td:nth-child(6){white-space:nowrap}.explain{font-size:12px;color:#444}.sub td:nth-child(2){padding-left:1.5em}";

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
    let _ = writeln!(
        out,
        "<p>{}</p>",
        if zh {
            "zhibiao 生成;图中蓝线为数值,红线为阈值,红色虚线为上级目标。"
        } else {
            "Generated by zhibiao; blue: values, red: threshold, dashed red: superior targets."
        }
    );
    let _ = write!(
        out,
        "<table>\n<tr><th>{}</th><th>{}</th><th>{}</th></tr>\n",
        if zh { "地区" } else { "Region" },
        if zh { "结论" } else { "Verdict" },
        if zh { "原因" } else { "Why" }
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
    let h = Report::labels(lang);
    for r in &report.regions {
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
        for l in h.iter().take(6) {
            let _ = write!(out, "<th>{l}</th>");
        }
        let _ = writeln!(
            out,
            "<th>{}</th><th>{}</th></tr>",
            if zh { "趋势" } else { "Series" },
            h[6]
        );
        for i in &r.indicators {
            let ind: Option<&Indicator> = rules.indicator(&i.id);
            let series = region.as_ref().and_then(|d| d.series(&i.id, None));
            let limit = ind.and_then(|x| x.predicate.as_ref()).and_then(threshold);
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
                chart(series, limit, report.year),
                esc(&i.explanation)
            );
        }
        let _ = out.write_str("</table>\n");
        if !r.vetoes.is_empty() {
            let _ = out.write_str("<ul>\n");
            for v in &r.vetoes {
                let _ = writeln!(
                    out,
                    "<li>{} {} {}: {}</li>",
                    if zh { "否决项" } else { "Veto" },
                    esc(&v.id),
                    esc(&v.text),
                    veto_word(v.state, lang)
                );
            }
            let _ = out.write_str("</ul>\n");
        }
        if !r.unused_rows.is_empty() {
            let _ = write!(
                out,
                "<p>{}</p>\n<ul>\n",
                if zh {
                    "未使用的输入行:"
                } else {
                    "Unused input rows:"
                }
            );
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
    let _ = out.write_str("</body>\n</html>\n");
}
