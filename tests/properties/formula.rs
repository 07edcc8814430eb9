//! docs/WEIGHTING.md written out again, from the text, for the tests.
//!
//! Nothing here calls the distributor: every product is done on the raw 18-decimal atomics
//! in 256-bit integers and rounded down (floor18), every share is `floor(C × W_i / W)` in
//! 256-bit integers. The property tests compare what the chain minted with these numbers.

use std::collections::{BTreeMap, BTreeSet};

use cosmwasm_std::{Addr, Decimal, Uint128, Uint256};
use flow_types::distributor::{Model, Policy, Scarcity};

/// 10^18: one whole unit of a `Decimal`, in atomics.
pub const ONE: u128 = 1_000_000_000_000_000_000;

fn u256(x: u128) -> Uint256 {
    Uint256::from(x)
}

fn to_u128(x: Uint256) -> u128 {
    Uint128::try_from(x).expect("fits in 128 bits").u128()
}

/// floor18(x × y): the exact product of two 18-decimal numbers, rounded down to 18 decimals.
pub fn floor18(x: Decimal, y: Decimal) -> Decimal {
    Decimal::raw(to_u128(
        u256(x.atomics().u128()) * u256(y.atomics().u128()) / u256(ONE),
    ))
}

/// x + y on the atomics. Checked in every build: a sum past `Decimal::MAX` is a failing
/// case (the model's totals are what a close and a claim compute).
pub fn add(x: Decimal, y: Decimal) -> Decimal {
    Decimal::raw(
        x.atomics()
            .u128()
            .checked_add(y.atomics().u128())
            .unwrap_or_else(|| panic!("{x} + {y} overflows a Decimal")),
    )
}

/// floor18(x × y), or None past `Decimal::MAX` (`Decimal::checked_mul`).
pub fn checked_floor18(x: Decimal, y: Decimal) -> Option<Decimal> {
    let p = u256(x.atomics().u128()) * u256(y.atomics().u128()) / u256(ONE);
    Uint128::try_from(p).ok().map(|p| Decimal::raw(p.u128()))
}

/// b_r = h_r + floor18(u_r × unit_credit(n_r)), or None when it does not fit a `Decimal`.
pub fn checked_credit(hours: Decimal, units: Decimal, unit_credit: Decimal) -> Option<Decimal> {
    let u = checked_floor18(units, unit_credit)?;
    hours
        .atomics()
        .u128()
        .checked_add(u.atomics().u128())
        .map(Decimal::raw)
}

/// max(0, x − y) on the atomics.
pub fn saturating_sub(x: Decimal, y: Decimal) -> Decimal {
    Decimal::raw(x.atomics().u128().saturating_sub(y.atomics().u128()))
}

/// Which factors a model uses (docs/WEIGHTING.md, "Models"): (N_c, I(n), K(n)).
pub fn factors_used(model: Model) -> (bool, bool, bool) {
    match model {
        Model::Time => (false, false, false),
        Model::Need => (true, false, false),
        Model::Impact => (false, true, false),
        Model::Hybrid => (true, true, true),
    }
}

/// a_r = floor18( floor18(b_r × I(n_r)) × K(n_r) ), a factor the model does not use = 1.
pub fn weighted_credit(
    model: Model,
    capacity_bonus: Decimal,
    b: Decimal,
    impact: Decimal,
    capacity_building: bool,
) -> Decimal {
    let (_, uses_i, uses_k) = factors_used(model);
    let i = if uses_i { impact } else { Decimal::one() };
    let k = if uses_k && capacity_building {
        add(Decimal::one(), capacity_bonus)
    } else {
        Decimal::one()
    };
    floor18(floor18(b, i), k)
}

/// R_c / max(1, S_c) as a Decimal, rounded down (`Decimal::from_ratio`).
pub fn ratio(requesters: u32, contributors: u32) -> Decimal {
    Decimal::raw(u128::from(requesters) * ONE / u128::from(contributors.max(1)))
}

/// N_c of one category.
pub fn scarcity(
    policy: &Policy,
    category: &str,
    requesters: u32,
    contributors: u32,
    registry_factor: Decimal,
) -> Decimal {
    if !factors_used(policy.model).0 {
        return Decimal::one();
    }
    match &policy.scarcity {
        Scarcity::Fixed { factors } => factors
            .iter()
            .find(|f| f.category == category)
            .map(|f| f.factor)
            .unwrap_or(registry_factor),
        Scarcity::Auto { min, max } => {
            let r = ratio(requesters, contributors);
            if r < *min {
                *min
            } else if r > *max {
                *max
            } else {
                r
            }
        }
    }
}

/// B = floor(A × (1 − reserve)).
pub fn treasury_budget(unallocated: u128, reserve: Decimal) -> u128 {
    to_u128(u256(unallocated) * u256(ONE - reserve.atomics().u128()) / u256(ONE))
}

