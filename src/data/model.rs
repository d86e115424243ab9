//! The data model of one region: yearly series, targets, named series, vetoes, events, classes.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use rust_decimal::Decimal;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A measured value: a decimal, or a status word (`已建立`, `是`, `否` …).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Value {
    /// A number (a trailing `%` is stripped by the readers).
    Number(Decimal),
    /// A status word.
    Word(String),
}

impl Value {
    /// Read a cell: a decimal (optionally with a trailing `%`, full-width digits allowed) or
    /// a status word. Empty text is `None`.
    ///
    /// ```
    /// use zhibiao::eval::Value;
    /// assert_eq!(Value::parse("95%"), Some(Value::Number("95".parse().unwrap())));
    /// assert_eq!(Value::parse("已建立"), Some(Value::Word("已建立".into())));
    /// assert_eq!(Value::parse(" "), None);
    /// ```
    pub fn parse(text: &str) -> Option<Value> {
        if let Some(v) = Value::parse_number(text) {
            return Some(v);
        }
        let t = crate::syntax::normalize(text.trim()).text;
        let t = t.trim();
        if t.is_empty() {
            return None;
        }
        let n = t.strip_suffix('%').unwrap_or(t);
        // one number reader for targets and data: `1,000` is one thousand, `1,2` and a number
        // that would be rounded are words (an error where a number is needed), never a value
        match crate::types::read_decimal(n) {
            Ok(d) => Some(Value::Number(d)),
            Err(_) => Some(Value::Word(t.to_string())),
        }
    }

    /// The common case of [`Value::parse`]: a plain ASCII decimal (`19.4`, `-1`), read
    /// without normalisation; `None` for anything else.
    pub fn parse_number(text: &str) -> Option<Value> {
        let plain = text.trim();
        let plain_digits = !plain.is_empty()
            && plain
                .bytes()
                .all(|b| b.is_ascii_digit() || b == b'.' || b == b'-');
        if !plain_digits {
            return None;
        }
        crate::types::read_decimal(plain).ok().map(Value::Number)
    }

    /// The number, if this is one.
    pub fn number(&self) -> Option<Decimal> {
        match self {
            Value::Number(d) => Some(*d),
            Value::Word(_) => None,
        }
    }
}

impl fmt::Display for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Value::Number(d) => write!(f, "{d}"),
            Value::Word(w) => f.write_str(w),
        }
    }
}

impl From<Decimal> for Value {
    fn from(d: Decimal) -> Value {
        Value::Number(d)
    }
}

impl Serialize for Value {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Value {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Raw {
            Num(serde_json::Number),
            Bool(bool),
            Text(String),
        }
        match Raw::deserialize(d)? {
            Raw::Num(n) => n
                .to_string()
                .parse::<Decimal>()
                .map(Value::Number)
                .map_err(serde::de::Error::custom),
            Raw::Bool(b) => Ok(Value::Word(b.to_string())),
            Raw::Text(t) => Value::parse(&t).ok_or_else(|| serde::de::Error::custom("empty value")),
        }
    }
}

/// A yearly series with its optional superior targets.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Series {
    /// Year → value.
    #[serde(default)]
    pub values: BTreeMap<i32, Value>,
    /// Year → target assigned by the superior government (or a control target).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub targets: BTreeMap<i32, Value>,
}

/// The data of one indicator: its own series and named series (`<id>:<name>`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct IndicatorData {
    /// The indicator's own series.
    #[serde(default)]
    pub series: Series,
    /// Named series: auxiliary quantities (`能源消耗总量`) and references (`全国平均水平`).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub named: BTreeMap<String, Series>,
}

/// Everything known about one region: its classes, the yearly values and superior targets of
/// each indicator, named series, veto and event records.
///
/// ```
/// use zhibiao::eval::{evaluate_region, RegionData, Value};
/// use zhibiao::{RuleSet, Verdict};
/// let rules = RuleSet::parse(
///     "体系 \"x\" {\n地区分类 地形: 山区 平原区\n指标 1 \"林草覆盖率\" {\n单位 %\n目标 山区≥60、平原区≥18\n}\n}\n",
/// ).unwrap();
/// let mut r = RegionData::new("甲县").with_class("平原区");
/// r.set_value("1", 2023, Value::parse("20").unwrap());
/// assert_eq!(evaluate_region(&rules, &r, 2023, None).verdict, Verdict::Pass);
/// // a region that gives no class of 地形 is 数据不足, never 达标 by omission
/// let silent = RegionData { classes: Default::default(), ..r };
/// assert_eq!(evaluate_region(&rules, &silent, 2023, None).verdict, Verdict::Insufficient);
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct RegionData {
    /// Region name.
    pub name: String,
    /// Region classes (`东部`, `山区` …).
    #[serde(default)]
    pub classes: BTreeSet<String>,
    /// Indicator id → data.
    #[serde(default)]
    pub indicators: BTreeMap<String, IndicatorData>,
    /// Veto id → year → whether it occurred (`是`/`否`).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub vetoes: BTreeMap<String, BTreeMap<i32, Value>>,
    /// Event kind → year → whether it occurred.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub events: BTreeMap<String, BTreeMap<i32, Value>>,
}

