//! need-registry: categories, needs, endorsements ("I need this too") and offers.

use cosmwasm_schema::{cw_serde, QueryResponses};
use cosmwasm_std::{Addr, Decimal, Timestamp};
use cw_ownable::{cw_ownable_execute, cw_ownable_query};
use cw_storage_plus::Map;

/// At most this many categories per holon: closing a cycle walks them.
pub const MAX_CATEGORIES: u32 = 64;
pub const MAX_SLUG_LEN: usize = 32;
pub const MAX_LABEL_LEN: usize = 64;
pub const MAX_TITLE_LEN: usize = 128;
pub const MAX_DESCRIPTION_LEN: usize = 1024;
pub const MAX_UNIT_LEN: usize = 16;
/// Default bound on requesters (poster + endorsers) of one need; closing a need walks them.
pub const DEFAULT_MAX_REQUESTERS_PER_NEED: u32 = 50;
/// Hard upper bound governance may configure.
pub const MAX_REQUESTERS_PER_NEED: u32 = 200;
/// Impact factor bounds (docs/WEIGHTING.md).
pub const MAX_IMPACT: u64 = 10;
/// Largest fixed need (scarcity) factor and unit credit a category may carry.
pub const MAX_FACTOR: u64 = 100;

/// Who may post needs.
#[cw_serde]
#[derive(Copy)]
pub enum PostingRule {
    /// Any member of the group.
    Members,
    /// Only governance (the stewards).
    Stewards,
}

#[cw_serde]
#[derive(Copy, Eq, PartialOrd, Ord)]
pub enum Period {
    Once,
    Weekly,
    Monthly,
}

#[cw_serde]
#[derive(Copy, Eq)]
pub enum NeedStatus {
    Open,
    Fulfilled,
    Closed,
}

impl NeedStatus {
    pub fn as_u8(self) -> u8 {
        match self {
            NeedStatus::Open => 0,
            NeedStatus::Fulfilled => 1,
            NeedStatus::Closed => 2,
        }
    }
}

/// A category as governance defines it.
#[cw_serde]
#[serde(deny_unknown_fields)]
pub struct Category {
    /// Short slug, e.g. "childcare".
    pub id: String,
    pub label: String,
    /// Default impact factor I of its needs, in [0, 10]. Default 1.
    pub impact: Decimal,
    /// Whether its needs build capacity (K = 1 + capacity_bonus under `hybrid`).
    pub capacity_building: bool,
    /// Fixed need (scarcity) factor, used by `fixed` scarcity when the policy names no factor
    /// for this category. Default 1.
    pub need_factor: Decimal,
    /// Default hour-equivalents credited per unit (0: paid by hours only).
    pub unit_credit: Decimal,
}

#[cw_serde]
#[serde(deny_unknown_fields)]
pub struct InstantiateMsg {
    /// Governance: a wallet, a cw3 multisig or a DAO core.
    pub owner: String,
    /// The cw4 group whose members may post, endorse and offer.
    pub group: String,
    pub posting: PostingRule,
    #[serde(default)]
    pub categories: Vec<Category>,
    /// Bound on requesters per need (default 50, at most 200).
    pub max_requesters_per_need: Option<u32>,
}

/// What a poster says about a need. The factor fields are accepted from governance only;
/// a member's need gets its category's defaults.
#[cw_serde]
#[serde(deny_unknown_fields)]
pub struct NeedInput {
    pub category: String,
    pub title: String,
    #[serde(default)]
    pub description: String,
    /// "hours", "loaf", "lb" ...
    pub unit: String,
    /// Quantity per period.
    pub quantity: Decimal,
    pub period: Period,
    pub impact: Option<Decimal>,
    pub unit_credit: Option<Decimal>,
    pub capacity_building: Option<bool>,
}

#[cw_ownable_execute]
#[cw_serde]
#[serde(deny_unknown_fields)]
pub enum ExecuteMsg {
    /// Governance: add a category or change one (factors apply to needs posted afterwards;
    /// existing needs keep theirs unless governance updates them).
    SetCategory {
        category: Category,
    },
    /// Governance: who may post, the group, the requester bound.
    UpdateConfig {
        group: Option<String>,
        posting: Option<PostingRule>,
        max_requesters_per_need: Option<u32>,
    },
    /// A member (or governance) posts a need. Posting counts as requesting it.
    PostNeed {
        need: NeedInput,
    },
    /// Governance: set a need's impact factor, unit credit or capacity flag.
    SetNeedFactors {
        id: u64,
        impact: Option<Decimal>,
        unit_credit: Option<Decimal>,
        capacity_building: Option<bool>,
    },
    /// The poster or governance: open, fulfilled or closed. A need that is not open
    /// counts no requesters.
    SetNeedStatus {
        id: u64,
        status: NeedStatus,
    },
    /// "I need this too."
    Endorse {
        id: u64,
    },
    WithdrawEndorsement {
        id: u64,
    },
    /// "I can provide this."
    Offer {
        id: u64,
    },
    WithdrawOffer {
        id: u64,
    },
}

