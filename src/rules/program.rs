//! The compile step: a [`RuleSet`] lowered once into integer ids.
//!
//! Every series a target can read (an indicator's own series, a named series `<id>:<name>`, a
//! veto, an event kind) gets a [`SeriesId`]; every class a guard or `适用` names gets a class id;
//! every predicate becomes [`Code`] that refers to series and classes by id. What each indicator
//! reads is computed here once, in one walk ([`Program::inputs`]), and the data readers, the
//! evaluator and the unused-row report all ask the program instead of walking predicates again.

use std::collections::HashMap;

use rust_decimal::Decimal;

use super::{Dimension, Group, RuleSet, SeriesKey};
use crate::message::Unused;
use crate::predicate::{Guard, Predicate, RegionExpr};
use crate::types::{Direction, Measure, Op, Polarity, Settings, TrendMode};

/// A series of the compiled rules: an index into [`Program::series`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct SeriesId(pub(crate) u32);

impl SeriesId {
    /// The position in [`Program::series`].
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

/// A class named by the rules: an index into the program's class table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) struct ClassId(pub(crate) u16);

/// One cell kind an indicator's target reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Input {
    /// The series.
    pub series: SeriesId,
    /// Whether the superior target column is read (else the value column).
    pub target: bool,
    /// Whether a status word is a valid value (else the series is judged on numbers).
    pub words: bool,
}

/// A quantity read by compiled code: its series, its name as printed (for evidence) and the
/// polarity that resolves its `better` trends.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Qty<'r> {
    pub(crate) id: SeriesId,
    pub(crate) name: Option<&'r str>,
    pub(crate) polarity: Option<Polarity>,
}

/// A region expression over class ids.
#[derive(Debug, Clone)]
pub(crate) enum ClassExpr {
    Class(ClassId),
    Not(Box<ClassExpr>),
    And(Vec<ClassExpr>),
    Or(Vec<ClassExpr>),
}

/// A compiled tier guard; `source` is the guard as written, for the evidence.
#[derive(Debug, Clone)]
pub(crate) enum CodeGuard<'r> {
    Region(ClassExpr),
    Level { op: Op, value: Decimal },
    Years(&'r [i32]),
    Otherwise,
}

