//! Small types every contract shares: the cycle clock and pagination.

use cosmwasm_schema::cw_serde;
use cosmwasm_std::{StdError, StdResult, Timestamp};

/// Default and maximum page sizes of every list query.
pub const DEFAULT_LIMIT: u32 = 10;
pub const MAX_LIMIT: u32 = 100;

/// Page size of a list query: `limit` clamped to `1..=MAX_LIMIT`.
pub fn page_limit(limit: Option<u32>) -> usize {
    limit.unwrap_or(DEFAULT_LIMIT).clamp(1, MAX_LIMIT) as usize
}

/// Pagination arguments (used by helpers; queries take `start_after` / `limit`).
#[cw_serde]
#[derive(Default)]
pub struct Page {
    pub start_after: Option<String>,
    pub limit: Option<u32>,
}

/// The holon's cycle clock: cycle 1 is `[start, start + length)`, cycle k is
/// `[start + (k-1)·length, start + k·length)`. Anything before `start` belongs to cycle 1.
#[cw_serde]
#[derive(Copy)]
pub struct CycleClock {
    pub start: Timestamp,
    /// Length of a cycle in seconds: 2_592_000 for 30 days, 2_551_443 for a lunar month.
    pub length: u64,
}

/// Shortest cycle governance may configure (seconds). Short cycles serve localnet tests.
pub const MIN_CYCLE_SECONDS: u64 = 1;
/// Longest cycle: a year and a day.
pub const MAX_CYCLE_SECONDS: u64 = 366 * 24 * 3600;

impl CycleClock {
    pub fn new(start: Timestamp, length: u64) -> StdResult<Self> {
        if !(MIN_CYCLE_SECONDS..=MAX_CYCLE_SECONDS).contains(&length) {
            return Err(StdError::generic_err(format!(
                "cycle_seconds must be between {MIN_CYCLE_SECONDS} and {MAX_CYCLE_SECONDS}, got {length}"
            )));
        }
        Ok(Self { start, length })
    }

    /// The cycle open at time `t` (1-based): cycle k runs from `start_of(k)` up to, not
    /// including, `end_of(k)`, to the nanosecond, as `has_ended` counts. (Counting whole
    /// seconds here put `t` in the next cycle up to a second before `has_ended` agreed: a
    /// close sent then was refused, and an attestation went to the next cycle early.)
    pub fn cycle_at(&self, t: Timestamp) -> u64 {
        if t < self.start {
            return 1;
        }
        // ≤ 366 days in nanoseconds: no overflow in u64.
        1 + (t.nanos() - self.start.nanos()) / (self.length * 1_000_000_000)
    }

    /// First second of cycle `k` (k ≥ 1).
    pub fn start_of(&self, k: u64) -> Timestamp {
        self.start
            .plus_seconds(k.saturating_sub(1).saturating_mul(self.length))
    }

    /// First second after cycle `k`.
    pub fn end_of(&self, k: u64) -> Timestamp {
        self.start.plus_seconds(k.saturating_mul(self.length))
    }

    /// Whether cycle `k` has ended at time `t`.
    pub fn has_ended(&self, k: u64, t: Timestamp) -> bool {
        t >= self.end_of(k)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cycles_follow_the_clock() {
        let c = CycleClock::new(Timestamp::from_seconds(1_000), 100).unwrap();
        assert_eq!(c.cycle_at(Timestamp::from_seconds(0)), 1);
        assert_eq!(c.cycle_at(Timestamp::from_seconds(1_000)), 1);
        assert_eq!(c.cycle_at(Timestamp::from_seconds(1_099)), 1);
        assert_eq!(c.cycle_at(Timestamp::from_seconds(1_100)), 2);
        assert_eq!(c.start_of(2), Timestamp::from_seconds(1_100));
        assert_eq!(c.end_of(2), Timestamp::from_seconds(1_200));
        assert!(c.has_ended(1, Timestamp::from_seconds(1_100)));
        assert!(!c.has_ended(2, Timestamp::from_seconds(1_199)));
        assert!(CycleClock::new(Timestamp::from_seconds(0), 0).is_err());
    }

    #[test]
    fn a_cycle_ends_to_the_nanosecond_for_every_question() {
        // A chain's block times carry nanoseconds: cycle 1 of 40 s from 100.9 s ends at 140.9 s.
        let c = CycleClock::new(Timestamp::from_nanos(100_900_000_000), 40).unwrap();
        let at = |nanos: u64| Timestamp::from_nanos(nanos);
        // At 140.5 s cycle 1 is still open, and cannot be closed.
        assert_eq!(c.cycle_at(at(140_500_000_000)), 1);
        assert!(!c.has_ended(1, at(140_500_000_000)));
        // One nanosecond before its end, the same.
        assert_eq!(c.cycle_at(at(140_899_999_999)), 1);
        assert!(!c.has_ended(1, at(140_899_999_999)));
        // At its end, cycle 2 is open and cycle 1 can be closed: both answers at once.
        assert_eq!(c.cycle_at(at(140_900_000_000)), 2);
        assert!(c.has_ended(1, at(140_900_000_000)));
        // For every instant, "the open cycle is k" and "cycle k-1 has ended" agree.
        for nanos in (100_900_000_000u64..300_000_000_000).step_by(123_456_789) {
            let k = c.cycle_at(at(nanos));
            assert!(
                c.start_of(k) <= at(nanos) && at(nanos) < c.end_of(k),
                "{nanos}"
            );
            assert!(k == 1 || c.has_ended(k - 1, at(nanos)), "{nanos}");
            assert!(!c.has_ended(k, at(nanos)), "{nanos}");
        }
        // The longest cycle at the far end of time does not overflow.
        let year = CycleClock::new(Timestamp::from_seconds(1), MAX_CYCLE_SECONDS).unwrap();
        assert!(year.cycle_at(Timestamp::from_nanos(u64::MAX)) > 500);
    }
}
