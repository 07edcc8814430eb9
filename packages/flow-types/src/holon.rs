//! The cross-holon interface: what any holon answers and accepts, and a typed handle to
//! call one. A contract that knows only this module can talk to any holon.

use cosmwasm_schema::{cw_serde, QueryResponses};
use cosmwasm_std::{to_json_binary, Addr, CosmosMsg, QuerierWrapper, StdResult, Uint128, WasmMsg};
use cw20::Cw20ExecuteMsg;

/// The query every holon's distributor answers (the distributor's own `QueryMsg` has the
/// same `{"holon_info":{}}` variant).
#[cw_serde]
#[serde(deny_unknown_fields)]
#[derive(QueryResponses)]
pub enum HolonQueryMsg {
    #[returns(HolonInfoResponse)]
    HolonInfo {},
}

#[cw_serde]
pub struct HolonInfoResponse {
    pub name: String,
    pub distributor: Addr,
    pub token: Addr,
    pub registry: Addr,
    pub attestation: Addr,
    pub group: Addr,
    pub current_cycle: u64,
    /// The native denom its treasury pays on redemption (none: fixed budget, no redemption).
    pub treasury_denom: Option<String>,
}

/// The payloads a holon's distributor accepts inside a cw20 `Send`
/// (`Cw20ExecuteMsg::Send { contract: distributor, amount, msg: to_json_binary(&payload) }`).
#[cw_serde]
#[serde(deny_unknown_fields)]
pub enum HolonReceiveMsg {
    /// Own tokens: burn them and pay one treasury denom unit per token unit to
    /// `recipient` (default: the sender).
    Redeem { recipient: Option<String> },
    /// Own tokens: burn them; their backing returns to the pool for the next cycle.
    GiftToPool {},
    /// Another holon's tokens: keep them and mint floor(amount × rate) of ours to
    /// `recipient` (default: the sender).
    Exchange { recipient: Option<String> },
}

/// A handle on a holon, by its distributor's address.
#[cw_serde]
pub struct HolonContract(pub Addr);

impl HolonContract {
    pub fn addr(&self) -> &Addr {
        &self.0
    }

    /// Who this holon is: its token, registry, attestation and group, and its cycle.
    pub fn info(&self, querier: &QuerierWrapper) -> StdResult<HolonInfoResponse> {
        querier.query_wasm_smart(self.0.to_string(), &HolonQueryMsg::HolonInfo {})
    }

    /// The cw20 message (to execute on a token) that sends `amount` of it to this holon
    /// with `payload`.
    pub fn cw20_send(
        &self,
        amount: Uint128,
        payload: &HolonReceiveMsg,
    ) -> StdResult<Cw20ExecuteMsg> {
        Ok(Cw20ExecuteMsg::Send {
            contract: self.0.to_string(),
            amount,
            msg: to_json_binary(payload)?,
        })
    }

    fn send(
        &self,
        token: &Addr,
        amount: Uint128,
        payload: &HolonReceiveMsg,
    ) -> StdResult<CosmosMsg> {
        Ok(WasmMsg::Execute {
            contract_addr: token.to_string(),
            msg: to_json_binary(&self.cw20_send(amount, payload)?)?,
            funds: vec![],
        }
        .into())
    }

    /// The message that exchanges `amount` of `foreign_token` (another holon's token the
    /// signer holds) into this holon's tokens, paid to `recipient` (default: the signer).
    pub fn exchange_msg(
        &self,
        foreign_token: &Addr,
        amount: Uint128,
        recipient: Option<String>,
    ) -> StdResult<CosmosMsg> {
        self.send(
            foreign_token,
            amount,
            &HolonReceiveMsg::Exchange { recipient },
        )
    }

    /// The message that redeems `amount` of this holon's `token` at its treasury.
    pub fn redeem_msg(
        &self,
        token: &Addr,
        amount: Uint128,
        recipient: Option<String>,
    ) -> StdResult<CosmosMsg> {
        self.send(token, amount, &HolonReceiveMsg::Redeem { recipient })
    }

    /// The message that gifts `amount` of this holon's `token` back to its pool.
    pub fn gift_to_pool_msg(&self, token: &Addr, amount: Uint128) -> StdResult<CosmosMsg> {
        self.send(token, amount, &HolonReceiveMsg::GiftToPool {})
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use cosmwasm_std::from_json;

    #[test]
    fn exchange_is_a_cw20_send_with_the_payload() {
        let holon = HolonContract(Addr::unchecked("beta-distributor"));
        let msg = holon
            .exchange_msg(&Addr::unchecked("alpha-token"), Uint128::new(7), None)
            .unwrap();
        let CosmosMsg::Wasm(WasmMsg::Execute {
            contract_addr, msg, ..
        }) = msg
        else {
            panic!("not a wasm execute")
        };
        assert_eq!(contract_addr, "alpha-token");
        let Cw20ExecuteMsg::Send {
            contract,
            amount,
            msg,
        } = from_json(&msg).unwrap()
        else {
            panic!("not a send")
        };
        assert_eq!(
            (contract.as_str(), amount),
            ("beta-distributor", Uint128::new(7))
        );
        assert_eq!(
            from_json::<HolonReceiveMsg>(&msg).unwrap(),
            HolonReceiveMsg::Exchange { recipient: None }
        );
    }
}
