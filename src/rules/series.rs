//! Which series a data cell belongs to, classified against the rules: an indicator's own
//! series, a named series `<id>:<name>`, a veto or an event.

use serde::{Deserialize, Serialize};

use super::RuleSet;
use crate::predicate::Predicate;

/// Which series a data row belongs to.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum SeriesKey {
    /// An indicator's own series.
    Indicator {
        /// Indicator id.
        id: String,
    },
    /// A named series `<id>:<name>`.
    Named {
        /// Indicator id.
        id: String,
        /// Series name.
        name: String,
    },
    /// `veto:<id>`.
    Veto {
        /// Veto id.
        id: String,
    },
    /// `event:<kind>`.
    Event {
        /// Event kind.
        name: String,
    },
}

impl SeriesKey {
    /// Classify an `indicator` cell against the rules; `Err` says why it is not used.
    ///
    /// ```
    /// use zhibiao::{data::SeriesKey, RuleSet};
    /// let rules = RuleSet::parse("体系 \"x\" {\n指标 1 \"森林覆盖率\" {\n目标 ≥20\n}\n}\n").unwrap();
    /// assert_eq!(SeriesKey::classify("森林覆盖率", &rules), Ok(SeriesKey::Indicator { id: "1".into() }));
    /// assert!(SeriesKey::classify("2", &rules).is_err());
    /// ```
    pub fn classify(text: &str, rules: &RuleSet) -> Result<SeriesKey, String> {
        let text = text.trim();
        let norm = crate::syntax::normalize(text).text;
        if let Some((head, rest)) = norm.split_once(':') {
            let (head, rest) = (head.trim(), rest.trim());
            match head.to_ascii_lowercase().as_str() {
                "veto" | "否决项" | "否决" => {
                    return if rules.vetoes.iter().any(|v| v.id == rest) {
                        Ok(SeriesKey::Veto {
                            id: rest.to_string(),
                        })
                    } else {
                        Err(format!("the rules have no veto item `{rest}`"))
                    };
                }
                "event" | "事件" => {
                    return if rules.uses_event(rest) {
                        Ok(SeriesKey::Event {
                            name: rest.to_string(),
                        })
                    } else {
                        Err(format!("no target reads events `{rest}`"))
                    };
                }
                _ => {}
            }
            let Some(ind) = rules.find(head) else {
                return Err(format!("the rules have no indicator `{head}`"));
            };
            return if rules.uses_named(&ind.id, rest) {
                Ok(SeriesKey::Named {
                    id: ind.id.clone(),
                    name: rest.to_string(),
                })
            } else {
                Err(format!(
                    "the target of indicator {} does not read a series `{rest}`",
                    ind.id
                ))
            };
        }
        match rules.find(text) {
            Some(ind) => Ok(SeriesKey::Indicator { id: ind.id.clone() }),
            None => Err(format!(
                "the rules have no indicator with id or name `{text}`"
            )),
        }
    }

    /// Why this series needs a number rather than the word `w`, or `None` if a word is fine.
    pub fn needs_number(&self, rules: &RuleSet, target: bool, w: &str) -> Option<String> {
        let looks_numeric = w.chars().any(|c| c.is_ascii_digit())
            && w.chars()
                .all(|c| c.is_ascii_digit() || ".,-+% ".contains(c));
        if looks_numeric {
            return Some("it looks like a number but cannot be read as one".into());
        }
        let uses_status = |id: &str, quantity: Option<&str>| {
            rules
                .indicator(id)
                .and_then(|i| i.predicate.as_ref())
                .is_some_and(|p| {
                    let mut found = false;
                    p.walk(&mut |q| match q {
                        Predicate::Status { quantity: q, .. } => found |= q.as_deref() == quantity,
                        Predicate::Qualitative { .. } => found |= quantity.is_none(),
                        Predicate::NoEvent { .. } => found = true,
                        _ => {}
                    });
                    found
                })
        };
        match self {
            SeriesKey::Veto { .. } | SeriesKey::Event { .. } => None,
            SeriesKey::Indicator { id } if target || !uses_status(id, None) => rules
                .indicator(id)
                .filter(|i| i.predicate.is_some())
                .map(|_| format!("indicator {id} is judged on numbers")),
            SeriesKey::Named { id, name } if target || !uses_status(id, Some(name)) => {
                Some(format!("series {id}:{name} is judged on numbers"))
            }
            _ => None,
        }
    }
}
