use cosmwasm_std::Addr;
use cw_ownable::{Action, Ownership, OwnershipError};
use flow_types::registry::{Config, ConfigResponse, ExecuteMsg, PostingRule, QueryMsg};
use flow_types::validate::ValidationError;

use super::suite::{attrs, need_input, Suite};
use crate::ContractError;

fn update(
    group: Option<String>,
    posting: Option<PostingRule>,
    max_requesters_per_need: Option<u32>,
) -> ExecuteMsg {
    ExecuteMsg::UpdateConfig {
        group,
        posting,
        max_requesters_per_need,
    }
}

#[test]
fn governance_updates_the_config() {
    let mut suite = Suite::new();
    let (owner, alice, bob) = (suite.owner.clone(), suite.alice.clone(), suite.bob.clone());
    let new_group = suite.api.addr_make("new-group");
    suite.set_weight(&new_group, &bob, 1);

    let res = suite
        .execute(
            &owner,
            update(
                Some(new_group.to_string()),
                Some(PostingRule::Stewards),
                Some(10),
            ),
        )
        .unwrap();
    assert_eq!(
        attrs(&res),
        vec![
            ("action", "update_config"),
            ("group", new_group.as_str()),
            ("posting", "stewards"),
            ("max_requesters_per_need", "10"),
        ]
    );
    let config: ConfigResponse = suite.query(QueryMsg::Config {});
    assert_eq!(
        config.config,
        Config {
            group: new_group.clone(),
            posting: PostingRule::Stewards,
            max_requesters_per_need: 10,
        }
    );

    // Unset fields stay as they are.
    suite
        .execute(&owner, update(None, Some(PostingRule::Members), None))
        .unwrap();
    let config: ConfigResponse = suite.query(QueryMsg::Config {});
    assert_eq!(config.config.group, new_group);
    assert_eq!(config.config.max_requesters_per_need, 10);

    // Membership now comes from the new group: bob is in, alice is not.
    assert_eq!(
        suite.fails(
            &alice,
            ExecuteMsg::PostNeed {
                need: need_input("bread")
            }
        ),
        ContractError::NotAMember {
            address: alice.to_string()
        }
    );
    assert_eq!(suite.post(&bob, "bread"), 1);
}

#[test]
fn config_is_governance_only_and_validated() {
    let mut suite = Suite::new();
    let (owner, alice) = (suite.owner.clone(), suite.alice.clone());
    assert_eq!(
        suite.fails(&alice, update(None, Some(PostingRule::Stewards), None)),
        ContractError::Ownership(OwnershipError::NotOwner)
    );
    assert_eq!(
        suite.fails(&owner, update(None, None, Some(0))),
        ContractError::Validation(ValidationError::OutOfRange {
            field: "max_requesters_per_need".to_string(),
            value: "0".to_string(),
            min: "1".to_string(),
            max: "200".to_string(),
        })
    );
    assert_eq!(
        suite.fails(&owner, update(None, None, Some(201))),
        ContractError::Validation(ValidationError::OutOfRange {
            field: "max_requesters_per_need".to_string(),
            value: "201".to_string(),
            min: "1".to_string(),
            max: "200".to_string(),
        })
    );
    assert!(matches!(
        suite.fails(&owner, update(Some("GROUP".to_string()), None, None)),
        ContractError::Std(_)
    ));
}

#[test]
fn ownership_moves_in_two_steps() {
    let mut suite = Suite::new();
    let (owner, alice) = (suite.owner.clone(), suite.alice.clone());
    let dao = suite.api.addr_make("dao");
    suite
        .execute(
            &owner,
            ExecuteMsg::UpdateOwnership(Action::TransferOwnership {
                new_owner: dao.to_string(),
                expiry: None,
            }),
        )
        .unwrap();
    assert_eq!(
        suite.fails(&alice, ExecuteMsg::UpdateOwnership(Action::AcceptOwnership)),
        ContractError::Ownership(OwnershipError::NotPendingOwner)
    );
    let res = suite
        .execute(&dao, ExecuteMsg::UpdateOwnership(Action::AcceptOwnership))
        .unwrap();
    assert_eq!(attrs(&res)[0], ("action", "update_ownership"));
    assert_eq!(attrs(&res)[1], ("owner", dao.as_str()));
    let ownership: Ownership<Addr> = suite.query(QueryMsg::Ownership {});
    assert_eq!(ownership.owner, Some(dao.clone()));

    // The old owner lost its powers; the new one has them.
    assert_eq!(
        suite.fails(&owner, update(None, Some(PostingRule::Stewards), None)),
        ContractError::Ownership(OwnershipError::NotOwner)
    );
    suite
        .execute(&dao, update(None, Some(PostingRule::Stewards), None))
        .unwrap();
}
