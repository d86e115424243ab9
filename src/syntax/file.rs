//! Indicator files (`.zb`): a line grammar (pest, `grammar/rules.pest`) and a block tree with
//! spans, comments and blank lines kept, printable in one canonical layout (`zhibiao fmt`).

use std::fmt::Write as _;

use pest::iterators::Pair;
use pest::Parser as _;

use super::error::{SyntaxError, SyntaxErrorKind};
use super::expected::{Expected, Wanted};
use super::help::Help;
use crate::Span;

mod parser {
    #[derive(pest_derive::Parser)]
    #[grammar = "../grammar/rules.pest"]
    pub(super) struct LineParser;
}
use parser::{LineParser, Rule};

/// An argument: a word or a quoted string (unquoted, escapes resolved).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Arg {
    /// The text.
    pub text: String,
    /// Whether it was quoted.
    pub quoted: bool,
    /// Span in the file.
    pub span: Span,
}

/// A `<year>=<value>` pair of a data line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Point {
    /// Year.
    pub year: i32,
    /// Value text.
    pub value: String,
    /// Span of the pair.
    pub span: Span,
}

/// What a statement line holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StmtBody {
    /// `目标 …`, `单位 …`, `适用 …`: the rest of the line.
    Raw(Arg),
    /// `地区组 <name> = <expr>`.
    Group {
        /// Group name.
        name: Arg,
        /// Region expression text.
        expr: Arg,
    },
    /// `地区分类 <dimension>: <class>...`.
    Classes {
        /// Dimension.
        dimension: Arg,
        /// Classes.
        classes: Vec<Arg>,
    },
    /// `数据 <series> <year>=<value>... [目标 <year>=<value>...]`.
    Data {
        /// Series key (`4`, `5:能源消耗总量`, `veto:1`, `event:…`).
        series: Arg,
        /// Values.
        values: Vec<Point>,
        /// Targets.
        targets: Vec<Point>,
    },
    /// `期望 <id|整体> <verdict> ["fragment"]`.
    Expect {
        /// Indicator id, or `None` for the whole region.
        id: Option<Arg>,
        /// Verdict word.
        verdict: Arg,
        /// Fragment the explanation must contain.
        fragment: Option<Arg>,
    },
    /// Any other statement: words and strings.
    Args(Vec<Arg>),
}

/// A statement line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stmt {
    /// The keyword as written.
    pub keyword: String,
    /// Span of the keyword.
    pub keyword_span: Span,
    /// Arguments.
    pub body: StmtBody,
    /// Trailing comment (without `#`).
    pub comment: Option<String>,
    /// Span of the line's content.
    pub span: Span,
}

/// A block: `<keyword> <args> { … }`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    /// The keyword as written.
    pub keyword: String,
    /// Span of the keyword.
    pub keyword_span: Span,
    /// Arguments before `{`.
    pub args: Vec<Arg>,
    /// Comment after `{`.
    pub comment: Option<String>,
    /// Contents.
    pub items: Vec<Item>,
    /// Comment after the closing `}`.
    pub close_comment: Option<String>,
    /// Span of the opening line.
    pub span: Span,
}

/// One item of a block or of the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Item {
    /// A blank line.
    Blank,
    /// A comment line (text without `#`).
    Comment(String),
    /// A statement.
    Stmt(Stmt),
    /// A block.
    Block(Block),
}

/// A parsed indicator file.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct File {
    /// Top-level items.
    pub items: Vec<Item>,
}

enum Line {
    Empty(Option<String>),
    Close(Option<String>),
    Open(Block),
    Stmt(Stmt),
}

fn unquote(s: &str) -> String {
    let inner = &s[1..s.len().saturating_sub(1).max(1)];
    let mut out = String::with_capacity(inner.len());
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            if let Some(n) = chars.next() {
                out.push(n);
            }
        } else {
            out.push(c);
        }
    }
    out
}

