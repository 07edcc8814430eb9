//! The flow-token: a cw20 token (cw20-base) that also says which holon issued it.
//!
//! Execute messages are exactly cw20-base's; the query enum is cw20-base's plus `Holon {}`,
//! so wallets, explorers and other contracts treat it as any cw20.

use cosmwasm_schema::{cw_serde, QueryResponses};
use cosmwasm_std::Addr;
use cw20::{Cw20Coin, MinterResponse};

pub use cw20_base::msg::{ExecuteMsg, InstantiateMarketingInfo};

/// cw20-base's `InstantiateMsg` fields, plus the issuing holon.
#[cw_serde]
#[serde(deny_unknown_fields)]
pub struct InstantiateMsg {
    pub name: String,
    pub symbol: String,
    pub decimals: u8,
    pub initial_balances: Vec<Cw20Coin>,
    pub mint: Option<MinterResponse>,
    pub marketing: Option<InstantiateMarketingInfo>,
    /// The holon (its distributor contract) that issues this token. Defaults to none.
    #[serde(default)]
    pub holon: Option<String>,
}

impl InstantiateMsg {
    /// The cw20-base message with the same fields.
    pub fn to_cw20_base(&self) -> cw20_base::msg::InstantiateMsg {
        cw20_base::msg::InstantiateMsg {
            name: self.name.clone(),
            symbol: self.symbol.clone(),
            decimals: self.decimals,
            initial_balances: self.initial_balances.clone(),
            mint: self.mint.clone(),
            marketing: self.marketing.clone(),
        }
    }
}

#[cw_serde]
#[serde(deny_unknown_fields)]
#[derive(QueryResponses)]
pub enum QueryMsg {
    #[returns(cw20::BalanceResponse)]
    Balance { address: String },
    #[returns(cw20::TokenInfoResponse)]
    TokenInfo {},
    #[returns(MinterResponse)]
    Minter {},
    #[returns(cw20::AllowanceResponse)]
    Allowance { owner: String, spender: String },
    #[returns(cw20::AllAllowancesResponse)]
    AllAllowances {
        owner: String,
        start_after: Option<String>,
        limit: Option<u32>,
    },
    #[returns(cw20::AllSpenderAllowancesResponse)]
    AllSpenderAllowances {
        spender: String,
        start_after: Option<String>,
        limit: Option<u32>,
    },
    #[returns(cw20::AllAccountsResponse)]
    AllAccounts {
        start_after: Option<String>,
        limit: Option<u32>,
    },
    #[returns(cw20::MarketingInfoResponse)]
    MarketingInfo {},
    #[returns(cw20::DownloadLogoResponse)]
    DownloadLogo {},
    /// Which holon issued this token.
    #[returns(HolonResponse)]
    Holon {},
}

impl QueryMsg {
    /// The cw20-base query this is, or `None` for the flow-token's own `Holon {}`.
    pub fn into_cw20_base(self) -> Option<cw20_base::msg::QueryMsg> {
        use cw20_base::msg::QueryMsg as Q;
        Some(match self {
            QueryMsg::Balance { address } => Q::Balance { address },
            QueryMsg::TokenInfo {} => Q::TokenInfo {},
            QueryMsg::Minter {} => Q::Minter {},
            QueryMsg::Allowance { owner, spender } => Q::Allowance { owner, spender },
            QueryMsg::AllAllowances {
                owner,
                start_after,
                limit,
            } => Q::AllAllowances {
                owner,
                start_after,
                limit,
            },
            QueryMsg::AllSpenderAllowances {
                spender,
                start_after,
                limit,
            } => Q::AllSpenderAllowances {
                spender,
                start_after,
                limit,
            },
            QueryMsg::AllAccounts { start_after, limit } => Q::AllAccounts { start_after, limit },
            QueryMsg::MarketingInfo {} => Q::MarketingInfo {},
            QueryMsg::DownloadLogo {} => Q::DownloadLogo {},
            QueryMsg::Holon {} => return None,
        })
    }
}

#[cw_serde]
pub struct HolonResponse {
    /// The issuing holon's distributor, if one was named at instantiation.
    pub holon: Option<Addr>,
}

#[cw_serde]
#[serde(deny_unknown_fields)]
pub struct MigrateMsg {}
