//! Attest and withdraw: who may attest what, the credit, the caps.

use cosmwasm_std::{coins, Decimal, StdError};
use cw_utils::PaymentError;
use flow_types::attestation::{
    AttestationPolicy, AttestationStatus, AttestationsResponse, ExecuteMsg, MemberCycleResponse,
    NeedProgressResponse, QueryMsg, MAX_DESCRIPTION_LEN, MAX_EVIDENCE_LEN,
};
use flow_types::distributor::Contribution;
use flow_types::registry::NeedStatus;
use flow_types::validate::ValidationError;

use super::suite::{addr, attest_msg, attr, dec, recorded, Suite};
use crate::ContractError;

fn capped(per_attestation: &str, per_cycle: &str) -> Suite {
    let mut s = Suite::with_policy(AttestationPolicy {
        max_hours_per_attestation: dec(per_attestation),
        max_hours_per_cycle: dec(per_cycle),
        ..AttestationPolicy::default()
    });
    s.add_need(1, "garden");
    s
}

fn member_cycle(s: &Suite, who: &str, cycle: u64) -> Decimal {
    s.q::<MemberCycleResponse>(QueryMsg::MemberCycle {
        member: addr(who).to_string(),
        cycle,
    })
    .credit
}

#[test]
fn units_are_credited_at_the_needs_unit_credit_floored_to_18_decimals() {
    let mut s = Suite::new();
    // 0.1 hour per lb of flour; the need builds capacity and has impact 1.5.
    s.add_need_with(7, "food", dec("1.5"), dec("0.1"), true);

    let res = s
        .attest("alex", 7, "2", "3.333333333333333333", Some("jordan"))
        .unwrap();
    // 3.333333333333333333 × 0.1 = 0.3333333333333333333 → floor18 → 0.333333333333333333
    assert_eq!(attr(&res, "credit"), Some("2.333333333333333333"));
    // Governance changes the need afterwards: the attestation keeps its snapshot.
    s.add_need_with(7, "food", dec("3"), dec("1"), false);

    let res = s.cosign("jordan", 1).unwrap();
    assert_eq!(
        recorded(&res, &s.distributor),
        vec![Contribution {
            attestation_id: 1,
            contributor: addr("alex").to_string(),
            category: "food".into(),
            hours: dec("2"),
            credit: dec("2.333333333333333333"),
            impact: dec("1.5"),
            capacity_building: true,
        }]
    );

    // Units alone: 80 lb × 0.1 = 8 hour-equivalents, which count toward the cycle cap.
    s.add_need_with(8, "food", Decimal::one(), dec("0.1"), false);
    s.attest("casey", 8, "0", "80", None).unwrap();
    let att = s.att(2);
    assert_eq!(
        (att.hours, att.units, att.credit),
        (dec("0"), dec("80"), dec("8"))
    );
    assert_eq!(member_cycle(&s, "casey", 1), dec("8"));
    let res = s.cosign("riley", 2).unwrap();
    assert_eq!(recorded(&res, &s.distributor)[0].credit, dec("8"));
}

#[test]
fn an_attestation_needs_hours_or_credited_units() {
    let mut s = Suite::new();
    s.add_need(1, "food");
    s.fails(
        "alex",
        attest_msg(1, "0", "0", None),
        ContractError::NoHours,
    );
    // 80 loaves on a need with unit credit 0 and no hours: b = 0.
    s.fails(
        "alex",
        attest_msg(1, "0", "80", None),
        ContractError::NoCredit,
    );
    // With hours, the loaves are kept (progress) but credit nothing.
    s.attest("alex", 1, "16", "80", None).unwrap();
    assert_eq!(s.att(1).credit, dec("16"));
}

#[test]
fn only_members_attest() {
    let mut s = Suite::new();
    s.add_need(1, "garden");
    s.fails(
        "stranger",
        attest_msg(1, "4", "0", None),
        ContractError::NotAMember {
            address: addr("stranger"),
        },
    );
    // Weight 0 is not membership.
    s.set_weight("alex", Some(0));
    s.fails(
        "alex",
        attest_msg(1, "4", "0", None),
        ContractError::NotAMember {
            address: addr("alex"),
        },
    );
}

