//! Every contract of the suite as a multi-test `ContractWrapper`, in one place.

use cosmwasm_std::Empty;
use cw_multi_test::{Contract, ContractWrapper};

pub fn group() -> Box<dyn Contract<Empty>> {
    Box::new(ContractWrapper::new(
        cw4_group::contract::execute,
        cw4_group::contract::instantiate,
        cw4_group::contract::query,
    ))
}

pub fn registry() -> Box<dyn Contract<Empty>> {
    Box::new(
        ContractWrapper::new(
            need_registry::contract::execute,
            need_registry::contract::instantiate,
            need_registry::contract::query,
        )
        .with_migrate(need_registry::contract::migrate),
    )
}

pub fn attestation() -> Box<dyn Contract<Empty>> {
    Box::new(
        ContractWrapper::new(
            attestation::contract::execute,
            attestation::contract::instantiate,
            attestation::contract::query,
        )
        .with_migrate(attestation::contract::migrate),
    )
}

pub fn distributor() -> Box<dyn Contract<Empty>> {
    Box::new(
        ContractWrapper::new(
            distributor::contract::execute,
            distributor::contract::instantiate,
            distributor::contract::query,
        )
        .with_reply(distributor::contract::reply)
        .with_migrate(distributor::contract::migrate),
    )
}

pub fn flow_token() -> Box<dyn Contract<Empty>> {
    Box::new(
        ContractWrapper::new(
            flow_token::contract::execute,
            flow_token::contract::instantiate,
            flow_token::contract::query,
        )
        .with_migrate(flow_token::contract::migrate),
    )
}

pub fn commons() -> Box<dyn Contract<Empty>> {
    Box::new(
        ContractWrapper::new(
            commons::contract::execute,
            commons::contract::instantiate,
            commons::contract::query,
        )
        .with_migrate(commons::contract::migrate),
    )
}

/// cw-plus cw20-base itself, for side-by-side comparisons.
pub fn cw20_base() -> Box<dyn Contract<Empty>> {
    Box::new(ContractWrapper::new(
        cw20_base::contract::execute,
        cw20_base::contract::instantiate,
        cw20_base::contract::query,
    ))
}

/// cw-plus cw3-flex-multisig: the members' governance, voting with their cw4 group weights.
pub fn multisig() -> Box<dyn Contract<Empty>> {
    Box::new(ContractWrapper::new(
        cw3_flex_multisig::contract::execute,
        cw3_flex_multisig::contract::instantiate,
        cw3_flex_multisig::contract::query,
    ))
}
