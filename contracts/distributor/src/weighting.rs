//! The distribution math of docs/WEIGHTING.md, as pure functions (no storage), so that it can be
//! tested alone and anyone can recompute a payout from on-chain data.
//!
//! `floor18` is what `Decimal` multiplication does: the product rounded down to 18 places.

use cosmwasm_std::{Decimal, OverflowError, StdError, StdResult, Uint128, Uint256};
use flow_types::distributor::{BudgetMode, Model, Policy, Scarcity};

/// a_r = floor18( floor18(b_r × I(n)) × K(n) ), with the factors the model does not use = 1.
pub fn contribution_weight(
    model: Model,
    capacity_bonus: Decimal,
    credit: Decimal,
    impact: Decimal,
    capacity_building: bool,
) -> StdResult<Decimal> {
    let i = if model.uses_impact() {
        impact
    } else {
        Decimal::one()
    };
    let k = if model.uses_capacity() && capacity_building {
        Decimal::one().checked_add(capacity_bonus)?
    } else {
        Decimal::one()
    };
    Ok(credit.checked_mul(i)?.checked_mul(k)?)
}

/// N_c for a category, given the model and scarcity rule.
/// `requesters` is R_c (auto), `contributors` is S_c's count of distinct contributors,
/// `registry_default` the category's fixed need factor in the registry (fixed).
pub fn scarcity_factor(
    policy: &Policy,
    category: &str,
    requesters: u32,
    contributors: u32,
    registry_default: Option<Decimal>,
) -> Decimal {
    if !policy.model.uses_scarcity() {
        return Decimal::one();
    }
    match &policy.scarcity {
        Scarcity::Fixed { factors } => factors
            .iter()
            .find(|f| f.category == category)
            .map(|f| f.factor)
            .or(registry_default)
            .unwrap_or(Decimal::one()),
        Scarcity::Auto { min, max } => {
            let ratio = Decimal::from_ratio(requesters, contributors.max(1));
            ratio.clamp(*min, *max)
        }
    }
}

/// floor18(N_c × S): a category's weight (of one member, or of the whole cycle).
pub fn weight(factor: Decimal, credit: Decimal) -> StdResult<Decimal> {
    Ok(factor.checked_mul(credit)?)
}

/// A weight's share of the total: weight / W, zero when W = 0.
pub fn share(weight: Decimal, total_weight: Decimal) -> Decimal {
    if total_weight.is_zero() {
        Decimal::zero()
    } else {
        weight.checked_div(total_weight).unwrap_or_default()
    }
}

/// B: the cycle's budget. `fixed`: the emission. `treasury`: floor(A × (1 − reserve)).
pub fn treasury_budget(unallocated: Uint128, reserve: Decimal) -> StdResult<Uint128> {
    let keep = Decimal::one().checked_sub(reserve)?;
    unallocated
        .checked_mul_floor(keep)
        .map_err(|e| StdError::generic_err(e.to_string()))
}

/// Baseline pool P = floor(B × β) and each member's share floor(P / M) per unit of group
/// weight (P = 0 when M = 0).
pub fn baseline(
    budget: Uint128,
    beta: Decimal,
    members_weight: u64,
) -> StdResult<(Uint128, Uint128)> {
    if members_weight == 0 {
        return Ok((Uint128::zero(), Uint128::zero()));
    }
    let pool = budget
        .checked_mul_floor(beta)
        .map_err(|e| StdError::generic_err(e.to_string()))?;
    let each = pool.checked_div(Uint128::from(members_weight))?;
    Ok((pool, each))
}

/// The credit a contribution adds to its member's cycle under `max_credit_per_member`: the
/// part that fits under the cap, given what the member was already credited.
pub fn capped_credit(credit: Decimal, cap: Option<Decimal>, credited: Decimal) -> Decimal {
    match cap {
        Some(cap) => credit.min(cap.saturating_sub(credited)),
        None => credit,
    }
}

/// The budget B of a cycle, and what the reserve keeps back: a `fixed` emission, or (treasury
/// budget, `unallocated` = A) floor(A × (1 − reserve)).
pub fn cycle_budget(
    budget: &BudgetMode,
    unallocated: Uint128,
    reserve: Decimal,
) -> StdResult<(Uint128, Uint128)> {
    Ok(match budget {
        BudgetMode::Fixed { emission } => (*emission, Uint128::zero()),
        BudgetMode::Treasury { .. } => {
            let b = treasury_budget(unallocated, reserve)?;
            (b, unallocated.checked_sub(b)?)
        }
    })
}

/// How a cycle's budget is shared, as a close pins it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Pools {
    pub budget: Uint128,
    pub reserve_kept: Uint128,
    /// P = floor(B × β).
    pub baseline_pool: Uint128,
    /// floor(P / M), per unit of group weight.
    pub baseline_each: Uint128,
    /// C = B − P.
    pub contribution_pool: Uint128,
    /// What the close allocates: the baseline shares of M, and C when W > 0.
    pub allocated: Uint128,
}