fn quote(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

/// Words a user understands for the grammar's rules.
fn phrase_of(r: Rule) -> Wanted {
    match r {
        Rule::close => Wanted::Code("}"),
        Rule::string => Wanted::QuotedText,
        Rule::word | Rule::cls | Rule::keyword => Wanted::Word,
        Rule::rest => Wanted::RestOfLine,
        Rule::point | Rule::year => Wanted::YearValue,
        Rule::value => Wanted::Value,
        Rule::series => Wanted::Series,
        Rule::EOI => Wanted::EndOfLine,
        Rule::comment => Wanted::Comment,
        Rule::kw_target => Wanted::Code("目标"),
        Rule::kw_overall => Wanted::Code("整体"),
        _ => Wanted::Statement,
    }
}

struct LineBuilder {
    offset: usize,
}

impl LineBuilder {
    fn span(&self, p: &Pair<'_, Rule>) -> Span {
        let s = p.as_span();
        Span::new(s.start() + self.offset, s.end() + self.offset)
    }

    fn arg(&self, p: &Pair<'_, Rule>) -> Arg {
        let s = p.as_str();
        let quoted =
            p.as_rule() == Rule::string || (s.starts_with('"') && s.len() >= 2 && s.ends_with('"'));
        Arg {
            text: if quoted { unquote(s) } else { s.to_string() },
            quoted,
            span: self.span(p),
        }
    }

    fn point(&self, p: Pair<'_, Rule>) -> Result<Point, SyntaxError> {
        let span = self.span(&p);
        let mut year = 0;
        let mut value = String::new();
        for q in p.into_inner() {
            match q.as_rule() {
                Rule::year => {
                    year = q
                        .as_str()
                        .parse()
                        .ok()
                        .filter(|y| crate::types::YEARS.contains(y))
                        .ok_or_else(|| {
                            SyntaxError::new(
                                SyntaxErrorKind::ExpectedFound {
                                    expected: Wanted::Year.into(),
                                    found: q.as_str().into(),
                                },
                                self.span(&q),
                            )
                        })?
                }
                _ => value = self.arg(&q).text,
            }
        }
        Ok(Point { year, value, span })
    }

    fn line(&self, text: &str) -> Result<Line, SyntaxError> {
        let mut pairs = LineParser::parse(Rule::line, text).map_err(|e| self.error(text, e))?;
        let line = pairs.next().ok_or_else(|| {
            SyntaxError::new(SyntaxErrorKind::Empty, Span::new(self.offset, self.offset))
        })?;
        let mut item = None;
        let mut comment = None;
        for p in line.into_inner() {
            match p.as_rule() {
                Rule::comment => comment = Some(p.as_str()[1..].trim_end().to_string()),
                Rule::EOI => {}
                _ => item = Some(p),
            }
        }
        let Some(item) = item else {
            return Ok(Line::Empty(comment));
        };
        let span = self.span(&item);
        let rule = item.as_rule();
        if rule == Rule::close {
            return Ok(Line::Close(comment));
        }
        let mut inner = item.into_inner();
        let Some(kw) = inner.next() else {
            return Ok(Line::Empty(comment));
        };
        let keyword = kw.as_str().to_string();
        let keyword_span = self.span(&kw);
        let body = self.body(rule, inner.collect())?;
        if rule == Rule::open_stmt {
            let args = match body {
                StmtBody::Args(a) => a,
                _ => Vec::new(),
            };
            return Ok(Line::Open(Block {
                keyword,
                keyword_span,
                args,
                comment,
                items: Vec::new(),
                close_comment: None,
                span,
            }));
        }
        Ok(Line::Stmt(Stmt {
            keyword,
            keyword_span,
            body,
            comment,
            span,
        }))
    }

    /// What a statement holds after its keyword, by the statement's rule.
    fn body(&self, rule: Rule, parts: Vec<Pair<'_, Rule>>) -> Result<StmtBody, SyntaxError> {
        Ok(match rule {
            Rule::target_stmt | Rule::raw_stmt => match parts.first() {
                Some(p) => StmtBody::Raw(self.arg(p)),
                None => StmtBody::Args(Vec::new()),
            },
            Rule::group_stmt => {
                let name = parts.first().map(|p| self.arg(p));
                let expr = parts.get(1).map(|p| self.arg(p));
                match (name, expr) {
                    (Some(name), Some(expr)) => StmtBody::Group { name, expr },
                    _ => StmtBody::Args(Vec::new()),
                }
            }
            Rule::classes_stmt => {
                let mut it = parts.iter().map(|p| self.arg(p));
                match it.next() {
                    Some(dimension) => StmtBody::Classes {
                        dimension,
                        classes: it.collect(),
                    },
                    None => StmtBody::Args(Vec::new()),
                }
            }
            Rule::data_stmt => self.data(parts)?,
            Rule::expect_stmt => {
                let mut it = parts.into_iter();
                let first = it.next();
                let verdict = it.next().map(|p| self.arg(&p));
                let fragment = it.next().map(|p| self.arg(&p));
                let id = first
                    .filter(|p| p.as_rule() != Rule::kw_overall)
                    .map(|p| self.arg(&p));
                match verdict {
                    Some(verdict) => StmtBody::Expect {
                        id,
                        verdict,
                        fragment,
                    },
                    None => StmtBody::Args(Vec::new()),
                }
            }
            _ => StmtBody::Args(parts.iter().map(|p| self.arg(p)).collect()),
        })
    }

    /// `数据 <series> <year>=<value>… [目标 <year>=<value>…]`.
    fn data(&self, parts: Vec<Pair<'_, Rule>>) -> Result<StmtBody, SyntaxError> {
        let mut series = None;
        let mut values = Vec::new();
        let mut targets = Vec::new();
        let mut in_targets = false;
        for p in parts {
            match p.as_rule() {
                Rule::series => series = Some(self.arg(&p)),
                Rule::kw_target => in_targets = true,
                Rule::point if in_targets => targets.push(self.point(p)?),
                Rule::point => values.push(self.point(p)?),
                _ => {}
            }
        }
        Ok(match series {
            Some(series) => StmtBody::Data {
                series,
                values,
                targets,
            },
            None => StmtBody::Args(Vec::new()),
        })
    }

    fn error(&self, text: &str, e: pest::error::Error<Rule>) -> SyntaxError {
        let pos = match e.location {
            pest::error::InputLocation::Pos(p) => p,
            pest::error::InputLocation::Span((s, _)) => s,
        };
        let wanted: Vec<Wanted> = match &e.variant {
            pest::error::ErrorVariant::ParsingError { positives, .. } => {
                positives.iter().map(|r| phrase_of(*r)).collect()
            }
            pest::error::ErrorVariant::CustomError { .. } => Vec::new(),
        };
        let expected = match wanted.is_empty() {
            true => Expected::from(Wanted::Statement),
            false => Expected::any(wanted),
        };
        let found: String = text[pos.min(text.len())..].chars().take(10).collect();
        let end = text[pos.min(text.len())..]
            .chars()
            .next()
            .map_or(pos, |c| pos + c.len_utf8());
        let span = Span::new(pos + self.offset, end + self.offset);
        let kind = if found.trim().is_empty() {
            let after: String = text[..pos.min(text.len())]
                .trim_end()
                .chars()
                .rev()
                .take(10)
                .collect::<Vec<_>>()
                .into_iter()
                .rev()
                .collect();
            SyntaxErrorKind::Expected { expected, after }
        } else {
            SyntaxErrorKind::ExpectedFound { expected, found }
        };
        let mut err = SyntaxError::new(kind, span);
        if text.matches('"').count() % 2 == 1 {
            err.help = Some(Help::text(
                "a quoted text is not closed: add the missing `\"`",
                "引号没有闭合:请补上缺少的 `\"`",
            ));
        }
        err
    }
}

/// How deep blocks may nest (体系 › 领域 › 任务 › 指标 › sub-indicators …).
pub const MAX_BLOCK_DEPTH: usize = 16;

/// Parse an indicator file. Every line is read, so all syntax errors are returned together.
///
/// ```
/// use zhibiao::syntax::file::{parse_file, Item};
/// let f = parse_file("体系 \"示例\" {\n    层级 县\n}\n").unwrap();
/// assert!(matches!(f.items[0], Item::Block(ref b) if b.items.len() == 1));
/// ```
pub fn parse_file(src: &str) -> Result<File, Vec<SyntaxError>> {
    let mut errors = Vec::new();
    // stack of open blocks; the bottom is the file
    let mut stack: Vec<Block> = Vec::new();
    let mut top: Vec<Item> = Vec::new();
    let mut offset = 0;
    let src_body = src.strip_prefix('\u{feff}').unwrap_or(src);
    if src_body.len() != src.len() {
        offset = src.len() - src_body.len();
    }
    for raw in src_body.split_inclusive('\n') {
        let text = raw.trim_end_matches(['\n', '\r']);
        let b = LineBuilder { offset };
        let item = match b.line(text) {
            Ok(Line::Empty(None)) => Some(Item::Blank),
            Ok(Line::Empty(Some(c))) => Some(Item::Comment(c)),
            Ok(Line::Stmt(s)) => Some(Item::Stmt(s)),
            Ok(Line::Open(block)) if stack.len() >= MAX_BLOCK_DEPTH => {
                errors.push(SyntaxError::new(
                    SyntaxErrorKind::TooDeep {
                        max: MAX_BLOCK_DEPTH,
                    },
                    block.span,
                ));
                // the rest of the file cannot be read in its blocks
                return Err(errors);
            }
            Ok(Line::Open(block)) => {
                stack.push(block);
                None
            }
            Ok(Line::Close(comment)) => match stack.pop() {
                Some(mut block) => {
                    block.close_comment = comment;
                    Some(Item::Block(block))
                }
                None => {
                    let pos = offset + text.find('}').unwrap_or(0);
                    errors.push(
                        SyntaxError::new(
                            SyntaxErrorKind::ExpectedFound {
                                expected: Wanted::Statement.into(),
                                found: "}".into(),
                            },
                            Span::new(pos, pos + 1),
                        )
                        .with_help(Help::text(
                            "this `}` closes no block",
                            "这个 `}` 没有对应的块",
                        )),
                    );
                    None
                }
            },
            Err(e) => {
                errors.push(e);
                None
            }
        };
        if let Some(item) = item {
            match stack.last_mut() {
                Some(block) => block.items.push(item),
                None => top.push(item),
            }
        }
        offset += raw.len();
    }
    while let Some(block) = stack.pop() {
        errors.push(
            SyntaxError::new(
                SyntaxErrorKind::Expected {
                    expected: Wanted::Code("}").into(),
                    after: format!("{} …", block.keyword),
                },
                block.span,
            )
            .with_help(Help::text(
                "this block is never closed: add a line with `}`",
                "这个块没有闭合:请加一行 `}`",
            )),
        );
        match stack.last_mut() {
            Some(parent) => parent.items.push(Item::Block(block)),
            None => top.push(Item::Block(block)),
        }
    }
    if errors.is_empty() {
        Ok(File { items: top })
    } else {
        Err(errors)
    }
}

/// The canonical spelling of a keyword (Chinese), or `None` if unknown.
pub fn canonical_keyword(k: &str) -> Option<&'static str> {
    KEYWORDS
        .iter()
        .find(|(zh, en)| *zh == k || *en == k)
        .map(|(zh, _)| *zh)
}

