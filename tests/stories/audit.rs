//! The independent audit's findings, each told as the attack it described, through the
//! contracts' messages, ending in the safe outcome: a refusal with a clear error and nothing
//! moved, or books that stay exact. SECURITY.md ("Audit findings") maps each to its fix.

use cosmwasm_std::{Decimal, Uint128};
use flow_testing::hostile::{HostileHolon, Payment};
use flow_testing::suite::{assert_error, category, dec};
use flow_testing::{Suite, SuiteBuilder};
use flow_types::attestation::AttestationPolicy;
use flow_types::distributor::{
    self as dist, CategoryFactor, Model, Policy, Scarcity, MAX_CYCLE_CREDIT,
};
use flow_types::holon::HolonReceiveMsg;
use flow_types::registry::{self as reg, Category};
use flow_types::validate::ValidationError;

use crate::common::*;

/// Bread credited at 0.25 hour-equivalents a loaf.
fn bread() -> Category {
    Category {
        unit_credit: dec("0.25"),
        ..category("food")
    }
}

fn attr<'a>(res: &'a cw_multi_test::AppResponse, key: &str) -> Option<&'a str> {
    res.events
        .iter()
        .flat_map(|e| &e.attributes)
        .find(|a| a.key == key)
        .map(|a| a.value.as_str())
}

/// Finding 1 (high): units bypassed the hour caps. With caps of 8 h per attestation and 40 h
/// per cycle, a member attesting 0 hours and 100,000 loaves (co-signed by one buddy) was paid
/// 99.9% of a 5,000-token cycle. The caps bound hour-equivalents now: the pair's member gets
/// at most 40 of them, and the four honest members' 32 hours are paid in proportion.
#[test]
fn finding_1_units_cannot_buy_a_whole_cycle() {
    let (mut suite, n) = alpha_with_needs(
        SuiteBuilder::holon_alpha()
            .with_category(bread())
            .with_attestation_policy(AttestationPolicy {
                max_hours_per_attestation: dec("8"),
                max_hours_per_cycle: dec("40"),
                ..AttestationPolicy::default()
            }),
    );
    suite.fund("funder", BUDGET).unwrap();

    assert_error(
        suite.attest("alex", n.bread, "0", "100000", Some("jordan")),
        attestation::ContractError::CreditOverAttestationCap {
            hours: dec("0"),
            units: dec("100000"),
            unit_credit: dec("0.25"),
            max: dec("8"),
        },
    );
    // The most the pair can do: five attestations of 32 loaves (8 hour-equivalents each).
    for _ in 0..5 {
        suite
            .contribute("alex", n.bread, "0", "32", "jordan")
            .unwrap();
    }
    assert_error(
        suite.attest("alex", n.bread, "0", "1", Some("jordan")),
        attestation::ContractError::CreditOverCycleCap {
            cycle: 1,
            counted: dec("40"),
            credit: dec("0.25"),
            max: dec("40"),
        },
    );
    // Four honest members, 32 real hours.
    suite
        .contribute("jordan", n.garden, "8", "0", "alex")
        .unwrap();
    suite
        .contribute("casey", n.solar, "8", "0", "riley")
        .unwrap();
    suite
        .contribute("riley", n.childcare, "8", "0", "sam")
        .unwrap();
    suite
        .contribute("sam", n.facilitation, "8", "0", "casey")
        .unwrap();
    suite.a_cycle_passes();
    suite.close_cycle().unwrap();
    assert_eq!(suite.explain(1, "alex").unwrap().weight, dec("40"));
    // 5,000 × 40/72 and 5,000 × 8/72, floored.
    assert_eq!(
        everyone_claims(&mut suite, 1),
        vec![
            2_777_777_777,
            555_555_555,
            555_555_555,
            555_555_555,
            555_555_555
        ]
    );
    suite.assert_invariants();
}