#[cw_ownable_query]
#[cw_serde]
#[serde(deny_unknown_fields)]
#[derive(QueryResponses)]
pub enum QueryMsg {
    #[returns(ConfigResponse)]
    Config {},
    #[returns(CategoryResponse)]
    Category { id: String },
    /// All categories (at most 64), in id order.
    #[returns(CategoriesResponse)]
    Categories {},
    #[returns(NeedResponse)]
    Need { id: u64 },
    #[returns(NeedsResponse)]
    Needs {
        category: Option<String>,
        status: Option<NeedStatus>,
        start_after: Option<u64>,
        limit: Option<u32>,
    },
    /// Per category: distinct members with an open request, distinct members offering,
    /// open needs. All categories at once (at most 64).
    #[returns(DemandResponse)]
    Demand {},
    #[returns(OffersResponse)]
    Offers {
        need_id: u64,
        start_after: Option<String>,
        limit: Option<u32>,
    },
    #[returns(RequestersResponse)]
    Requesters {
        need_id: u64,
        start_after: Option<String>,
        limit: Option<u32>,
    },
    /// One member's marks: the needs they request (posted as a member or endorsed) and/or
    /// offer toward, whatever the needs' status, in need id order, paged (default 10, max 100).
    /// One page answers "which of these needs did I mark" for up to 100 needs at once.
    #[returns(MarksResponse)]
    Marks {
        member: String,
        start_after: Option<u64>,
        limit: Option<u32>,
    },
}

#[cw_serde]
pub struct Config {
    pub group: Addr,
    pub posting: PostingRule,
    pub max_requesters_per_need: u32,
}

#[cw_serde]
pub struct ConfigResponse {
    pub config: Config,
}

#[cw_serde]
pub struct CategoryResponse {
    pub category: Category,
}

#[cw_serde]
pub struct CategoriesResponse {
    pub categories: Vec<Category>,
}

#[cw_serde]
pub struct Need {
    pub id: u64,
    pub category: String,
    pub title: String,
    pub description: String,
    pub unit: String,
    pub quantity: Decimal,
    pub period: Period,
    pub status: NeedStatus,
    pub impact: Decimal,
    pub unit_credit: Decimal,
    pub capacity_building: bool,
    pub posted_by: Addr,
    pub posted_at: Timestamp,
    /// Members with an open request on it: the poster plus endorsers.
    pub requesters: u32,
    pub offers: u32,
}

/// The registry's needs by id. Its storage layout is part of its interface (as cw4's member
/// key is): the attestation contract reads a need with a raw query of this map, one storage
/// read in the registry instead of a contract call (which costs a contract instance load,
/// 60,000 gas on wasmd). A migration of the registry must keep it.
pub const NEEDS: Map<u64, Need> = Map::new("n");

/// The registry's categories by id, an interface like [`NEEDS`]: the distributor reads a
/// category's need factor with a raw query when it pins the factor for a cycle.
pub const CATEGORIES: Map<&str, Category> = Map::new("c");

#[cw_serde]
pub struct NeedResponse {
    pub need: Need,
}

#[cw_serde]
pub struct NeedsResponse {
    pub needs: Vec<Need>,
}

#[cw_serde]
pub struct CategoryDemand {
    pub category: String,
    /// R_c: distinct members with an open request (posted or endorsed an open need).
    pub requesters: u32,
    /// Distinct members offering to provide toward an open need.
    pub providers: u32,
    pub open_needs: u32,
}

#[cw_serde]
pub struct DemandResponse {
    pub demand: Vec<CategoryDemand>,
}

#[cw_serde]
pub struct OffersResponse {
    pub need_id: u64,
    pub members: Vec<Addr>,
}

#[cw_serde]
pub struct RequestersResponse {
    pub need_id: u64,
    pub members: Vec<Addr>,
}

/// A member's marks on one need: at least one of the two is true.
#[cw_serde]
pub struct Mark {
    pub need_id: u64,
    /// The member requests it: posted it as a member, or endorsed it.
    pub requested: bool,
    /// The member offered to provide it.
    pub offered: bool,
}

#[cw_serde]
pub struct MarksResponse {
    pub member: Addr,
    pub marks: Vec<Mark>,
}

#[cw_serde]
#[serde(deny_unknown_fields)]
pub struct MigrateMsg {}
