//! Listings: governance lists the holon's resources, members list their offers; the lister
//! (or governance) pauses, resumes or withdraws them.

use cosmwasm_std::{Decimal, DepsMut, Env, MessageInfo, Response, Storage};
use flow_types::commons::{
    Listing, ListingInput, ListingKind, ListingStatus, Unit, MAX_CATEGORY_LEN, MAX_DESCRIPTION_LEN,
    MAX_TITLE_LEN,
};
use flow_types::registry::CATEGORIES;
use flow_types::validate;

use crate::error::ContractError;
use crate::helpers::{assert_member, next_id};
use crate::state::{listings, CONFIG, LAST_LISTING, LISTING_ROWS};

pub fn load_listing(storage: &dyn Storage, id: u64) -> Result<Listing, ContractError> {
    listings()
        .may_load(storage, id)?
        .ok_or(ContractError::ListingNotFound { id })
}

/// Refuses a listing that is paused or withdrawn.
pub fn ensure_active(listing: &Listing) -> Result<(), ContractError> {
    if listing.status != ListingStatus::Active {
        return Err(ContractError::ListingNotActive {
            id: listing.id,
            status: listing.status,
        });
    }
    Ok(())
}

fn kind_name(kind: ListingKind) -> &'static str {
    match kind {
        ListingKind::Resource => "resource",
        ListingKind::Offer => "offer",
    }
}

pub fn unit_name(unit: Unit) -> &'static str {
    match unit {
        Unit::Hour => "hour",
        Unit::Day => "day",
        Unit::Item => "item",
        Unit::Booking => "booking",
    }
}

fn status_name(status: ListingStatus) -> &'static str {
    match status {
        ListingStatus::Active => "active",
        ListingStatus::Paused => "paused",
        ListingStatus::Withdrawn => "withdrawn",
    }
}

/// The checks that need no storage: texts, slug, price, and which fields fit which kind.
pub fn validate_input(input: &ListingInput) -> Result<(), ContractError> {
    validate::text("title", &input.title, MAX_TITLE_LEN)?;
    validate::optional_text("description", &input.description, MAX_DESCRIPTION_LEN)?;
    validate::slug("category", &input.category, MAX_CATEGORY_LEN)?;
    if input.price.is_zero() {
        return Err(ContractError::ZeroPrice {});
    }
    if input.kind == ListingKind::Offer && input.unit == Unit::Booking {
        return Err(ContractError::UnitNotForOffers { unit: input.unit });
    }
    let booked = input.kind == ListingKind::Resource && input.unit != Unit::Item;
    if booked && input.stock.is_some() {
        return Err(ContractError::NotForBookings {
            field: "stock".into(),
        });
    }
    match (&input.refund, booked) {
        (Some(_), false) => Err(ContractError::OnlyForBookings {
            field: "refund".into(),
        }),
        (Some(rule), true) => {
            validate::decimal_in(
                "late_refund_percent",
                rule.late_refund_percent,
                Decimal::zero(),
                Decimal::one(),
            )?;
            Ok(())
        }
        (None, _) => Ok(()),
    }
}

/// A resource (governance only) or an offer (a member of the group: one raw query), its
/// category checked against the registry's (one raw query) when the commons names one.
pub fn execute_list(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    input: ListingInput,
) -> Result<Response, ContractError> {
    validate_input(&input)?;
    let config = CONFIG.load(deps.storage)?;
    match input.kind {
        ListingKind::Resource => cw_ownable::assert_owner(deps.storage, &info.sender)?,
        ListingKind::Offer => assert_member(&deps.querier, &config.group, &info.sender)?,
    }
    if let Some(registry) = &config.registry {
        if CATEGORIES
            .query(&deps.querier, registry.clone(), &input.category)?
            .is_none()
        {
            return Err(ContractError::UnknownCategory { id: input.category });
        }
    }
    let id = next_id(LAST_LISTING.load(deps.storage)?)?;
    LAST_LISTING.save(deps.storage, &id)?;
    let listing = Listing {
        id,
        kind: input.kind,
        provider: info.sender,
        title: input.title,
        description: input.description,
        category: input.category,
        unit: input.unit,
        price: input.price,
        stock: input.stock,
        refund: input.refund,
        status: ListingStatus::Active,
        created_at: env.block.time,
    };
    listings().save(deps.storage, id, &listing)?;
    Ok(Response::new()
        .add_attribute("action", "list")
        .add_attribute("listing", id.to_string())
        .add_attribute("kind", kind_name(listing.kind))
        .add_attribute("provider", listing.provider)
        .add_attribute("category", listing.category)
        .add_attribute("unit", unit_name(listing.unit))
        .add_attribute("price", listing.price))
}

/// Pause, resume or withdraw: a member's offer by its member or governance, a resource by
/// governance (whoever governs now, not the address that listed it). A withdrawn listing
/// stays so.
pub fn execute_set_status(
    deps: DepsMut,
    info: MessageInfo,
    id: u64,
    status: ListingStatus,
) -> Result<Response, ContractError> {
    let mut listing = load_listing(deps.storage, id)?;
    let lister = listing.kind == ListingKind::Offer && info.sender == listing.provider;
    if !lister && !cw_ownable::is_owner(deps.storage, &info.sender)? {
        return Err(ContractError::NotListerOrOwner { id });
    }
    if listing.status == ListingStatus::Withdrawn {
        return Err(ContractError::ListingWithdrawn { id });
    }
    if listing.status == status {
        return Err(ContractError::ListingStatusUnchanged { id, status });
    }
    listing.status = status;
    LISTING_ROWS.save(deps.storage, id, &listing)?;
    Ok(Response::new()
        .add_attribute("action", "set_listing_status")
        .add_attribute("listing", id.to_string())
        .add_attribute("status", status_name(status))
        .add_attribute("by", info.sender))
}
