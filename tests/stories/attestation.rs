//! Attestations through the whole suite: buddies co-sign, the challenge window, disputes,
//! and every refusal leaving the attestation and the distributor as they were.

use attestation::ContractError;
use flow_testing::suite::{assert_error, dec};
use flow_testing::{Suite, SuiteBuilder};
use flow_types::attestation::{AttestationPolicy, AttestationStatus};
use flow_types::registry::NeedStatus;

use crate::common::*;

const DAY: u64 = 86_400;

fn status(suite: &Suite, id: u64) -> AttestationStatus {
    suite.attestation(id).unwrap().status
}

/// The root cause of a failed call, as the member's wallet would show it.
fn refused<T: std::fmt::Debug>(r: anyhow::Result<T>) -> String {
    r.expect_err("should be refused").root_cause().to_string()
}

#[test]
fn the_seed_month_records_every_attestation_exactly_once() {
    let (mut suite, needs) = alpha_with_needs(SuiteBuilder::holon_alpha());
    the_seed_month(&mut suite, &needs);
    for id in 1..=5 {
        assert_eq!(
            status(&suite, id),
            AttestationStatus::Final,
            "attestation {id}"
        );
    }
    let cycle = suite.cycle(1).unwrap();
    assert_eq!((cycle.contributors, cycle.total_hours), (5, dec("128")));
    // Alex's 80 loaves count nothing extra: the bread need credits hours only.
    let alex = suite.attestation(1).unwrap();
    assert_eq!(
        (alex.hours, alex.units, alex.credit),
        (dec("16"), dec("80"), dec("16"))
    );

    // Neither a second co-sign nor a finalize records it again.
    assert!(refused(suite.cosign("jordan", 1)).contains("is final"));
    assert!(refused(suite.finalize("stranger", 1)).contains("is final"));
    assert_eq!(suite.cycle(1).unwrap(), cycle);
}

fn with_window() -> (Suite, AlphaNeeds) {
    let policy = AttestationPolicy {
        challenge_seconds: 3 * DAY,
        ..AttestationPolicy::default()
    };
    alpha_with_needs(SuiteBuilder::holon_alpha().with_attestation_policy(policy))
}

#[test]
fn disputes_in_the_challenge_window_are_resolved_by_governance() {
    let (mut suite, n) = with_window();
    let upheld = suite
        .contribute("alex", n.bread, "16", "0", "jordan")
        .unwrap();
    let dismissed = suite
        .contribute("riley", n.childcare, "60", "0", "sam")
        .unwrap();
    let quiet = suite
        .contribute("casey", n.solar, "8", "0", "riley")
        .unwrap();
    assert_eq!(status(&suite, upheld), AttestationStatus::Challenge);

    // Too early to finalize.
    let ends = suite.now().plus_seconds(3 * DAY);
    assert_error(
        suite.finalize("stranger", quiet),
        ContractError::ChallengeWindowOpen { ends },
    );

    suite
        .dispute("sam", upheld, "Alex was away that week")
        .unwrap();
    suite.dispute("jordan", dismissed, "Seems a lot").unwrap();
    assert_error(
        suite.dispute("casey", quiet, "mine"),
        ContractError::SelfDispute,
    );
    assert_eq!(status(&suite, upheld), AttestationStatus::Disputed);
    // Only governance resolves.
    assert!(refused(suite.execute(
        "sam",
        &suite.holon().attestation.clone(),
        &flow_types::attestation::ExecuteMsg::ResolveDispute {
            id: upheld,
            uphold: true
        }
    ))
    .contains("not the contract's current owner"));

    suite.resolve_dispute(upheld, true).unwrap();
    suite.resolve_dispute(dismissed, false).unwrap();
    assert_eq!(status(&suite, upheld), AttestationStatus::Rejected);
    assert_eq!(status(&suite, dismissed), AttestationStatus::Final);
    assert_eq!(
        suite.cycle(1).unwrap().contributors,
        1,
        "only the dismissed dispute was recorded"
    );

    // After the window: no more disputes, anyone may finalize, and only once.
    suite.advance(3 * DAY);
    assert_error(
        suite.dispute("sam", quiet, "late"),
        ContractError::ChallengeWindowClosed,
    );
    suite.finalize("stranger", quiet).unwrap();
    assert!(refused(suite.finalize("stranger", quiet)).contains("is final"));
    let cycle = suite.cycle(1).unwrap();
    assert_eq!((cycle.contributors, cycle.total_hours), (2, dec("68")));
}

