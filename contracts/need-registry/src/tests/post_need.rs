use cosmwasm_std::{coins, Decimal};
use cw_utils::PaymentError;
use flow_types::registry::{
    Category, ExecuteMsg, Need, NeedInput, NeedStatus, Period, PostingRule, QueryMsg,
    RequestersResponse,
};
use flow_types::validate::ValidationError;

use super::suite::{attrs, category, dec, need_input, Suite};
use crate::ContractError;

fn post(need: NeedInput) -> ExecuteMsg {
    ExecuteMsg::PostNeed { need }
}

fn requesters(suite: &Suite, id: u64) -> Vec<String> {
    suite
        .query::<RequestersResponse>(QueryMsg::Requesters {
            need_id: id,
            start_after: None,
            limit: None,
        })
        .members
        .into_iter()
        .map(|a| a.to_string())
        .collect()
}

#[test]
fn a_member_posts_a_need_with_category_defaults() {
    let mut suite = Suite::with(|m| {
        m.categories[1] = Category {
            impact: dec("2"),
            capacity_building: true,
            unit_credit: dec("0.5"),
            ..category("childcare")
        };
    });
    let alice = suite.alice.clone();
    let res = suite
        .execute(&alice, post(need_input("childcare")))
        .unwrap();
    assert_eq!(
        attrs(&res),
        vec![
            ("action", "post_need"),
            ("need_id", "1"),
            ("category", "childcare"),
            ("poster", alice.as_str()),
            ("quantity", "6"),
            ("impact", "2"),
            ("unit_credit", "0.5"),
            ("capacity_building", "true"),
            ("requesters", "1"),
        ]
    );
    assert_eq!(
        suite.need(1),
        Need {
            id: 1,
            category: "childcare".to_string(),
            title: "Evening childcare".to_string(),
            description: "Two evenings a week".to_string(),
            unit: "hours".to_string(),
            quantity: Decimal::percent(600),
            period: Period::Weekly,
            status: NeedStatus::Open,
            impact: dec("2"),
            unit_credit: dec("0.5"),
            capacity_building: true,
            posted_by: alice.clone(),
            posted_at: suite.env.block.time,
            requesters: 1,
            offers: 0,
        }
    );
    assert_eq!(requesters(&suite, 1), vec![alice.to_string()]);
    assert_eq!(suite.demand_of("childcare"), (1, 0, 1));
    assert_eq!(suite.demand_of("bread"), (0, 0, 0));

    // Ids count up.
    let bob = suite.bob.clone();
    assert_eq!(suite.post(&bob, "bread"), 2);
    assert_eq!(suite.post(&alice, "childcare"), 3);
    // alice requests two open childcare needs: she counts once.
    assert_eq!(suite.demand_of("childcare"), (1, 0, 2));
    assert_eq!(suite.demand_of("bread"), (1, 0, 1));
}

#[test]
fn non_members_cannot_post() {
    let mut suite = Suite::new();
    let outsider = suite.outsider.clone();
    let err = suite.fails(&outsider, post(need_input("childcare")));
    assert_eq!(
        err,
        ContractError::NotAMember {
            address: outsider.to_string()
        }
    );
    // A member with weight 0 is no member.
    let group = suite.group.clone();
    suite.set_weight(&group, &outsider, 0);
    let err = suite.fails(&outsider, post(need_input("childcare")));
    assert_eq!(
        err,
        ContractError::NotAMember {
            address: outsider.to_string()
        }
    );
    suite.set_weight(&group, &outsider, 3);
    assert_eq!(suite.post(&outsider, "childcare"), 1);
}

#[test]
fn stewards_only_posting() {
    let mut suite = Suite::with(|m| m.posting = PostingRule::Stewards);
    let (alice, owner) = (suite.alice.clone(), suite.owner.clone());
    let err = suite.fails(&alice, post(need_input("garden")));
    assert_eq!(err, ContractError::StewardsOnly {});
    assert_eq!(suite.post(&owner, "garden"), 1);
    // The stewards are not a group member: their post records no request.
    let need = suite.need(1);
    assert_eq!(need.posted_by, owner);
    assert_eq!(need.requesters, 0);
    assert_eq!(requesters(&suite, 1), Vec::<String>::new());
    assert_eq!(suite.demand_of("garden"), (0, 0, 1));
    // Members endorse it.
    suite.endorse(&alice, 1);
    assert_eq!(suite.demand_of("garden"), (1, 0, 1));
}

#[test]
fn governance_that_is_a_member_requests_its_post() {
    let mut suite = Suite::new();
    let (owner, group) = (suite.owner.clone(), suite.group.clone());
    suite.set_weight(&group, &owner, 1);
    suite.post(&owner, "garden");
    assert_eq!(suite.need(1).requesters, 1);
    assert_eq!(requesters(&suite, 1), vec![owner.to_string()]);
    assert_eq!(suite.demand_of("garden"), (1, 0, 1));
}