impl RegionData {
    /// An empty region.
    pub fn new(name: impl Into<String>) -> RegionData {
        RegionData {
            name: name.into(),
            ..RegionData::default()
        }
    }

    /// Add a class.
    pub fn with_class(mut self, class: impl Into<String>) -> RegionData {
        self.classes.insert(class.into());
        self
    }

    /// The series of an indicator or of one of its named series.
    pub fn series(&self, indicator: &str, name: Option<&str>) -> Option<&Series> {
        let d = self.indicators.get(indicator)?;
        match name {
            None => Some(&d.series),
            Some(n) => d.named.get(n),
        }
    }

    /// Put `v` in a series (values or targets), creating it on first use; a key is copied
    /// only when the series is new.
    fn put(&mut self, indicator: &str, name: Option<&str>, year: i32, v: Value, target: bool) {
        fn put_in(d: &mut IndicatorData, name: Option<&str>, year: i32, v: Value, target: bool) {
            let s = match name {
                None => &mut d.series,
                Some(n) => match d.named.get_mut(n) {
                    Some(s) => s,
                    None => d.named.entry(n.to_string()).or_default(),
                },
            };
            if target {
                s.targets.insert(year, v);
            } else {
                s.values.insert(year, v);
            }
        }
        match self.indicators.get_mut(indicator) {
            Some(d) => put_in(d, name, year, v, target),
            None => {
                let mut d = IndicatorData::default();
                put_in(&mut d, name, year, v, target);
                self.indicators.insert(indicator.to_string(), d);
            }
        }
    }

    /// Set a value of an indicator's own series.
    pub fn set_value(&mut self, indicator: &str, year: i32, value: impl Into<Value>) {
        self.put(indicator, None, year, value.into(), false);
    }

    /// Set a superior target of an indicator's own series.
    pub fn set_target(&mut self, indicator: &str, year: i32, target: impl Into<Value>) {
        self.put(indicator, None, year, target.into(), true);
    }

    /// Set a value of a named series `<indicator>:<name>`.
    pub fn set_named(&mut self, indicator: &str, name: &str, year: i32, value: impl Into<Value>) {
        self.put(indicator, Some(name), year, value.into(), false);
    }

    /// Set a target of a named series.
    pub fn set_named_target(
        &mut self,
        indicator: &str,
        name: &str,
        year: i32,
        value: impl Into<Value>,
    ) {
        self.put(indicator, Some(name), year, value.into(), true);
    }

    /// Record whether a veto item occurred in a year.
    pub fn set_veto(&mut self, veto: &str, year: i32, value: Value) {
        self.vetoes
            .entry(veto.to_string())
            .or_default()
            .insert(year, value);
    }

    /// Record whether an event occurred in a year.
    pub fn set_event(&mut self, event: &str, year: i32, value: Value) {
        self.events
            .entry(event.to_string())
            .or_default()
            .insert(year, value);
    }

    /// The latest year with any value.
    pub fn latest_year(&self) -> Option<i32> {
        let ind = self.indicators.values().flat_map(|d| {
            d.series
                .values
                .keys()
                .chain(d.named.values().flat_map(|s| s.values.keys()))
                .copied()
        });
        let other = self
            .vetoes
            .values()
            .chain(self.events.values())
            .flat_map(|m| m.keys().copied());
        ind.chain(other).max()
    }
}

impl crate::rules::SeriesKey {
    /// Store a value (or a target) of this series in a region.
    pub fn insert(&self, region: &mut RegionData, year: i32, value: Value, target: bool) {
        use crate::rules::SeriesKey;
        match (self, target) {
            (SeriesKey::Indicator { id }, false) => region.set_value(id, year, value),
            (SeriesKey::Indicator { id }, true) => region.set_target(id, year, value),
            (SeriesKey::Named { id, name }, false) => region.set_named(id, name, year, value),
            (SeriesKey::Named { id, name }, true) => region.set_named_target(id, name, year, value),
            (SeriesKey::Veto { id }, _) => region.set_veto(id, year, value),
            (SeriesKey::Event { name }, _) => region.set_event(name, year, value),
        }
    }
}
