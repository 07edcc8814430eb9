//! Storage. Keys are short: every byte of a key is paid for on each access.

use cosmwasm_schema::cw_serde;
use cosmwasm_std::{Addr, Decimal, StdError, Storage, Timestamp, Uint128};
use cw_storage_plus::{Item, Map};
use flow_types::distributor::{AcceptedHolon, BudgetMode, Config, FundRecord, Policy};

use crate::error::ContractError;

pub const CONFIG: Item<Config> = Item::new("cfg");

/// Every policy ever set, by version (1, 2, …).
pub const POLICIES: Map<u32, Policy> = Map::new("pv");
/// Which version applies from which cycle: `from_cycle → version`.
pub const SCHEDULE: Map<u64, u32> = Map::new("ps");
pub const LAST_VERSION: Item<u32> = Item::new("lv");

/// The oldest cycle not yet closed.
pub const NEXT_TO_CLOSE: Item<u64> = Item::new("nc");

// The per-cycle totals below are rewritten by every record: their stored field names stay
// one letter (`#[serde(rename)]`), so the bytes — and the gas — are those of short names.

/// What one member recorded in one category in one cycle.
#[cw_serde]
#[derive(Default)]
pub struct MemberCategoryTotals {
    #[serde(rename = "h")]
    pub hours: Decimal,
    /// Σ b_r, the hour-equivalents credited.
    #[serde(rename = "b")]
    pub credit: Decimal,
    /// Σ a_r (after the impact and capacity factors): S_{i,c}.
    #[serde(rename = "a")]
    pub weighted: Decimal,
}

/// (cycle, member, category) → what the member recorded there.
pub const MEMBER_CATEGORY_TOTALS: Map<(u64, &Addr, &str), MemberCategoryTotals> = Map::new("ct");

/// What one category recorded in one cycle.
#[cw_serde]
#[derive(Default)]
pub struct CategoryTotals {
    #[serde(rename = "h")]
    pub hours: Decimal,
    /// S_c.
    #[serde(rename = "a")]
    pub weighted: Decimal,
    /// Distinct contributors.
    #[serde(rename = "n")]
    pub contributors: u32,
    /// The registry's need factor of the category, pinned at the cycle's first record in it
    /// when the cycle's policy takes it from the registry (`need`/`hybrid`, `fixed`
    /// scarcity, the category not listed): a later change in the registry applies from the
    /// next cycle, never to one that has already run.
    #[serde(rename = "f", default, skip_serializing_if = "Option::is_none")]
    pub pinned_factor: Option<Decimal>,
}
/// (cycle, category) → what the category recorded.
pub const CATEGORY_TOTALS: Map<(u64, &str), CategoryTotals> = Map::new("cc");

/// What one member recorded in one cycle, over all categories.
#[cw_serde]
#[derive(Default)]
pub struct MemberTotals {
    #[serde(rename = "h")]
    pub hours: Decimal,
    /// Hour-equivalents credited (what `max_credit_per_member` caps).
    #[serde(rename = "b")]
    pub credit: Decimal,
}
/// (cycle, member) → what the member recorded in the cycle.
pub const MEMBER_TOTALS: Map<(u64, &Addr), MemberTotals> = Map::new("mc");

/// What one cycle recorded.
#[cw_serde]
#[derive(Default)]
pub struct CycleTotals {
    #[serde(rename = "h")]
    pub hours: Decimal,
    /// Distinct contributors.
    #[serde(rename = "n")]
    pub contributors: u32,
    /// Σ b over the cycle's records, bounded by `MAX_CYCLE_CREDIT`.
    #[serde(rename = "b", default)]
    pub credit: Decimal,
}
/// cycle → what it recorded.
pub const CYCLE_TOTALS: Map<u64, CycleTotals> = Map::new("cy");

/// A closed cycle's pinned numbers (immutable once written).
#[cw_serde]
pub struct Closed {
    pub version: u32,
    pub budget: Uint128,
    pub reserve_kept: Uint128,
    pub baseline_pool: Uint128,
    pub baseline_each: Uint128,
    pub members_weight: u64,
    pub contribution_pool: Uint128,
    pub total_weight: Decimal,
    /// Membership snapshot height for the baseline (start of the closing block).
    pub height: u64,
    pub closed_at: Timestamp,
}
pub const CLOSED: Map<u64, Closed> = Map::new("cl");

/// A category's factor N_c, requesters R_c (`auto` scarcity) and weight floor18(N_c × S_c),
/// pinned when its cycle closes.
#[cw_serde]
pub struct PinnedFactor {
    #[serde(rename = "f")]
    pub factor: Decimal,
    #[serde(rename = "r")]
    pub requesters: Option<u32>,
    #[serde(rename = "w")]
    pub weight: Decimal,
}
/// (cycle, category) → its pinned factor.
pub const PINNED_FACTORS: Map<(u64, &str), PinnedFactor> = Map::new("cf");

/// (cycle, member) → the amount the member's claim of the cycle minted.
pub const CLAIMED_AMOUNTS: Map<(u64, &Addr), Uint128> = Map::new("cm");
/// cycle → (total minted by its claims, number of claims).
pub const CLAIM_TOTALS: Map<u64, (Uint128, u32)> = Map::new("cs");
/// Where a member's bulk claim starts looking.
pub const CLAIM_CURSOR: Map<&Addr, u64> = Map::new("cu");