#[test]
fn members_cannot_set_factors() {
    let mut suite = Suite::new();
    let alice = suite.alice.clone();
    let inputs = [
        NeedInput {
            impact: Some(dec("2")),
            ..need_input("garden")
        },
        NeedInput {
            unit_credit: Some(dec("0.1")),
            ..need_input("garden")
        },
        NeedInput {
            capacity_building: Some(false),
            ..need_input("garden")
        },
    ];
    for input in inputs {
        assert_eq!(
            suite.fails(&alice, post(input)),
            ContractError::FactorsByGovernanceOnly {}
        );
    }
}

#[test]
fn governance_sets_factors_when_posting() {
    let mut suite = Suite::new();
    let owner = suite.owner.clone();
    let input = NeedInput {
        impact: Some(dec("3")),
        unit_credit: Some(dec("0.1")),
        capacity_building: Some(true),
        ..need_input("bread")
    };
    suite.execute(&owner, post(input)).unwrap();
    let need = suite.need(1);
    assert_eq!(need.impact, dec("3"));
    assert_eq!(need.unit_credit, dec("0.1"));
    assert!(need.capacity_building);

    // Only the fields set override the defaults.
    let input = NeedInput {
        impact: Some(Decimal::zero()),
        ..need_input("bread")
    };
    suite.execute(&owner, post(input)).unwrap();
    let need = suite.need(2);
    assert_eq!(need.impact, Decimal::zero());
    assert_eq!(need.unit_credit, Decimal::zero());
    assert!(!need.capacity_building);

    // Bounds hold for governance too.
    let err = suite.fails(
        &owner,
        post(NeedInput {
            impact: Some(dec("10.5")),
            ..need_input("bread")
        }),
    );
    assert_eq!(
        err,
        ContractError::Validation(ValidationError::OutOfRange {
            field: "impact".to_string(),
            value: "10.5".to_string(),
            min: "0".to_string(),
            max: "10".to_string(),
        })
    );
    let err = suite.fails(
        &owner,
        post(NeedInput {
            unit_credit: Some(dec("100.1")),
            ..need_input("bread")
        }),
    );
    assert_eq!(
        err,
        ContractError::Validation(ValidationError::OutOfRange {
            field: "unit_credit".to_string(),
            value: "100.1".to_string(),
            min: "0".to_string(),
            max: "100".to_string(),
        })
    );
}

#[test]
fn unknown_or_malformed_category() {
    let mut suite = Suite::new();
    let alice = suite.alice.clone();
    assert_eq!(
        suite.fails(&alice, post(need_input("solar"))),
        ContractError::UnknownCategory {
            id: "solar".to_string()
        }
    );
    assert_eq!(
        suite.fails(&alice, post(need_input("Bread"))),
        ContractError::Validation(ValidationError::NotASlug {
            field: "category".to_string(),
            value: "Bread".to_string(),
            max: 32,
        })
    );
}

#[test]
fn rejects_bad_inputs() {
    let mut suite = Suite::new();
    let alice = suite.alice.clone();
    let v = ContractError::Validation;
    let cases = vec![
        (
            NeedInput {
                title: String::new(),
                ..need_input("bread")
            },
            v(ValidationError::Empty {
                field: "title".to_string(),
            }),
        ),
        (
            NeedInput {
                title: "   ".to_string(),
                ..need_input("bread")
            },
            v(ValidationError::Empty {
                field: "title".to_string(),
            }),
        ),
        (
            NeedInput {
                title: "t".repeat(129),
                ..need_input("bread")
            },
            v(ValidationError::TooLong {
                field: "title".to_string(),
                len: 129,
                max: 128,
            }),
        ),
        (
            NeedInput {
                description: "d".repeat(1025),
                ..need_input("bread")
            },
            v(ValidationError::TooLong {
                field: "description".to_string(),
                len: 1025,
                max: 1024,
            }),
        ),
        (
            NeedInput {
                unit: String::new(),
                ..need_input("bread")
            },
            v(ValidationError::Empty {
                field: "unit".to_string(),
            }),
        ),
        (
            NeedInput {
                unit: "u".repeat(17),
                ..need_input("bread")
            },
            v(ValidationError::TooLong {
                field: "unit".to_string(),
                len: 17,
                max: 16,
            }),
        ),
        (
            NeedInput {
                quantity: Decimal::zero(),
                ..need_input("bread")
            },
            ContractError::ZeroQuantity {},
        ),
    ];
    for (input, expected) in cases {
        assert_eq!(suite.fails(&alice, post(input)), expected);
    }
    let err = suite.fails_with_funds(&alice, post(need_input("bread")), &coins(1, "ujuno"));
    assert_eq!(err, ContractError::Payment(PaymentError::NonPayable {}));

    // Limits are inclusive, and a description may be empty.
    let input = NeedInput {
        title: "t".repeat(128),
        description: String::new(),
        unit: "u".repeat(16),
        quantity: Decimal::raw(1),
        ..need_input("bread")
    };
    suite.execute(&alice, post(input)).unwrap();
    assert_eq!(suite.need(1).description, "");
}