/// Finding 2 (high): two attestations of 2·10²⁰ units in two categories each fitted a
/// `Decimal`, their sum overflowed at close, and as cycles close in order no cycle ever
/// closed again. Under `need` one was enough (N_c × a). Units are bounded per attestation
/// now and the credit they buy is over the cap; the holon closes its cycles.
#[test]
fn finding_2_no_attestation_can_halt_the_holon() {
    let huge = Category {
        unit_credit: dec("100"),
        ..category("food")
    };
    let (mut suite, n) = alpha_with_needs(
        SuiteBuilder::holon_alpha()
            .with_category(huge)
            .with_category(Category {
                unit_credit: dec("100"),
                ..category("garden")
            })
            .with_policy(Policy {
                model: Model::Need,
                scarcity: Scarcity::Fixed {
                    factors: vec![CategoryFactor {
                        category: "food".into(),
                        factor: dec("100"),
                    }],
                },
                ..Policy::default()
            }),
    );
    suite.fund("funder", BUDGET).unwrap();
    for need in [n.bread, n.garden] {
        assert_error(
            suite.attest("alex", need, "0", "200000000000000000000", Some("jordan")),
            attestation::ContractError::Validation(ValidationError::OutOfRange {
                field: "units".into(),
                value: "200000000000000000000".into(),
                min: "0".into(),
                max: "1000000000".into(),
            }),
        );
        assert_error(
            suite.attest("alex", need, "0", "1000000000", Some("jordan")),
            attestation::ContractError::CreditOverAttestationCap {
                hours: dec("0"),
                units: dec("1000000000"),
                unit_credit: dec("100"),
                max: dec("744"),
            },
        );
    }
    // The largest credits members can get in: 744 hour-equivalents each, ×100 in food.
    suite
        .contribute("alex", n.bread, "0", "7.44", "jordan")
        .unwrap();
    suite
        .contribute("jordan", n.garden, "0", "7.44", "alex")
        .unwrap();
    suite.a_cycle_passes();
    suite.close_cycle().unwrap();
    // W = 100 × 744 + 744; Alex 100/101 of the pool, Jordan 1/101.
    assert_eq!(
        everyone_claims(&mut suite, 1)[..2],
        [4_950_495_049, 49_504_950]
    );
    suite.a_cycle_passes();
    suite.close_cycle().unwrap();
    suite.assert_invariants();
}

/// Finding 2, the distributor's own bound: whatever its attestation contract sends, a cycle
/// records at most `MAX_CYCLE_CREDIT` hour-equivalents, and a cycle filled to that bound, with
/// every factor at its largest (impact 10, K = 11, N_c = 100), still closes and pays its
/// whole pool. The cycle's totals are written into the distributor's storage directly: the
/// attestation contract's caps keep any real holon about 10¹² members away from them.
#[test]
fn finding_2_a_cycle_at_the_arithmetic_limit_closes_and_pays() {
    use distributor::state::{
        CategoryTotals, CycleTotals, MemberCategoryTotals, MemberTotals, CATEGORY_TOTALS,
        CYCLE_TOTALS, MEMBER_CATEGORY_TOTALS, MEMBER_TOTALS,
    };
    let (mut suite, n) = alpha_with_needs(SuiteBuilder::holon_alpha().with_policy(Policy {
        model: Model::Hybrid,
        capacity_bonus: dec("10"),
        scarcity: Scarcity::Fixed {
            factors: vec![CategoryFactor {
                category: "food".into(),
                factor: dec("100"),
            }],
        },
        ..Policy::default()
    }));
    suite.fund("funder", BUDGET).unwrap();
    let alex = suite.addr("alex");
    let distributor = suite.holon().distributor.clone();
    let most_weight = MAX_CYCLE_CREDIT
        .checked_mul(Decimal::from_ratio(110u32, 1u32))
        .unwrap();
    {
        let mut storage = suite.app.contract_storage_mut(&distributor);
        let credit = |h| CycleTotals {
            hours: h,
            contributors: 1,
            credit: MAX_CYCLE_CREDIT,
        };
        CYCLE_TOTALS
            .save(storage.as_mut(), 1, &credit(MAX_CYCLE_CREDIT))
            .unwrap();
        MEMBER_TOTALS
            .save(
                storage.as_mut(),
                (1, &alex),
                &MemberTotals {
                    hours: MAX_CYCLE_CREDIT,
                    credit: MAX_CYCLE_CREDIT,
                },
            )
            .unwrap();
        MEMBER_CATEGORY_TOTALS
            .save(
                storage.as_mut(),
                (1, &alex, "food"),
                &MemberCategoryTotals {
                    hours: MAX_CYCLE_CREDIT,
                    credit: MAX_CYCLE_CREDIT,
                    weighted: most_weight,
                },
            )
            .unwrap();
        CATEGORY_TOTALS
            .save(
                storage.as_mut(),
                (1, "food"),
                &CategoryTotals {
                    hours: MAX_CYCLE_CREDIT,
                    weighted: most_weight,
                    contributors: 1,
                    pinned_factor: None,
                },
            )
            .unwrap();
    }
    // Not one more hour-equivalent fits in cycle 1.
    let id = suite
        .attest("jordan", n.garden, "1", "0", Some("sam"))
        .unwrap();
    assert_error(
        suite.cosign("sam", id),
        distributor::ContractError::CycleCreditFull {
            cycle: 1,
            max: MAX_CYCLE_CREDIT,
        },
    );
    suite.a_cycle_passes();
    let res = suite.close_cycle().unwrap();
    let w = most_weight.checked_mul(dec("100")).unwrap();
    assert_eq!(attr(&res, "total_weight"), Some(w.to_string().as_str()));
    suite.claim("alex", 1).unwrap();
    assert_eq!(suite.balance("alex"), BUDGET);
    // What was refused in cycle 1 lands in cycle 2.
    suite.cosign("sam", id).unwrap();
    assert_eq!(suite.cycle(2).unwrap().total_hours, dec("1"));
}

