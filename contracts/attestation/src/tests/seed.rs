//! The seed's month: five members, five needs, buddies co-sign, five records.

use cosmwasm_std::Decimal;
use flow_types::attestation::{
    AttestationStatus, AttestationsResponse, ExecuteMsg, NeedProgressResponse, QueryMsg,
};
use flow_types::distributor::Contribution;

use super::suite::{addr, attr, dec, recorded, Suite};
use crate::ContractError;

/// (member, need id, category, hours, units, buddy)
const MONTH: [(&str, u64, &str, &str, &str, &str); 5] = [
    ("alex", 1, "food", "16", "80", "jordan"),
    ("jordan", 2, "garden", "40", "0", "casey"),
    ("casey", 3, "repair", "8", "0", "riley"),
    ("riley", 4, "childcare", "60", "0", "sam"),
    ("sam", 5, "facilitation", "4", "0", "alex"),
];

#[test]
fn the_seeds_month_records_each_contribution_exactly_once() {
    let mut s = Suite::new();
    for (_, need, category, ..) in MONTH {
        // Bread is counted in loaves, but its unit credit is 0: paid by hours only.
        s.add_need(need, category);
    }

    for (i, (who, need, _, hours, units, buddy)) in MONTH.into_iter().enumerate() {
        let res = s.attest(who, need, hours, units, Some(buddy)).unwrap();
        assert_eq!(attr(&res, "action"), Some("attest"));
        assert_eq!(
            attr(&res, "attestation_id"),
            Some((i + 1).to_string().as_str())
        );
        assert!(
            res.messages.is_empty(),
            "nothing is recorded before the co-sign"
        );
    }
    // Jordan sees what waits for their co-sign.
    let waiting: AttestationsResponse = s.q(QueryMsg::PendingCosigns {
        buddy: addr("jordan").to_string(),
        start_after: None,
        limit: None,
    });
    assert_eq!(waiting.attestations.len(), 1);
    assert_eq!(waiting.attestations[0].attester, addr("alex"));

    let mut total = Decimal::zero();
    for (i, (who, need, category, hours, units, buddy)) in MONTH.into_iter().enumerate() {
        let id = i as u64 + 1;
        let res = s.cosign(buddy, id).unwrap();
        assert_eq!(attr(&res, "status"), Some("final"));
        assert_eq!(
            recorded(&res, &s.distributor),
            vec![Contribution {
                attestation_id: id,
                contributor: addr(who).to_string(),
                category: category.to_string(),
                hours: dec(hours),
                credit: dec(hours),
                impact: Decimal::one(),
                capacity_building: false,
            }]
        );
        let att = s.att(id);
        assert_eq!(att.status, AttestationStatus::Final);
        assert_eq!(att.units, dec(units));
        assert_eq!(att.cosigners, vec![addr(buddy)]);
        assert_eq!(att.finalized_at, Some(s.env.block.time));
        assert_eq!(att.need_id, need);
        total += att.credit;

        // Recorded once: a second co-sign or a finalize finds it final.
        let wrong = |expected: &str| ContractError::WrongStatus {
            id,
            status: "final".into(),
            expected: expected.into(),
        };
        s.fails("jordan", ExecuteMsg::Cosign { id }, wrong("pending"));
        s.fails("casey", ExecuteMsg::Finalize { id }, wrong("challenge"));
    }
    assert_eq!(total, dec("128"));

    let bread: NeedProgressResponse = s.q(QueryMsg::NeedProgress { need_id: 1 });
    assert_eq!(
        bread,
        NeedProgressResponse {
            need_id: 1,
            units: dec("80"),
            hours: dec("16"),
            attestations: 1
        }
    );
    let finals: AttestationsResponse = s.q(QueryMsg::ByStatus {
        status: AttestationStatus::Final,
        start_after: None,
        limit: None,
    });
    assert_eq!(finals.attestations.len(), 5);
    let pending: AttestationsResponse = s.q(QueryMsg::ByStatus {
        status: AttestationStatus::Pending,
        start_after: None,
        limit: None,
    });
    assert!(pending.attestations.is_empty());
    let waiting: AttestationsResponse = s.q(QueryMsg::PendingCosigns {
        buddy: addr("jordan").to_string(),
        start_after: None,
        limit: None,
    });
    assert!(waiting.attestations.is_empty());
}