#[test]
fn refusals_leave_everything_as_it_was() {
    let policy = AttestationPolicy {
        max_hours_per_attestation: dec("24"),
        max_hours_per_cycle: dec("40"),
        pending_expiry_seconds: 7 * DAY,
        ..AttestationPolicy::default()
    };
    let (mut suite, n) =
        alpha_with_needs(SuiteBuilder::holon_alpha().with_attestation_policy(policy));
    let id = suite
        .attest("alex", n.bread, "16", "0", Some("jordan"))
        .unwrap();
    let before = suite.attestation(id).unwrap();
    let cycle_before = suite.cycle(1).unwrap();
    let stranger = suite.addr("stranger");

    assert_error(suite.cosign("alex", id), ContractError::SelfCosign);
    assert_error(
        suite.cosign("stranger", id),
        ContractError::NotAMember {
            address: stranger.clone(),
        },
    );
    assert_error(
        suite.cosign("sam", id),
        ContractError::NotTheBuddy {
            buddy: suite.addr("jordan"),
        },
    );
    assert_error(
        suite.attest("stranger", n.bread, "1", "0", None),
        ContractError::NotAMember { address: stranger },
    );
    assert_error(
        suite.attest("alex", n.bread, "0", "0", None),
        ContractError::NoHours,
    );
    assert_error(
        suite.attest("alex", n.bread, "0", "5", None),
        ContractError::NoCredit,
    );
    assert_error(
        suite.attest("alex", n.bread, "25", "0", None),
        ContractError::HoursOverAttestationCap {
            hours: dec("25"),
            max: dec("24"),
        },
    );
    // 16 attested this cycle + 24 = 40, the cycle cap: one more hour is over it.
    suite.attest("alex", n.garden, "24", "0", None).unwrap();
    assert_error(
        suite.attest("alex", n.garden, "1", "0", None),
        ContractError::CreditOverCycleCap {
            cycle: 1,
            counted: dec("40"),
            credit: dec("1"),
            max: dec("40"),
        },
    );

    // A closed need takes no attestations.
    suite
        .set_need_status("casey", n.facilitation, NeedStatus::Closed)
        .unwrap();
    assert_error(
        suite.attest("sam", n.facilitation, "4", "0", None),
        ContractError::NeedNotOpen {
            need_id: n.facilitation,
        },
    );

    // A need the registry never had: the attestation contract reads the registry's needs
    // with a raw query, and an empty answer is its own error.
    assert_error(
        suite.attest("sam", 999, "1", "0", None),
        ContractError::NeedNotFound { need_id: 999 },
    );

    // The first attestation is untouched by all of that, and nothing was recorded.
    assert_eq!(suite.attestation(id).unwrap(), before);
    assert_eq!(
        suite.cycle(1).unwrap().contributors,
        cycle_before.contributors
    );

    // A week later the pending attestation has expired: it can only be withdrawn.
    suite.advance(7 * DAY);
    assert_eq!(status(&suite, id), AttestationStatus::Expired);
    assert_error(suite.cosign("jordan", id), ContractError::Expired { id });
    assert_eq!(suite.cycle(1).unwrap().contributors, 0);
}

#[test]
fn two_cosigns_required_refuse_a_double_signature() {
    let policy = AttestationPolicy {
        cosigns_required: 2,
        ..AttestationPolicy::default()
    };
    let (mut suite, n) =
        alpha_with_needs(SuiteBuilder::holon_alpha().with_attestation_policy(policy));
    let id = suite
        .attest("riley", n.childcare, "10", "0", Some("sam"))
        .unwrap();
    suite.cosign("sam", id).unwrap();
    assert_error(suite.cosign("sam", id), ContractError::AlreadyCosigned);
    assert_eq!(status(&suite, id), AttestationStatus::Pending);
    suite.cosign("casey", id).unwrap();
    assert_eq!(status(&suite, id), AttestationStatus::Final);
    assert_eq!(
        suite.attestation(id).unwrap().cosigners,
        vec![suite.addr("sam"), suite.addr("casey")]
    );
}
