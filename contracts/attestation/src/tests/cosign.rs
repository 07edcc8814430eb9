//! Co-signing, rejecting, expiry and the anti-collusion limits.

use flow_types::attestation::{
    AttestationPolicy, AttestationStatus, AttestationsResponse, ExecuteMsg, MemberCycleResponse,
    QueryMsg, ReciprocalPair, ReciprocalPairsResponse,
};
use flow_types::validate::ValidationError;

use super::suite::{addr, attr, dec, recorded, Suite, CYCLE};
use crate::ContractError;

fn suite(policy: AttestationPolicy) -> Suite {
    let mut s = Suite::with_policy(policy);
    s.add_need(1, "garden");
    s
}

fn reciprocal(s: &Suite, cycle: u64) -> ReciprocalPairsResponse {
    s.q(QueryMsg::ReciprocalPairs {
        cycle,
        start_after: None,
        limit: None,
    })
}

#[test]
fn an_attester_cannot_cosign_their_own() {
    let mut s = suite(AttestationPolicy::default());
    let id = s.attest_ok("alex", 1, "4", None);
    s.fails("alex", ExecuteMsg::Cosign { id }, ContractError::SelfCosign);
    assert_eq!(s.att(id).status, AttestationStatus::Pending);
}

#[test]
fn only_members_cosign() {
    let mut s = suite(AttestationPolicy::default());
    let id = s.attest_ok("alex", 1, "4", None);
    s.fails(
        "stranger",
        ExecuteMsg::Cosign { id },
        ContractError::NotAMember {
            address: addr("stranger"),
        },
    );
    // A buddy who left the group can no longer co-sign.
    let id = s.attest_ok("alex", 1, "4", Some("jordan"));
    s.set_weight("jordan", None);
    s.fails(
        "jordan",
        ExecuteMsg::Cosign { id },
        ContractError::NotAMember {
            address: addr("jordan"),
        },
    );
}

#[test]
fn the_named_buddy_cosigns() {
    let mut s = suite(AttestationPolicy::default());
    let id = s.attest_ok("alex", 1, "4", Some("jordan"));
    s.fails(
        "casey",
        ExecuteMsg::Cosign { id },
        ContractError::NotTheBuddy {
            buddy: addr("jordan"),
        },
    );
    let res = s.cosign("jordan", id).unwrap();
    assert_eq!(recorded(&res, &s.distributor).len(), 1);
    assert_eq!(attr(&res, "cosigner"), Some(addr("jordan").as_str()));
}

#[test]
fn without_a_buddy_any_member_cosigns() {
    let mut s = suite(AttestationPolicy::default());
    let id = s.attest_ok("alex", 1, "4", None);
    let res = s.cosign("sam", id).unwrap();
    assert_eq!(recorded(&res, &s.distributor)[0].attestation_id, id);
}

#[test]
fn more_cosigns_the_buddy_first_then_any_member_once_each() {
    let mut s = suite(AttestationPolicy {
        cosigns_required: 2,
        ..AttestationPolicy::default()
    });
    let id = s.attest_ok("alex", 1, "4", Some("jordan"));
    s.fails(
        "casey",
        ExecuteMsg::Cosign { id },
        ContractError::NotTheBuddy {
            buddy: addr("jordan"),
        },
    );
    let res = s.cosign("jordan", id).unwrap();
    assert!(res.messages.is_empty());
    assert_eq!(attr(&res, "status"), Some("pending"));
    assert_eq!(attr(&res, "cosigns"), Some("1"));
    // Still pending, but no longer waiting for the buddy.
    assert_eq!(s.att(id).status, AttestationStatus::Pending);
    let waiting: AttestationsResponse = s.q(QueryMsg::PendingCosigns {
        buddy: addr("jordan").to_string(),
        start_after: None,
        limit: None,
    });
    assert!(waiting.attestations.is_empty());

    s.fails(
        "jordan",
        ExecuteMsg::Cosign { id },
        ContractError::AlreadyCosigned,
    );
    s.fails("alex", ExecuteMsg::Cosign { id }, ContractError::SelfCosign);

    let res = s.cosign("casey", id).unwrap();
    let recs = recorded(&res, &s.distributor);
    assert_eq!(recs.len(), 1);
    let att = s.att(id);
    assert_eq!(att.status, AttestationStatus::Final);
    assert_eq!(att.cosigners, vec![addr("jordan"), addr("casey")]);
    assert_eq!(att.cosigned_at, Some(s.env.block.time));
    s.fails(
        "riley",
        ExecuteMsg::Cosign { id },
        ContractError::WrongStatus {
            id,
            status: "final".into(),
            expected: "pending".into(),
        },
    );
}