/// Finding 3 (high): `settle_reply` added the distributor's bank-balance change during the
/// foreign redeem to `held`; a foreign distributor that paid by calling our `fund {}` had its
/// coins counted by `fund` and again by the reply. Three rounds at a credit limit of 1,000
/// tokens left the books at 8,000 against 5,000 real coins. The hostile holon here is a real
/// contract of its own; every way it tries, the books stay equal to the coins.
#[test]
fn finding_3_a_hostile_holon_cannot_inflate_the_books() {
    let (mut suite, n) = alpha_with_needs(SuiteBuilder::holon_alpha().with_accounts(&["mallory"]));
    suite.fund("funder", BUDGET).unwrap();
    the_seed_month(&mut suite, &n);
    suite.a_cycle_passes();
    suite.close_cycle().unwrap();
    everyone_claims(&mut suite, 1);
    // 5,000 more: what Alpha's treasury can back of foreign tokens.
    suite.fund("funder", BUDGET).unwrap();
    let alpha = suite.holon().clone();

    let mallory_holon = suite
        .deploy_hostile_holon("Holon Mallory", "MFLOW", None, 10_000_000_000)
        .unwrap();
    accept(&mut suite, &mallory_holon).unwrap();
    let books_before = suite.treasury().unwrap();
    let bank_before = suite.native_balance(&alpha.distributor);

    for round in 1..=3u128 {
        // Mallory's governance mints 1,000 MFLOW and exchanges them into 1,000 AFLOW.
        suite
            .hostile_mint(&mallory_holon, "mallory", 1_000_000_000)
            .unwrap();
        suite
            .send_to_holon(
                "mallory",
                &mallory_holon.token,
                &alpha.distributor,
                1_000_000_000,
                &HolonReceiveMsg::Exchange { recipient: None },
            )
            .unwrap();
        // Alpha settles; Mallory pays through Alpha's own `fund`: refused, nothing moves.
        suite
            .hostile_pays(&mallory_holon, Payment::ThroughFund)
            .unwrap();
        assert_error(
            settle(&mut suite, &mallory_holon),
            distributor::ContractError::SettlementInProgress {
                action: "fund".into(),
            },
        );
        // Or starts another settlement before paying: refused too.
        suite
            .hostile_pays(&mallory_holon, Payment::SettleAgain)
            .unwrap();
        assert_error(
            settle(&mut suite, &mallory_holon),
            distributor::ContractError::SettlementInProgress {
                action: "settle_foreign".into(),
            },
        );
        // Nothing moved: the books and the bank hold what earlier honest rounds paid.
        let settled = (round - 1) * 1_000_000_000;
        let t = suite.treasury().unwrap();
        assert_eq!(t.held.u128(), books_before.held.u128() + settled);
        assert_eq!(
            t.outstanding.u128(),
            books_before.outstanding.u128() + round * 1_000_000_000
        );
        assert_eq!(
            suite.native_balance(&alpha.distributor),
            bank_before + settled
        );
        assert_eq!(holdings(&suite, &mallory_holon), 1_000_000_000);
        suite.assert_invariants();

        // Paid honestly, the settlement counts the coins once.
        suite.hostile_pays(&mallory_holon, Payment::Honest).unwrap();
        settle(&mut suite, &mallory_holon).unwrap();
        let t = suite.treasury().unwrap();
        assert_eq!(
            t.held.u128(),
            books_before.held.u128() + round * 1_000_000_000
        );
        assert_eq!(
            suite.native_balance(&alpha.distributor),
            bank_before + round * 1_000_000_000
        );
        assert_eq!(holdings(&suite, &mallory_holon), 0);
        suite.assert_invariants();
    }
    // Every token is redeemable: the members and Mallory redeem all they hold.
    for who in MEMBERS.iter().chain(&["mallory"]) {
        let all = suite.balance(who);
        suite.redeem(who, all).unwrap();
    }
    let t = suite.treasury().unwrap();
    assert_eq!(
        (t.outstanding, t.allocated),
        (Uint128::zero(), Uint128::zero())
    );
    assert_eq!(t.held.u128(), suite.native_balance(&alpha.distributor));
    suite.assert_invariants();
}

