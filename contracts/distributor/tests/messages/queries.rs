//! Every query, with its answer to the unit and its refusals.

use cosmwasm_std::{coins, Addr, Uint128};
use cw_ownable::Ownership;
use flow_types::distributor::{
    AcceptedHolonsResponse, CategoryFactor, ClaimInfo, ClaimsResponse, ConfigResponse,
    CurrentCycleResponse, CycleResponse, CycleStatus, ExecuteMsg, ExplainCategory, ExplainResponse,
    FundsResponse, Model, Payout, PayoutsResponse, Policy, PolicyResponse, PreviewResponse,
    QueryMsg, Scarcity,
};
use flow_types::distributor::{BudgetMode, Contribution};
use flow_types::holon::HolonInfoResponse;

use crate::foreign;
use crate::holons::accept;
use crate::suite::*;

#[test]
fn holon_info_says_who_the_holon_is() {
    let mut suite = alpha();
    let h = suite.holon().clone();
    let info: HolonInfoResponse = q(&suite, &QueryMsg::HolonInfo {});
    assert_eq!(
        info,
        HolonInfoResponse {
            name: "Holon Alpha".into(),
            distributor: h.distributor.clone(),
            token: h.token.clone(),
            registry: h.registry.clone(),
            attestation: h.attestation.clone(),
            group: h.group.clone(),
            current_cycle: 1,
            treasury_denom: Some(DENOM.into()),
        }
    );
    suite.a_cycle_passes();
    let info: HolonInfoResponse = q(&suite, &QueryMsg::HolonInfo {});
    assert_eq!(info.current_cycle, 2);
    let fixed = alpha_fixed(1);
    let info: HolonInfoResponse = q(&fixed, &QueryMsg::HolonInfo {});
    assert_eq!(info.treasury_denom, None);
}

#[test]
fn config_is_what_instantiate_stored() {
    let suite = alpha_fixed(7);
    let h = suite.holon().clone();
    let c: ConfigResponse = q(&suite, &QueryMsg::Config {});
    let c = c.config;
    assert_eq!(
        (
            c.name.as_str(),
            &c.token,
            &c.registry,
            &c.attestation,
            &c.group
        ),
        (
            "Holon Alpha",
            &h.token,
            &h.registry,
            &h.attestation,
            &h.group
        )
    );
    assert_eq!(
        (c.cycle_seconds, c.budget),
        (
            2_592_000,
            BudgetMode::Fixed {
                emission: Uint128::new(7)
            }
        )
    );
    assert_eq!(c.start.plus_seconds(5), suite.now());
}

#[test]
fn policy_answers_any_version_and_refuses_an_unknown_one() {
    let mut suite = alpha();
    let p: PolicyResponse = q(&suite, &QueryMsg::Policy { version: Some(1) });
    assert_eq!((p.version, p.policy), (1, Policy::default()));
    for version in [0, 2] {
        let err = q_err(
            &suite,
            &QueryMsg::Policy {
                version: Some(version),
            },
        );
        assert!(
            err.contains(&format!("policy version {version} not found")),
            "{err}"
        );
    }
    // The schedule shows at most the last 20 entries, oldest first.
    for _ in 0..21 {
        exec(
            &mut suite,
            "governance",
            &ExecuteMsg::SetPolicy {
                policy: Policy::default(),
            },
        )
        .unwrap();
        suite.a_cycle_passes();
    }
    let p: PolicyResponse = q(&suite, &QueryMsg::Policy { version: None });
    assert_eq!(p.version, 22);
    assert_eq!(p.schedule.len(), 20);
    assert_eq!(
        (p.schedule[0].from_cycle, p.schedule[19].from_cycle),
        (3, 22)
    );
}

#[test]
fn cycle_tells_open_ended_and_closed_and_refuses_cycles_that_do_not_exist() {
    let mut suite = alpha();
    worked(&mut suite, 1, "alex", "food", "2");
    let c: CycleResponse = q(&suite, &QueryMsg::Cycle { cycle: 1 });
    let start = c.start;
    assert_eq!(
        (c.cycle, c.status, c.end, c.budget, c.closed_at),
        (
            1,
            CycleStatus::Open,
            start.plus_seconds(2_592_000),
            Uint128::zero(),
            None
        )
    );
    for k in [0, 2] {
        let err = q_err(&suite, &QueryMsg::Cycle { cycle: k });
        assert!(
            err.contains(&format!("cycle {k} does not exist yet (current: 1)")),
            "{err}"
        );
    }
    suite.a_cycle_passes();
    let c: CycleResponse = q(&suite, &QueryMsg::Cycle { cycle: 1 });
    assert_eq!(c.status, CycleStatus::Ended);
    let c: CycleResponse = q(&suite, &QueryMsg::Cycle { cycle: 2 });
    assert_eq!(
        (c.status, c.start, c.total_hours),
        (CycleStatus::Open, start.plus_seconds(2_592_000), dec("0"))
    );
}

