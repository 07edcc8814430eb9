//! The community decides: Holon Alpha governed by its own members. A cw3-flex-multisig over
//! the holon's cw4 group owns the registry, the attestation contract and the distributor,
//! administers every contract and the group; every steward action is a proposal that a
//! member opens, the members vote on with their group weight, and anyone executes.

use cosmwasm_std::{Addr, CosmosMsg, Uint128};
use cw4::Member;
use cw_controllers::AdminError;
use cw_multi_test::Executor;
use cw_ownable::{Action as Ownership, OwnershipError};
use cw_utils::ThresholdResponse;
use flow_testing::suite::{assert_error, category, dec};
use flow_testing::{Suite, SuiteBuilder};
use flow_types::attestation::{AttestationPolicy, AttestationStatus};
use flow_types::distributor::{self as dist, Model, Policy, PolicyScheduleEntry};
use flow_types::governance::{HolonPart, MultisigError, Owned, Status, StewardAction, Vote};
use flow_types::registry::{self as reg, NeedStatus};

use crate::common::*;

const WEEK: u64 = 7 * 86_400;

/// Holon Alpha governed by its five members (weight 1 each): a proposal passes with yes
/// votes of more than half of the weight (51%: 3 of 5 while the week runs), once at least
/// 40% of the weight has voted; a week to vote; anyone executes.
fn governed() -> SuiteBuilder {
    SuiteBuilder::holon_alpha().governed_by_members(dec("0.51"), dec("0.4"), WEEK)
}

fn status(suite: &Suite, id: u64) -> Status {
    suite.proposal(id).unwrap().status
}

fn policy(suite: &Suite, version: Option<u32>) -> dist::PolicyResponse {
    suite
        .query(
            &suite.holon().distributor,
            &dist::QueryMsg::Policy { version },
        )
        .unwrap()
}

fn tools() -> StewardAction {
    StewardAction::SetCategory {
        category: category("tools"),
    }
}

fn with_reserve(reserve: &str) -> StewardAction {
    StewardAction::SetPolicy {
        policy: Policy {
            reserve: dec(reserve),
            ..Policy::default()
        },
    }
}

/// The seed's time numbers (docs/WEIGHTING.md), in MEMBERS order.
const TIME_PAYOUTS: [u128; 5] = [
    625_000_000,
    1_562_500_000,
    312_500_000,
    2_343_750_000,
    156_250_000,
];
/// The seed's need numbers: childcare ×2, garden ×0.5.
const NEED_PAYOUTS: [u128; 5] = [
    476_190_476,
    595_238_095,
    238_095_238,
    3_571_428_571,
    119_047_619,
];