/// From the same review: a token that names a holon but is minted by someone else is not
/// that holon's token, and is not accepted.
#[test]
fn a_foreign_token_minted_by_someone_else_is_refused() {
    let mut suite = SuiteBuilder::holon_alpha().build();
    let fake = suite
        .deploy_hostile_holon("Holon Mallory", "MFLOW", Some("stranger"), 0)
        .unwrap();
    assert_error(
        accept(&mut suite, &fake),
        distributor::ContractError::MinterMismatch {
            token: fake.token.to_string(),
            distributor: fake.distributor.to_string(),
        },
    );
}

/// Finding 4 (medium): a bulk claim looked at 12 cycles from the member's cursor and, when
/// none owed anything, refused with `NothingToClaim`, which undid the cursor's move: a member
/// quiet for 12 cycles could never bulk-claim again. It always makes progress now.
#[test]
fn finding_4_a_quiet_member_can_always_bulk_claim() {
    let (mut suite, n) = alpha_with_needs(SuiteBuilder::holon_alpha());
    for _ in 1..=13 {
        suite.fund("funder", 1_000_000).unwrap();
        suite
            .contribute("jordan", n.garden, "1", "0", "alex")
            .unwrap();
        suite.a_cycle_passes();
        suite.close_cycle().unwrap();
    }
    suite.fund("funder", 7_000_000).unwrap();
    suite
        .contribute("riley", n.childcare, "6", "0", "sam")
        .unwrap();
    suite
        .contribute("jordan", n.garden, "1", "0", "alex")
        .unwrap();
    suite.a_cycle_passes();
    suite.close_cycle().unwrap();

    // Cycles 1–12 owe Riley nothing: the claim moves on and says there is more.
    let res = suite.claim_all("riley").unwrap();
    assert_eq!(attr(&res, "amount"), Some("0"));
    assert_eq!(attr(&res, "next_cycle"), Some("13"));
    assert_eq!(attr(&res, "more"), Some("true"));
    assert_eq!(suite.balance("riley"), 0);
    // The next one finds cycle 14: 7 AFLOW × 6/7.
    let res = suite.claim_all("riley").unwrap();
    assert_eq!(attr(&res, "cycles"), Some("14"));
    assert_eq!(attr(&res, "more"), Some("false"));
    assert_eq!(suite.balance("riley"), 6_000_000);
    // Nothing is left to look at: now it is refused.
    assert_error(
        suite.claim_all("riley"),
        distributor::ContractError::NothingToClaim {
            member: suite.addr("riley").to_string(),
        },
    );
    suite.assert_invariants();
}