#[test]
fn current_cycle_counts_down_to_the_next_close() {
    let mut suite = alpha();
    let c: CurrentCycleResponse = q(&suite, &QueryMsg::CurrentCycle {});
    // Five seconds after the holon was created.
    assert_eq!(
        (c.cycle, c.seconds_left, c.next_to_close, c.can_close),
        (1, 2_592_000 - 5, 1, false)
    );
    assert_eq!(c.end, c.start.plus_seconds(2_592_000));
    suite.a_cycle_passes();
    let c: CurrentCycleResponse = q(&suite, &QueryMsg::CurrentCycle {});
    assert_eq!(
        (c.cycle, c.seconds_left, c.next_to_close, c.can_close),
        (2, 2_592_000 - 5, 1, true)
    );
    suite.close_cycle().unwrap();
    let c: CurrentCycleResponse = q(&suite, &QueryMsg::CurrentCycle {});
    assert_eq!((c.next_to_close, c.can_close), (2, false));
}

#[test]
fn preview_is_what_a_close_now_would_pay() {
    let policy = Policy {
        reserve: dec("0.1"),
        baseline: dec("0.2"),
        ..Policy::default()
    };
    let mut suite = SuiteBuilder::holon_alpha().with_policy(policy).build();
    suite.fund("funder", 1_000_000).unwrap();
    worked(&mut suite, 1, "alex", "food", "3");
    worked(&mut suite, 2, "jordan", "food", "1");
    let preview = |suite: &Suite, who: &str| -> PreviewResponse {
        q(
            suite,
            &QueryMsg::Preview {
                member: suite.addr(who).to_string(),
            },
        )
    };
    let p = preview(&suite, "alex");
    assert_eq!(
        p,
        PreviewResponse {
            cycle: 1,
            member: suite.addr("alex"),
            hours: dec("3"),
            weight: dec("3"),
            total_weight: dec("4"),
            share: dec("0.75"),
            budget: Uint128::new(900_000),
            contribution_amount: Uint128::new(540_000),
            baseline_amount: Uint128::new(36_000),
            amount: Uint128::new(576_000),
        }
    );
    // A member who did nothing gets the baseline; someone outside the group, nothing.
    assert_eq!(preview(&suite, "casey").amount.u128(), 36_000);
    assert_eq!(preview(&suite, "stranger").amount.u128(), 0);
    let err = q_err(
        &suite,
        &QueryMsg::Preview {
            member: "Not An Address".into(),
        },
    );
    assert!(!err.is_empty());
    // The close pays what the preview said.
    suite.a_cycle_passes();
    suite.close_cycle().unwrap();
    suite.claim("alex", 1).unwrap();
    assert_eq!(suite.balance("alex"), 576_000);
}

#[test]
fn explain_breaks_a_closed_cycle_down_by_category() {
    let policy = Policy {
        model: Model::Hybrid,
        scarcity: Scarcity::Fixed {
            factors: vec![CategoryFactor {
                category: "food".into(),
                factor: dec("2"),
            }],
        },
        ..Policy::default()
    };
    let mut suite = SuiteBuilder::holon_alpha().with_policy(policy).build();
    suite.fund("funder", 1_500_000).unwrap();
    // Alex: 3 h of food at impact 2 (a = 6, N = 2: 12) and 1 h of garden (N = 1: 1).
    let c = Contribution {
        impact: dec("2"),
        ..work(&suite, 1, "alex", "food", "3")
    };
    record(&mut suite, c).unwrap();
    worked(&mut suite, 2, "alex", "garden", "1");
    worked(&mut suite, 3, "jordan", "food", "1");
    let explain = |suite: &Suite, k: u64| -> ExplainResponse {
        q(
            suite,
            &QueryMsg::Explain {
                cycle: k,
                member: suite.addr("alex").to_string(),
            },
        )
    };
    let err = q_err(
        &suite,
        &QueryMsg::Explain {
            cycle: 1,
            member: suite.addr("alex").to_string(),
        },
    );
    assert!(err.contains("cycle 1 is not closed"), "{err}");
    suite.a_cycle_passes();
    suite.close_cycle().unwrap();
    // W = 12 + 1 + 2 (Jordan's food) = 15; Alex: floor(1,500,000 × 13 / 15).
    assert_eq!(
        explain(&suite, 1),
        ExplainResponse {
            cycle: 1,
            member: suite.addr("alex"),
            policy_version: 1,
            model: Model::Hybrid,
            categories: vec![
                ExplainCategory {
                    category: "food".into(),
                    hours: dec("3"),
                    base_credit: dec("3"),
                    credit: dec("6"),
                    multiplier: dec("2"),
                    factor: dec("2"),
                    weight: dec("12"),
                    share: dec("0.8"),
                },
                ExplainCategory {
                    category: "garden".into(),
                    hours: dec("1"),
                    base_credit: dec("1"),
                    credit: dec("1"),
                    multiplier: dec("1"),
                    factor: dec("1"),
                    weight: dec("1"),
                    share: dec("0.066666666666666666"),
                },
            ],
            weight: dec("13"),
            total_weight: dec("15"),
            share: dec("0.866666666666666666"),
            contribution_pool: Uint128::new(1_500_000),
            contribution_amount: Uint128::new(1_300_000),
            baseline_amount: Uint128::zero(),
            amount: Uint128::new(1_300_000),
            claimed: false,
        }
    );
    suite.claim("alex", 1).unwrap();
    assert_eq!(suite.balance("alex"), 1_300_000);
    assert!(explain(&suite, 1).claimed);
}

