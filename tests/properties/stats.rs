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
    /// Attestations recorded in a later cycle than they were attested in (credit moved).
    pub landed_later: u64,
    /// Records (co-sign, finalize, resolve) refused: landing past the per-cycle cap, and the
    /// need's progress overflowing.
    pub landing_refused: u64,
    /// Bulk claims accepted that owed nothing (the cursor moved past a quiet window).
    pub quiet_bulk_claims: u64,
    /// At the end of each case: closes of every ended cycle, and the claims that followed.
    pub wind_down_closes: u64,
    pub wind_down_claims: u64,
}

impl Stats {
    pub const fn new() -> Self {
        Stats {
            actions: BTreeMap::new(),
            closes_compared: 0,
            claims_compared: 0,
            contributors_at_close: 0,
            steps: 0,
            landed_later: 0,
            landing_refused: 0,
            quiet_bulk_claims: 0,
            wind_down_closes: 0,
            wind_down_claims: 0,
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
        self.landed_later += other.landed_later;
        self.landing_refused += other.landing_refused;
        self.quiet_bulk_claims += other.quiet_bulk_claims;
        self.wind_down_closes += other.wind_down_closes;
        self.wind_down_claims += other.wind_down_claims;
    }

    pub fn summary(&self) -> String {
        let actions: Vec<String> = self
            .actions
            .iter()
            .map(|(k, (a, r))| format!("{k} {a}/{r}"))
            .collect();
        format!(
            "{} steps; {} closes and {} claims compared with docs/WEIGHTING.md ({} contributors paid); \
             {} credits landed in a later cycle, {} records refused for landing past the cap; \
             {} quiet bulk claims moved a cursor; \
             wound down: {} ended cycles closed, {} claims; accepted/refused: {}",
            self.steps,
            self.closes_compared,
            self.claims_compared,
            self.contributors_at_close,
            self.landed_later,
            self.landing_refused,
            self.quiet_bulk_claims,
            self.wind_down_closes,
            self.wind_down_claims,
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

thread_local! {
    /// Whether refusals are counted (not while a case winds down).
    static COUNTING: std::cell::Cell<bool> = const { std::cell::Cell::new(true) };
}

/// Stops (false) or resumes counting refusals on this thread.
pub fn counting(on: bool) {
    COUNTING.with(|c| c.set(on));
}

/// Counts a refusal by its error variant.
pub fn refused(r: &dyn std::fmt::Debug) {
    if !COUNTING.with(|c| c.get()) {
        return;
    }
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
