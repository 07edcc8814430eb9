//! Instantiate, policy, ownership and migration.

use cosmwasm_std::testing::message_info;
use cosmwasm_std::{coins, Decimal, StdError};
use cw_ownable::{Action, Ownership, OwnershipError};
use cw_utils::PaymentError;
use flow_types::attestation::{
    AttestationPolicy, ConfigResponse, ExecuteMsg, MigrateMsg, QueryMsg,
};
use flow_types::migrate::MigrateError;
use flow_types::validate::ValidationError;

use super::suite::{addr, dec, Suite};
use crate::contract::{migrate, CONTRACT_NAME, CONTRACT_VERSION};
use crate::ContractError;

fn out_of_range(field: &str) -> impl Fn(&ContractError) -> bool + '_ {
    move |e| matches!(e, ContractError::Validation(ValidationError::OutOfRange { field: f, .. }) if f == field)
}

fn bad_policies() -> Vec<(AttestationPolicy, &'static str)> {
    let d = AttestationPolicy::default;
    vec![
        (
            AttestationPolicy {
                cosigns_required: 0,
                ..d()
            },
            "cosigns_required",
        ),
        (
            AttestationPolicy {
                cosigns_required: 6,
                ..d()
            },
            "cosigns_required",
        ),
        (
            AttestationPolicy {
                max_hours_per_attestation: Decimal::zero(),
                ..d()
            },
            "max_hours_per_attestation",
        ),
        (
            AttestationPolicy {
                max_hours_per_attestation: dec("744.5"),
                ..d()
            },
            "max_hours_per_attestation",
        ),
        (
            AttestationPolicy {
                max_hours_per_cycle: Decimal::zero(),
                ..d()
            },
            "max_hours_per_cycle",
        ),
        (
            AttestationPolicy {
                max_hours_per_cycle: dec("745"),
                ..d()
            },
            "max_hours_per_cycle",
        ),
        (
            AttestationPolicy {
                max_cosigns_per_pair_per_cycle: 0,
                ..d()
            },
            "max_cosigns_per_pair_per_cycle",
        ),
    ]
}

#[test]
fn instantiate_stores_the_config_and_the_distributor_defaults_to_the_instantiator() {
    let mut s = Suite::uninstantiated();
    let mut msg = s.instantiate_msg(AttestationPolicy::default());
    msg.distributor = None;
    let distributor = addr("distributor-contract");
    s.instantiate(&distributor, msg.clone()).unwrap();

    let config = s.q::<ConfigResponse>(QueryMsg::Config {}).config;
    assert_eq!(config.distributor, distributor);
    assert_eq!(config.group, s.group);
    assert_eq!(config.registry, s.registry);
    assert_eq!(config.clock, msg.clock);
    assert_eq!(config.policy, AttestationPolicy::default());
    let ownership: Ownership<cosmwasm_std::Addr> = s.q(QueryMsg::Ownership {});
    assert_eq!(ownership.owner, Some(s.owner.clone()));
    let version = cw2::get_contract_version(&s.deps.storage).unwrap();
    assert_eq!(
        (version.contract.as_str(), version.version.as_str()),
        (CONTRACT_NAME, CONTRACT_VERSION)
    );
}

#[test]
fn instantiate_checks_its_input() {
    let mut s = Suite::uninstantiated();
    let sender = addr("distributor");
    let good = s.instantiate_msg(AttestationPolicy::default());

    for (policy, field) in bad_policies() {
        let mut msg = good.clone();
        msg.policy = policy;
        let err = s.instantiate(&sender, msg).unwrap_err();
        assert!(out_of_range(field)(&err), "{field}: {err}");
    }
    let mut msg = good.clone();
    msg.clock.length = 0;
    assert!(matches!(
        s.instantiate(&sender, msg),
        Err(ContractError::Std(_))
    ));
    for field in ["owner", "group", "registry", "distributor"] {
        let mut msg = good.clone();
        match field {
            "owner" => msg.owner = "Not An Address".into(),
            "group" => msg.group = "Not An Address".into(),
            "registry" => msg.registry = "Not An Address".into(),
            _ => msg.distributor = Some("Not An Address".into()),
        }
        let err = s.instantiate(&sender, msg).unwrap_err();
        assert!(
            matches!(err, ContractError::Std(StdError::GenericErr { .. })),
            "{field}: {err}"
        );
    }
    let err = crate::contract::instantiate(
        s.deps.as_mut(),
        s.env.clone(),
        message_info(&sender, &coins(1, "ucredit")),
        good.clone(),
    )
    .unwrap_err();
    assert_eq!(err, ContractError::Payment(PaymentError::NonPayable {}));
    s.instantiate(&sender, good).unwrap();
}