/// A compiled predicate: the same shapes as [`Predicate`], with series and classes by id.
#[derive(Debug, Clone)]
pub(crate) enum Code<'r> {
    Compare {
        op: Op,
        value: Decimal,
    },
    Reach {
        value: Decimal,
    },
    Range {
        min: Decimal,
        max: Decimal,
    },
    Approx {
        value: Decimal,
    },
    Share {
        op: Op,
        value: Decimal,
        requirement: &'r str,
    },
    Superior {
        q: Qty<'r>,
    },
    Reference {
        op: Op,
        q: Qty<'r>,
    },
    Trend {
        mode: TrendMode,
        direction: Direction,
        q: Qty<'r>,
        window: Option<u32>,
    },
    Change {
        measure: Measure,
        direction: Direction,
        op: Op,
        value: Decimal,
        base: Option<i32>,
        about: bool,
    },
    Status {
        q: Qty<'r>,
        requirement: &'r str,
        negated: bool,
    },
    Qualitative {
        text: &'r str,
    },
    NoEvent {
        years: Option<u32>,
        event: SeriesId,
        name: &'r str,
    },
    EachYear {
        years: u32,
        item: Box<Code<'r>>,
    },
    /// A requirement read on a named quantity's series instead of the indicator's own.
    Of {
        q: Qty<'r>,
        item: Box<Code<'r>>,
    },
    All(Vec<Code<'r>>),
    Any(Vec<Code<'r>>),
    Tiered(Vec<(CodeGuard<'r>, &'r Guard, Code<'r>)>),
}

/// The classes the rules name, with the dimension that declares each (`None`: named by a guard
/// but declared by no dimension).
#[derive(Debug, Clone, Default)]
pub(crate) struct ClassTable<'r> {
    names: Vec<&'r str>,
    dims: Vec<Option<u16>>,
    ids: HashMap<&'r str, ClassId>,
    /// Dimension names.
    pub(crate) dimensions: Vec<&'r str>,
}

impl<'r> ClassTable<'r> {
    /// The classes the dimensions declare.
    pub(crate) fn new(dimensions: &'r [Dimension]) -> ClassTable<'r> {
        let mut t = ClassTable::default();
        for (d, dim) in dimensions.iter().enumerate() {
            t.dimensions.push(&dim.name);
            for c in &dim.classes {
                let id = t.intern(c);
                t.dims[usize::from(id.0)] = Some(u16::try_from(d).unwrap_or(u16::MAX));
            }
        }
        t
    }

    fn intern(&mut self, name: &'r str) -> ClassId {
        if let Some(&id) = self.ids.get(name) {
            return id;
        }
        let id = ClassId(u16::try_from(self.names.len()).unwrap_or(u16::MAX));
        self.names.push(name);
        self.dims.push(None);
        self.ids.insert(name, id);
        id
    }

    /// How many classes.
    pub(crate) fn len(&self) -> usize {
        self.names.len()
    }

    /// The id of a class the rules name.
    pub(crate) fn id(&self, name: &str) -> Option<ClassId> {
        self.ids.get(name).copied()
    }

    /// The dimension that declares a class.
    pub(crate) fn dimension(&self, c: ClassId) -> Option<u16> {
        self.dims.get(usize::from(c.0)).copied().flatten()
    }

    /// Whether some dimension declares a class.
    pub(crate) fn declared(&self, name: &str) -> bool {
        self.id(name).is_some_and(|c| self.dimension(c).is_some())
    }

    fn expr(&mut self, e: &'r RegionExpr) -> ClassExpr {
        match e {
            RegionExpr::Class(c) => ClassExpr::Class(self.intern(c)),
            RegionExpr::Not(e) => ClassExpr::Not(Box::new(self.expr(e))),
            RegionExpr::And(v) => ClassExpr::And(v.iter().map(|e| self.expr(e)).collect()),
            RegionExpr::Or(v) => ClassExpr::Or(v.iter().map(|e| self.expr(e)).collect()),
        }
    }

    /// A region expression that may name groups: groups are replaced by their expressions.
    pub(crate) fn expr_with_groups(&mut self, e: &'r RegionExpr, groups: &'r [Group]) -> ClassExpr {
        match e {
            RegionExpr::Class(c) => match groups.iter().find(|g| &g.name == c) {
                Some(g) => self.expr(&g.expr),
                None => ClassExpr::Class(self.intern(c)),
            },
            RegionExpr::Not(e) => ClassExpr::Not(Box::new(self.expr_with_groups(e, groups))),
            RegionExpr::And(v) => {
                ClassExpr::And(v.iter().map(|e| self.expr_with_groups(e, groups)).collect())
            }
            RegionExpr::Or(v) => {
                ClassExpr::Or(v.iter().map(|e| self.expr_with_groups(e, groups)).collect())
            }
        }
    }
}

/// Series keys interned to ids, with the indicator each belongs to.
#[derive(Debug, Clone, Default)]
pub(crate) struct Interner {
    series: Vec<SeriesKey>,
    ids: HashMap<SeriesKey, SeriesId>,
    owner: Vec<Option<usize>>,
}

impl Interner {
    pub(crate) fn intern(&mut self, key: SeriesKey, owner: Option<usize>) -> SeriesId {
        if let Some(&id) = self.ids.get(&key) {
            return id;
        }
        let id = SeriesId(u32::try_from(self.series.len()).unwrap_or(u32::MAX));
        self.series.push(key.clone());
        self.owner.push(owner);
        self.ids.insert(key, id);
        id
    }

    /// Every key, by id.
    pub(crate) fn keys(&self) -> &[SeriesKey] {
        &self.series
    }
}

/// One compiled indicator.
#[derive(Debug, Clone)]
pub(crate) struct CompiledIndicator<'r> {
    pub(crate) code: Option<Code<'r>>,
    pub(crate) applies: Option<ClassExpr>,
    pub(crate) own: SeriesId,
    pub(crate) settings: Settings,
    /// Positions of the direct sub-indicators.
    pub(crate) kids: Vec<usize>,
    pub(crate) inputs: Vec<Input>,
}

/// A [`RuleSet`] compiled to integer ids: see the module documentation.
///
/// ```
/// use zhibiao::RuleSet;
/// let rules = RuleSet::parse(
///     "体系 \"x\" {\n指标 1 \"林草覆盖率\" {\n目标 ≥20\n}\n指标 2 \"空气质量\" {\n方向 PM2.5浓度 逆向\n目标 PM2.5浓度保持稳定或持续改善\n}\n}\n",
/// ).unwrap();
/// let program = rules.compile();
/// let own = program.classify("林草覆盖率").unwrap();
/// assert_eq!(program.inputs(0).len(), 1);
/// assert_eq!(program.inputs(0)[0].series, own);
/// assert!(program.classify("2:PM2.5浓度").is_ok());
/// assert!(program.classify("2:PM10浓度").is_err()); // no target reads it
/// ```
#[derive(Debug, Clone)]
pub struct Program<'r> {
    pub(crate) rules: &'r RuleSet,
    series: Interner,
    pub(crate) indicators: Vec<CompiledIndicator<'r>>,
    pub(crate) vetoes: Vec<SeriesId>,
    pub(crate) classes: ClassTable<'r>,
}

impl RuleSet {
    /// Compile the rules to integer ids ([`Program`]); the readers and the evaluator work on it.
    pub fn compile(&self) -> Program<'_> {
        Program::new(self)
    }
}

