//! The command line: `zhibiao check | explain | eval | test | fmt | template`.
//!
//! Exit codes: 0 success (whatever the verdicts), 1 invalid input or failing examples/checks,
//! 2 usage errors.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

use crate::diagnostic::Severity;
use crate::message::{severity, Run, Say, Warning};
use crate::rules::{load, RuleSet};
use crate::Lang;

mod eval;
mod explain;
mod files;
mod help;
mod template;
pub use template::TemplateArgs;

/// zhibiao: executable indicator tables for ecological-civilization programmes.
#[derive(Debug, Parser)]
#[command(name = "zhibiao", version, about, long_about = None)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// `--polarity`.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum PolarityArg {
    /// Higher is better (正向).
    Higher,
    /// Lower is better (逆向).
    Lower,
}

/// `--lang`.
#[derive(Debug, Clone, Copy, ValueEnum, Default)]
pub enum LangArg {
    /// Chinese.
    #[default]
    Zh,
    /// English.
    En,
}

/// `--format`.
#[derive(Debug, Clone, Copy, ValueEnum, Default)]
pub enum FormatArg {
    /// Aligned table.
    #[default]
    Table,
    /// JSON: every region, indicator, explanation and evidence.
    Json,
    /// CSV with BOM.
    Csv,
    /// Markdown.
    Markdown,
    /// Self-contained HTML.
    Html,
    /// An .xlsx workbook (summary, matrix, a sheet per region); needs `-o FILE.xlsx`.
    Xlsx,
}

/// `zhibiao explain` arguments.
#[derive(Debug, clap::Args)]
pub struct ExplainArgs {
    /// The indicator's unit, to check units in the text.
    #[arg(long)]
    pub unit: Option<String>,
    /// The indicator's polarity.
    #[arg(long, value_enum)]
    pub polarity: Option<PolarityArg>,
    /// Print the predicate as JSON.
    #[arg(long)]
    pub json: bool,
    /// Language of the reading (default: Chinese) and of the errors (default: Chinese for a
    /// target in Chinese or in a Chinese locale, else English).
    #[arg(long, value_enum)]
    pub lang: Option<LangArg>,
    /// The target expression.
    pub expr: String,
}

/// `zhibiao eval` arguments.
#[derive(Debug, clap::Args)]
pub struct EvalArgs {
    /// Indicator file (.zb).
    pub rules: PathBuf,
    /// Measurements (CSV or .json).
    pub data: PathBuf,
    /// Regions and their classes (CSV or .json).
    #[arg(long)]
    pub regions: Option<PathBuf>,
    /// Assessment year, 1000–9999 (default: the latest year in the data).
    #[arg(long, value_parser = clap::value_parser!(i32).range(1000..=9999))]
    pub year: Option<i32>,
    /// Output format.
    #[arg(long, value_enum, default_value_t)]
    pub format: FormatArg,
    /// Language.
    #[arg(long, value_enum, default_value_t)]
    pub lang: LangArg,
    /// Write to a file instead of stdout.
    #[arg(short, long)]
    pub output: Option<PathBuf>,
    /// Make the plausibility warnings (a `%` value outside 0–100, fractions for percentages, a
    /// jump of more than ten times from the year before) errors.
    #[arg(long)]
    pub strict: bool,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Validate indicator files; diagnostics on stderr.
    Check {
        /// Indicator files (.zb), or directories to search for them.
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Language of the diagnostics (default: Chinese for a Chinese rule file or in a Chinese locale, else English).
        #[arg(long, value_enum)]
        lang: Option<LangArg>,
    },
    /// Show how a target expression is read.
    Explain(ExplainArgs),
    /// Evaluate measured data against an indicator file.
    Eval(EvalArgs),
    /// Run the examples inside indicator files.
    Test {
        /// Indicator files (.zb), or directories to search for them.
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Language of the diagnostics and results (default: Chinese for a Chinese rule file or
        /// in a Chinese locale, else English).
        #[arg(long, value_enum)]
        lang: Option<LangArg>,
    },
    /// Write the data-entry template of a rule set: a workbook (`-o data.xlsx`) with a long
    /// sheet and a sheet per year, or the long layout as CSV (`-o data.csv`, or standard output).
    Template(TemplateArgs),
    /// Rewrite indicator files in the canonical layout.
    Fmt {
        /// Only check; exit 1 if a file would change.
        #[arg(long)]
        check: bool,
        /// Indicator files (.zb), or directories to search for them.
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Language of the diagnostics (default: Chinese for a Chinese rule file or in a Chinese locale, else English).
        #[arg(long, value_enum)]
        lang: Option<LangArg>,
    },
}

pub(crate) fn lang(l: LangArg) -> Lang {
    match l {
        LangArg::Zh => Lang::Zh,
        LangArg::En => Lang::En,
    }
}

/// The language of `check`, `test`, `fmt` and `explain`'s errors: `--lang`, else Chinese in a
/// Chinese locale (`LC_ALL`, `LC_MESSAGES`, `LANG`) or for a Chinese source (a rule file or a
/// target holding CJK characters), else English.
fn diagnostics_lang(l: Option<LangArg>, src: Option<&str>) -> Lang {
    let cjk = |s: &str| s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c));
    match l {
        Some(l) => lang(l),
        None if help::chinese(&[]) || src.is_some_and(cjk) => Lang::Zh,
        None => Lang::En,
    }
}