#[test]
fn the_members_move_to_need_weighting_and_the_next_month_pays_it() {
    let (mut suite, needs) = alpha_with_needs(governed());
    suite.fund("funder", BUDGET).unwrap();
    the_seed_month(&mut suite, &needs);

    // Riley proposes the seed's need weighting. The proposal says what changes and when.
    let change = StewardAction::SetPolicy {
        policy: need_policy(),
    };
    let id = suite.propose("riley", &change).unwrap();
    let proposal = suite.proposal(id).unwrap();
    assert_eq!(proposal.title, "Weighting policy");
    assert_eq!(
        proposal.description,
        "from cycle 2: childcare ×2, garden ×0.5"
    );
    assert_eq!(proposal.proposer, suite.addr("riley"));
    assert_eq!(
        proposal.threshold,
        ThresholdResponse::ThresholdQuorum {
            threshold: dec("0.51"),
            quorum: dec("0.4"),
            total_weight: 5,
        }
    );
    // Riley's own yes is one of five: not yet, and nobody can execute it.
    assert_eq!(proposal.status, Status::Open);
    assert_error(
        suite.execute_proposal("stranger", id),
        MultisigError::WrongExecuteStatus {},
    );

    // Alex agrees, Jordan does not, Casey agrees: three of five, a majority. Sam need not vote.
    suite.vote("alex", id, Vote::Yes).unwrap();
    suite.vote("jordan", id, Vote::No).unwrap();
    assert_eq!(status(&suite, id), Status::Open);
    suite.vote("casey", id, Vote::Yes).unwrap();
    assert_eq!(status(&suite, id), Status::Passed);

    // Anyone executes it, here someone from outside the holon; only once.
    suite.execute_proposal("stranger", id).unwrap();
    assert_eq!(status(&suite, id), Status::Executed);
    assert_error(
        suite.execute_proposal("alex", id),
        MultisigError::WrongExecuteStatus {},
    );

    // The distributor scheduled it from cycle 2; cycle 1 keeps the policy it started with.
    let now = policy(&suite, None);
    assert_eq!((now.version, now.policy.model), (1, Model::Time));
    assert_eq!(
        now.schedule,
        vec![
            PolicyScheduleEntry {
                from_cycle: 1,
                version: 1
            },
            PolicyScheduleEntry {
                from_cycle: 2,
                version: 2
            },
        ]
    );
    assert_eq!(policy(&suite, Some(2)).policy, need_policy());

    // Cycle 1 closes under `time`: the seed's time numbers.
    suite.a_cycle_passes();
    suite.close_cycle().unwrap();
    assert_eq!(suite.cycle(1).unwrap().policy_version, 1);
    assert_eq!(everyone_claims(&mut suite, 1), TIME_PAYOUTS);

    // Cycle 2: the same month again, funded again, pays the need numbers to the unit.
    suite.fund("funder", BUDGET).unwrap();
    the_seed_month(&mut suite, &needs);
    suite.a_cycle_passes();
    suite.close_cycle().unwrap();
    let cycle = suite.cycle(2).unwrap();
    assert_eq!(
        (cycle.policy_version, cycle.model, cycle.budget),
        (2, Model::Need, Uint128::new(BUDGET))
    );
    assert_eq!(cycle.total_weight, dec("168"));
    assert_eq!(everyone_claims(&mut suite, 2), NEED_PAYOUTS);
    let riley = suite.explain(2, "riley").unwrap();
    assert_eq!(
        (riley.categories[0].factor, riley.weight),
        (dec("2"), dec("120"))
    );
    assert_eq!(suite.total_supply(), 2 * BUDGET - 1, "one unit of dust");
    suite.assert_invariants();
}

#[test]
fn a_proposal_short_of_the_threshold_or_the_quorum_cannot_be_executed() {
    let mut suite = governed().build();

    // Short of the threshold: two yes, two no. While the week runs, yes must reach 3 of 5.
    let split = suite.propose("alex", &with_reserve("0.1")).unwrap();
    suite.vote("jordan", split, Vote::Yes).unwrap();
    suite.vote("casey", split, Vote::No).unwrap();
    suite.vote("riley", split, Vote::No).unwrap();
    assert_eq!(status(&suite, split), Status::Open);
    assert_error(
        suite.execute_proposal("alex", split),
        MultisigError::WrongExecuteStatus {},
    );

    // Short of the quorum: Alex alone, one vote of five where 40% (2) must vote.
    let alone = suite.propose("alex", &with_reserve("0.2")).unwrap();

    // Two yes and one no: short of 3 of 5 while the week runs …
    let few = suite.propose("sam", &with_reserve("0.3")).unwrap();
    suite.vote("jordan", few, Vote::Yes).unwrap();
    suite.vote("riley", few, Vote::No).unwrap();
    assert_eq!(status(&suite, few), Status::Open);
    assert_error(
        suite.execute_proposal("sam", few),
        MultisigError::WrongExecuteStatus {},
    );

    // The week ends. Then the threshold counts the votes cast (cw3's threshold-quorum):
    // 2 yes of 4 is short of 51%, so `split` is rejected; `alone` never reached the quorum,
    // every vote it had was yes and it is rejected too; `few` had its quorum (3 ≥ 2) and
    // 2 yes of 3 cast: it passes.
    suite.advance(WEEK);
    assert_eq!(status(&suite, split), Status::Rejected);
    assert_eq!(status(&suite, alone), Status::Rejected);
    assert_eq!(status(&suite, few), Status::Passed);
    for id in [split, alone] {
        assert_error(
            suite.execute_proposal("stranger", id),
            MultisigError::WrongExecuteStatus {},
        );
    }
    // Late votes are refused: they cannot turn a proposal around.
    assert_error(
        suite.vote("sam", split, Vote::Yes),
        MultisigError::Expired {},
    );
    assert_error(
        suite.vote("jordan", alone, Vote::Yes),
        MultisigError::Expired {},
    );
    // Nothing changed the policy; anyone may close the rejected ones.
    assert_eq!(policy(&suite, None).schedule.len(), 1);
    suite.close_proposal("stranger", split).unwrap();
    suite.close_proposal("stranger", alone).unwrap();
    assert_error(
        suite.close_proposal("stranger", few),
        MultisigError::WrongCloseStatus {},
    );

    // The one that passed is executed: a 30% reserve from cycle 2.
    suite.execute_proposal("stranger", few).unwrap();
    let p = policy(&suite, Some(2));
    assert_eq!(p.policy.reserve, dec("0.3"));
    assert_eq!(p.schedule.last().unwrap().from_cycle, 2);
}

