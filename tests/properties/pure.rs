//! The recomputation alone, on many cheap random cycles (no chain): the bounds docs/WEIGHTING.md
//! promises hold for any input, floor18 is `Decimal` multiplication, and the seed's
//! numbers come out of `formula.rs` as the design says.

use std::collections::BTreeMap;

use cosmwasm_std::{Addr, Decimal};
use flow_types::distributor::{CategoryFactor, Model, Policy, Scarcity};
use proptest::prelude::*;

use crate::actions;
use crate::formula::{self, Budget, CategoryInput, CycleInput};
use crate::world::check_outcome;

fn d(s: &str) -> Decimal {
    s.parse().expect("a decimal")
}

/// The seed's Holon Alpha month, one cycle of 5,000 tokens (docs/WEIGHTING.md).
fn seed_month(policy: Policy) -> formula::CycleOutcome {
    let seed = [
        ("alex", "food", "16"),
        ("jordan", "garden", "40"),
        ("casey", "energy", "8"),
        ("riley", "childcare", "60"),
        ("sam", "facilitation", "4"),
    ];
    let mut categories = BTreeMap::new();
    let mut contributions = BTreeMap::new();
    for (who, cat, hours) in seed {
        let a = formula::weighted_credit(
            policy.model,
            policy.capacity_bonus,
            d(hours),
            Decimal::one(),
            false,
        );
        categories.insert(
            cat.to_string(),
            CategoryInput {
                s: a,
                contributors: 1,
                requesters: 0,
                registry_factor: Decimal::one(),
            },
        );
        contributions.insert(Addr::unchecked(who), BTreeMap::from([(cat.to_string(), a)]));
    }
    formula::close(&CycleInput {
        policy,
        categories,
        contributions,
        budget: Budget::Fixed(5_000_000_000),
        group_members: 5,
    })
}

fn paid(out: &formula::CycleOutcome) -> Vec<u128> {
    ["alex", "jordan", "casey", "riley", "sam"]
        .iter()
        .map(|w| out.shares[&Addr::unchecked(*w)])
        .collect()
}

#[test]
fn the_seed_month_by_the_book() {
    let time = seed_month(Policy::default());
    assert_eq!(
        paid(&time),
        vec![
            625_000_000,
            1_562_500_000,
            312_500_000,
            2_343_750_000,
            156_250_000
        ]
    );
    assert_eq!(time.total_weight, d("128"));
    let need = seed_month(Policy {
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
    });
    assert_eq!(
        paid(&need),
        vec![
            476_190_476,
            595_238_095,
            238_095_238,
            3_571_428_571,
            119_047_619
        ]
    );
    assert_eq!(need.total_weight, d("168"));
    assert_eq!(
        need.contribution_pool - paid(&need).iter().sum::<u128>(),
        1,
        "the dust is one base unit"
    );
}

/// docs/WEIGHTING.md says the dust is "smaller than the number of contributors". That holds when
/// Σ W_i = W; when N_c × S_{i,c} rounds down for each member but not for their sum, and W is
/// a few atto-units, the whole pool can be dust. See regressions.rs for the same on chain.
#[test]
fn tiny_weights_can_leave_the_whole_pool_as_dust() {
    let policy = Policy {
        model: Model::Need,
        scarcity: Scarcity::Fixed {
            factors: vec![CategoryFactor {
                category: "garden".into(),
                factor: d("0.5"),
            }],
        },
        ..Policy::default()
    };
    let atto = Decimal::raw(1);
    let out = formula::close(&CycleInput {
        policy,
        categories: BTreeMap::from([(
            "garden".to_string(),
            CategoryInput {
                s: Decimal::raw(2),
                contributors: 2,
                requesters: 0,
                registry_factor: Decimal::one(),
            },
        )]),
        contributions: ["a", "b"]
            .iter()
            .map(|w| {
                (
                    Addr::unchecked(*w),
                    BTreeMap::from([("garden".to_string(), atto)]),
                )
            })
            .collect(),
        budget: Budget::Treasury(1_000_000),
        group_members: 2,
    });
    assert_eq!(out.total_weight, atto, "W = floor18(0.5 × 2e-18) = 1e-18");
    assert!(
        out.weights.values().all(|w| w.is_zero()),
        "each W_i = floor18(0.5 × 1e-18) = 0"
    );
    assert_eq!(out.allocated, 1_000_000, "C is allocated because W > 0 …");
    assert_eq!(
        out.shares.values().sum::<u128>(),
        0,
        "… and no one can ever claim it"
    );
}