#[test]
fn claims_are_listed_by_member_a_page_at_a_time() {
    let mut suite = a_closed_month();
    suite.claim("alex", 1).unwrap();
    suite.claim("jordan", 1).unwrap();
    let mut expected = vec![
        ClaimInfo {
            member: suite.addr("alex"),
            amount: Uint128::new(750_000),
        },
        ClaimInfo {
            member: suite.addr("jordan"),
            amount: Uint128::new(250_000),
        },
    ];
    expected.sort_by(|a, b| a.member.cmp(&b.member));
    let page = |start_after: Option<&Addr>, limit: Option<u32>| -> Vec<ClaimInfo> {
        let r: ClaimsResponse = q(
            &suite,
            &QueryMsg::Claims {
                cycle: 1,
                start_after: start_after.map(|a| a.to_string()),
                limit,
            },
        );
        assert_eq!(r.cycle, 1);
        r.claims
    };
    assert_eq!(page(None, None), expected);
    assert_eq!(page(None, Some(1)), expected[..1]);
    assert_eq!(page(Some(&expected[0].member), Some(1)), expected[1..]);
    assert!(page(Some(&expected[1].member), None).is_empty());
    // A cycle without claims.
    let r: ClaimsResponse = q(
        &suite,
        &QueryMsg::Claims {
            cycle: 2,
            start_after: None,
            limit: None,
        },
    );
    assert!(r.claims.is_empty());
}

/// One page of a cycle's payouts.
#[track_caller]
fn payouts(
    suite: &Suite,
    cycle: u64,
    start_after: Option<&Addr>,
    limit: Option<u32>,
) -> PayoutsResponse {
    q(
        suite,
        &QueryMsg::Payouts {
            cycle,
            start_after: start_after.map(|a| a.to_string()),
            limit,
        },
    )
}

/// Every payout of a cycle, following `next_start_after` page by page; and the page sizes.
#[track_caller]
fn all_payouts(suite: &Suite, cycle: u64, limit: Option<u32>) -> (Vec<Payout>, Vec<usize>) {
    let (mut all, mut sizes) = (vec![], vec![]);
    let mut start: Option<Addr> = None;
    loop {
        let page = payouts(suite, cycle, start.as_ref(), limit);
        assert_eq!(page.cycle, cycle);
        sizes.push(page.payouts.len());
        all.extend(page.payouts);
        match page.next_start_after {
            Some(next) => start = Some(next),
            None => return (all, sizes),
        }
    }
}

/// The seed's Holon Alpha month (docs/WEIGHTING.md) recorded, its 5,000 tokens funded, and
/// closed under `policy`.
fn the_seed_month(policy: Policy) -> Suite {
    let mut suite = SuiteBuilder::holon_alpha().with_policy(policy).build();
    suite.fund("funder", 5_000_000_000).unwrap();
    for (id, (who, category, hours)) in [
        ("alex", "food", "16"),
        ("jordan", "garden", "40"),
        ("casey", "energy", "8"),
        ("riley", "childcare", "60"),
        ("sam", "facilitation", "4"),
    ]
    .into_iter()
    .enumerate()
    {
        worked(&mut suite, id as u64 + 1, who, category, hours);
    }
    suite.a_cycle_passes();
    suite.close_cycle().unwrap();
    suite
}

/// (member, amount) of the seed month's payouts, in address order.
fn by_address(suite: &Suite, amounts: [(&str, u128); 5]) -> Vec<(Addr, Uint128)> {
    let mut v: Vec<(Addr, Uint128)> = amounts
        .iter()
        .map(|(who, a)| (suite.addr(who), Uint128::new(*a)))
        .collect();
    v.sort();
    v
}