#[test]
fn a_cosigner_signs_one_attesters_work_a_limited_number_of_times_per_cycle() {
    let mut s = suite(AttestationPolicy {
        max_cosigns_per_pair_per_cycle: 2,
        ..AttestationPolicy::default()
    });
    for _ in 0..4 {
        s.attest_ok("alex", 1, "1", None);
    }
    s.cosign("jordan", 1).unwrap();
    s.cosign("jordan", 2).unwrap();
    s.fails(
        "jordan",
        ExecuteMsg::Cosign { id: 3 },
        ContractError::PairLimitReached { max: 2 },
    );
    // Another co-signer is not limited by Jordan's count.
    s.cosign("casey", 3).unwrap();
    // The next cycle starts again.
    s.advance(CYCLE);
    s.cosign("jordan", 4).unwrap();
}

#[test]
fn reciprocal_pairs_are_counted_once_per_cycle() {
    let mut s = suite(AttestationPolicy::default());
    let a1 = s.attest_ok("alex", 1, "1", None);
    let a2 = s.attest_ok("alex", 1, "1", None);
    let j1 = s.attest_ok("jordan", 1, "1", None);
    let j2 = s.attest_ok("jordan", 1, "1", None);

    let res = s.cosign("jordan", a1).unwrap();
    assert_eq!(attr(&res, "reciprocal"), None);
    assert_eq!(reciprocal(&s, 1).count, 0);

    let res = s.cosign("alex", j1).unwrap();
    assert_eq!(attr(&res, "reciprocal"), Some("true"));
    let (a, b) = if addr("alex") < addr("jordan") {
        (addr("alex"), addr("jordan"))
    } else {
        (addr("jordan"), addr("alex"))
    };
    assert_eq!(
        reciprocal(&s, 1),
        ReciprocalPairsResponse {
            cycle: 1,
            count: 1,
            pairs: vec![ReciprocalPair { a, b }],
        }
    );
    // More signing within the pair in the same cycle is the same pair.
    s.cosign("jordan", a2).unwrap();
    s.cosign("alex", j2).unwrap();
    assert_eq!(reciprocal(&s, 1).count, 1);
    assert_eq!(reciprocal(&s, 2).count, 0);
    assert!(reciprocal(&s, 2).pairs.is_empty());

    // Next cycle, a new pair of the same two members.
    s.advance(CYCLE);
    let a3 = s.attest_ok("alex", 1, "1", None);
    let j3 = s.attest_ok("jordan", 1, "1", None);
    s.cosign("alex", j3).unwrap();
    s.cosign("jordan", a3).unwrap();
    assert_eq!(reciprocal(&s, 2).count, 1);
}

