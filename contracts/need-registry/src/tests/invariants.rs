//! The stored counters always equal what a full recount from the needs, requests and
//! offers gives, whatever sequence of actions led there.

use std::collections::{BTreeMap, BTreeSet};

use cosmwasm_std::{Addr, Order};
use flow_types::registry::{ExecuteMsg, Mark, MarksResponse, NeedStatus, QueryMsg};

use super::suite::{need_input, Suite};
use crate::state::{
    MEMBER_OFFERS, MEMBER_REQUESTS, NEEDS, OFFERS, OFFERS_BY_MEMBER, REQUESTS, REQUESTS_BY_MEMBER,
};

const CATEGORIES: [&str; 3] = ["bread", "childcare", "garden"];

/// Recounts everything from the needs and their request / offer sets and compares.
fn assert_consistent(suite: &Suite) {
    let storage = &suite.deps.storage;
    let mut requesters: BTreeMap<String, BTreeSet<Addr>> = BTreeMap::new();
    let mut providers: BTreeMap<String, BTreeSet<Addr>> = BTreeMap::new();
    let mut open: BTreeMap<String, u32> = BTreeMap::new();
    let mut per_member_requests: BTreeMap<(String, Addr), u32> = BTreeMap::new();
    let mut per_member_offers: BTreeMap<(String, Addr), u32> = BTreeMap::new();
    // Every (member, need) mark, whatever the need's status: (requested, offered).
    let mut marks: BTreeMap<Addr, BTreeMap<u64, (bool, bool)>> = BTreeMap::new();
    for item in NEEDS.range(storage, None, None, Order::Ascending) {
        let (id, need) = item.unwrap();
        let rq: Vec<Addr> = REQUESTS
            .prefix(id)
            .keys(storage, None, None, Order::Ascending)
            .collect::<Result<_, _>>()
            .unwrap();
        let of: Vec<Addr> = OFFERS
            .prefix(id)
            .keys(storage, None, None, Order::Ascending)
            .collect::<Result<_, _>>()
            .unwrap();
        for m in &rq {
            marks.entry(m.clone()).or_default().entry(id).or_default().0 = true;
        }
        for m in &of {
            marks.entry(m.clone()).or_default().entry(id).or_default().1 = true;
        }
        assert_eq!(need.requesters as usize, rq.len(), "need {id} requesters");
        assert_eq!(need.offers as usize, of.len(), "need {id} offers");
        if need.status == NeedStatus::Open {
            *open.entry(need.category.clone()).or_default() += 1;
            for m in rq {
                *per_member_requests
                    .entry((need.category.clone(), m.clone()))
                    .or_default() += 1;
                requesters
                    .entry(need.category.clone())
                    .or_default()
                    .insert(m);
            }
            for m in of {
                *per_member_offers
                    .entry((need.category.clone(), m.clone()))
                    .or_default() += 1;
                providers
                    .entry(need.category.clone())
                    .or_default()
                    .insert(m);
            }
        }
    }
    for c in CATEGORIES {
        let expected = (
            requesters.get(c).map_or(0, |s| s.len() as u32),
            providers.get(c).map_or(0, |s| s.len() as u32),
            open.get(c).copied().unwrap_or(0),
        );
        assert_eq!(suite.demand_of(c), expected, "demand of {c}");
    }
    let stored = |map: cw_storage_plus::Map<(&str, &Addr), u32>| -> BTreeMap<(String, Addr), u32> {
        map.range(storage, None, None, Order::Ascending)
            .map(|item| item.unwrap())
            .collect()
    };
    assert_eq!(stored(MEMBER_REQUESTS), per_member_requests);
    assert_eq!(stored(MEMBER_OFFERS), per_member_offers);
    // The (member, need) indexes are the per-need sets transposed, nothing more ...
    let index = |map: cw_storage_plus::Map<(&Addr, u64), ()>| -> BTreeSet<(Addr, u64)> {
        map.keys(storage, None, None, Order::Ascending)
            .map(|item| item.unwrap())
            .collect()
    };
    let transposed = |requested: bool| -> BTreeSet<(Addr, u64)> {
        marks
            .iter()
            .flat_map(|(m, needs)| {
                needs
                    .iter()
                    .filter(move |(_, (r, o))| if requested { *r } else { *o })
                    .map(move |(id, _)| (m.clone(), *id))
            })
            .collect()
    };
    assert_eq!(index(REQUESTS_BY_MEMBER), transposed(true));
    assert_eq!(index(OFFERS_BY_MEMBER), transposed(false));
    // ... and `Marks`, read page by page (3 a page), answers exactly the recount.
    for (member, expected) in &marks {
        let mut read: BTreeMap<u64, (bool, bool)> = BTreeMap::new();
        let mut start_after = None;
        loop {
            let page: MarksResponse = suite.query(QueryMsg::Marks {
                member: member.to_string(),
                start_after,
                limit: Some(3),
            });
            for Mark {
                need_id,
                requested,
                offered,
            } in &page.marks
            {
                assert!(read.insert(*need_id, (*requested, *offered)).is_none());
            }
            if page.marks.len() < 3 {
                break;
            }
            start_after = page.marks.last().map(|m| m.need_id);
        }
        assert_eq!(&read, expected, "marks of {member}");
    }
}

#[test]
fn counters_match_a_full_recount_after_every_action() {
    let mut suite = Suite::with(|m| m.max_requesters_per_need = Some(4));
    let group = suite.group.clone();
    let members: Vec<Addr> = (0..6)
        .map(|i| suite.api.addr_make(&format!("m{i}")))
        .collect();
    for m in &members {
        suite.set_weight(&group, m, 1);
    }
    let owner = suite.owner.clone();
    // A small deterministic generator (64-bit LCG), so a failure replays exactly.
    let mut seed: u64 = 0x5eed;
    let mut next = |n: u64| {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (seed >> 33) % n
    };
    let mut needs = 0u64;
    let mut accepted = 0;
    for _ in 0..600 {
        let member = members[next(6) as usize].clone();
        let id = if needs == 0 { 1 } else { 1 + next(needs) };
        let msg = match next(8) {
            0 => ExecuteMsg::PostNeed {
                need: need_input(CATEGORIES[next(3) as usize]),
            },
            1 | 2 => ExecuteMsg::Endorse { id },
            3 => ExecuteMsg::WithdrawEndorsement { id },
            4 | 5 => ExecuteMsg::Offer { id },
            6 => ExecuteMsg::WithdrawOffer { id },
            _ => ExecuteMsg::SetNeedStatus {
                id,
                status: [NeedStatus::Open, NeedStatus::Fulfilled, NeedStatus::Closed]
                    [next(3) as usize],
            },
        };
        // Governance changes some statuses too.
        let sender = if matches!(msg, ExecuteMsg::SetNeedStatus { .. }) && next(2) == 0 {
            owner.clone()
        } else {
            member
        };
        let posting = matches!(msg, ExecuteMsg::PostNeed { .. });
        if suite.execute(&sender, msg).is_ok() {
            accepted += 1;
            if posting {
                needs += 1;
            }
        }
        assert_consistent(&suite);
    }
    // The walk exercised the paths rather than failing everywhere.
    assert!(needs >= 20, "only {needs} needs posted");
    assert!(accepted >= 200, "only {accepted} actions accepted");
}