/// The pools of a cycle whose budget is `(budget, reserve_kept)`, whose group weighs
/// `members_weight` in all and whose total weight is `total_weight`.
pub fn pools(
    (budget, reserve_kept): (Uint128, Uint128),
    beta: Decimal,
    members_weight: u64,
    total_weight: Decimal,
) -> StdResult<Pools> {
    let (baseline_pool, baseline_each) = baseline(budget, beta, members_weight)?;
    let contribution_pool = budget.checked_sub(baseline_pool)?;
    let baseline_allocated = baseline_each.checked_mul(Uint128::from(members_weight))?;
    let contribution_allocated = if total_weight.is_zero() {
        Uint128::zero()
    } else {
        contribution_pool
    };
    Ok(Pools {
        budget,
        reserve_kept,
        baseline_pool,
        baseline_each,
        contribution_pool,
        allocated: baseline_allocated.checked_add(contribution_allocated)?,
    })
}

/// What a cycle pays one member: (floor(C × W_i / W), the baseline share for their group
/// weight).
pub fn member_amounts(
    contribution_pool: Uint128,
    member_weight: Decimal,
    total_weight: Decimal,
    baseline_each: Uint128,
    group_weight: u64,
) -> StdResult<(Uint128, Uint128)> {
    Ok((
        payout(contribution_pool, member_weight, total_weight)?,
        baseline_each.checked_mul(Uint128::from(group_weight))?,
    ))
}