#[test]
fn governance_sets_the_policy() {
    let mut s = Suite::new();
    s.add_need(1, "garden");
    let id = s.attest_ok("alex", 1, "4", None);
    let policy = AttestationPolicy {
        cosigns_required: 2,
        challenge_seconds: 3_600,
        max_hours_per_attestation: dec("8"),
        max_hours_per_cycle: dec("160"),
        max_cosigns_per_pair_per_cycle: 4,
        pending_expiry_seconds: 86_400,
    };
    s.fails(
        "alex",
        ExecuteMsg::SetPolicy {
            policy: policy.clone(),
        },
        ContractError::Ownership(OwnershipError::NotOwner),
    );
    for (bad, field) in bad_policies() {
        let before = s.dump();
        let err = s
            .exec("gov", ExecuteMsg::SetPolicy { policy: bad })
            .unwrap_err();
        assert!(out_of_range(field)(&err), "{field}: {err}");
        assert!(s.dump() == before);
    }
    s.exec(
        "gov",
        ExecuteMsg::SetPolicy {
            policy: policy.clone(),
        },
    )
    .unwrap();
    assert_eq!(
        s.q::<ConfigResponse>(QueryMsg::Config {}).config.policy,
        policy
    );

    // At once: the pending attestation now needs two co-signs.
    let res = s.cosign("jordan", id).unwrap();
    assert!(res.messages.is_empty());
    s.cosign("casey", id).unwrap();
    assert_eq!(
        s.att(id).status,
        flow_types::attestation::AttestationStatus::Challenge
    );
}

#[test]
fn ownership_moves_in_two_steps() {
    let mut s = Suite::new();
    let council = addr("council");
    s.exec(
        "gov",
        ExecuteMsg::UpdateOwnership(Action::TransferOwnership {
            new_owner: council.to_string(),
            expiry: None,
        }),
    )
    .unwrap();
    s.exec_as(
        &council,
        ExecuteMsg::UpdateOwnership(Action::AcceptOwnership),
        &[],
    )
    .unwrap();
    let ownership: Ownership<cosmwasm_std::Addr> = s.q(QueryMsg::Ownership {});
    assert_eq!(ownership.owner, Some(council.clone()));
    s.fails(
        "gov",
        ExecuteMsg::SetPolicy {
            policy: AttestationPolicy::default(),
        },
        ContractError::Ownership(OwnershipError::NotOwner),
    );
    s.exec_as(
        &council,
        ExecuteMsg::SetPolicy {
            policy: AttestationPolicy::default(),
        },
        &[],
    )
    .unwrap();
}

#[test]
fn migrate_only_moves_forward_from_this_contract() {
    let mut s = Suite::new();
    let env = s.env.clone();
    // Same version: not an upgrade.
    let err = migrate(s.deps.as_mut(), env.clone(), MigrateMsg {}).unwrap_err();
    assert!(
        matches!(
            err,
            ContractError::Migrate(MigrateError::NotAnUpgrade { .. })
        ),
        "{err}"
    );
    // A newer version stored: a downgrade.
    cw2::set_contract_version(&mut s.deps.storage, CONTRACT_NAME, "9.0.0").unwrap();
    let err = migrate(s.deps.as_mut(), env.clone(), MigrateMsg {}).unwrap_err();
    assert!(
        matches!(
            err,
            ContractError::Migrate(MigrateError::NotAnUpgrade { .. })
        ),
        "{err}"
    );
    // Another contract.
    cw2::set_contract_version(&mut s.deps.storage, "crates.io:cw20-base", "0.0.1").unwrap();
    let err = migrate(s.deps.as_mut(), env.clone(), MigrateMsg {}).unwrap_err();
    assert!(
        matches!(
            err,
            ContractError::Migrate(MigrateError::WrongContract { .. })
        ),
        "{err}"
    );
    // An older version of this one.
    cw2::set_contract_version(&mut s.deps.storage, CONTRACT_NAME, "0.0.1").unwrap();
    migrate(s.deps.as_mut(), env, MigrateMsg {}).unwrap();
    assert_eq!(
        cw2::get_contract_version(&s.deps.storage).unwrap().version,
        CONTRACT_VERSION
    );
}
