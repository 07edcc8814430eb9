//! Creating a holon's distributor: it instantiates the flow-token (as its minter) and the
//! attestation contract (which records into it), or takes existing ones.

use cosmwasm_std::{
    to_json_binary, Addr, DepsMut, Env, MessageInfo, QuerierWrapper, Response, StdResult, SubMsg,
    Uint128, WasmMsg,
};
use cw20::MinterResponse;
use flow_types::attestation::InstantiateMsg as AttestationInstantiateMsg;
use flow_types::distributor::{
    AttestationSetup, BudgetMode, Config, InstantiateMsg, TokenSetup, MAX_NAME_LEN,
};
use flow_types::token::{InstantiateMsg as TokenInstantiateMsg, QueryMsg as TokenQuery};
use flow_types::{validate, CycleClock};

use crate::error::ContractError;
use crate::policy::{schedule_policy, validate_policy};
use crate::reply::{REPLY_ATTESTATION, REPLY_TOKEN};
use crate::state::{Treasury, CONFIG, FUND_SEQ, NEXT_TO_CLOSE, TREASURY};

/// The cw2 name and version, written at instantiation and checked by `migrate`.
pub const CONTRACT_NAME: &str = "crates.io:distributor";
pub const CONTRACT_VERSION: &str = env!("CARGO_PKG_VERSION");

fn validate_budget(budget: &BudgetMode) -> Result<(), ContractError> {
    match budget {
        BudgetMode::Fixed { emission } => {
            if emission.is_zero() {
                return Err(ContractError::ZeroAmount {});
            }
        }
        BudgetMode::Treasury { denom } => {
            // Cosmos SDK denom rules: 3–128 chars, a letter first, then [a-zA-Z0-9/:._-].
            let ok = (3..=128).contains(&denom.len())
                && denom.starts_with(|c: char| c.is_ascii_alphabetic())
                && denom
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || "/:._-".contains(c));
            if !ok {
                return Err(validate::ValidationError::NotASlug {
                    field: "budget.denom".into(),
                    value: denom.chars().take(80).collect(),
                    max: 128,
                }
                .into());
            }
        }
    }
    Ok(())
}

/// A contract the distributor creates, administered by governance; its address comes back
/// in the reply `reply_id`.
fn child<T: serde::Serialize>(
    governance: &Addr,
    code_id: u64,
    init: &T,
    label: String,
    reply_id: u64,
) -> StdResult<SubMsg> {
    Ok(SubMsg::reply_on_success(
        WasmMsg::Instantiate {
            admin: Some(governance.to_string()),
            code_id,
            msg: to_json_binary(init)?,
            funds: vec![],
            label,
        },
        reply_id,
    ))
}

pub fn instantiate(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    msg: InstantiateMsg,
) -> Result<Response, ContractError> {
    cw_utils::nonpayable(&info)?;
    cw2::set_contract_version(deps.storage, CONTRACT_NAME, CONTRACT_VERSION)?;
    validate::text("name", &msg.name, MAX_NAME_LEN)?;
    let governance = deps.api.addr_validate(&msg.governance)?;
    let group = deps.api.addr_validate(&msg.group)?;
    let registry = deps.api.addr_validate(&msg.registry)?;
    validate_policy(&msg.policy)?;
    validate_budget(&msg.budget)?;
    let start = msg.cycle_start.unwrap_or(env.block.time);
    let clock = CycleClock::new(start, msg.cycle_seconds)?;
    cw_ownable::initialize_owner(deps.storage, deps.api, Some(governance.as_str()))?;

    let me = env.contract.address.clone();
    let mut submsgs = vec![];
    let token = match msg.token {
        TokenSetup::Existing { address } => {
            // An existing token must already be this holon's: it names this distributor as
            // its holon and as its only minter (an address known in advance: instantiate2),
            // and, as a new one would, it starts with no supply and no cap: the treasury
            // counts every token as outstanding and backed.
            let token = deps.api.addr_validate(&address)?;
            let cap = crate::exchange::ensure_issued_by(&deps.querier, &token, &me)?;
            ensure_fresh(&deps.querier, &token, cap)?;
            token
        }
        TokenSetup::New {
            code_id,
            name,
            symbol,
            decimals,
            marketing,
            label,
        } => {
            let init = TokenInstantiateMsg {
                name,
                symbol,
                decimals,
                initial_balances: vec![],
                mint: Some(MinterResponse {
                    minter: me.to_string(),
                    cap: None,
                }),
                marketing,
                holon: Some(me.to_string()),
            };
            submsgs.push(child(&governance, code_id, &init, label, REPLY_TOKEN)?);
            Addr::unchecked("")
        }
    };
    let attestation = match msg.attestation {
        AttestationSetup::Existing { address } => deps.api.addr_validate(&address)?,
        AttestationSetup::New {
            code_id,
            label,
            policy,
        } => {
            let init = AttestationInstantiateMsg {
                owner: governance.to_string(),
                group: group.to_string(),
                registry: registry.to_string(),
                distributor: None,
                clock,
                policy,
            };
            submsgs.push(child(
                &governance,
                code_id,
                &init,
                label,
                REPLY_ATTESTATION,
            )?);
            Addr::unchecked("")
        }
    };

    let config = Config {
        name: msg.name,
        token,
        registry,
        attestation,
        group,
        start: clock.start,
        cycle_seconds: clock.length,
        budget: msg.budget,
    };
    CONFIG.save(deps.storage, &config)?;
    schedule_policy(deps.storage, &msg.policy, 1)?;
    NEXT_TO_CLOSE.save(deps.storage, &1)?;
    TREASURY.save(deps.storage, &Treasury::default())?;
    FUND_SEQ.save(deps.storage, &0)?;

    Ok(Response::new()
        .add_submessages(submsgs)
        .add_attribute("action", "instantiate")
        .add_attribute("holon", config.name)
        .add_attribute("cycle_start", clock.start.seconds().to_string())
        .add_attribute("cycle_seconds", clock.length.to_string()))
}

/// An existing token has nothing in circulation and no cap on what the holon mints.
fn ensure_fresh(
    querier: &QuerierWrapper,
    token: &Addr,
    cap: Option<Uint128>,
) -> Result<(), ContractError> {
    if let Some(cap) = cap {
        return Err(ContractError::ExistingTokenCapped {
            token: token.to_string(),
            cap,
        });
    }
    // Only the supply of cw20's `TokenInfoResponse` is read (a smaller decoder than the whole).
    #[derive(serde::Deserialize)]
    struct Supply {
        total_supply: Uint128,
    }
    let Supply { total_supply } = querier.query_wasm_smart(token, &TokenQuery::TokenInfo {})?;
    if !total_supply.is_zero() {
        return Err(ContractError::ExistingTokenHasSupply {
            token: token.to_string(),
            supply: total_supply,
        });
    }
    Ok(())
}
