//! The list queries: indexes, pagination, computed status.

use flow_types::attestation::{AttestationStatus, AttestationsResponse, ExecuteMsg, QueryMsg};

use super::suite::{addr, Suite};
use crate::ContractError;

fn ids(r: AttestationsResponse) -> Vec<u64> {
    r.attestations.into_iter().map(|a| a.id).collect()
}

/// Alex 1, 3, 5 (need 1, buddy Jordan); Casey 2, 4 (need 2, no buddy); 3 and 4 final.
fn five() -> Suite {
    let mut s = Suite::new();
    s.add_need(1, "garden");
    s.add_need(2, "repair");
    for i in 0..5 {
        if i % 2 == 0 {
            s.attest_ok("alex", 1, "1", Some("jordan"));
        } else {
            s.attest_ok("casey", 2, "1", None);
        }
    }
    s.cosign("jordan", 3).unwrap();
    s.cosign("riley", 4).unwrap();
    s
}

#[test]
fn by_member_need_status_and_buddy_paginate() {
    let s = five();
    let by_member = |start_after, limit| {
        ids(s.q(QueryMsg::ByMember {
            member: addr("alex").to_string(),
            start_after,
            limit,
        }))
    };
    assert_eq!(by_member(None, None), vec![1, 3, 5]);
    assert_eq!(by_member(None, Some(2)), vec![1, 3]);
    assert_eq!(by_member(Some(3), Some(2)), vec![5]);
    // A limit of 0 still returns one.
    assert_eq!(by_member(None, Some(0)), vec![1]);

    let by_need = |need_id, start_after| {
        ids(s.q(QueryMsg::ByNeed {
            need_id,
            start_after,
            limit: None,
        }))
    };
    assert_eq!(by_need(2, None), vec![2, 4]);
    assert_eq!(by_need(2, Some(2)), vec![4]);
    assert!(by_need(3, None).is_empty());

    let by_status = |status, start_after| {
        ids(s.q(QueryMsg::ByStatus {
            status,
            start_after,
            limit: None,
        }))
    };
    assert_eq!(by_status(AttestationStatus::Pending, None), vec![1, 2, 5]);
    assert_eq!(by_status(AttestationStatus::Pending, Some(1)), vec![2, 5]);
    assert_eq!(by_status(AttestationStatus::Final, None), vec![3, 4]);
    assert!(by_status(AttestationStatus::Rejected, None).is_empty());

    let pending = |buddy: &str| {
        ids(s.q(QueryMsg::PendingCosigns {
            buddy: addr(buddy).to_string(),
            start_after: None,
            limit: None,
        }))
    };
    assert_eq!(pending("jordan"), vec![1, 5]);
    assert!(pending("riley").is_empty());
}

#[test]
fn expired_is_read_not_listed() {
    let s = five();
    assert_eq!(
        s.q_err(QueryMsg::ByStatus {
            status: AttestationStatus::Expired,
            start_after: None,
            limit: None,
        }),
        ContractError::ExpiredNotListable
    );
}

#[test]
fn queries_check_addresses() {
    let s = five();
    let err = s.q_err(QueryMsg::ByMember {
        member: "Not An Address".into(),
        start_after: None,
        limit: None,
    });
    assert!(matches!(err, ContractError::Std(_)));
}

#[test]
fn the_attestation_reads_back_as_attested() {
    let mut s = five();
    s.exec(
        "jordan",
        ExecuteMsg::Reject {
            id: 1,
            reason: "wrong week".into(),
        },
    )
    .unwrap();
    let a = s.att(1);
    assert_eq!(a.id, 1);
    assert_eq!(a.attester, addr("alex"));
    assert_eq!(a.buddy, Some(addr("jordan")));
    assert_eq!(a.category, "garden");
    assert_eq!(a.description, "did the work");
    assert_eq!(a.cycle, 1);
    assert_eq!(a.created_at, s.env.block.time);
    assert_eq!(a.status, AttestationStatus::Rejected);
    assert_eq!(a.reason.as_deref(), Some("wrong week"));
    assert!(a.cosigners.is_empty() && a.cosigned_at.is_none() && a.finalized_at.is_none());
}
