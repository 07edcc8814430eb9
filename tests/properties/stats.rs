//! What the random cases did: how often each action was accepted and refused, and how many
//! closes and claims were compared with the formula. Printed after each property so that a
//! run shows it exercised what it claims.

use std::collections::BTreeMap;
use std::io::Write;
use std::sync::Mutex;

#[derive(Clone, Debug, Default)]
pub struct Stats {
    /// action → (accepted, refused)
    pub actions: BTreeMap<&'static str, (u64, u64)>,
    pub closes_compared: u64,
    pub claims_compared: u64,
    pub contributors_at_close: u64,
    pub steps: u64,
}

impl Stats {
    pub const fn new() -> Self {
        Stats {
            actions: BTreeMap::new(),
            closes_compared: 0,
            claims_compared: 0,
            contributors_at_close: 0,
            steps: 0,
        }
    }

    pub fn count(&mut self, action: &'static str, accepted: bool) {
        let e = self.actions.entry(action).or_default();
        if accepted {
            e.0 += 1;
        } else {
            e.1 += 1;
        }
    }

    pub fn merge(&mut self, other: &Stats) {
        for (k, (a, r)) in &other.actions {
            let e = self.actions.entry(k).or_default();
            e.0 += a;
            e.1 += r;
        }
        self.closes_compared += other.closes_compared;
        self.claims_compared += other.claims_compared;
        self.contributors_at_close += other.contributors_at_close;
        self.steps += other.steps;
    }

    pub fn summary(&self) -> String {
        let actions: Vec<String> = self
            .actions
            .iter()
            .map(|(k, (a, r))| format!("{k} {a}/{r}"))
            .collect();
        format!(
            "{} steps; {} closes and {} claims compared with WEIGHTING.md ({} contributors paid); accepted/refused: {}",
            self.steps,
            self.closes_compared,
            self.claims_compared,
            self.contributors_at_close,
            actions.join(", ")
        )
    }
}

/// Totals of one property, merged from its cases.
pub struct Tally(Mutex<Stats>);

impl Tally {
    pub const fn new() -> Self {
        Tally(Mutex::new(Stats::new()))
    }

    pub fn add(&self, s: &Stats) {
        self.0.lock().unwrap_or_else(|e| e.into_inner()).merge(s);
    }

    pub fn take(&self) -> Stats {
        std::mem::take(&mut *self.0.lock().unwrap_or_else(|e| e.into_inner()))
    }
}

/// Writes straight to stderr, past the test harness's capture, so that `cargo test` shows it.
pub fn report(line: &str) {
    let _ = writeln!(std::io::stderr(), "{line}");
}

thread_local! {
    /// Refusals by error variant, per test thread (each property runs on its own thread).
    static REFUSALS: std::cell::RefCell<BTreeMap<String, u64>> = const { std::cell::RefCell::new(BTreeMap::new()) };
}

/// Counts a refusal by its error variant.
pub fn refused(r: &dyn std::fmt::Debug) {
    let text = format!("{r:?}");
    let (outer, inner) = text.split_once('(').unwrap_or((text.as_str(), ""));
    let mut name: String = inner.chars().take_while(|c| c.is_alphanumeric()).collect();
    if name.is_empty() {
        name = outer.to_string();
    }
    REFUSALS.with(|m| *m.borrow_mut().entry(name).or_default() += 1);
}

/// The refusals counted on this thread so far, and forgets them.
pub fn refusals() -> String {
    let r = REFUSALS.with(|m| std::mem::take(&mut *m.borrow_mut()));
    r.iter()
        .map(|(k, v)| format!("{k} {v}"))
        .collect::<Vec<_>>()
        .join(", ")
}