#[test]
fn only_open_needs_take_attestations() {
    let mut s = Suite::new();
    s.add_need(1, "garden");
    s.set_need_status(1, NeedStatus::Closed);
    s.fails(
        "alex",
        attest_msg(1, "4", "0", None),
        ContractError::NeedNotOpen { need_id: 1 },
    );
    s.set_need_status(1, NeedStatus::Fulfilled);
    s.fails(
        "alex",
        attest_msg(1, "4", "0", None),
        ContractError::NeedNotOpen { need_id: 1 },
    );
    // An unknown need: the raw read of the registry's needs finds nothing.
    let before = s.dump();
    let err = s.attest("alex", 99, "4", "0", None).unwrap_err();
    assert_eq!(err, ContractError::NeedNotFound { need_id: 99 });
    assert_eq!(err.to_string(), "need 99 not found");
    assert!(s.dump() == before);
    s.set_need_status(1, NeedStatus::Open);
    s.attest("alex", 1, "4", "0", None).unwrap();
}

#[test]
fn hours_are_capped_per_attestation() {
    let mut s = capped("10", "744");
    s.fails(
        "alex",
        attest_msg(1, "10.5", "0", None),
        ContractError::HoursOverAttestationCap {
            hours: dec("10.5"),
            max: dec("10"),
        },
    );
    s.attest("alex", 1, "10", "0", None).unwrap();
}

/// Audit finding 1: the caps bound hour-equivalents b = h + u × unit credit, not hours.
/// With caps of 8 and 40 and bread at 0.25 h a loaf, 100,000 loaves and no hours was paid
/// 99.9% of a cycle; now it is refused, and a member's credit in a cycle stays ≤ 40.
#[test]
fn units_cannot_pass_the_hour_caps() {
    let mut s = capped("8", "40");
    s.add_need_with(2, "food", Decimal::one(), dec("0.25"), false);
    let before = s.dump();
    s.fails(
        "alex",
        attest_msg(2, "0", "100000", Some("jordan")),
        ContractError::CreditOverAttestationCap {
            hours: dec("0"),
            units: dec("100000"),
            unit_credit: dec("0.25"),
            max: dec("8"),
        },
    );
    assert!(s.dump() == before);
    // Hours and units together: 6 h + 9 loaves = 8.25 hour-equivalents.
    let err = s.attest("alex", 2, "6", "9", None).unwrap_err();
    assert_eq!(
        err.to_string(),
        "6 hours + 9 units × 0.25 is more hour-equivalents than one attestation may credit: at most 8"
    );
    // 32 loaves are 8 hour-equivalents: five of those are 40, the sixth is over the cycle cap.
    for _ in 0..5 {
        s.attest("alex", 2, "0", "32", Some("jordan")).unwrap();
    }
    assert_eq!(member_cycle(&s, "alex", 1), dec("40"));
    s.fails(
        "alex",
        attest_msg(2, "0", "4", None),
        ContractError::CreditOverCycleCap {
            cycle: 1,
            counted: dec("40"),
            credit: dec("1"),
            max: dec("40"),
        },
    );
}