/// Members the group removed, with the height of their last removal (reported by the group's
/// `member_changed_hook`). A closed cycle's baseline is owed to whoever the group held at its
/// close height; those still in the group are on its list, and those removed since (at a
/// height ≥ the close's) are here: so `payouts` can name them without the group's history.
pub const DEPARTED: Map<&Addr, u64> = Map::new("dp");

/// Attestation ids already recorded (defence in depth: the attestation contract records once).
pub const RECORDED: Map<u64, ()> = Map::new("rd");

#[cw_serde]
#[derive(Default)]
pub struct Treasury {
    // Short names: this record is rewritten by every claim, and writes cost 30 gas a byte.
    #[serde(rename = "h")]
    pub held: Uint128,
    #[serde(rename = "a")]
    pub allocated: Uint128,
    #[serde(rename = "o")]
    pub outstanding: Uint128,
    #[serde(rename = "f")]
    pub total_funded: Uint128,
    #[serde(rename = "r")]
    pub total_redeemed: Uint128,
}

/// The treasury's books: every change of `held`, `allocated` and `outstanding` goes through one
/// of these methods, each of which leaves the books balanced — the coins on the books back
/// what closed cycles allocated and every token out: held ≥ allocated + outstanding.
impl Treasury {
    /// What the next close (or an exchange) may draw from.
    pub fn unallocated(&self) -> Uint128 {
        self.held
            .saturating_sub(self.allocated)
            .saturating_sub(self.outstanding)
    }

    /// Coins arrived through `fund`.
    pub fn fund(&mut self, amount: Uint128) -> Result<(), ContractError> {
        self.held = self.held.checked_add(amount)?;
        self.total_funded = self.total_funded.checked_add(amount)?;
        self.balanced()
    }

    /// A close allocates `amount` of the unallocated coins to its cycle.
    pub fn allocate(&mut self, amount: Uint128) -> Result<(), ContractError> {
        self.allocated = self.allocated.checked_add(amount)?;
        self.balanced()
    }

    /// A claim mints `amount` tokens against what its cycle allocated.
    pub fn claim(&mut self, amount: Uint128) -> Result<(), ContractError> {
        self.allocated = self.allocated.checked_sub(amount)?;
        self.outstanding = self.outstanding.checked_add(amount)?;
        self.balanced()
    }

    /// `amount` tokens came back and are burnt: their backing returns to the pool (a gift), or
    /// is paid out next (`redeem`).
    pub fn gift_back(&mut self, amount: Uint128) -> Result<(), ContractError> {
        self.outstanding = self.outstanding.checked_sub(amount).map_err(|_| {
            ContractError::RedeemExceedsBacking {
                amount,
                outstanding: self.outstanding,
            }
        })?;
        self.balanced()
    }

    /// `amount` tokens are burnt and as many coins paid out.
    pub fn redeem(&mut self, amount: Uint128) -> Result<(), ContractError> {
        self.gift_back(amount)?;
        self.held = self.held.checked_sub(amount)?;
        self.total_redeemed = self.total_redeemed.checked_add(amount)?;
        self.balanced()
    }

    /// `amount` tokens are minted for foreign ones, backed by unallocated coins.
    pub fn mint_for_foreign(&mut self, amount: Uint128) -> Result<(), ContractError> {
        let available = self.unallocated();
        if available < amount {
            return Err(ContractError::InsufficientTreasury {
                needed: amount,
                available,
            });
        }
        self.outstanding = self.outstanding.checked_add(amount)?;
        self.balanced()
    }

    /// A settlement paid `received` coins, and the bank now holds `balance` for us: the
    /// books never claim more than the bank holds.
    pub fn settle(&mut self, received: Uint128, balance: Uint128) -> Result<(), ContractError> {
        self.held = self.held.checked_add(received)?;
        if self.held > balance {
            return Err(ContractError::BooksOverBank {
                held: self.held,
                balance,
            });
        }
        self.balanced()
    }

    /// held ≥ allocated + outstanding (no path breaks it; checked after every change).
    fn balanced(&self) -> Result<(), ContractError> {
        let backing = self.allocated.checked_add(self.outstanding)?;
        if self.held < backing {
            return Err(StdError::generic_err(
                "treasury books out of balance: held < allocated + outstanding",
            )
            .into());
        }
        Ok(())
    }
}
pub const TREASURY: Item<Treasury> = Item::new("tr");

/// Changes the treasury's books with `change` — in `treasury` budget mode; a `fixed` budget
/// keeps no books, and nothing happens.
pub fn update_books(
    storage: &mut dyn Storage,
    config: &Config,
    change: impl FnOnce(&mut Treasury) -> Result<(), ContractError>,
) -> Result<(), ContractError> {
    if let BudgetMode::Treasury { .. } = config.budget {
        let mut books = TREASURY.load(storage)?;
        change(&mut books)?;
        TREASURY.save(storage, &books)?;
    }
    Ok(())
}

pub const FUNDS: Map<u64, FundRecord> = Map::new("fd");
pub const FUND_SEQ: Item<u64> = Item::new("fs");

/// Accepted foreign holons, by their token.
pub const HOLONS: Map<&Addr, AcceptedHolon> = Map::new("ho");

/// A settlement in flight (between the foreign redeem and its reply).
#[cw_serde]
pub struct Settling {
    pub token: Addr,
    pub amount: Uint128,
    pub balance_before: Uint128,
    pub denom: String,
}
pub const SETTLING: Item<Settling> = Item::new("st");