/// Finding 5 (low): under `need` with `fixed` scarcity, a category the policy does not list
/// took the registry's need factor as read at close, so a `SetCategory` after the cycle ended
/// changed its payouts. The factor is pinned while the cycle runs now.
#[test]
fn finding_5_a_registry_change_does_not_reweigh_a_cycle_that_ran() {
    let (mut suite, n) = alpha_with_needs(
        SuiteBuilder::holon_alpha()
            .with_category(Category {
                need_factor: dec("0.5"),
                ..category("garden")
            })
            .with_policy(Policy {
                model: Model::Need,
                scarcity: Scarcity::Fixed {
                    factors: vec![CategoryFactor {
                        category: "childcare".into(),
                        factor: dec("2"),
                    }],
                },
                ..Policy::default()
            }),
    );
    suite.fund("funder", BUDGET).unwrap();
    the_seed_month(&mut suite, &n);
    suite.a_cycle_passes();
    // After the cycle ended, before anyone closed it, governance changes the garden's factor.
    let registry = suite.holon().registry.clone();
    let set_garden = |factor: &str| reg::ExecuteMsg::SetCategory {
        category: Category {
            need_factor: dec(factor),
            ..category("garden")
        },
    };
    suite
        .execute("governance", &registry, &set_garden("3"))
        .unwrap();
    suite.close_cycle().unwrap();
    // The seed's need numbers (docs/WEIGHTING.md): garden at 0.5, as while the cycle ran.
    assert_eq!(
        everyone_claims(&mut suite, 1),
        vec![
            476_190_476,
            595_238_095,
            238_095_238,
            3_571_428_571,
            119_047_619
        ]
    );
    // From the next cycle on, the garden weighs 3.
    suite.fund("funder", 4_000_000).unwrap();
    suite
        .contribute("jordan", n.garden, "1", "0", "alex")
        .unwrap();
    suite
        .contribute("alex", n.bread, "1", "0", "jordan")
        .unwrap();
    suite.a_cycle_passes();
    suite.close_cycle().unwrap();
    assert_eq!(everyone_claims(&mut suite, 2)[..2], [1_000_000, 3_000_000]);
    suite.assert_invariants();
}

/// Finding 6 (low): the attestation contract counted the per-cycle cap in the cycle an
/// attestation was made in, the distributor credited the cycle it was recorded in: 40 h at
/// the end of cycle 1 and 40 h in cycle 2, both co-signed in cycle 2, were credited 80 h in
/// cycle 2 against a cap of 40. The cap holds where the credit lands now.
#[test]
fn finding_6_the_cycle_cap_holds_where_the_credit_lands() {
    let (mut suite, n) = alpha_with_needs(SuiteBuilder::holon_alpha().with_attestation_policy(
        AttestationPolicy {
            max_hours_per_attestation: dec("40"),
            max_hours_per_cycle: dec("40"),
            ..AttestationPolicy::default()
        },
    ));
    suite.fund("funder", BUDGET).unwrap();
    let late = suite
        .attest("alex", n.bread, "40", "0", Some("jordan"))
        .unwrap();
    suite.a_cycle_passes();
    suite.close_cycle().unwrap();
    let now = suite
        .attest("alex", n.bread, "40", "0", Some("jordan"))
        .unwrap();
    suite.cosign("jordan", now).unwrap();
    assert_error(
        suite.cosign("jordan", late),
        attestation::ContractError::CreditOverCycleCap {
            cycle: 2,
            counted: dec("40"),
            credit: dec("40"),
            max: dec("40"),
        },
    );
    assert_eq!(suite.preview("alex").unwrap().hours, dec("40"));
    suite.a_cycle_passes();
    suite.close_cycle().unwrap();
    assert_eq!(suite.explain(2, "alex").unwrap().weight, dec("40"));
    // In cycle 3 it lands, and counts there.
    suite.cosign("jordan", late).unwrap();
    assert_eq!(suite.preview("alex").unwrap().hours, dec("40"));
    assert_error(
        suite.attest("alex", n.bread, "1", "0", Some("jordan")),
        attestation::ContractError::CreditOverCycleCap {
            cycle: 3,
            counted: dec("40"),
            credit: dec("1"),
            max: dec("40"),
        },
    );
}