#[test]
fn payouts_pay_the_seed_month_as_explain_and_claim_do() {
    let mut suite = the_seed_month(Policy::default());
    let whole = payouts(&suite, 1, None, Some(100));
    let alex = suite.addr("alex");
    assert_eq!(
        (
            whole.cycle,
            whole.policy_version,
            whole.total_weight,
            whole.contribution_pool,
            whole.baseline_each,
            &whole.next_start_after
        ),
        (
            1,
            1,
            dec("128"),
            Uint128::new(5_000_000_000),
            Uint128::zero(),
            &None
        )
    );
    // The docs/WEIGHTING.md `time` numbers, to the unit.
    let want = by_address(
        &suite,
        [
            ("alex", 625_000_000),
            ("jordan", 1_562_500_000),
            ("casey", 312_500_000),
            ("riley", 2_343_750_000),
            ("sam", 156_250_000),
        ],
    );
    let got: Vec<(Addr, Uint128)> = whole
        .payouts
        .iter()
        .map(|p| (p.member.clone(), p.amount))
        .collect();
    assert_eq!(got, want);
    let row = whole.payouts.iter().find(|p| p.member == alex).unwrap();
    assert_eq!(
        row,
        &Payout {
            member: alex.clone(),
            hours: dec("16"),
            credit: dec("16"),
            weight: dec("16"),
            share: dec("0.125"),
            contribution_amount: Uint128::new(625_000_000),
            baseline_amount: Uint128::zero(),
            amount: Uint128::new(625_000_000),
            claimed: false,
            claimed_amount: Uint128::zero(),
        }
    );
    // Each row is what `explain` says of the member.
    for p in &whole.payouts {
        let e: ExplainResponse = q(
            &suite,
            &QueryMsg::Explain {
                cycle: 1,
                member: p.member.to_string(),
            },
        );
        assert_eq!(
            (
                p.weight,
                p.share,
                p.contribution_amount,
                p.baseline_amount,
                p.amount,
                p.claimed
            ),
            (
                e.weight,
                e.share,
                e.contribution_amount,
                e.baseline_amount,
                e.amount,
                e.claimed
            )
        );
    }
    // The default page (10) holds the five; pages of 2 are 2 + 2 + 1 and together the whole.
    assert_eq!(payouts(&suite, 1, None, None).payouts, whole.payouts);
    let (paged, sizes) = all_payouts(&suite, 1, Some(2));
    assert_eq!((paged, sizes), (whole.payouts.clone(), vec![2, 2, 1]));
    // Σ amount = the budget the cycle query reports (no dust in the time model here).
    let c: CycleResponse = q(&suite, &QueryMsg::Cycle { cycle: 1 });
    let sum: Uint128 = whole.payouts.iter().map(|p| p.amount).sum();
    assert_eq!((sum, c.budget), (Uint128::new(5_000_000_000), c.budget));
    // After Alex claims, the row says so, with what the claim minted.
    suite.claim("alex", 1).unwrap();
    let after = payouts(&suite, 1, None, Some(100));
    for p in &after.payouts {
        let claimed = p.member == alex;
        assert_eq!(
            (p.claimed, p.claimed_amount),
            (claimed, if claimed { p.amount } else { Uint128::zero() }),
            "{}",
            p.member
        );
    }
    assert_eq!(suite.balance("alex"), 625_000_000);
}

#[test]
fn payouts_of_the_need_month_sum_to_the_budget_less_the_dust_the_claims_leave() {
    let need = Policy {
        model: Model::Need,
        scarcity: Scarcity::Fixed {
            factors: vec![
                CategoryFactor {
                    category: "childcare".into(),
                    factor: dec("2"),
                },
                CategoryFactor {
                    category: "garden".into(),
                    factor: dec("0.5"),
                },
            ],
        },
        ..Policy::default()
    };
    let mut suite = the_seed_month(need);
    // The docs/WEIGHTING.md `need` numbers, to the unit.
    let want = by_address(
        &suite,
        [
            ("alex", 476_190_476),
            ("jordan", 595_238_095),
            ("casey", 238_095_238),
            ("riley", 3_571_428_571),
            ("sam", 119_047_619),
        ],
    );
    let (all, sizes) = all_payouts(&suite, 1, Some(2));
    assert_eq!(sizes, vec![2, 2, 1]);
    let got: Vec<(Addr, Uint128)> = all.iter().map(|p| (p.member.clone(), p.amount)).collect();
    assert_eq!(got, want);
    let sum: Uint128 = all.iter().map(|p| p.amount).sum();
    let c: CycleResponse = q(&suite, &QueryMsg::Cycle { cycle: 1 });
    // The close allocated the whole budget; one base unit is dust no claim mints.
    assert_eq!(c.budget, Uint128::new(5_000_000_000));
    assert_eq!(books(&suite), (5_000_000_000, 5_000_000_000, 0));
    assert_eq!(sum, c.budget - Uint128::one());
    for who in MEMBERS {
        suite.claim(who, 1).unwrap();
    }
    let c: CycleResponse = q(&suite, &QueryMsg::Cycle { cycle: 1 });
    assert_eq!((c.claimed, c.claims), (sum, 5));
    assert_eq!(books(&suite), (5_000_000_000, 1, 4_999_999_999));
    let (all, _) = all_payouts(&suite, 1, None);
    assert!(all
        .iter()
        .all(|p| p.claimed && p.claimed_amount == p.amount));
}