/// Audit finding 2: 2·10²⁰ units (at 100 hour-equivalents each) fitted a `Decimal` and their
/// sum overflowed at close. Units are bounded per attestation now, also where they credit
/// nothing (they add up in the need's progress), and the largest credit units can buy is over
/// the cap with the cap's error, not an overflow.
#[test]
fn units_are_bounded_and_a_large_credit_is_over_the_cap() {
    let mut s = Suite::new();
    s.add_need_with(3, "food", Decimal::one(), dec("100"), false);
    s.add_need_with(4, "food", Decimal::one(), Decimal::zero(), false);
    let out_of_range = |units: &str| {
        ContractError::Validation(ValidationError::OutOfRange {
            field: "units".into(),
            value: units.into(),
            min: "0".into(),
            max: "1000000000".into(),
        })
    };
    for need in [3, 4] {
        s.fails(
            "alex",
            attest_msg(need, "1", "200000000000000000000", None),
            out_of_range("200000000000000000000"),
        );
        s.fails(
            "alex",
            attest_msg(need, "1", "1000000000.000000000000000001", None),
            out_of_range("1000000000.000000000000000001"),
        );
    }
    s.fails(
        "alex",
        attest_msg(3, "0", "1000000000", None),
        ContractError::CreditOverAttestationCap {
            hours: dec("0"),
            units: dec("1000000000"),
            unit_credit: dec("100"),
            max: dec("744"),
        },
    );
    // A billion units that credit nothing are fine, and so is their progress.
    let res = s
        .attest("alex", 4, "1", "1000000000", Some("jordan"))
        .unwrap();
    let id: u64 = attr(&res, "attestation_id").unwrap().parse().unwrap();
    s.cosign("jordan", id).unwrap();
    let progress: NeedProgressResponse = s.q(QueryMsg::NeedProgress { need_id: 4 });
    assert_eq!(progress.units, dec("1000000000"));
}

#[test]
fn hours_are_capped_per_cycle_and_the_cap_starts_again_next_cycle() {
    let mut s = capped("744", "20");
    s.attest("alex", 1, "12", "0", None).unwrap();
    s.fails(
        "alex",
        attest_msg(1, "9", "0", None),
        ContractError::CreditOverCycleCap {
            cycle: 1,
            counted: dec("12"),
            credit: dec("9"),
            max: dec("20"),
        },
    );
    s.attest("alex", 1, "8", "0", None).unwrap();
    assert_eq!(member_cycle(&s, "alex", 1), dec("20"));
    // Another member has their own cap.
    s.attest("jordan", 1, "20", "0", None).unwrap();

    s.advance(super::suite::CYCLE);
    s.attest("alex", 1, "20", "0", None).unwrap();
    assert_eq!(s.att(4).cycle, 2);
    assert_eq!(member_cycle(&s, "alex", 2), dec("20"));
    assert_eq!(member_cycle(&s, "alex", 1), dec("20"));
}

/// Audit finding 6: the cap holds in the cycle where the credit lands. 40 h attested at the
/// end of cycle 1 and 40 h in cycle 2, both co-signed in cycle 2, were credited 80 h in cycle
/// 2 against a cap of 40. Now the late one is refused in cycle 2 (nothing changes) and lands
/// in cycle 3.
#[test]
fn the_cycle_cap_holds_where_the_credit_lands() {
    let mut s = capped("40", "40");
    let late = s.attest_ok("alex", 1, "40", Some("jordan"));
    s.advance(super::suite::CYCLE);
    let now = s.attest_ok("alex", 1, "40", Some("jordan"));
    assert_eq!(member_cycle(&s, "alex", 1), dec("40"));
    assert_eq!(member_cycle(&s, "alex", 2), dec("40"));
    s.cosign("jordan", now).unwrap();
    let before = s.dump();
    s.fails(
        "jordan",
        ExecuteMsg::Cosign { id: late },
        ContractError::CreditOverCycleCap {
            cycle: 2,
            counted: dec("40"),
            credit: dec("40"),
            max: dec("40"),
        },
    );
    assert!(s.dump() == before);
    assert_eq!(s.att(late).status, AttestationStatus::Pending);

    s.advance(super::suite::CYCLE);
    let res = s.cosign("jordan", late).unwrap();
    assert_eq!(recorded(&res, &s.distributor)[0].credit, dec("40"));
    // The credit moved from cycle 1, where it was attested, to cycle 3, where it landed.
    assert_eq!(member_cycle(&s, "alex", 1), Decimal::zero());
    assert_eq!(member_cycle(&s, "alex", 3), dec("40"));
    s.fails(
        "alex",
        attest_msg(1, "0.5", "0", None),
        ContractError::CreditOverCycleCap {
            cycle: 3,
            counted: dec("40"),
            credit: dec("0.5"),
            max: dec("40"),
        },
    );
}

