//! `zhibiao eval`: rules, data and regions in; a report out, written region by region.

use std::io::{IsTerminal, Write};
use std::path::Path;

use super::{lang, load_rules_in, say_error, EvalArgs, FormatArg};
use crate::data::Dataset;
use crate::message::{severity, Run, Say, Warning};
use crate::report::{write_report, Format, TableStyle};
use crate::rules::RuleSet;
use crate::Lang;

/// Evaluate and write the report; the exit code.
pub(super) fn run(args: &EvalArgs, out: &mut dyn Write, err: &mut dyn Write) -> u8 {
    let lang = lang(args.lang);
    if let Err(code) = check_output(args, lang, err) {
        return code;
    }
    let Some(rules) = load_rules_in(&args.rules, err, false, lang) else {
        return 1;
    };
    let Some(ds) = read_data(args, &rules, lang, err) else {
        return 1;
    };
    let Some(year) = args.year.or(ds.latest_year) else {
        let file = args.data.display().to_string();
        say_error(err, lang, &Run::NoDataRows { file });
        return 1;
    };
    if !say_data_warnings(&ds, args.strict, lang, err) {
        return 1;
    }
    write(args, &rules, &ds, year, out, err)
}

/// Output never overwrites an input, and a workbook never goes to a terminal.
fn check_output(args: &EvalArgs, lang: Lang, err: &mut dyn Write) -> Result<(), u8> {
    if let Some(p) = args.output.as_deref() {
        if let Some(input) = overwrites_input(p, args) {
            let (output, input) = (p.display().to_string(), input.display().to_string());
            say_error(err, lang, &Run::OutputIsInput { output, input });
            return Err(1);
        }
    }
    let to_terminal = args.output.is_none() && std::io::stdout().is_terminal();
    if matches!(args.format, FormatArg::Xlsx) && to_terminal {
        say_error(err, lang, &Run::XlsxNeedsFile);
        return Err(2);
    }
    Ok(())
}

/// The input file that `output` would overwrite, if any (output never overwrites input).
fn overwrites_input<'a>(output: &Path, args: &'a EvalArgs) -> Option<&'a Path> {
    let same = |a: &Path, b: &Path| match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    };
    [
        Some(args.rules.as_path()),
        Some(args.data.as_path()),
        args.regions.as_deref(),
    ]
    .into_iter()
    .flatten()
    .find(|input| same(output, input))
}

/// The measurements, with the regions file's classes; an error is said on `err`.
fn read_data(args: &EvalArgs, rules: &RuleSet, lang: Lang, err: &mut dyn Write) -> Option<Dataset> {
    let mut ds = match crate::data::read_measurements(&args.data, rules) {
        Ok(d) => d,
        Err(e) => {
            let _ = writeln!(err, "{}: {}", severity(true, lang), e.text(lang));
            return None;
        }
    };
    if let Some(r) = args.regions.as_deref() {
        if let Err(e) = crate::data::read_regions(r, rules, &mut ds) {
            let _ = writeln!(err, "{}: {}", severity(true, lang), e.text(lang));
            return None;
        }
    } else if rules.uses_classes() {
        let w = Warning::NoRegionsFile.say(lang);
        let _ = writeln!(err, "{}: {w}", severity(false, lang));
    }
    Some(ds)
}

/// The readers' warnings and the plausibility checks; with `strict` a check is an error
/// (`false`: stop).
fn say_data_warnings(ds: &Dataset, strict: bool, lang: Lang, err: &mut dyn Write) -> bool {
    for w in &ds.warnings {
        let _ = writeln!(err, "{}", w.text(lang));
    }
    for w in &ds.checks {
        let line = w.text(lang);
        let line = match strict {
            true => line.replacen(severity(false, lang), severity(true, lang), 1),
            false => line,
        };
        let _ = writeln!(err, "{line}");
    }
    if strict && !ds.checks.is_empty() {
        let count = ds.checks.len();
        say_error(err, lang, &Run::Implausible { count });
        return false;
    }
    true
}

/// Evaluate region by region into the report, to the output file or `out`; a progress line on
/// a terminal when the input is large.
fn write(
    args: &EvalArgs,
    rules: &RuleSet,
    ds: &Dataset,
    year: i32,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> u8 {
    let lang = lang(args.lang);
    let output = args.output.as_deref();
    let show = ds.len() > 1000 && std::io::stderr().is_terminal();
    let mut progress = |done: usize, total: usize| {
        if show {
            let _ = write!(err, "\r{}", Run::Progress { done, total }.say(lang));
            if done == total {
                let _ = writeln!(err);
            }
        }
    };
    let fmt = format(args.format);
    let style = table_style(output.is_none());
    let mut write =
        |w: &mut dyn Write| write_report(w, fmt, rules, ds, year, lang, style, &mut progress);
    let written = match output {
        Some(p) => std::fs::File::create(p).and_then(|f| {
            let mut w = std::io::BufWriter::new(f);
            write(&mut w)?;
            w.flush()
        }),
        None => {
            let mut w = std::io::BufWriter::new(out);
            write(&mut w).and_then(|()| w.flush())
        }
    };
    if let Err(e) = written {
        let file = output.map(|p| p.display().to_string());
        let error = e.to_string();
        say_error(err, lang, &Run::CannotWrite { file, error });
        return 1;
    }
    0
}

fn format(f: FormatArg) -> Format {
    match f {
        FormatArg::Table => Format::Table,
        FormatArg::Json => Format::Json,
        FormatArg::Csv => Format::Csv,
        FormatArg::Markdown => Format::Markdown,
        FormatArg::Html => Format::Html,
        FormatArg::Xlsx => Format::Xlsx,
    }
}

/// Colour on a terminal (unless `NO_COLOR`); the table fits the terminal (names and targets
/// wrapped, never cut), and in a file it is as wide as its cells.
fn table_style(to_stdout: bool) -> TableStyle {
    let terminal = to_stdout && std::io::stdout().is_terminal();
    let color = terminal && std::env::var_os("NO_COLOR").is_none();
    let width = terminal
        .then(|| terminal_size::terminal_size().map(|(w, _)| usize::from(w.0)))
        .flatten()
        .or_else(|| std::env::var("COLUMNS").ok()?.parse().ok());
    TableStyle { color, width }
}
