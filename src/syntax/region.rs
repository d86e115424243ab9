//! Region expressions: class and group names combined with `|`, `&`, `!` and parentheses.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::error::{SyntaxError, SyntaxErrorKind};
use super::expected::{Expected, Wanted};
use super::normalize::normalize;
use crate::Span;

/// Region classes and groups combined with `|`, `&`, `!`. Serialises as its canonical text.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum RegionExpr {
    /// A class or group name.
    Class(String),
    /// Not.
    Not(Box<RegionExpr>),
    /// All of.
    And(Vec<RegionExpr>),
    /// Any of.
    Or(Vec<RegionExpr>),
}

impl RegionExpr {
    /// Whether the expression holds when `has(name)` tells whether a region has a class (or
    /// belongs to a group).
    pub fn matches<'a>(&'a self, has: &dyn Fn(&str) -> bool) -> bool {
        match self {
            RegionExpr::Class(c) => has(c),
            RegionExpr::Not(e) => !e.matches(has),
            RegionExpr::And(v) => v.iter().all(|e| e.matches(has)),
            RegionExpr::Or(v) => v.iter().any(|e| e.matches(has)),
        }
    }

    /// Every name used.
    pub fn names(&self) -> Vec<&str> {
        let mut out = Vec::new();
        self.collect_names(&mut out);
        out
    }

    fn collect_names<'a>(&'a self, out: &mut Vec<&'a str>) {
        match self {
            RegionExpr::Class(c) => out.push(c),
            RegionExpr::Not(e) => e.collect_names(out),
            RegionExpr::And(v) | RegionExpr::Or(v) => v.iter().for_each(|e| e.collect_names(out)),
        }
    }

    fn fmt_prec(&self, f: &mut fmt::Formatter<'_>, prec: u8) -> fmt::Result {
        match self {
            RegionExpr::Class(c) => f.write_str(c),
            RegionExpr::Not(e) => {
                f.write_str("!")?;
                e.fmt_prec(f, 3)
            }
            RegionExpr::And(v) | RegionExpr::Or(v) => {
                let (sep, my) = if matches!(self, RegionExpr::And(_)) {
                    (" & ", 2)
                } else {
                    (" | ", 1)
                };
                if prec > my {
                    f.write_str("(")?;
                }
                for (i, e) in v.iter().enumerate() {
                    if i > 0 {
                        f.write_str(sep)?;
                    }
                    e.fmt_prec(f, my + 1)?;
                }
                if prec > my {
                    f.write_str(")")?;
                }
                Ok(())
            }
        }
    }
}

impl fmt::Display for RegionExpr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.fmt_prec(f, 0)
    }
}

impl Serialize for RegionExpr {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for RegionExpr {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        parse_region_expr(&s)
            .map(|(e, _)| e)
            .map_err(serde::de::Error::custom)
    }
}

/// How deep parentheses and `!` may nest.
pub const MAX_REGION_DEPTH: usize = 32;

/// Parse a region expression such as `(中部 | 西部) & !市辖区`.
///
/// Returns the expression and, for each name, its span in `src` (for validation messages).
///
/// ```
/// use zhibiao::syntax::parse_region_expr;
/// let (e, names) = parse_region_expr("(中部 | 西部) & !市辖区").unwrap();
/// assert_eq!(e.to_string(), "(中部 | 西部) & !市辖区");
/// assert_eq!(names.len(), 3);
/// ```
pub fn parse_region_expr(src: &str) -> Result<(RegionExpr, Vec<(String, Span)>), SyntaxError> {
    let norm = normalize(src);
    let mut p = P {
        s: &norm.text,
        pos: 0,
        names: Vec::new(),
        depth: 0,
    };
    let e = p.or()?;
    p.ws();
    if p.pos < p.s.len() {
        return Err(p.err_at(Expected::any([
            Wanted::Code("|"),
            Wanted::Code("&"),
            Wanted::EndOfExpression,
        ])));
    }
    let names = p
        .names
        .into_iter()
        .map(|(n, s)| (n, Span::new(norm.original(s.start), norm.original(s.end))))
        .collect();
    Ok((e, names))
}

struct P<'a> {
    s: &'a str,
    pos: usize,
    names: Vec<(String, Span)>,
    depth: usize,
}