/// Audit finding 6, stored up: attestations kept in their challenge window over several
/// cycles (they never expire there) cannot be finalized together past the cap.
#[test]
fn stored_up_attestations_cannot_land_together_past_the_cap() {
    let mut s = Suite::with_policy(AttestationPolicy {
        max_hours_per_attestation: dec("40"),
        max_hours_per_cycle: dec("40"),
        challenge_seconds: 60,
        ..AttestationPolicy::default()
    });
    s.add_need(1, "garden");
    let mut stored = vec![];
    for _ in 0..3 {
        let id = s.attest_ok("alex", 1, "40", Some("jordan"));
        s.cosign("jordan", id).unwrap();
        assert_eq!(s.att(id).status, AttestationStatus::Challenge);
        stored.push(id);
        s.advance(super::suite::CYCLE);
    }
    // Cycle 4: the first lands, the other two are refused until later cycles.
    let res = s.finalize("casey", stored[0]).unwrap();
    assert_eq!(recorded(&res, &s.distributor)[0].credit, dec("40"));
    for id in &stored[1..] {
        assert_eq!(
            s.finalize("casey", *id).unwrap_err(),
            ContractError::CreditOverCycleCap {
                cycle: 4,
                counted: dec("40"),
                credit: dec("40"),
                max: dec("40"),
            }
        );
    }
    s.advance(super::suite::CYCLE);
    s.finalize("casey", stored[1]).unwrap();
    assert_eq!(member_cycle(&s, "alex", 5), dec("40"));
}

#[test]
fn withdraw_gives_the_hours_back() {
    let mut s = capped("744", "20");
    let id = s.attest_ok("alex", 1, "20", Some("jordan"));
    s.fails(
        "alex",
        attest_msg(1, "1", "0", None),
        ContractError::CreditOverCycleCap {
            cycle: 1,
            counted: dec("20"),
            credit: dec("1"),
            max: dec("20"),
        },
    );
    // Only the attester withdraws.
    s.fails(
        "jordan",
        ExecuteMsg::Withdraw { id },
        ContractError::NotTheAttester,
    );

    let res = s.exec("alex", ExecuteMsg::Withdraw { id }).unwrap();
    assert_eq!(attr(&res, "action"), Some("withdraw"));
    assert_eq!(s.att(id).status, AttestationStatus::Withdrawn);
    assert_eq!(member_cycle(&s, "alex", 1), Decimal::zero());
    // No longer waiting for Jordan, and listed as withdrawn.
    let waiting: AttestationsResponse = s.q(QueryMsg::PendingCosigns {
        buddy: addr("jordan").to_string(),
        start_after: None,
        limit: None,
    });
    assert!(waiting.attestations.is_empty());
    let withdrawn: AttestationsResponse = s.q(QueryMsg::ByStatus {
        status: AttestationStatus::Withdrawn,
        start_after: None,
        limit: None,
    });
    assert_eq!(withdrawn.attestations.len(), 1);

    // Twice: wrong status; and a withdrawn attestation cannot be co-signed.
    let wrong = |expected: &str| ContractError::WrongStatus {
        id,
        status: "withdrawn".into(),
        expected: expected.into(),
    };
    s.fails("alex", ExecuteMsg::Withdraw { id }, wrong("pending"));
    s.fails("jordan", ExecuteMsg::Cosign { id }, wrong("pending"));

    s.attest("alex", 1, "20", "0", None).unwrap();
}

#[test]
fn a_final_attestation_cannot_be_withdrawn() {
    let mut s = Suite::new();
    s.add_need(1, "garden");
    let id = s.attest_ok("alex", 1, "3", None);
    s.cosign("jordan", id).unwrap();
    s.fails(
        "alex",
        ExecuteMsg::Withdraw { id },
        ContractError::WrongStatus {
            id,
            status: "final".into(),
            expected: "pending".into(),
        },
    );
    s.fails(
        "alex",
        ExecuteMsg::Withdraw { id: 9 },
        ContractError::AttestationNotFound { id: 9 },
    );
}