/// (P, floor(P / M)) with P = floor(B × β); (0, 0) when M = 0.
pub fn baseline(budget: u128, beta: Decimal, members: u64) -> (u128, u128) {
    if members == 0 {
        return (0, 0);
    }
    let pool = to_u128(u256(budget) * u256(beta.atomics().u128()) / u256(ONE));
    (pool, pool / u128::from(members))
}

/// p_i = floor(C × W_i / W), 0 when W = 0.
pub fn payout(pool: u128, member_weight: Decimal, total_weight: Decimal) -> u128 {
    if total_weight.is_zero() {
        return 0;
    }
    to_u128(u256(pool) * u256(member_weight.atomics().u128()) / u256(total_weight.atomics().u128()))
}

/// Where a cycle's budget comes from when it closes.
#[derive(Clone, Copy, Debug)]
pub enum Budget {
    Fixed(u128),
    /// The treasury's unallocated funds A at close.
    Treasury(u128),
}

/// One category of a closing cycle.
#[derive(Clone, Debug, Default)]
pub struct CategoryInput {
    /// S_c = Σ a_r.
    pub s: Decimal,
    /// Distinct contributors with a final contribution in the category.
    pub contributors: u32,
    /// R_c: distinct members with an open request in the category at close.
    pub requesters: u32,
    /// The category's need factor in the registry, as pinned at the cycle's first record in
    /// the category when the policy takes it from there (else as read at close: unused).
    pub registry_factor: Decimal,
}

/// Everything a close needs.
#[derive(Clone, Debug)]
pub struct CycleInput {
    pub policy: Policy,
    pub categories: BTreeMap<String, CategoryInput>,
    /// S_{i,c} per contributor and category.
    pub contributions: BTreeMap<Addr, BTreeMap<String, Decimal>>,
    pub budget: Budget,
    /// M: the group's member count at close.
    pub group_members: u64,
}

#[derive(Clone, Debug, PartialEq)]
pub struct CategoryOutcome {
    pub factor: Decimal,
    /// R_c when the factor is `auto`.
    pub requesters: Option<u32>,
    pub weight: Decimal,
}

/// What a close pins and what each contributor is owed.
#[derive(Clone, Debug, PartialEq)]
pub struct CycleOutcome {
    pub budget: u128,
    pub reserve_kept: u128,
    pub baseline_pool: u128,
    pub baseline_each: u128,
    pub members_weight: u64,
    pub contribution_pool: u128,
    pub categories: BTreeMap<String, CategoryOutcome>,
    pub total_weight: Decimal,
    /// W_i.
    pub weights: BTreeMap<Addr, Decimal>,
    /// p_i (the contribution part; the baseline is on top for members).
    pub shares: BTreeMap<Addr, u128>,
    /// What the close sets aside in the treasury: M × baseline_each + (C if W > 0).
    pub allocated: u128,
}

impl CycleOutcome {
    /// Everything `addr` may claim: p_i plus the baseline share when a member.
    pub fn owed(&self, addr: &Addr, members: &BTreeSet<Addr>) -> u128 {
        let share = self.shares.get(addr).copied().unwrap_or(0);
        let base = if members.contains(addr) && self.members_weight > 0 {
            self.baseline_each
        } else {
            0
        };
        share + base
    }
}

/// Closes a cycle by the book.
pub fn close(input: &CycleInput) -> CycleOutcome {
    let policy = &input.policy;
    let auto = factors_used(policy.model).0 && matches!(policy.scarcity, Scarcity::Auto { .. });
    let mut categories = BTreeMap::new();
    let mut total_weight = Decimal::zero();
    for (c, k) in &input.categories {
        let factor = scarcity(policy, c, k.requesters, k.contributors, k.registry_factor);
        let weight = floor18(factor, k.s);
        total_weight = add(total_weight, weight);
        categories.insert(
            c.clone(),
            CategoryOutcome {
                factor,
                requesters: auto.then_some(k.requesters),
                weight,
            },
        );
    }
    let (budget, reserve_kept) = match input.budget {
        Budget::Fixed(e) => (e, 0),
        Budget::Treasury(a) => {
            let b = treasury_budget(a, policy.reserve);
            (b, a - b)
        }
    };
    let members_weight = if policy.baseline.is_zero() {
        0
    } else {
        input.group_members
    };
    let (baseline_pool, baseline_each) = baseline(budget, policy.baseline, members_weight);
    let contribution_pool = budget - baseline_pool;
    let mut weights = BTreeMap::new();
    let mut shares = BTreeMap::new();
    for (member, per_category) in &input.contributions {
        let w = per_category.iter().fold(Decimal::zero(), |w, (c, s)| {
            add(w, floor18(categories[c].factor, *s))
        });
        weights.insert(member.clone(), w);
        shares.insert(member.clone(), payout(contribution_pool, w, total_weight));
    }
    let allocated = baseline_each * u128::from(members_weight)
        + if total_weight.is_zero() {
            0
        } else {
            contribution_pool
        };
    CycleOutcome {
        budget,
        reserve_kept,
        baseline_pool,
        baseline_each,
        members_weight,
        contribution_pool,
        categories,
        total_weight,
        weights,
        shares,
        allocated,
    }
}
