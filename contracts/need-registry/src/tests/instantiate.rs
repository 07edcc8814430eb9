use cosmwasm_std::testing::message_info;
use cosmwasm_std::{coins, Decimal, StdError};
use cw_ownable::Ownership;
use cw_utils::PaymentError;
use flow_types::registry::{
    CategoriesResponse, CategoryDemand, Config, ConfigResponse, PostingRule, QueryMsg,
    DEFAULT_MAX_REQUESTERS_PER_NEED,
};
use flow_types::validate::ValidationError;

use super::suite::{attrs, category, dec, Suite};
use crate::contract::{instantiate, CONTRACT_NAME, CONTRACT_VERSION};
use crate::ContractError;

#[test]
fn stores_config_owner_categories_and_version() {
    let mut suite = Suite::uninstantiated();
    let msg = suite.instantiate_msg();
    let res = suite.instantiate(msg).unwrap();
    assert_eq!(
        attrs(&res),
        vec![
            ("action", "instantiate"),
            ("owner", suite.owner.as_str()),
            ("group", suite.group.as_str()),
            ("posting", "members"),
            ("max_requesters_per_need", "50"),
            ("categories", "3"),
        ]
    );

    let config: ConfigResponse = suite.query(QueryMsg::Config {});
    assert_eq!(
        config.config,
        Config {
            group: suite.group.clone(),
            posting: PostingRule::Members,
            max_requesters_per_need: DEFAULT_MAX_REQUESTERS_PER_NEED,
        }
    );
    let ownership: Ownership<cosmwasm_std::Addr> = suite.query(QueryMsg::Ownership {});
    assert_eq!(ownership.owner, Some(suite.owner.clone()));
    assert_eq!(ownership.pending_owner, None);

    let categories: CategoriesResponse = suite.query(QueryMsg::Categories {});
    assert_eq!(
        categories.categories,
        vec![category("bread"), category("childcare"), category("garden")]
    );
    assert_eq!(
        suite.demand(),
        ["bread", "childcare", "garden"]
            .iter()
            .map(|c| CategoryDemand {
                category: c.to_string(),
                requesters: 0,
                providers: 0,
                open_needs: 0,
            })
            .collect::<Vec<_>>()
    );

    let version = cw2::get_contract_version(&suite.deps.storage).unwrap();
    assert_eq!(version.contract, "crates.io:need-registry");
    assert_eq!(version.contract, CONTRACT_NAME);
    assert_eq!(version.version, CONTRACT_VERSION);
}

#[test]
fn takes_an_explicit_requester_bound_and_no_categories() {
    let mut suite = Suite::uninstantiated();
    let mut msg = suite.instantiate_msg();
    msg.max_requesters_per_need = Some(200);
    msg.posting = PostingRule::Stewards;
    msg.categories = vec![];
    suite.instantiate(msg).unwrap();
    let config: ConfigResponse = suite.query(QueryMsg::Config {});
    assert_eq!(config.config.max_requesters_per_need, 200);
    assert_eq!(config.config.posting, PostingRule::Stewards);
    assert_eq!(suite.demand(), vec![]);
}

/// Instantiates with `msg` changed by `f`, expects an error and an untouched storage.
fn rejected(f: impl FnOnce(&Suite, &mut flow_types::registry::InstantiateMsg)) -> ContractError {
    let mut suite = Suite::uninstantiated();
    let mut msg = suite.instantiate_msg();
    f(&suite, &mut msg);
    let err = suite.instantiate(msg).unwrap_err();
    assert_eq!(
        suite.snapshot(),
        vec![],
        "a failed instantiate stored something"
    );
    err
}

#[test]
fn rejects_invalid_addresses() {
    assert_eq!(
        rejected(|_, m| m.owner = "stewards".to_string()),
        ContractError::Std(StdError::generic_err("Error decoding bech32"))
    );
    assert_eq!(
        rejected(|s, m| m.owner = s.owner.as_str().to_uppercase()),
        ContractError::Std(StdError::generic_err(
            "Invalid input: address not normalized"
        ))
    );
    assert_eq!(
        rejected(|_, m| m.group = "group".to_string()),
        ContractError::Std(StdError::generic_err("Error decoding bech32"))
    );
    assert_eq!(
        rejected(|s, m| m.group = s.group.as_str().to_uppercase()),
        ContractError::Std(StdError::generic_err(
            "Invalid input: address not normalized"
        ))
    );
}

#[test]
fn rejects_a_requester_bound_out_of_range() {
    for bad in [0u32, 201] {
        assert_eq!(
            rejected(|_, m| m.max_requesters_per_need = Some(bad)),
            ContractError::Validation(ValidationError::OutOfRange {
                field: "max_requesters_per_need".to_string(),
                value: bad.to_string(),
                min: "1".to_string(),
                max: "200".to_string(),
            })
        );
    }
}

#[test]
fn rejects_bad_seed_categories() {
    assert_eq!(
        rejected(|_, m| m.categories.push(category("Child Care"))),
        ContractError::Validation(ValidationError::NotASlug {
            field: "category.id".to_string(),
            value: "Child Care".to_string(),
            max: 32,
        })
    );
    assert_eq!(
        rejected(|_, m| m.categories.push(category("bread"))),
        ContractError::DuplicateCategory {
            id: "bread".to_string()
        }
    );
    assert_eq!(
        rejected(|_, m| m.categories[0].impact = dec("10.000000000000000001")),
        ContractError::Validation(ValidationError::OutOfRange {
            field: "category.impact".to_string(),
            value: "10.000000000000000001".to_string(),
            min: "0".to_string(),
            max: "10".to_string(),
        })
    );
    assert_eq!(
        rejected(|_, m| {
            m.categories = (0..65).map(|i| category(&format!("c{i}"))).collect();
        }),
        ContractError::TooManyCategories { max: 64 }
    );
}

#[test]
fn seeds_up_to_64_categories() {
    let suite = Suite::with(|m| {
        m.categories = (0..64).map(|i| category(&format!("c{i:02}"))).collect();
        m.categories[63].need_factor = Decimal::percent(200);
    });
    let categories: CategoriesResponse = suite.query(QueryMsg::Categories {});
    assert_eq!(categories.categories.len(), 64);
    assert_eq!(categories.categories[0].id, "c00");
    assert_eq!(categories.categories[63].need_factor, Decimal::percent(200));
    assert_eq!(suite.demand().len(), 64);
}

#[test]
fn rejects_funds() {
    let mut suite = Suite::uninstantiated();
    let msg = suite.instantiate_msg();
    let owner = suite.owner.clone();
    let err = instantiate(
        suite.deps.as_mut(),
        suite.env.clone(),
        message_info(&owner, &coins(5, "ujuno")),
        msg,
    )
    .unwrap_err();
    assert_eq!(err, ContractError::Payment(PaymentError::NonPayable {}));
    assert_eq!(suite.snapshot(), vec![]);
}