impl<'r> Program<'r> {
    fn new(rules: &'r RuleSet) -> Program<'r> {
        let mut series = Interner::default();
        let mut classes = ClassTable::new(&rules.dimensions);
        let mut indicators = Vec::with_capacity(rules.indicators.len());
        for (idx, ind) in rules.indicators.iter().enumerate() {
            let own = series.intern(SeriesKey::Indicator { id: ind.id.clone() }, Some(idx));
            let settings = rules.settings(ind);
            let mut lower = Lowering {
                series: &mut series,
                classes: &mut classes,
                groups: &rules.groups,
                owner: Some(idx),
                id: &ind.id,
                polarities: &ind.quantity_polarity,
                own,
                settings,
                inputs: Vec::new(),
            };
            let code = ind.predicate.as_ref().map(|p| lower.code(p));
            let mut inputs = lower.inputs;
            if code.is_none() {
                // an indicator without a target of its own: its cells are read as given
                inputs.push(Input {
                    series: own,
                    target: false,
                    words: true,
                });
            }
            let applies = ind
                .applies
                .as_ref()
                .map(|a| classes.expr_with_groups(a, &rules.groups));
            indicators.push(CompiledIndicator {
                code,
                applies,
                own,
                settings,
                kids: rules.sub_indicators(idx).collect(),
                inputs: merge_inputs(inputs),
            });
        }
        let vetoes = rules
            .vetoes
            .iter()
            .map(|v| series.intern(SeriesKey::Veto { id: v.id.clone() }, None))
            .collect();
        Program {
            rules,
            series,
            indicators,
            vetoes,
            classes,
        }
    }

    /// The rules this program was compiled from.
    pub fn rules(&self) -> &'r RuleSet {
        self.rules
    }

    /// Every series, by id.
    pub fn series(&self) -> &[SeriesKey] {
        self.series.keys()
    }

    /// The key of a series.
    pub fn key(&self, id: SeriesId) -> Option<&SeriesKey> {
        self.series.series.get(id.index())
    }

    /// The id of a series key, if the rules read it.
    pub fn id(&self, key: &SeriesKey) -> Option<SeriesId> {
        self.series.ids.get(key).copied()
    }

    /// The position of the indicator a series belongs to (vetoes and events: `None`).
    pub fn owner(&self, id: SeriesId) -> Option<usize> {
        self.series.owner.get(id.index()).copied().flatten()
    }

    /// What the target of the indicator at position `idx` reads, each cell kind once.
    pub fn inputs(&self, idx: usize) -> &[Input] {
        self.indicators
            .get(idx)
            .map_or(&[], |c| c.inputs.as_slice())
    }