/// Every keyword: Chinese spelling and English alias.
pub const KEYWORDS: &[(&str, &str)] = &[
    ("体系", "system"),
    ("文号", "document"),
    ("层级", "level"),
    ("评估窗口", "window"),
    ("稳定容差", "tolerance"),
    ("近似容差", "approx_tolerance"),
    ("参考指标达标比例", "min_reference_share"),
    ("地区分类", "classes"),
    ("地区组", "group"),
    ("领域", "domain"),
    ("任务", "task"),
    ("指标", "indicator"),
    ("单位", "unit"),
    ("属性", "attribute"),
    ("方向", "polarity"),
    ("适用", "applies"),
    ("目标", "target"),
    ("责任", "owner"),
    ("说明", "note"),
    ("否决项", "veto"),
    ("示例", "example"),
    ("地区", "region"),
    ("分类", "classes_of"),
    ("年份", "year"),
    ("数据", "data"),
    ("期望", "expect"),
];

fn arg_text(a: &Arg) -> String {
    if a.quoted {
        quote(&a.text)
    } else {
        a.text.clone()
    }
}

fn kw(k: &str) -> &str {
    canonical_keyword(k).unwrap_or(k)
}

fn with_comment(out: &mut String, line: String, comment: &Option<String>) {
    out.push_str(&line);
    if let Some(c) = comment {
        let c = c.trim();
        if line.trim().is_empty() {
            let _ = write!(out, "# {c}");
        } else {
            let _ = write!(out, "  # {c}");
        }
    }
    out.push('\n');
}