/// Run the command line with the process arguments.
pub fn main() -> ExitCode {
    use clap::{CommandFactory, FromArgMatches};
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let mut cmd = Cli::command();
    let chinese = help::chinese(&args);
    if chinese {
        cmd = help::localize(cmd);
    }
    let cli = match cmd
        .try_get_matches_from(&args)
        .and_then(|m| Cli::from_arg_matches(&m))
    {
        Ok(cli) => cli,
        Err(e) => match help::usage_error(&e).filter(|_| chinese) {
            Some(text) => {
                let _ = std::io::stderr().write_all(text.as_bytes());
                return ExitCode::from(u8::try_from(e.exit_code()).unwrap_or(2));
            }
            None => e.exit(),
        },
    };
    let mut out = std::io::stdout().lock();
    let mut err = Visible(std::io::stderr().lock());
    let mut code = run(cli.command, &mut out, &mut err);
    // output that could not be written (a full disk, a closed pipe) is a failure
    if let Err(e) = out.flush() {
        let _ = writeln!(err, "error: cannot write the output: {e}");
        code = 1;
    }
    ExitCode::from(code)
}

/// A writer for the terminal's error stream: control characters from input files (an ANSI
/// escape in a region name) are written as `\u{1b}` escapes, never sent to the terminal.
struct Visible<W: Write>(W);

impl<W: Write> Write for Visible<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let mut start = 0;
        for (i, &b) in buf.iter().enumerate() {
            if (b < 0x20 && b != b'\n' && b != b'\t') || b == 0x7f {
                self.0.write_all(&buf[start..i])?;
                write!(self.0, "\\u{{{b:x}}}")?;
                start = i + 1;
            }
        }
        self.0.write_all(&buf[start..])?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.0.flush()
    }
}

/// Read a text file by the encoding rule of [`crate::encoding`]; a file that is not read as
/// text is an error naming its line, and a GB18030 file is read with a warning.
fn read(path: &Path, err: &mut dyn Write, lang: Lang) -> Option<String> {
    let (error, warning) = (severity(true, lang), severity(false, lang));
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => {
            let (file, error) = (path.display().to_string(), e.to_string());
            say_error(err, lang, &Run::CannotRead { file, error });
            return None;
        }
    };
    match crate::encoding::decode(&bytes) {
        Ok(d) => {
            if let Some(line) = d.first_non_utf8_line {
                let w = Warning::ReadAsGb18030.say(lang);
                let _ = writeln!(err, "{warning}: {}:{line}: {w}", path.display());
            }
            Some(d.text)
        }
        Err(e) => {
            let at = e.line().map(|l| format!(":{l}")).unwrap_or_default();
            let _ = writeln!(err, "{error}: {}{at}: {}", path.display(), e.say(lang));
            None
        }
    }
}

/// Load rules, printing errors (and warnings if `warnings`) in `lang`; `None` if the file has
/// errors.
pub(crate) fn load_rules_in(
    path: &Path,
    err: &mut dyn Write,
    warnings: bool,
    lang: Lang,
) -> Option<RuleSet> {
    let src = read(path, err, lang)?;
    load_source(path, &src, err, warnings, lang)
}

/// [`load_rules_in`] for text already read.
fn load_source(
    path: &Path,
    src: &str,
    err: &mut dyn Write,
    warnings: bool,
    lang: Lang,
) -> Option<RuleSet> {
    let loaded = load(src);
    let origin = path.display().to_string();
    let mut ok = true;
    for d in &loaded.diagnostics {
        let is_error = d.severity() == Severity::Error;
        if is_error || warnings {
            let _ = write!(
                err,
                "{}",
                d.diagnostic_in(lang).render_in(&origin, src, lang)
            );
        }
        ok &= !is_error;
    }
    ok.then_some(loaded.rules)
}

/// Run one command, writing to `out` and `err`; returns the exit code.
pub fn run(command: Command, out: &mut dyn Write, err: &mut dyn Write) -> u8 {
    match command {
        Command::Check { files, lang } => files::check(files, lang, err),
        Command::Explain(args) => explain::run(&args, out, err),
        Command::Eval(args) => eval::run(&args, out, err),
        Command::Template(args) => template::run(&args, out, err),
        Command::Test { files, lang } => files::test(files, lang, out, err),
        Command::Fmt { check, files, lang } => files::fmt(files, check, lang, err),
    }
}

/// An error line of the command line: `错误: …`.
fn say_error(err: &mut dyn Write, lang: Lang, message: &dyn Say) {
    let _ = writeln!(err, "{}: {}", severity(true, lang), message.say(lang));
}
