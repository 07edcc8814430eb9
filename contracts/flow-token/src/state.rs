//! The flow-token's own storage. Everything else is cw20-base's (`cw20_base::state`).

use cosmwasm_std::Addr;
use cw_storage_plus::Item;

/// The holon (its distributor) that issued this token; absent when none was named.
/// The key must not clash with cw20-base's keys (`token_info`, `balance`, `allowance`, ...).
pub const HOLON: Item<Addr> = Item::new("holon");
