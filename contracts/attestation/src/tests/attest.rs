//! Attest and withdraw: who may attest what, the credit, the caps.

use cosmwasm_std::{coins, Decimal, StdError};
use cw_utils::PaymentError;
use flow_types::attestation::{
    AttestationPolicy, AttestationStatus, AttestationsResponse, ExecuteMsg, MemberCycleResponse,
    QueryMsg, MAX_DESCRIPTION_LEN, MAX_EVIDENCE_LEN,
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
    .hours
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

    // Units alone: 80 lb × 0.1 = 8 hour-equivalents, and no hours toward the cycle cap.
    s.add_need_with(8, "food", Decimal::one(), dec("0.1"), false);
    s.attest("casey", 8, "0", "80", None).unwrap();
    let att = s.att(2);
    assert_eq!(
        (att.hours, att.units, att.credit),
        (dec("0"), dec("80"), dec("8"))
    );
    assert_eq!(member_cycle(&s, "casey", 1), Decimal::zero());
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
    let before = s.deps.storage.dump();
    let err = s.attest("alex", 99, "4", "0", None).unwrap_err();
    assert_eq!(err, ContractError::NeedNotFound { need_id: 99 });
    assert_eq!(err.to_string(), "need 99 not found");
    assert!(s.deps.storage.dump() == before);
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

#[test]
fn hours_are_capped_per_cycle_and_the_cap_starts_again_next_cycle() {
    let mut s = capped("744", "20");
    s.attest("alex", 1, "12", "0", None).unwrap();
    s.fails(
        "alex",
        attest_msg(1, "9", "0", None),
        ContractError::HoursOverCycleCap {
            attested: dec("12"),
            requested: dec("9"),
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

#[test]
fn withdraw_gives_the_hours_back() {
    let mut s = capped("744", "20");
    let id = s.attest_ok("alex", 1, "20", Some("jordan"));
    s.fails(
        "alex",
        attest_msg(1, "1", "0", None),
        ContractError::HoursOverCycleCap {
            attested: dec("20"),
            requested: dec("1"),
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
    let before = s.deps.storage.dump();
    let mut msg = attest_msg(1, "4", "0", None);
    if let ExecuteMsg::Attest { buddy, .. } = &mut msg {
        *buddy = Some("not-an-address".into());
    }
    assert!(matches!(
        s.exec("alex", msg),
        Err(ContractError::Std(StdError::GenericErr { .. }))
    ));
    assert!(s.deps.storage.dump() == before);
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