/// An S value: whole hours, hours with 3 decimals, any 18-decimal number, or a few atto.
fn credit() -> impl Strategy<Value = Decimal> {
    prop_oneof![
        3 => (1u64..=200).prop_map(|h| Decimal::from_ratio(h, 1u64)),
        3 => actions::decimal(500_000, 3),
        2 => any::<u64>().prop_map(|a| Decimal::raw(u128::from(a) * 1_000)),
        1 => (1u128..=10).prop_map(Decimal::raw),
    ]
}

fn cycle_input() -> impl Strategy<Value = CycleInput> {
    (1usize..=5, 1usize..=10).prop_flat_map(|(n_cat, n_members)| {
        let member = proptest::collection::vec(proptest::option::weighted(0.6, credit()), n_cat);
        let category = (0u32..=12, actions::factor());
        (
            actions::policy(n_cat),
            proptest::collection::vec(member, n_members),
            proptest::collection::vec(category, n_cat),
            prop_oneof![
                (0u128..=1_000_000_000_000_000_000_000_000).prop_map(Budget::Fixed),
                (0u128..=1_000_000_000_000_000_000_000_000).prop_map(Budget::Treasury),
                (0u128..=1_000).prop_map(Budget::Treasury),
            ],
            0u64..=30,
        )
            .prop_map(|(policy, members, cats, budget, group_members)| {
                let mut contributions: BTreeMap<Addr, BTreeMap<String, Decimal>> = BTreeMap::new();
                let mut categories: BTreeMap<String, CategoryInput> = BTreeMap::new();
                for (i, per_cat) in members.iter().enumerate() {
                    for (c, s) in per_cat.iter().enumerate() {
                        let Some(s) = s else { continue };
                        let id = format!("c{c}");
                        contributions
                            .entry(Addr::unchecked(format!("m{i}")))
                            .or_default()
                            .insert(id.clone(), *s);
                        let k = categories.entry(id).or_insert_with(|| CategoryInput {
                            requesters: cats[c].0,
                            registry_factor: cats[c].1,
                            ..CategoryInput::default()
                        });
                        k.s = formula::add(k.s, *s);
                        k.contributors += 1;
                    }
                }
                CycleInput {
                    policy,
                    categories,
                    contributions,
                    budget,
                    group_members,
                }
            })
    })
}

/// The bounds of any close, the time model's exactness, and floor18 = `Decimal` product.
pub fn any_close(input: &CycleInput) {
    let out = formula::close(input);
    check_outcome(input, &out);
    // floor18 is what cosmwasm-std's Decimal multiplication does.
    for (c, k) in &input.categories {
        let f = out.categories[c].factor;
        assert_eq!(formula::floor18(f, k.s), f * k.s, "floor18({f} × {})", k.s);
    }
    // Time: every hour counts the same, so W_i = Σ S and the dust is below the contributors.
    if input.policy.model == Model::Time {
        for (m, per) in &input.contributions {
            let s = per
                .values()
                .fold(Decimal::zero(), |a, b| formula::add(a, *b));
            assert_eq!(out.weights[m], s, "time: W_i = Σ_c S_{{i,c}}");
        }
        // More of one member's hours never lowers their share.
        if let Some((m, per)) = input.contributions.iter().next() {
            let (c, s) = per.iter().next().expect("a category");
            let mut more = input.clone();
            let extra = Decimal::from_ratio(3u64, 1u64);
            more.contributions
                .get_mut(m)
                .expect("m")
                .insert(c.clone(), formula::add(*s, extra));
            let k = more.categories.get_mut(c).expect("c");
            k.s = formula::add(k.s, extra);
            assert!(
                formula::close(&more).shares[m] >= out.shares[m],
                "monotone in one's own hours"
            );
        }
    }
}

/// Many random cycles, checked against the bounds (cheap: no chain).
pub fn random_closes(cases: u32) {
    crate::run(
        "random_closes_keep_the_bounds",
        cases,
        cycle_input(),
        |input| {
            any_close(&input);
            Ok(())
        },
    );
}