/// Finding 7 (low): a holder's plain cw20 `burn` lowered the supply without telling the
/// treasury: `outstanding` stayed above the supply, and the backing of the burnt tokens could
/// neither be redeemed nor return to the pool. Only the holon burns its token now; a holder
/// gifts to the pool instead.
#[test]
fn finding_7_a_holder_cannot_burn_the_backing_away() {
    let (mut suite, n) = alpha_with_needs(SuiteBuilder::holon_alpha());
    suite.fund("funder", BUDGET).unwrap();
    the_seed_month(&mut suite, &n);
    suite.a_cycle_passes();
    suite.close_cycle().unwrap();
    everyone_claims(&mut suite, 1);
    let token = suite.holon().token.clone();
    let holon = suite.holon().distributor.to_string();
    let burn = cw20::Cw20ExecuteMsg::Burn {
        amount: Uint128::new(100_000_000),
    };
    assert_error(
        suite.execute("alex", &token, &burn),
        flow_token::ContractError::BurnReserved {
            holon: holon.clone(),
        },
    );
    suite
        .execute(
            "alex",
            &token,
            &cw20::Cw20ExecuteMsg::IncreaseAllowance {
                spender: suite.addr("jordan").to_string(),
                amount: Uint128::new(100_000_000),
                expires: None,
            },
        )
        .unwrap();
    assert_error(
        suite.execute(
            "jordan",
            &token,
            &cw20::Cw20ExecuteMsg::BurnFrom {
                owner: suite.addr("alex").to_string(),
                amount: Uint128::new(100_000_000),
            },
        ),
        flow_token::ContractError::BurnReserved { holon },
    );
    assert_eq!(suite.total_supply(), BUDGET);
    assert_eq!(suite.treasury().unwrap().outstanding.u128(), BUDGET);
    // The way to give tokens up: a gift to the pool, whose backing funds the next cycle.
    suite.gift_to_pool("alex", 100_000_000).unwrap();
    let t = suite.treasury().unwrap();
    assert_eq!(t.outstanding.u128(), suite.total_supply());
    assert_eq!(t.unallocated.u128(), 100_000_000);
    suite.assert_invariants();
}

fn accept(suite: &mut Suite, holon: &HostileHolon) -> anyhow::Result<()> {
    let alpha = suite.holon().distributor.clone();
    suite.execute(
        "governance",
        &alpha,
        &dist::ExecuteMsg::AcceptHolon {
            distributor: holon.distributor.to_string(),
            rate: Decimal::one(),
            credit_limit: Uint128::new(1_000_000_000),
        },
    )?;
    Ok(())
}

fn settle(suite: &mut Suite, holon: &HostileHolon) -> anyhow::Result<cw_multi_test::AppResponse> {
    let alpha = suite.holon().distributor.clone();
    suite.execute(
        "governance",
        &alpha,
        &dist::ExecuteMsg::SettleForeign {
            token: holon.token.to_string(),
            amount: None,
        },
    )
}

fn holdings(suite: &Suite, holon: &HostileHolon) -> u128 {
    let r: dist::AcceptedHolonResponse = suite
        .query(
            &suite.holon().distributor,
            &dist::QueryMsg::AcceptedHolon {
                token: holon.token.to_string(),
            },
        )
        .unwrap();
    r.holon.holdings.u128()
}