/// p_i = floor(C × W_i / W), computed exactly in 256-bit integers. Zero when W = 0.
pub fn payout(pool: Uint128, member_weight: Decimal, total_weight: Decimal) -> StdResult<Uint128> {
    if total_weight.is_zero() {
        return Ok(Uint128::zero());
    }
    let num = Uint256::from(pool).checked_mul(Uint256::from(member_weight.atomics()))?;
    let p = num.checked_div(Uint256::from(total_weight.atomics()))?;
    Uint128::try_from(p)
        .map_err(|_| StdError::overflow(OverflowError::new(cosmwasm_std::OverflowOperation::Mul)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use flow_types::distributor::CategoryFactor;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    /// The seed's Holon Alpha month (docs/WEIGHTING.md): 5,000 tokens of 6 decimals.
    const SEED: [(&str, &str, u32); 5] = [
        ("alex", "food", 16),
        ("jordan", "garden", 40),
        ("casey", "energy", 8),
        ("riley", "childcare", 60),
        ("sam", "facilitation", 4),
    ];

    fn run(policy: &Policy) -> (Vec<Uint128>, Uint128) {
        let pool = Uint128::new(5_000_000_000);
        let weights: Vec<Decimal> = SEED
            .iter()
            .map(|(_, cat, h)| {
                let a = contribution_weight(
                    policy.model,
                    policy.capacity_bonus,
                    Decimal::from_ratio(*h, 1u32),
                    Decimal::one(),
                    false,
                )
                .unwrap();
                weight(scarcity_factor(policy, cat, 0, 1, None), a).unwrap()
            })
            .collect();
        let total = weights.iter().fold(Decimal::zero(), |s, w| s + *w);
        let pays: Vec<Uint128> = weights
            .iter()
            .map(|w| payout(pool, *w, total).unwrap())
            .collect();
        let minted = pays.iter().fold(Uint128::zero(), |s, p| s + *p);
        (pays, pool - minted)
    }

    #[test]
    fn time_model_pays_the_seed_numbers() {
        let (pays, dust) = run(&Policy::default());
        let want = [
            625_000_000u128,
            1_562_500_000,
            312_500_000,
            2_343_750_000,
            156_250_000,
        ];
        assert_eq!(pays, want.map(Uint128::new).to_vec());
        assert_eq!(dust, Uint128::zero());
    }

    #[test]
    fn need_model_with_fixed_factors_pays_the_seed_numbers() {
        let policy = Policy {
            model: Model::Need,
            scarcity: Scarcity::Fixed {
                factors: vec![
                    CategoryFactor {
                        category: "childcare".into(),
                        factor: d("2"),
                    },
                    CategoryFactor {
                        category: "garden".into(),
                        factor: d("0.5"),
                    },
                ],
            },
            ..Policy::default()
        };
        let (pays, dust) = run(&policy);
        let want = [
            476_190_476u128,
            595_238_095,
            238_095_238,
            3_571_428_571,
            119_047_619,
        ];
        assert_eq!(pays, want.map(Uint128::new).to_vec());
        assert_eq!(dust, Uint128::new(1));
    }

    #[test]
    fn auto_scarcity_clamps_both_ways() {
        let policy = Policy {
            model: Model::Need,
            scarcity: Scarcity::Auto {
                min: d("0.5"),
                max: d("2"),
            },
            ..Policy::default()
        };
        assert_eq!(scarcity_factor(&policy, "x", 10, 1, None), d("2"));
        assert_eq!(scarcity_factor(&policy, "x", 1, 4, None), d("0.5"));
        assert_eq!(scarcity_factor(&policy, "x", 3, 2, None), d("1.5"));
        assert_eq!(scarcity_factor(&policy, "x", 0, 0, None), d("0.5"));
    }

    #[test]
    fn hybrid_multiplies_impact_and_capacity_with_floor18() {
        let a = contribution_weight(
            Model::Hybrid,
            d("0.5"),
            d("3"),
            d("0.333333333333333333"),
            true,
        )
        .unwrap();
        // floor18(3 × 0.333333333333333333) = 0.999999999999999999; × 1.5 floors to 1.4999999999999999985 → 1.499999999999999998
        assert_eq!(a, d("1.499999999999999998"));
        // the time model ignores both
        assert_eq!(
            contribution_weight(Model::Time, d("0.5"), d("3"), d("2"), true).unwrap(),
            d("3")
        );
        // impact ignores capacity
        assert_eq!(
            contribution_weight(Model::Impact, d("0.5"), d("3"), d("2"), true).unwrap(),
            d("6")
        );
    }

    #[test]
    fn a_close_shares_the_budget_into_pools() {
        // 1,001 unallocated, reserve 0.1: B = 900, 101 kept; β = 0.2 over a group of weight
        // 3: P = 180, 60 each; C = 720; W > 0 allocates the baseline shares and C.
        let treasury = BudgetMode::Treasury {
            denom: "ucredit".into(),
        };
        let budget = cycle_budget(&treasury, Uint128::new(1_001), d("0.1")).unwrap();
        assert_eq!(budget, (Uint128::new(900), Uint128::new(101)));
        let p = pools(budget, d("0.2"), 3, d("5")).unwrap();
        assert_eq!(
            p,
            Pools {
                budget: Uint128::new(900),
                reserve_kept: Uint128::new(101),
                baseline_pool: Uint128::new(180),
                baseline_each: Uint128::new(60),
                contribution_pool: Uint128::new(720),
                allocated: Uint128::new(900),
            }
        );
        // W = 0: the contribution pool is not allocated; P = 200 over weight 3 floors to 66.
        let p = pools(
            (Uint128::new(1_000), Uint128::zero()),
            d("0.2"),
            3,
            Decimal::zero(),
        );
        assert_eq!(p.unwrap().allocated, Uint128::new(198));
        // A fixed emission ignores the treasury and keeps nothing back.
        let fixed = BudgetMode::Fixed {
            emission: Uint128::new(7),
        };
        assert_eq!(
            cycle_budget(&fixed, Uint128::new(1_001), d("0.5")).unwrap(),
            (Uint128::new(7), Uint128::zero())
        );
    }

    #[test]
    fn a_member_is_paid_their_weight_share_and_baseline() {
        // C = 720, W_i = 2 of W = 5, baseline 60 per unit of weight 2.
        assert_eq!(
            member_amounts(Uint128::new(720), d("2"), d("5"), Uint128::new(60), 2).unwrap(),
            (Uint128::new(288), Uint128::new(120))
        );
        assert_eq!(
            member_amounts(Uint128::new(720), d("0"), d("0"), Uint128::zero(), 0).unwrap(),
            (Uint128::zero(), Uint128::zero())
        );
    }

    #[test]
    fn the_member_cap_clips_what_does_not_fit() {
        assert_eq!(capped_credit(d("8"), Some(d("40")), d("35")), d("5"));
        assert_eq!(capped_credit(d("8"), Some(d("40")), d("40")), d("0"));
        assert_eq!(capped_credit(d("8"), None, d("400")), d("8"));
    }

    #[test]
    fn budget_and_baseline_round_down() {
        assert_eq!(
            treasury_budget(Uint128::new(1_001), d("0.1")).unwrap(),
            Uint128::new(900)
        );
        assert_eq!(
            baseline(Uint128::new(1_000), d("0.2"), 3).unwrap(),
            (Uint128::new(200), Uint128::new(66))
        );
        assert_eq!(
            baseline(Uint128::new(1_000), d("0.2"), 0).unwrap(),
            (Uint128::zero(), Uint128::zero())
        );
        assert_eq!(
            payout(Uint128::new(100), d("1"), Decimal::zero()).unwrap(),
            Uint128::zero()
        );
        assert_eq!(
            payout(Uint128::new(u128::MAX), d("1"), d("1")).unwrap(),
            Uint128::new(u128::MAX)
        );
    }
}