#[test]
fn the_buddy_is_another_member() {
    let mut s = Suite::new();
    s.add_need(1, "garden");
    s.fails(
        "alex",
        attest_msg(1, "4", "0", Some("alex")),
        ContractError::SelfCosign,
    );
    s.fails(
        "alex",
        attest_msg(1, "4", "0", Some("stranger")),
        ContractError::NotAMember {
            address: addr("stranger"),
        },
    );
    let before = s.dump();
    let mut msg = attest_msg(1, "4", "0", None);
    if let ExecuteMsg::Attest { buddy, .. } = &mut msg {
        *buddy = Some("not-an-address".into());
    }
    assert!(matches!(
        s.exec("alex", msg),
        Err(ContractError::Std(StdError::GenericErr { .. }))
    ));
    assert!(s.dump() == before);
}

#[test]
fn texts_are_bounded() {
    let mut s = Suite::new();
    s.add_need(1, "garden");
    let with = |description: String, evidence: Option<String>| ExecuteMsg::Attest {
        need_id: 1,
        hours: dec("1"),
        units: Decimal::zero(),
        description,
        evidence,
        buddy: None,
    };
    s.fails(
        "alex",
        with(" ".into(), None),
        ContractError::Validation(ValidationError::Empty {
            field: "description".into(),
        }),
    );
    s.fails(
        "alex",
        with("x".repeat(MAX_DESCRIPTION_LEN + 1), None),
        ContractError::Validation(ValidationError::TooLong {
            field: "description".into(),
            len: MAX_DESCRIPTION_LEN + 1,
            max: MAX_DESCRIPTION_LEN,
        }),
    );
    s.fails(
        "alex",
        with("weeding".into(), Some("e".repeat(MAX_EVIDENCE_LEN + 1))),
        ContractError::Validation(ValidationError::TooLong {
            field: "evidence".into(),
            len: MAX_EVIDENCE_LEN + 1,
            max: MAX_EVIDENCE_LEN,
        }),
    );
    // A blank evidence is no evidence; a real one is kept.
    s.exec("alex", with("weeding".into(), Some("  ".into())))
        .unwrap();
    assert_eq!(s.att(1).evidence, None);
    s.exec(
        "alex",
        with("x".repeat(MAX_DESCRIPTION_LEN), Some("ipfs://photo".into())),
    )
    .unwrap();
    assert_eq!(s.att(2).evidence.as_deref(), Some("ipfs://photo"));
}

#[test]
fn no_execute_takes_funds() {
    let mut s = Suite::new();
    s.add_need(1, "garden");
    let funds = coins(5, "ucredit");
    let nonpayable = || ContractError::Payment(PaymentError::NonPayable {});
    s.fails_with_funds("alex", attest_msg(1, "4", "0", None), &funds, nonpayable());
    let id = s.attest_ok("alex", 1, "4", None);
    for (who, msg) in [
        ("jordan", ExecuteMsg::Cosign { id }),
        (
            "jordan",
            ExecuteMsg::Reject {
                id,
                reason: "no".into(),
            },
        ),
        ("alex", ExecuteMsg::Withdraw { id }),
        (
            "jordan",
            ExecuteMsg::Dispute {
                id,
                reason: "no".into(),
            },
        ),
        ("gov", ExecuteMsg::ResolveDispute { id, uphold: true }),
        ("jordan", ExecuteMsg::Finalize { id }),
        (
            "gov",
            ExecuteMsg::SetPolicy {
                policy: AttestationPolicy::default(),
            },
        ),
    ] {
        s.fails_with_funds(who, msg, &funds, nonpayable());
    }
    assert_eq!(s.att(id).status, AttestationStatus::Pending);
}