#[test]
fn payouts_list_every_member_owed_the_baseline_past_the_groups_pages() {
    // Forty members (the group answers 30 a page), a baseline of 20%: each member's share
    // is floor(200,000 / 40) = 5,000; Alex (3 h) and Jordan (1 h) share C = 800,000.
    let names: Vec<String> = MEMBERS
        .iter()
        .map(|m| m.to_string())
        .chain((0..35).map(|i| format!("member-{i:02}")))
        .collect();
    let refs: Vec<&str> = names.iter().map(String::as_str).collect();
    let builder = SuiteBuilder::holon_alpha()
        .with_members(&refs)
        .with_policy(Policy {
            baseline: dec("0.2"),
            ..Policy::default()
        });
    let mut suite = a_month_of(builder, 1_000_000);
    hook_the_group(&mut suite);
    suite.close_cycle().unwrap();
    let (all, sizes) = all_payouts(&suite, 1, Some(7));
    assert_eq!(sizes, vec![7, 7, 7, 7, 7, 5]);
    let mut want: Vec<Addr> = names.iter().map(|n| suite.addr(n)).collect();
    want.sort();
    let members: Vec<Addr> = all.iter().map(|p| p.member.clone()).collect();
    assert_eq!(members, want);
    let amount_of = |all: &[Payout], who: &str| {
        let a = suite.addr(who);
        let p = all.iter().find(|p| p.member == a).unwrap();
        (
            p.contribution_amount.u128(),
            p.baseline_amount.u128(),
            p.amount.u128(),
        )
    };
    assert_eq!(amount_of(&all, "alex"), (600_000, 5_000, 605_000));
    assert_eq!(amount_of(&all, "jordan"), (200_000, 5_000, 205_000));
    assert_eq!(amount_of(&all, "member-17"), (0, 5_000, 5_000));
    let c: CycleResponse = q(&suite, &QueryMsg::Cycle { cycle: 1 });
    let sum: Uint128 = all.iter().map(|p| p.amount).sum();
    assert_eq!(
        (sum, c.budget),
        (Uint128::new(1_000_000), Uint128::new(1_000_000))
    );
    // The largest page holds all forty (the group read 30 + 10).
    let whole = payouts(&suite, 1, None, Some(1_000));
    assert_eq!((whole.payouts, whole.next_start_after), (all.clone(), None));
    assert_eq!(whole.baseline_each, Uint128::new(5_000));

    // After the close a newcomer joins (listed, owed nothing) and member-07 leaves: still
    // listed, with the baseline the cycle owes them (the group reported the removal).
    let group = suite.holon().group.clone();
    let (newcomer, leaver) = (suite.account("newcomer"), suite.addr("member-07"));
    suite
        .execute(
            "governance",
            &group,
            &cw4_group::msg::ExecuteMsg::UpdateMembers {
                add: vec![cw4::Member {
                    addr: newcomer.to_string(),
                    weight: 1,
                }],
                remove: vec![leaver.to_string()],
            },
        )
        .unwrap();
    let (now, sizes) = all_payouts(&suite, 1, Some(7));
    assert_eq!(sizes, vec![7, 7, 7, 7, 7, 6]);
    let mut expected = all.clone();
    expected.push(Payout {
        member: newcomer.clone(),
        hours: dec("0"),
        credit: dec("0"),
        weight: dec("0"),
        share: dec("0"),
        contribution_amount: Uint128::zero(),
        baseline_amount: Uint128::zero(),
        amount: Uint128::zero(),
        claimed: false,
        claimed_amount: Uint128::zero(),
    });
    expected.sort_by(|a, b| a.member.cmp(&b.member));
    assert_eq!(now, expected);
    let row = now.iter().find(|p| p.member == leaver).unwrap();
    assert_eq!(
        (row.contribution_amount.u128(), row.baseline_amount.u128()),
        (0, 5_000)
    );
    let sum: Uint128 = now.iter().map(|p| p.amount).sum();
    assert_eq!(sum, Uint128::new(1_000_000));
    let e: ExplainResponse = q(
        &suite,
        &QueryMsg::Explain {
            cycle: 1,
            member: leaver.to_string(),
        },
    );
    assert_eq!(e.amount, Uint128::new(5_000));
}

/// The group's admin (the `governance` wallet) removes `who` from Holon Alpha's group.
fn remove_member(suite: &mut Suite, who: &str) {
    let group = suite.holon().group.clone();
    let addr = suite.addr(who);
    suite
        .execute(
            "governance",
            &group,
            &cw4_group::msg::ExecuteMsg::UpdateMembers {
                add: vec![],
                remove: vec![addr.to_string()],
            },
        )
        .unwrap();
    suite.next_block();
}

/// (member, contribution, baseline, amount) of each payout.
fn amounts(all: &[Payout]) -> Vec<(Addr, u128, u128, u128)> {
    all.iter()
        .map(|p| {
            (
                p.member.clone(),
                p.contribution_amount.u128(),
                p.baseline_amount.u128(),
                p.amount.u128(),
            )
        })
        .collect()
}