fn points(ps: &[Point]) -> String {
    ps.iter()
        .map(|p| format!("{}={}", p.year, p.value))
        .collect::<Vec<_>>()
        .join(" ")
}

fn print_items(out: &mut String, items: &[Item], depth: usize) {
    let pad = "    ".repeat(depth);
    // no blank lines at the start or end of a block, at most one in a row
    let start = items
        .iter()
        .position(|i| *i != Item::Blank)
        .unwrap_or(items.len());
    let end = items
        .iter()
        .rposition(|i| *i != Item::Blank)
        .map_or(start, |e| e + 1);
    let mut prev_blank = false;
    for item in &items[start..end] {
        match item {
            Item::Blank => {
                if !prev_blank {
                    out.push('\n');
                }
                prev_blank = true;
                continue;
            }
            Item::Comment(c) => {
                let c = c.trim_end();
                if c.is_empty() {
                    let _ = writeln!(out, "{pad}#");
                } else if c.starts_with(' ') {
                    let _ = writeln!(out, "{pad}#{c}");
                } else {
                    let _ = writeln!(out, "{pad}# {c}");
                }
            }
            Item::Stmt(s) => {
                let k = kw(&s.keyword);
                let line = match &s.body {
                    StmtBody::Raw(a) => format!("{pad}{k} {}", a.text),
                    StmtBody::Group { name, expr } => {
                        let e = crate::syntax::parse_region_expr(&expr.text)
                            .map_or(expr.text.clone(), |(e, _)| e.to_string());
                        format!("{pad}{k} {} = {e}", name.text)
                    }
                    StmtBody::Classes { dimension, classes } => {
                        let cs: Vec<&str> = classes.iter().map(|c| c.text.as_str()).collect();
                        format!("{pad}{k} {}: {}", dimension.text, cs.join(" "))
                    }
                    StmtBody::Data {
                        series,
                        values,
                        targets,
                    } => {
                        let mut l = format!("{pad}{k} {}", series.text);
                        if !values.is_empty() {
                            let _ = write!(l, " {}", points(values));
                        }
                        if !targets.is_empty() {
                            let _ = write!(l, " 目标 {}", points(targets));
                        }
                        l
                    }
                    StmtBody::Expect {
                        id,
                        verdict,
                        fragment,
                    } => {
                        let who = id.as_ref().map_or("整体".to_string(), |a| a.text.clone());
                        let v = crate::types::Verdict::from_word(&verdict.text)
                            .map_or(verdict.text.clone(), |v| {
                                v.label(crate::Lang::Zh).to_string()
                            });
                        let mut l = format!("{pad}{k} {who} {v}");
                        if let Some(f) = fragment {
                            let _ = write!(l, " {}", quote(&f.text));
                        }
                        l
                    }
                    StmtBody::Args(args) => {
                        let mut l = format!("{pad}{k}");
                        for a in args {
                            let _ = write!(l, " {}", arg_text(a));
                        }
                        l
                    }
                };
                with_comment(out, line, &s.comment);
            }
            Item::Block(b) => {
                let mut l = format!("{pad}{}", kw(&b.keyword));
                for a in &b.args {
                    let _ = write!(l, " {}", arg_text(a));
                }
                l.push_str(" {");
                with_comment(out, l, &b.comment);
                print_items(out, &b.items, depth + 1);
                with_comment(out, format!("{pad}}}"), &b.close_comment);
            }
        }
        prev_blank = false;
    }
}

