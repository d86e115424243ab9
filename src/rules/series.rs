//! Which series a data cell belongs to, classified against the rules: an indicator's own
//! series, a named series `<id>:<name>`, a veto or an event.

use serde::{Deserialize, Serialize};

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