#[test]
fn payouts_name_a_member_removed_since_the_close_who_recorded_nothing_with_their_baseline() {
    // Holon Alpha, a baseline of 20% of 1,000,000. Sam leaves before the close: the group
    // holds four at the close, each owed floor(200,000 / 4) = 50,000; Alex (3 h) and Jordan
    // (1 h) share C = 800,000. After the close Casey, who recorded nothing, leaves too: the
    // cycle still owes Casey 50,000, and the payouts must say so.
    let builder = SuiteBuilder::holon_alpha().with_policy(Policy {
        baseline: dec("0.2"),
        ..Policy::default()
    });
    let mut suite = builder.build();
    hook_the_group(&mut suite);
    suite.fund("funder", 1_000_000).unwrap();
    worked(&mut suite, 1, "alex", "food", "3");
    worked(&mut suite, 2, "jordan", "food", "1");
    remove_member(&mut suite, "sam");
    suite.a_cycle_passes();
    suite.close_cycle().unwrap();
    suite.next_block();
    remove_member(&mut suite, "casey");
    assert_eq!(suite.member_weight("casey"), None);

    let (all, sizes) = all_payouts(&suite, 1, Some(100));
    assert_eq!(sizes, vec![4]);
    let mut want = vec![
        (suite.addr("alex"), 600_000, 50_000, 650_000),
        (suite.addr("jordan"), 200_000, 50_000, 250_000),
        (suite.addr("casey"), 0, 50_000, 50_000),
        (suite.addr("riley"), 0, 50_000, 50_000),
    ];
    want.sort();
    assert_eq!(amounts(&all), want);
    // Sam, gone before the close, is owed nothing and not listed.
    assert!(all.iter().all(|p| p.member != suite.addr("sam")));
    // Σ amount is the cycle's budget to the unit, Casey's baseline included.
    let c: CycleResponse = q(&suite, &QueryMsg::Cycle { cycle: 1 });
    let sum: Uint128 = all.iter().map(|p| p.amount).sum();
    assert_eq!(
        (sum, c.budget, c.baseline_each, c.members_weight),
        (
            Uint128::new(1_000_000),
            Uint128::new(1_000_000),
            Uint128::new(50_000),
            4
        )
    );
    // Casey's row is what `explain` says of Casey.
    let casey = suite.addr("casey");
    let e: ExplainResponse = q(
        &suite,
        &QueryMsg::Explain {
            cycle: 1,
            member: casey.to_string(),
        },
    );
    let row = all.iter().find(|p| p.member == casey).unwrap();
    assert_eq!(
        (row.baseline_amount, row.amount, row.hours, row.claimed),
        (e.baseline_amount, e.amount, dec("0"), false)
    );

    // Every page size: the pages together are the whole list, in order, each full but the
    // last; and a page starting after each listed address holds exactly those after it.
    for limit in 1..=5u32 {
        let (paged, sizes) = all_payouts(&suite, 1, Some(limit));
        assert_eq!(paged, all, "limit {limit}");
        let (last, full) = sizes.split_last().unwrap();
        assert!(
            full.iter().all(|s| *s == limit as usize) && *last <= limit as usize,
            "limit {limit}: {sizes:?}"
        );
    }
    for (i, p) in all.iter().enumerate() {
        let page = payouts(&suite, 1, Some(&p.member), Some(100));
        assert_eq!(page.payouts, all[i + 1..].to_vec(), "after {}", p.member);
        assert_eq!(page.next_start_after, None);
    }
    // A page of one ending on Casey says more follow.
    let i = all.iter().position(|p| p.member == casey).unwrap();
    let start = i.checked_sub(1).map(|j| all[j].member.clone());
    let page = payouts(&suite, 1, start.as_ref(), Some(1));
    assert_eq!(page.payouts, vec![row.clone()]);
    assert_eq!(
        page.next_start_after,
        (i + 1 < all.len()).then(|| casey.clone())
    );

    // Everyone owed claims, Casey too: the claims mint the whole budget.
    for who in ["alex", "jordan", "casey", "riley"] {
        suite.claim(who, 1).unwrap();
    }
    assert_eq!(suite.balance("casey"), 50_000);
    let c: CycleResponse = q(&suite, &QueryMsg::Cycle { cycle: 1 });
    assert_eq!((c.claimed, c.claims), (Uint128::new(1_000_000), 4));
    let (after, _) = all_payouts(&suite, 1, Some(3));
    assert!(after
        .iter()
        .all(|p| p.claimed && p.claimed_amount == p.amount));

    // The next cycle closes without Casey: no baseline is owed them there, and they are not
    // listed (removed before that close).
    suite.fund("funder", 1_000_000).unwrap();
    suite.a_cycle_passes();
    suite.close_cycle().unwrap();
    let (next, _) = all_payouts(&suite, 2, Some(2));
    let mut want = vec![
        (suite.addr("alex"), 0, 0, 0),
        (suite.addr("jordan"), 0, 0, 0),
        (suite.addr("riley"), 0, 0, 0),
    ];
    want.sort();
    // Nothing recorded in cycle 2: the whole budget is the baseline, 3 members, no
    // contribution pool (see close_cycle.rs): each is owed a third.
    let c2: CycleResponse = q(&suite, &QueryMsg::Cycle { cycle: 2 });
    let each = c2.baseline_each.u128();
    for w in want.iter_mut() {
        w.2 = each;
        w.3 = each;
    }
    assert_eq!(amounts(&next), want);
    assert_eq!(c2.members_weight, 3);
}

/// Every row of the open cycle's `previews`, following `next_start_after`; and the page sizes.
#[track_caller]
fn all_previews(suite: &Suite, limit: Option<u32>) -> (PayoutsResponse, Vec<Payout>, Vec<usize>) {
    let (mut all, mut sizes) = (vec![], vec![]);
    let mut start: Option<Addr> = None;
    loop {
        let page: PayoutsResponse = q(
            suite,
            &QueryMsg::Previews {
                start_after: start.as_ref().map(|a| a.to_string()),
                limit,
            },
        );
        sizes.push(page.payouts.len());
        all.extend(page.payouts.clone());
        match page.next_start_after.clone() {
            Some(next) => start = Some(next),
            None => return (page, all, sizes),
        }
    }
}