#[test]
fn only_members_propose_and_vote() {
    let mut suite = governed().build();

    // Neither a stranger nor the wallet that deployed the holon may propose.
    for who in ["stranger", "governance"] {
        assert_error(suite.propose(who, &tools()), MultisigError::Unauthorized {});
    }

    let id = suite.propose("sam", &tools()).unwrap();
    for who in ["stranger", "governance", "funder"] {
        assert_error(
            suite.vote(who, id, Vote::Yes),
            MultisigError::Unauthorized {},
        );
    }
    // A member votes once; the proposer's yes is already counted.
    suite.vote("alex", id, Vote::Abstain).unwrap();
    assert_error(
        suite.vote("alex", id, Vote::Yes),
        MultisigError::AlreadyVoted {},
    );
    assert_error(
        suite.vote("sam", id, Vote::No),
        MultisigError::AlreadyVoted {},
    );
    let votes: Vec<(Addr, Vote, u64)> = suite
        .votes(id)
        .unwrap()
        .into_iter()
        .map(|v| (Addr::unchecked(v.voter), v.vote, v.weight))
        .collect();
    let mut expected = vec![
        (suite.addr("sam"), Vote::Yes, 1),
        (suite.addr("alex"), Vote::Abstain, 1),
    ];
    expected.sort_by(|a, b| a.0.cmp(&b.0));
    assert_eq!(votes, expected);
}