impl File {
    /// The file in canonical layout: Chinese keywords, four-space indentation, one space
    /// between arguments, two before a trailing comment, at most one blank line in a row.
    pub fn to_canonical(&self) -> String {
        let mut out = String::new();
        print_items(&mut out, &self.items, 0);
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_comments_and_formats() {
        let src = "# head\nsystem \"x\" {   # sys\n\n\n  level 县\n  目标 ≥20 # t\n}\n";
        let f = parse_file(src).unwrap();
        assert_eq!(
            f.to_canonical(),
            "# head\n体系 \"x\" {  # sys\n    层级 县\n    目标 ≥20  # t\n}\n"
        );
    }

    #[test]
    fn reports_every_bad_line() {
        let src = "体系 \"x {\n 数据 4 2022\n}\n}\n";
        let errs = parse_file(src).unwrap_err();
        assert!(errs.len() >= 2, "{errs:?}");
    }

    #[test]
    fn data_lines() {
        let f = parse_file("数据 5:能源消耗总量 2022=1 2023=2 目标 2023=3\n").unwrap();
        let Item::Stmt(Stmt {
            body:
                StmtBody::Data {
                    series,
                    values,
                    targets,
                },
            ..
        }) = &f.items[0]
        else {
            panic!()
        };
        assert_eq!(series.text, "5:能源消耗总量");
        assert_eq!(values.len(), 2);
        assert_eq!(targets[0].year, 2023);
    }
}