    /// Classify an `indicator` cell of the data (`4`, `森林覆盖率`, `4:能源消耗总量`,
    /// `veto:1`, `event:较大环境事件`); `Err` says why no target reads it.
    pub fn classify(&self, text: &str) -> Result<SeriesId, Unused> {
        let text = text.trim();
        let norm = crate::syntax::normalize(text).text;
        let rules = self.rules;
        let names = || rules.indicators.iter().map(|i| i.name.as_str());
        let Some((head, rest)) = norm.split_once(':') else {
            let no_indicator = || Unused::NoIndicator {
                text: text.to_string(),
                suggestion: did_you_mean(text, names()),
            };
            return match rules.find(text) {
                Some(ind) => self
                    .id(&SeriesKey::Indicator { id: ind.id.clone() })
                    .ok_or_else(no_indicator),
                None => Err(no_indicator()),
            };
        };
        let (head, rest) = (head.trim(), rest.trim());
        let (key, why) = match head.to_ascii_lowercase().as_str() {
            "veto" | "否决项" | "否决" => (
                SeriesKey::Veto {
                    id: rest.to_string(),
                },
                Unused::NoVeto {
                    id: rest.to_string(),
                },
            ),
            "event" | "事件" => (
                SeriesKey::Event {
                    name: rest.to_string(),
                },
                Unused::NoEvents {
                    kind: rest.to_string(),
                },
            ),
            _ => {
                let Some(ind) = rules.find(head) else {
                    return Err(Unused::NoIndicator {
                        text: head.to_string(),
                        suggestion: did_you_mean(head, names()),
                    });
                };
                let named = self.series().iter().filter_map(|k| match k {
                    SeriesKey::Named { id, name } if *id == ind.id => Some(name.as_str()),
                    _ => None,
                });
                let why = Unused::NoSeries {
                    id: ind.id.clone(),
                    name: rest.to_string(),
                    suggestion: did_you_mean(rest, named),
                };
                let key = SeriesKey::Named {
                    id: ind.id.clone(),
                    name: rest.to_string(),
                };
                (key, why)
            }
        };
        self.id(&key).ok_or(why)
    }

    /// Why a series needs a number rather than the word `w` (in its value or `target`
    /// column), or `None` if a word is fine there.
    pub fn needs_number(
        &self,
        id: SeriesId,
        target: bool,
        w: &str,
    ) -> Option<crate::message::NumberNeeded> {
        use crate::message::NumberNeeded;
        if looks_numeric(w) {
            return Some(NumberNeeded::LooksNumeric);
        }
        let idx = self.owner(id)?;
        let words = self.inputs(idx).iter().any(|i| i.series == id && i.words);
        match self.key(id)? {
            _ if words && !target => None,
            SeriesKey::Indicator { id } if self.indicators[idx].code.is_some() => {
                Some(NumberNeeded::Indicator(id.clone()))
            }
            SeriesKey::Named { id, name } => Some(NumberNeeded::Series(id.clone(), name.clone())),
            _ => None,
        }
    }
}

/// The closest of `names` to `text` (a name that differs by a space or a character), if it is
/// not `text` itself.
fn did_you_mean<'a>(text: &str, names: impl Iterator<Item = &'a str> + Clone) -> Option<String> {
    let squeezed: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    let same_without_spaces = names
        .clone()
        .find(|n| n.chars().filter(|c| !c.is_whitespace()).collect::<String>() == squeezed);
    same_without_spaces
        .or_else(|| crate::syntax::closest(text, names))
        .filter(|n| *n != text)
        .map(str::to_string)
}

/// Whether a word is digits and punctuation that failed to read as a number (`1,2.3.4`).
pub(crate) fn looks_numeric(w: &str) -> bool {
    w.chars().any(|c| c.is_ascii_digit())
        && w.chars()
            .all(|c| c.is_ascii_digit() || ".,-+% ".contains(c))
}

/// Each (series, column) once; a column that accepts words anywhere accepts them.
fn merge_inputs(mut inputs: Vec<Input>) -> Vec<Input> {
    inputs.sort_by_key(|i| (i.series, i.target, !i.words));
    inputs.dedup_by_key(|i| (i.series, i.target));
    inputs
}

/// Lowering one predicate to [`Code`], collecting what it reads on the way.
pub(crate) struct Lowering<'p, 'r> {
    pub(crate) series: &'p mut Interner,
    pub(crate) classes: &'p mut ClassTable<'r>,
    pub(crate) groups: &'r [Group],
    /// The indicator's position, if it is one of a rule set.
    pub(crate) owner: Option<usize>,
    /// The indicator's id (its named series are `<id>:<name>`).
    pub(crate) id: &'r str,
    pub(crate) polarities: &'r [(String, Polarity)],
    pub(crate) own: SeriesId,
    pub(crate) settings: Settings,
    pub(crate) inputs: Vec<Input>,
}