#[test]
fn a_member_added_by_proposal_attests_next_and_votes_with_their_weight() {
    let (mut suite, needs) = alpha_with_needs(governed().with_accounts(&["morgan"]));
    let morgan = suite.addr("morgan");
    // A proposal opened while Morgan is not yet a member.
    let before = suite.propose("sam", &tools()).unwrap();
    assert_error(
        suite.attest("morgan", needs.bread, "3", "0", Some("alex")),
        attestation::ContractError::NotAMember {
            address: morgan.clone(),
        },
    );

    // The members add Morgan with a weight of 3.
    let add = StewardAction::AddMembers {
        members: vec![Member {
            addr: morgan.to_string(),
            weight: 3,
        }],
    };
    let id = suite.propose("alex", &add).unwrap();
    assert_eq!(
        suite.proposal(id).unwrap().description,
        format!("add {morgan} (weight 3)")
    );
    suite.vote("jordan", id, Vote::Yes).unwrap();
    suite.vote("casey", id, Vote::Yes).unwrap();
    suite.execute_proposal("stranger", id).unwrap();
    assert_eq!(suite.member_weight("morgan"), Some(3));

    // The next step: Morgan attests 3 hours of bread, Alex co-signs, and it counts.
    suite.next_block();
    let a = suite
        .contribute("morgan", needs.bread, "3", "0", "alex")
        .unwrap();
    assert_eq!(
        suite.attestation(a).unwrap().status,
        AttestationStatus::Final
    );
    assert_eq!(suite.preview("morgan").unwrap().hours, dec("3"));

    // A proposal counts the members as they were when it opened: not Morgan on `before`.
    assert_error(
        suite.vote("morgan", before, Vote::Yes),
        MultisigError::Unauthorized {},
    );
    // On one opened after, Morgan's vote weighs 3 of the group's 8.
    let after = suite.propose("riley", &tools()).unwrap();
    assert_eq!(
        suite.proposal(after).unwrap().threshold,
        ThresholdResponse::ThresholdQuorum {
            threshold: dec("0.51"),
            quorum: dec("0.4"),
            total_weight: 8,
        }
    );
    suite.vote("morgan", after, Vote::Yes).unwrap();
    let weights: Vec<(String, u64)> = suite
        .votes(after)
        .unwrap()
        .into_iter()
        .map(|v| (v.voter, v.weight))
        .collect();
    assert!(weights.contains(&(morgan.to_string(), 3)));
    assert!(weights.contains(&(suite.addr("riley").to_string(), 1)));
    // Riley 1 + Morgan 3 = 4, short of 51% of 8 (5); Sam's yes makes 5.
    assert_eq!(status(&suite, after), Status::Open);
    suite.vote("sam", after, Vote::Yes).unwrap();
    assert_eq!(status(&suite, after), Status::Passed);
    suite.execute_proposal("morgan", after).unwrap();
    let tools: reg::CategoryResponse = suite
        .query(
            &suite.holon().registry,
            &reg::QueryMsg::Category { id: "tools".into() },
        )
        .unwrap();
    assert_eq!(tools.category, category("tools"));
}

#[test]
fn a_member_removed_by_proposal_can_no_longer_attest() {
    let (mut suite, needs) = alpha_with_needs(governed());
    let sam = suite.addr("sam");
    // A proposal opened while Sam is a member.
    let earlier = suite.propose("riley", &tools()).unwrap();

    let remove = StewardAction::RemoveMembers {
        members: vec![sam.to_string()],
    };
    let id = suite.propose("alex", &remove).unwrap();
    assert_eq!(
        suite.proposal(id).unwrap().description,
        format!("remove {sam}")
    );
    suite.vote("jordan", id, Vote::Yes).unwrap();
    suite.vote("casey", id, Vote::Yes).unwrap();
    suite.execute_proposal("stranger", id).unwrap();
    assert_eq!(suite.member_weight("sam"), None);
    suite.next_block();

    // Sam can no longer attest, co-sign, be named as a buddy, or propose.
    let not_a_member = || attestation::ContractError::NotAMember {
        address: sam.clone(),
    };
    assert_error(
        suite.attest("sam", needs.facilitation, "4", "0", Some("casey")),
        not_a_member(),
    );
    assert_error(
        suite.attest("casey", needs.solar, "2", "0", Some("sam")),
        not_a_member(),
    );
    let open = suite.attest("casey", needs.solar, "2", "0", None).unwrap();
    assert_error(suite.cosign("sam", open), not_a_member());
    assert_error(
        suite.propose("sam", &tools()),
        MultisigError::Unauthorized {},
    );

    // cw3 counts the weights of when a proposal opened: on the one opened before the
    // removal, Sam's vote still counts (with the weight Sam had then).
    suite.vote("sam", earlier, Vote::Yes).unwrap();
    assert!(suite
        .votes(earlier)
        .unwrap()
        .iter()
        .any(|v| v.voter == sam.as_str() && v.weight == 1));
    // A new proposal counts four members: 3 of 4 pass it.
    let next = suite.propose("riley", &with_reserve("0.1")).unwrap();
    let ThresholdResponse::ThresholdQuorum { total_weight, .. } =
        suite.proposal(next).unwrap().threshold
    else {
        panic!("a threshold-quorum multisig")
    };
    assert_eq!(total_weight, 4);
}