fn is_name_char(c: char) -> bool {
    !(c.is_whitespace() || "|&!()=,;:#\"".contains(c))
}

impl P<'_> {
    fn ws(&mut self) {
        while let Some(c) = self.s[self.pos..].chars().next() {
            if c.is_whitespace() {
                self.pos += c.len_utf8();
            } else {
                break;
            }
        }
    }

    fn peek(&mut self) -> Option<char> {
        self.ws();
        self.s[self.pos..].chars().next()
    }

    fn err_at(&self, expected: Expected) -> SyntaxError {
        let end = self.s[self.pos..]
            .chars()
            .next()
            .map_or(self.pos, |c| self.pos + c.len_utf8());
        let found: String = self.s[self.pos..].chars().take(8).collect();
        let kind = if found.is_empty() {
            SyntaxErrorKind::Expected {
                expected,
                after: self.s[..self.pos]
                    .trim()
                    .chars()
                    .rev()
                    .take(8)
                    .collect::<Vec<_>>()
                    .into_iter()
                    .rev()
                    .collect(),
            }
        } else {
            SyntaxErrorKind::ExpectedFound { expected, found }
        };
        SyntaxError::new(kind, Span::new(self.pos, end))
    }

    fn or(&mut self) -> Result<RegionExpr, SyntaxError> {
        self.list('|', Self::and, RegionExpr::Or)
    }

    fn and(&mut self) -> Result<RegionExpr, SyntaxError> {
        self.list('&', Self::unary, RegionExpr::And)
    }

    /// `item (sep item)*`; one item stands alone, several are combined with `node`.
    fn list(
        &mut self,
        sep: char,
        item: fn(&mut Self) -> Result<RegionExpr, SyntaxError>,
        node: fn(Vec<RegionExpr>) -> RegionExpr,
    ) -> Result<RegionExpr, SyntaxError> {
        let mut items = vec![item(self)?];
        while self.peek() == Some(sep) {
            self.pos += 1;
            items.push(item(self)?);
        }
        Ok(if items.len() == 1 {
            items.remove(0)
        } else {
            node(items)
        })
    }

    fn unary(&mut self) -> Result<RegionExpr, SyntaxError> {
        self.depth += 1;
        if self.depth > MAX_REGION_DEPTH {
            let end = (self.pos + 1).min(self.s.len());
            return Err(SyntaxError::new(
                SyntaxErrorKind::TooDeep {
                    max: MAX_REGION_DEPTH,
                },
                Span::new(self.pos, end),
            ));
        }
        let r = match self.peek() {
            Some('!') => {
                self.pos += 1;
                self.unary().map(|e| RegionExpr::Not(Box::new(e)))
            }
            Some('(') => {
                self.pos += 1;
                let e = self.or()?;
                if self.peek() != Some(')') {
                    return Err(self.err_at(Wanted::Code(")").into()));
                }
                self.pos += 1;
                Ok(e)
            }
            Some(c) if is_name_char(c) => {
                let start = self.pos;
                while let Some(c) = self.s[self.pos..].chars().next() {
                    if !is_name_char(c) {
                        break;
                    }
                    self.pos += c.len_utf8();
                }
                let name = self.s[start..self.pos].to_string();
                self.names.push((name.clone(), Span::new(start, self.pos)));
                Ok(RegionExpr::Class(name))
            }
            _ => Err(self.err_at(Wanted::RegionClassOrGroup.into())),
        };
        self.depth -= 1;
        r
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn precedence_and_spans() {
        let (e, names) = parse_region_expr("中部 | 西部 & !市辖区").unwrap();
        assert_eq!(e.to_string(), "中部 | 西部 & !市辖区");
        assert!(matches!(e, RegionExpr::Or(ref v) if v.len() == 2));
        assert_eq!(names[2].1, Span::new(19, 28));
    }

    #[test]
    fn errors() {
        let e = parse_region_expr("中部 |").unwrap_err();
        assert!(matches!(e.kind, SyntaxErrorKind::Expected { .. }));
        let deep = "(".repeat(40) + "东部" + &")".repeat(40);
        assert!(matches!(
            parse_region_expr(&deep).unwrap_err().kind,
            SyntaxErrorKind::TooDeep { .. }
        ));
    }
}