#[test]
fn previews_page_what_each_members_preview_says_and_the_close_then_pays() {
    // Forty members (the group answers 30 a page), a reserve of 10% and a baseline of 20%
    // of 1,000,000: a close now has B = 900,000, P = 180,000, each member's baseline
    // floor(180,000 / 40) = 4,500, C = 720,000, of which Alex (3 h) 540,000 and Jordan (1 h)
    // 180,000. The cycle is still open.
    let names: Vec<String> = MEMBERS
        .iter()
        .map(|m| m.to_string())
        .chain((0..35).map(|i| format!("member-{i:02}")))
        .collect();
    let refs: Vec<&str> = names.iter().map(String::as_str).collect();
    let mut suite = SuiteBuilder::holon_alpha()
        .with_members(&refs)
        .with_policy(Policy {
            reserve: dec("0.1"),
            baseline: dec("0.2"),
            ..Policy::default()
        })
        .build();
    suite.fund("funder", 1_000_000).unwrap();
    worked(&mut suite, 1, "alex", "food", "3");
    worked(&mut suite, 2, "jordan", "food", "1");

    let (last, all, sizes) = all_previews(&suite, Some(100));
    assert_eq!(sizes, vec![40]);
    assert_eq!(
        (
            last.cycle,
            last.policy_version,
            last.total_weight,
            last.contribution_pool,
            last.baseline_each
        ),
        (1, 1, dec("4"), Uint128::new(720_000), Uint128::new(4_500))
    );
    let mut want: Vec<(Addr, u128, u128, u128)> = names
        .iter()
        .map(|n| (suite.addr(n), 0, 4_500, 4_500))
        .collect();
    want[0] = (suite.addr("alex"), 540_000, 4_500, 544_500);
    want[1] = (suite.addr("jordan"), 180_000, 4_500, 184_500);
    want.sort();
    assert_eq!(amounts(&all), want);
    // Σ amount is the budget a close now would have, to the unit.
    let sum: u128 = all.iter().map(|p| p.amount.u128()).sum();
    assert_eq!(sum, 900_000);
    // Each row is exactly that member's `preview`.
    for p in &all {
        let one: PreviewResponse = q(
            &suite,
            &QueryMsg::Preview {
                member: p.member.to_string(),
            },
        );
        assert_eq!(
            (
                one.cycle,
                one.hours,
                one.weight,
                one.share,
                one.contribution_amount,
                one.baseline_amount,
                one.amount,
                one.budget
            ),
            (
                1,
                p.hours,
                p.weight,
                p.share,
                p.contribution_amount,
                p.baseline_amount,
                p.amount,
                Uint128::new(900_000)
            ),
            "{}",
            p.member
        );
        assert_eq!((p.claimed, p.claimed_amount), (false, Uint128::zero()));
    }
    // Every page size: the same list, each page full but the last.
    for limit in [1u32, 2, 7, 29, 30, 31, 39, 40] {
        let (_, paged, sizes) = all_previews(&suite, Some(limit));
        assert_eq!(paged, all, "limit {limit}");
        let (last, full) = sizes.split_last().unwrap();
        assert!(
            full.iter().all(|s| *s == limit as usize) && *last <= limit as usize,
            "limit {limit}: {sizes:?}"
        );
    }
    let (_, _, sizes) = all_previews(&suite, None);
    assert_eq!(sizes, vec![10, 10, 10, 10, 0]);

    // The close pays what the previews said: `payouts` of cycle 1 are the same amounts.
    suite.a_cycle_passes();
    suite.close_cycle().unwrap();
    let (closed, _) = all_payouts(&suite, 1, Some(100));
    assert_eq!(amounts(&closed), want);
    assert_eq!(
        closed
            .iter()
            .map(|p| (p.hours, p.credit, p.weight, p.share))
            .collect::<Vec<_>>(),
        all.iter()
            .map(|p| (p.hours, p.credit, p.weight, p.share))
            .collect::<Vec<_>>()
    );
}

#[test]
fn previews_without_a_baseline_list_the_contributors_only_and_refuse_a_bad_start() {
    // Holon Alpha, no baseline: Alex (3 h) and Jordan (1 h) share the 1,000,000 a close now
    // would budget; no one else is owed anything, and the group is not listed.
    let mut suite = alpha();
    suite.fund("funder", 1_000_000).unwrap();
    let (empty, rows, _) = all_previews(&suite, None);
    assert_eq!((rows, empty.next_start_after), (vec![], None));
    worked(&mut suite, 1, "alex", "food", "3");
    worked(&mut suite, 2, "jordan", "food", "1");
    let (last, all, sizes) = all_previews(&suite, Some(1));
    assert_eq!(sizes, vec![1, 1]);
    let mut want = vec![
        (suite.addr("alex"), 750_000, 0, 750_000),
        (suite.addr("jordan"), 250_000, 0, 250_000),
    ];
    want.sort();
    assert_eq!(amounts(&all), want);
    assert_eq!(
        (last.baseline_each, last.contribution_pool),
        (Uint128::zero(), Uint128::new(1_000_000))
    );
    let hours: Vec<_> = all.iter().map(|p| (p.hours, p.credit)).collect();
    let mut want_hours = vec![
        (suite.addr("alex"), dec("3")),
        (suite.addr("jordan"), dec("1")),
    ];
    want_hours.sort();
    assert_eq!(
        hours,
        want_hours
            .into_iter()
            .map(|(_, h)| (h, h))
            .collect::<Vec<_>>()
    );
    let err = q_err(
        &suite,
        &QueryMsg::Previews {
            start_after: Some("Not An Address".into()),
            limit: None,
        },
    );
    assert!(!err.is_empty());
}

