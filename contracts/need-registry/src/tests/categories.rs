use cosmwasm_std::{coins, Decimal};
use cw_ownable::OwnershipError;
use cw_utils::PaymentError;
use flow_types::registry::{CategoriesResponse, Category, CategoryResponse, ExecuteMsg, QueryMsg};
use flow_types::validate::ValidationError;

use super::suite::{attrs, category, dec, Suite};
use crate::ContractError;

fn set(category: Category) -> ExecuteMsg {
    ExecuteMsg::SetCategory { category }
}

#[test]
fn governance_adds_and_replaces_categories() {
    let mut suite = Suite::new();
    let owner = suite.owner.clone();
    let solar = Category {
        id: "solar-repair".to_string(),
        label: "Solar repair".to_string(),
        impact: dec("2.5"),
        capacity_building: true,
        need_factor: dec("1.5"),
        unit_credit: dec("0.1"),
    };
    let res = suite.execute(&owner, set(solar.clone())).unwrap();
    assert_eq!(
        attrs(&res),
        vec![
            ("action", "set_category"),
            ("category", "solar-repair"),
            ("created", "true"),
            ("impact", "2.5"),
            ("need_factor", "1.5"),
            ("unit_credit", "0.1"),
            ("capacity_building", "true"),
        ]
    );
    let got: CategoryResponse = suite.query(QueryMsg::Category {
        id: "solar-repair".to_string(),
    });
    assert_eq!(got.category, solar);

    let mut childcare = category("childcare");
    childcare.need_factor = Decimal::percent(200);
    childcare.label = "Childcare".to_string();
    let res = suite.execute(&owner, set(childcare.clone())).unwrap();
    assert_eq!(attrs(&res)[2], ("created", "false"));

    let all: CategoriesResponse = suite.query(QueryMsg::Categories {});
    assert_eq!(
        all.categories,
        vec![category("bread"), childcare, category("garden"), solar]
    );
    // A replaced category keeps its single demand entry.
    assert_eq!(suite.demand().len(), 4);
}

#[test]
fn replacing_a_category_keeps_its_demand_and_its_needs_factors() {
    let mut suite = Suite::new();
    let (owner, alice) = (suite.owner.clone(), suite.alice.clone());
    let id = suite.post(&alice, "childcare");
    let mut childcare = category("childcare");
    childcare.impact = dec("3");
    suite.execute(&owner, set(childcare)).unwrap();
    assert_eq!(suite.demand_of("childcare"), (1, 0, 1));
    assert_eq!(suite.need(id).impact, Decimal::one());
    // Needs posted afterwards take the new default.
    let id2 = suite.post(&alice, "childcare");
    assert_eq!(suite.need(id2).impact, dec("3"));
}

#[test]
fn only_governance_sets_categories() {
    let mut suite = Suite::new();
    let alice = suite.alice.clone();
    let err = suite.fails(&alice, set(category("solar")));
    assert_eq!(err, ContractError::Ownership(OwnershipError::NotOwner));
}

#[test]
fn at_most_64_categories() {
    let mut suite = Suite::with(|m| m.categories = vec![]);
    let owner = suite.owner.clone();
    for i in 0..64 {
        suite
            .execute(&owner, set(category(&format!("c{i:02}"))))
            .unwrap();
    }
    let err = suite.fails(&owner, set(category("one-too-many")));
    assert_eq!(err, ContractError::TooManyCategories { max: 64 });
    // Replacing one of the 64 still works.
    let mut c10 = category("c10");
    c10.impact = dec("4");
    suite.execute(&owner, set(c10.clone())).unwrap();
    let got: CategoryResponse = suite.query(QueryMsg::Category {
        id: "c10".to_string(),
    });
    assert_eq!(got.category, c10);
    assert_eq!(suite.demand().len(), 64);
}

#[test]
fn rejects_bad_categories() {
    let mut suite = Suite::new();
    let owner = suite.owner.clone();
    let long_slug = "a".repeat(33);
    let cases: Vec<(Category, ContractError)> = vec![
        (
            category("Childcare"),
            ContractError::Validation(ValidationError::NotASlug {
                field: "category.id".to_string(),
                value: "Childcare".to_string(),
                max: 32,
            }),
        ),
        (
            category(&long_slug),
            ContractError::Validation(ValidationError::NotASlug {
                field: "category.id".to_string(),
                value: long_slug.clone(),
                max: 32,
            }),
        ),
        (
            Category {
                label: " ".to_string(),
                ..category("solar")
            },
            ContractError::Validation(ValidationError::Empty {
                field: "category.label".to_string(),
            }),
        ),
        (
            Category {
                label: "x".repeat(65),
                ..category("solar")
            },
            ContractError::Validation(ValidationError::TooLong {
                field: "category.label".to_string(),
                len: 65,
                max: 64,
            }),
        ),
        (
            Category {
                impact: dec("11"),
                ..category("solar")
            },
            ContractError::Validation(ValidationError::OutOfRange {
                field: "category.impact".to_string(),
                value: "11".to_string(),
                min: "0".to_string(),
                max: "10".to_string(),
            }),
        ),
        (
            Category {
                need_factor: dec("100.5"),
                ..category("solar")
            },
            ContractError::Validation(ValidationError::OutOfRange {
                field: "category.need_factor".to_string(),
                value: "100.5".to_string(),
                min: "0".to_string(),
                max: "100".to_string(),
            }),
        ),
        (
            Category {
                unit_credit: dec("101"),
                ..category("solar")
            },
            ContractError::Validation(ValidationError::OutOfRange {
                field: "category.unit_credit".to_string(),
                value: "101".to_string(),
                min: "0".to_string(),
                max: "100".to_string(),
            }),
        ),
    ];
    for (bad, expected) in cases {
        assert_eq!(suite.fails(&owner, set(bad)), expected);
    }
    let err = suite.fails_with_funds(&owner, set(category("solar")), &coins(1, "ujuno"));
    assert_eq!(err, ContractError::Payment(PaymentError::NonPayable {}));
}

#[test]
fn bounds_are_inclusive() {
    let mut suite = Suite::new();
    let owner = suite.owner.clone();
    let edge = Category {
        impact: dec("10"),
        need_factor: dec("100"),
        unit_credit: dec("100"),
        ..category("edge")
    };
    suite.execute(&owner, set(edge.clone())).unwrap();
    let zero = Category {
        impact: Decimal::zero(),
        need_factor: Decimal::zero(),
        unit_credit: Decimal::zero(),
        ..category(&"z".repeat(32))
    };
    suite.execute(&owner, set(zero)).unwrap();
    let got: CategoryResponse = suite.query(QueryMsg::Category {
        id: "edge".to_string(),
    });
    assert_eq!(got.category, edge);
}

#[test]
fn unknown_category_query() {
    let suite = Suite::new();
    let err = suite
        .try_query::<CategoryResponse>(QueryMsg::Category {
            id: "solar".to_string(),
        })
        .unwrap_err();
    assert_eq!(
        err,
        ContractError::UnknownCategory {
            id: "solar".to_string()
        }
    );
}
