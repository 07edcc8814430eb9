//! The challenge window: finalize, dispute, governance's resolution.

use cosmwasm_std::Decimal;
use cw_ownable::OwnershipError;
use flow_types::attestation::{
    AttestationPolicy, AttestationStatus, ExecuteMsg, MemberCycleResponse, QueryMsg,
};
use flow_types::distributor::Contribution;

use super::suite::{addr, attr, dec, recorded, Suite};
use crate::ContractError;

const DAY: u64 = 86_400;

/// Alex attests 6 hours, Jordan co-signs: in the challenge window.
fn in_window() -> (Suite, u64) {
    let mut s = Suite::with_policy(AttestationPolicy {
        challenge_seconds: DAY,
        max_hours_per_cycle: dec("6"),
        ..AttestationPolicy::default()
    });
    s.add_need(1, "childcare");
    let id = s.attest_ok("alex", 1, "6", Some("jordan"));
    let res = s.cosign("jordan", id).unwrap();
    assert!(
        res.messages.is_empty(),
        "nothing recorded before the window passes"
    );
    assert_eq!(attr(&res, "status"), Some("challenge"));
    (s, id)
}

fn wrong(id: u64, status: &str, expected: &str) -> ContractError {
    ContractError::WrongStatus {
        id,
        status: status.into(),
        expected: expected.into(),
    }
}

fn alex_cycle_hours(s: &Suite) -> Decimal {
    s.q::<MemberCycleResponse>(QueryMsg::MemberCycle {
        member: addr("alex").to_string(),
        cycle: 1,
    })
    .credit
}

#[test]
fn finalize_too_early_on_time_and_twice() {
    let (mut s, id) = in_window();
    let cosigned = s.env.block.time;
    assert_eq!(s.att(id).status, AttestationStatus::Challenge);
    assert_eq!(s.att(id).cosigned_at, Some(cosigned));

    s.advance(DAY - 1);
    s.fails(
        "sam",
        ExecuteMsg::Finalize { id },
        ContractError::ChallengeWindowOpen {
            ends: cosigned.plus_seconds(DAY),
        },
    );

    s.advance(1);
    let res = s.finalize("sam", id).unwrap();
    assert_eq!(attr(&res, "action"), Some("finalize"));
    assert_eq!(
        recorded(&res, &s.distributor),
        vec![Contribution {
            attestation_id: id,
            contributor: addr("alex").to_string(),
            category: "childcare".into(),
            hours: dec("6"),
            credit: dec("6"),
            impact: Decimal::one(),
            capacity_building: false,
        }]
    );
    let att = s.att(id);
    assert_eq!(att.status, AttestationStatus::Final);
    assert_eq!(att.finalized_at, Some(s.env.block.time));

    s.fails(
        "sam",
        ExecuteMsg::Finalize { id },
        wrong(id, "final", "challenge"),
    );
    s.fails(
        "sam",
        ExecuteMsg::Dispute {
            id,
            reason: "late".into(),
        },
        wrong(id, "final", "challenge"),
    );
}

#[test]
fn a_pending_attestation_cannot_be_finalized_or_disputed() {
    let mut s = Suite::new();
    s.add_need(1, "garden");
    let id = s.attest_ok("alex", 1, "2", None);
    s.fails(
        "sam",
        ExecuteMsg::Finalize { id },
        wrong(id, "pending", "challenge"),
    );
    s.fails(
        "sam",
        ExecuteMsg::Dispute {
            id,
            reason: "x".into(),
        },
        wrong(id, "pending", "challenge"),
    );
}

#[test]
fn a_dispute_upheld_rejects_and_gives_the_hours_back() {
    let (mut s, id) = in_window();
    let dispute = ExecuteMsg::Dispute {
        id,
        reason: "Alex was away that week".into(),
    };
    s.fails("alex", dispute.clone(), ContractError::SelfDispute);
    s.fails(
        "stranger",
        dispute.clone(),
        ContractError::NotAMember {
            address: addr("stranger"),
        },
    );
    s.advance(DAY - 1);
    let res = s.exec("sam", dispute.clone()).unwrap();
    assert_eq!(attr(&res, "disputed_by"), Some(addr("sam").as_str()));
    let att = s.att(id);
    assert_eq!(att.status, AttestationStatus::Disputed);
    assert_eq!(att.disputed_by, Some(addr("sam")));
    assert_eq!(att.reason.as_deref(), Some("Alex was away that week"));

    // Disputed: no finalize, no second dispute, only governance resolves.
    s.advance(DAY);
    s.fails(
        "sam",
        ExecuteMsg::Finalize { id },
        wrong(id, "disputed", "challenge"),
    );
    s.fails("casey", dispute, wrong(id, "disputed", "challenge"));
    let resolve = |uphold| ExecuteMsg::ResolveDispute { id, uphold };
    s.fails(
        "sam",
        resolve(true),
        ContractError::Ownership(OwnershipError::NotOwner),
    );

    assert_eq!(alex_cycle_hours(&s), dec("6"));
    let res = s.exec("gov", resolve(true)).unwrap();
    assert!(res.messages.is_empty());
    assert_eq!(attr(&res, "status"), Some("rejected"));
    assert_eq!(s.att(id).status, AttestationStatus::Rejected);
    assert!(alex_cycle_hours(&s).is_zero());

    s.fails("gov", resolve(false), wrong(id, "rejected", "disputed"));
}

#[test]
fn a_dispute_not_upheld_records_once() {
    let (mut s, id) = in_window();
    // A co-signer may dispute too.
    s.exec(
        "jordan",
        ExecuteMsg::Dispute {
            id,
            reason: "wrong hours?".into(),
        },
    )
    .unwrap();
    let res = s
        .exec("gov", ExecuteMsg::ResolveDispute { id, uphold: false })
        .unwrap();
    assert_eq!(attr(&res, "status"), Some("final"));
    let recs = recorded(&res, &s.distributor);
    assert_eq!(recs.len(), 1);
    assert_eq!((recs[0].attestation_id, recs[0].credit), (id, dec("6")));
    assert_eq!(s.att(id).status, AttestationStatus::Final);
    assert_eq!(alex_cycle_hours(&s), dec("6"));

    s.fails(
        "gov",
        ExecuteMsg::ResolveDispute { id, uphold: false },
        wrong(id, "final", "disputed"),
    );
    s.advance(DAY);
    s.fails(
        "sam",
        ExecuteMsg::Finalize { id },
        wrong(id, "final", "challenge"),
    );
}

#[test]
fn disputes_close_with_the_window() {
    let (mut s, id) = in_window();
    s.advance(DAY);
    s.fails(
        "sam",
        ExecuteMsg::Dispute {
            id,
            reason: "too late".into(),
        },
        ContractError::ChallengeWindowClosed,
    );
    s.finalize("alex", id).unwrap();
}