impl<'r> Lowering<'_, 'r> {
    /// The quantity `name` (or the indicator's own series), recorded as an input.
    fn qty(&mut self, name: Option<&'r str>, target: bool, words: bool) -> Qty<'r> {
        let id = match name {
            None => self.own,
            Some(n) => self.series.intern(
                SeriesKey::Named {
                    id: self.id.to_string(),
                    name: n.to_string(),
                },
                self.owner,
            ),
        };
        self.inputs.push(Input {
            series: id,
            target,
            words,
        });
        let polarity = match name {
            None => self.settings.polarity,
            Some(n) => self
                .polarities
                .iter()
                .find(|(q, _)| q == n)
                .map(|(_, p)| *p),
        };
        Qty { id, name, polarity }
    }

    fn own_number(&mut self) {
        self.qty(None, false, false);
    }

    /// Lower a predicate.
    pub(crate) fn code(&mut self, p: &'r Predicate) -> Code<'r> {
        match p {
            Predicate::Compare { op, value, .. } => {
                self.own_number();
                Code::Compare {
                    op: *op,
                    value: *value,
                }
            }
            Predicate::Share {
                op,
                value,
                requirement,
                ..
            } => {
                // the share itself (a number), or each sub-region's word for the requirement
                self.qty(None, false, true);
                Code::Share {
                    op: *op,
                    value: *value,
                    requirement,
                }
            }
            Predicate::Reach { value, .. } => {
                self.own_number();
                Code::Reach { value: *value }
            }
            Predicate::Approx { value, .. } => {
                self.own_number();
                Code::Approx { value: *value }
            }
            Predicate::Range { min, max, .. } => {
                self.own_number();
                Code::Range {
                    min: *min,
                    max: *max,
                }
            }
            Predicate::SuperiorTarget { quantity } => {
                self.qty(quantity.as_deref(), true, false);
                Code::Superior {
                    q: self.qty(quantity.as_deref(), false, false),
                }
            }
            Predicate::Reference { op, reference } => {
                self.own_number();
                Code::Reference {
                    op: *op,
                    q: self.qty(Some(reference), false, false),
                }
            }
            Predicate::Trend {
                mode,
                direction,
                quantity,
                window,
            } => Code::Trend {
                mode: *mode,
                direction: *direction,
                q: self.qty(quantity.as_deref(), false, false),
                window: *window,
            },
            Predicate::Change {
                measure,
                direction,
                op,
                value,
                base,
                about,
                ..
            } => {
                self.own_number();
                Code::Change {
                    measure: *measure,
                    direction: *direction,
                    op: *op,
                    value: *value,
                    base: *base,
                    about: *about,
                }
            }
            Predicate::Status {
                requirement,
                quantity,
                negated,
            } => Code::Status {
                q: self.qty(quantity.as_deref(), false, true),
                requirement,
                negated: *negated,
            },
            Predicate::Qualitative { text } => {
                self.qty(None, false, true);
                Code::Qualitative { text }
            }
            Predicate::NoEvent { years, event } => self.no_event(*years, event),
            Predicate::Named { quantity, item } => {
                let q = self.qty(Some(quantity), false, false);
                let (own, polarity) = (self.own, self.settings.polarity);
                (self.own, self.settings.polarity) = (q.id, q.polarity);
                let item = Box::new(self.code(item));
                (self.own, self.settings.polarity) = (own, polarity);
                Code::Of { q, item }
            }
            Predicate::EachYear { years, item } => Code::EachYear {
                years: *years,
                item: Box::new(self.code(item)),
            },
            Predicate::All { items } => Code::All(items.iter().map(|p| self.code(p)).collect()),
            Predicate::Any { items } => Code::Any(items.iter().map(|p| self.code(p)).collect()),
            Predicate::Tiered { tiers } => Code::Tiered(
                tiers
                    .iter()
                    .map(|t| (self.guard(&t.when), &t.when, self.code(&t.then)))
                    .collect(),
            ),
        }
    }

    /// `无…发生`: the event series, and (as before compiling) words in the indicator's own
    /// series are accepted beside it.
    fn no_event(&mut self, years: Option<u32>, event: &'r str) -> Code<'r> {
        let id = self.series.intern(
            SeriesKey::Event {
                name: event.to_string(),
            },
            None,
        );
        self.inputs.push(Input {
            series: id,
            target: false,
            words: true,
        });
        self.qty(None, false, true);
        Code::NoEvent {
            years,
            event: id,
            name: event,
        }
    }

    fn guard(&mut self, g: &'r Guard) -> CodeGuard<'r> {
        match g {
            Guard::Region(e) => CodeGuard::Region(self.classes.expr_with_groups(e, self.groups)),
            Guard::Level { op, value } => {
                self.own_number();
                CodeGuard::Level {
                    op: *op,
                    value: *value,
                }
            }
            Guard::Years(ys) => CodeGuard::Years(ys),
            Guard::Otherwise => CodeGuard::Otherwise,
        }
    }
}