#[test]
fn payouts_refuse_a_cycle_not_closed_and_a_start_after_that_is_no_address() {
    let mut suite = a_month(1_000_000);
    // Cycle 1 has ended but is not closed; cycle 2 is open; cycle 0 never is.
    for (k, next) in [(1, 1), (2, 1), (0, 1)] {
        let err = q_err(
            &suite,
            &QueryMsg::Payouts {
                cycle: k,
                start_after: None,
                limit: None,
            },
        );
        assert!(
            err.contains(&format!(
                "cycle {k} is not closed yet (next to close: {next})"
            )),
            "{err}"
        );
    }
    suite.close_cycle().unwrap();
    assert_eq!(payouts(&suite, 1, None, None).payouts.len(), 2);
    let err = q_err(
        &suite,
        &QueryMsg::Payouts {
            cycle: 1,
            start_after: Some("Not An Address".into()),
            limit: None,
        },
    );
    assert!(err.contains("Error decoding bech32"), "{err}");
    // A start after the last member: an empty last page.
    let last = payouts(&suite, 1, None, None).payouts[1].member.clone();
    let end = payouts(&suite, 1, Some(&last), None);
    assert_eq!((end.payouts, end.next_start_after), (vec![], None));
}

#[test]
fn treasury_shows_the_books_and_the_reserve_the_policy_would_keep() {
    let mut suite = SuiteBuilder::holon_alpha()
        .with_policy(Policy {
            reserve: dec("0.25"),
            ..Policy::default()
        })
        .build();
    suite.fund("funder", 1_000).unwrap();
    let t = treasury(&suite);
    assert_eq!(
        (
            t.denom.as_deref(),
            t.held.u128(),
            t.allocated.u128(),
            t.outstanding.u128(),
            t.unallocated.u128(),
            t.reserve.u128(),
            t.total_funded.u128(),
            t.total_redeemed.u128()
        ),
        (Some(DENOM), 1_000, 0, 0, 1_000, 250, 1_000, 0)
    );
}

#[test]
fn funds_are_listed_in_order_a_page_at_a_time() {
    let mut suite = alpha();
    for amount in [10, 20, 30] {
        exec_paid(
            &mut suite,
            "funder",
            &ExecuteMsg::Fund { memo: None },
            &coins(amount, DENOM),
        )
        .unwrap();
    }
    let page = |start_after: Option<u64>, limit: Option<u32>| -> Vec<(u64, u128)> {
        let r: FundsResponse = q(&suite, &QueryMsg::Funds { start_after, limit });
        r.funds.iter().map(|f| (f.id, f.amount.u128())).collect()
    };
    assert_eq!(page(None, None), vec![(1, 10), (2, 20), (3, 30)]);
    assert_eq!(page(None, Some(2)), vec![(1, 10), (2, 20)]);
    assert_eq!(page(Some(2), None), vec![(3, 30)]);
    assert_eq!(page(Some(3), None), vec![]);
}

#[test]
fn accepted_holons_are_listed_by_token_and_an_unknown_one_is_not_found() {
    let mut suite = alpha();
    let mut tokens = vec![];
    for name in ["Holon One", "Holon Two"] {
        let f = foreign::deploy(&mut suite, name, Some(DENOM), 0);
        exec(&mut suite, "governance", &accept(&f.distributor, "1", 10)).unwrap();
        tokens.push(f.token);
    }
    tokens.sort();
    let page = |start_after: Option<&Addr>, limit: Option<u32>| -> Vec<Addr> {
        let r: AcceptedHolonsResponse = q(
            &suite,
            &QueryMsg::AcceptedHolons {
                start_after: start_after.map(|a| a.to_string()),
                limit,
            },
        );
        r.holons.into_iter().map(|h| h.token).collect()
    };
    assert_eq!(page(None, None), tokens);
    assert_eq!(page(None, Some(1)), tokens[..1]);
    assert_eq!(page(Some(&tokens[0]), None), tokens[1..]);
    let stranger = suite.addr("stranger");
    let err = q_err(
        &suite,
        &QueryMsg::AcceptedHolon {
            token: stranger.to_string(),
        },
    );
    assert!(
        err.contains(&format!("accepted holon with token {stranger} not found")),
        "{err}"
    );
}

#[test]
fn ownership_names_governance() {
    let suite = alpha();
    let o: Ownership<Addr> = q(&suite, &QueryMsg::Ownership {});
    assert_eq!(
        o,
        Ownership {
            owner: Some(suite.governance.clone()),
            pending_owner: None,
            pending_expiry: None,
        }
    );
}