#[test]
fn the_deployer_key_can_no_longer_change_anything() {
    let (mut suite, needs) = alpha_with_needs(governed());
    let h = suite.holon().clone();
    let old = suite.deployer.clone();
    let multisig = suite.multisig();
    assert_eq!(suite.governance, multisig);
    let gov = Some(multisig.clone());

    let not_owner = OwnershipError::NotOwner.to_string();
    let not_admin = AdminError::NotAdmin {}.to_string();
    let migrate = format!("Only admin can migrate contract: {gov:?}");
    let update_admin = format!("Only admin can update the contract admin: {gov:?}");
    let transfer = |contract| StewardAction::UpdateOwnership {
        contract,
        action: Ownership::TransferOwnership {
            new_owner: old.to_string(),
            expiry: None,
        },
    };
    let mut attempts: Vec<(StewardAction, String)> = vec![
        (
            StewardAction::SetPolicy {
                policy: need_policy(),
            },
            not_owner.clone(),
        ),
        (tools(), not_owner.clone()),
        (
            StewardAction::SetNeedFactors {
                id: needs.bread,
                impact: Some(dec("2")),
                unit_credit: None,
                capacity_building: None,
            },
            not_owner.clone(),
        ),
        (
            StewardAction::SetNeedStatus {
                id: needs.bread,
                status: NeedStatus::Closed,
            },
            need_registry::ContractError::NotPosterOrOwner { id: needs.bread }.to_string(),
        ),
        (
            StewardAction::SetAttestationPolicy {
                policy: AttestationPolicy::default(),
            },
            not_owner.clone(),
        ),
        (
            StewardAction::ResolveDispute {
                id: 1,
                uphold: true,
            },
            not_owner.clone(),
        ),
        (
            StewardAction::AcceptHolon {
                distributor: h.distributor.to_string(),
                rate: dec("1"),
                credit_limit: Uint128::new(1),
            },
            not_owner.clone(),
        ),
        (
            StewardAction::ReturnForeign {
                token: h.token.to_string(),
                recipient: old.to_string(),
                amount: Uint128::new(1),
            },
            not_owner.clone(),
        ),
        (transfer(Owned::Registry), not_owner.clone()),
        (transfer(Owned::Attestation), not_owner.clone()),
        (transfer(Owned::Distributor), not_owner.clone()),
        (
            StewardAction::AddMembers {
                members: vec![Member {
                    addr: old.to_string(),
                    weight: 10,
                }],
            },
            not_admin.clone(),
        ),
        (
            StewardAction::UpdateGroupAdmin {
                admin: Some(old.to_string()),
            },
            not_admin,
        ),
    ];
    for part in [
        HolonPart::Group,
        HolonPart::Registry,
        HolonPart::Attestation,
        HolonPart::Distributor,
        HolonPart::Token,
    ] {
        attempts.push((
            StewardAction::Migrate {
                contract: part,
                new_code_id: suite.code.distributor,
            },
            migrate.clone(),
        ));
        attempts.push((
            StewardAction::UpdateAdmin {
                contract: part,
                admin: old.to_string(),
            },
            update_admin.clone(),
        ));
    }
    for (action, expected) in &attempts {
        let msg: CosmosMsg = action.msgs(&h.addresses()).unwrap().remove(0);
        let err = suite
            .app
            .execute(old.clone(), msg)
            .expect_err("the old key is refused");
        assert_eq!(
            err.root_cause().to_string(),
            *expected,
            "{}",
            action.title()
        );
    }
    // The helpers that act as the `governance` account are refused too.
    assert_error(
        suite.set_need_factors(needs.bread, Some("2"), None, None),
        need_registry::ContractError::Ownership(OwnershipError::NotOwner),
    );
    assert_error(
        suite.set_policy("governance", need_policy()),
        distributor::ContractError::Ownership(OwnershipError::NotOwner),
    );
    assert_eq!(policy(&suite, None).schedule.len(), 1);
    assert_eq!(suite.member_weight("governance"), None);

    // What the old key cannot do, the members decide together.
    suite
        .decide(
            &["alex", "jordan", "casey"],
            &StewardAction::SetPolicy {
                policy: need_policy(),
            },
        )
        .unwrap();
    assert_eq!(policy(&suite, Some(2)).policy, need_policy());
}