#[test]
fn a_pending_attestation_expires() {
    let mut s = suite(AttestationPolicy {
        pending_expiry_seconds: 3_600,
        max_hours_per_cycle: dec("10"),
        ..AttestationPolicy::default()
    });
    let id = s.attest_ok("alex", 1, "10", Some("jordan"));
    s.advance(3_599);
    assert_eq!(s.att(id).status, AttestationStatus::Pending);
    s.advance(1);
    assert_eq!(s.att(id).status, AttestationStatus::Expired);
    // Listed among the stored pending ones, read as expired.
    let pending: AttestationsResponse = s.q(QueryMsg::ByStatus {
        status: AttestationStatus::Pending,
        start_after: None,
        limit: None,
    });
    assert_eq!(pending.attestations[0].status, AttestationStatus::Expired);

    s.fails(
        "jordan",
        ExecuteMsg::Cosign { id },
        ContractError::Expired { id },
    );
    s.fails(
        "jordan",
        ExecuteMsg::Reject {
            id,
            reason: "late".into(),
        },
        ContractError::Expired { id },
    );
    // The attester withdraws it and gets the hours back.
    s.exec("alex", ExecuteMsg::Withdraw { id }).unwrap();
    assert_eq!(s.att(id).status, AttestationStatus::Withdrawn);
    let mc: MemberCycleResponse = s.q(QueryMsg::MemberCycle {
        member: addr("alex").to_string(),
        cycle: 1,
    });
    assert!(mc.credit.is_zero());

    // Governance turns expiry off: pending ones no longer expire.
    let id = s.attest_ok("alex", 1, "1", Some("jordan"));
    s.advance(7_200);
    assert_eq!(s.att(id).status, AttestationStatus::Expired);
    s.exec(
        "gov",
        ExecuteMsg::SetPolicy {
            policy: AttestationPolicy {
                pending_expiry_seconds: 0,
                ..AttestationPolicy::default()
            },
        },
    )
    .unwrap();
    assert_eq!(s.att(id).status, AttestationStatus::Pending);
    s.cosign("jordan", id).unwrap();
}

#[test]
fn the_buddy_rejects_and_the_hours_come_back() {
    let mut s = suite(AttestationPolicy {
        max_hours_per_cycle: dec("10"),
        ..AttestationPolicy::default()
    });
    let id = s.attest_ok("alex", 1, "10", Some("jordan"));
    let reject = |reason: &str| ExecuteMsg::Reject {
        id,
        reason: reason.into(),
    };
    s.fails(
        "casey",
        reject("no"),
        ContractError::NotTheBuddy {
            buddy: addr("jordan"),
        },
    );
    s.fails("alex", reject("no"), ContractError::SelfCosign);
    s.fails(
        "stranger",
        reject("no"),
        ContractError::NotAMember {
            address: addr("stranger"),
        },
    );
    s.fails(
        "jordan",
        reject(""),
        ContractError::Validation(ValidationError::Empty {
            field: "reason".into(),
        }),
    );

    let res = s.exec("jordan", reject("I was not there")).unwrap();
    assert_eq!(attr(&res, "action"), Some("reject"));
    assert!(res.messages.is_empty());
    let att = s.att(id);
    assert_eq!(att.status, AttestationStatus::Rejected);
    assert_eq!(att.reason.as_deref(), Some("I was not there"));
    let waiting: AttestationsResponse = s.q(QueryMsg::PendingCosigns {
        buddy: addr("jordan").to_string(),
        start_after: None,
        limit: None,
    });
    assert!(waiting.attestations.is_empty());

    s.fails(
        "jordan",
        ExecuteMsg::Cosign { id },
        ContractError::WrongStatus {
            id,
            status: "rejected".into(),
            expected: "pending".into(),
        },
    );
    // The 10 hours count no more.
    s.attest_ok("alex", 1, "10", None);
}

/// From the audit: a refusal is final and unreviewed, so only a named buddy may make it. An
/// attestation naming none is left unsigned (it never records) or disputed once co-signed.
#[test]
fn without_a_buddy_nobody_may_reject() {
    let mut s = suite(AttestationPolicy {
        cosigns_required: 2,
        ..AttestationPolicy::default()
    });
    let id = s.attest_ok("alex", 1, "4", None);
    let reject = ExecuteMsg::Reject {
        id,
        reason: "not true".into(),
    };
    s.fails("sam", reject.clone(), ContractError::NoBuddyToRefuse { id });
    s.cosign("jordan", id).unwrap();
    s.fails("jordan", reject, ContractError::NoBuddyToRefuse { id });
    assert_eq!(s.att(id).status, AttestationStatus::Pending);
    s.cosign("sam", id).unwrap();
    assert_eq!(s.att(id).status, AttestationStatus::Final);
}

#[test]
fn unknown_attestations_are_not_found() {
    let mut s = suite(AttestationPolicy::default());
    s.fails(
        "jordan",
        ExecuteMsg::Cosign { id: 1 },
        ContractError::AttestationNotFound { id: 1 },
    );
    assert_eq!(
        s.q_err(QueryMsg::Attestation { id: 1 }),
        ContractError::AttestationNotFound { id: 1 }
    );
}
