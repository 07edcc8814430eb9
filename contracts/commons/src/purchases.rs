//! Purchases: a quantity of an item resource (paid to the pool at once) or of a member's
//! offer (paid into escrow: released to the member when the buyer confirms or when the
//! confirmation window passes; a dispute within the window freezes it until governance
//! splits it).

use cosmwasm_std::{Addr, DepsMut, Env, MessageInfo, Response, Storage, Uint128};
use flow_types::commons::{Config, ListingKind, Purchase, PurchaseStatus, MAX_REASON_LEN};
use flow_types::validate;

use crate::error::ContractError;
use crate::helpers::{
    add, ensure_amount, is_member, next_id, sub, to_pool, transfer, update_totals, Payment,
};
use crate::listings::{ensure_active, load_listing};
use crate::state::{purchases, CONFIG, LAST_PURCHASE, LISTING_ROWS, PURCHASE_ROWS};

pub fn load_purchase(storage: &dyn Storage, id: u64) -> Result<Purchase, ContractError> {
    purchases()
        .may_load(storage, id)?
        .ok_or(ContractError::PurchaseNotFound { id })
}

/// `ReceiveMsg::Buy`: the buyer paid (`paid`) for `quantity` units of listing `id`, with the
/// config `receive` already loaded.
pub fn buy(
    deps: DepsMut,
    env: Env,
    config: &Config,
    paid: Payment,
    id: u64,
    quantity: u64,
) -> Result<Response, ContractError> {
    let Payment {
        payer: buyer,
        amount,
    } = paid;
    let mut listing = load_listing(deps.storage, id)?;
    ensure_active(&listing)?;
    if listing.is_booked() {
        return Err(ContractError::NotPurchasable { id });
    }
    // A member who has left the group takes no new payments for their offers.
    if listing.kind == ListingKind::Offer
        && !is_member(&deps.querier, &config.group, &listing.provider)?
    {
        return Err(ContractError::ProviderNotAMember {
            id,
            provider: listing.provider.to_string(),
        });
    }
    let max = config.bounds.max_quantity;
    if quantity == 0 || quantity > max {
        return Err(ContractError::BadQuantity { quantity, max });
    }
    ensure_amount(listing.price, quantity, amount)?;
    if let Some(left) = listing.stock {
        if quantity > left {
            return Err(ContractError::SoldOut {
                id,
                left,
                asked: quantity,
            });
        }
        listing.stock = Some(left - quantity);
        LISTING_ROWS.save(deps.storage, id, &listing)?;
    }

    let purchase_id = next_id(LAST_PURCHASE.load(deps.storage)?)?;
    LAST_PURCHASE.save(deps.storage, &purchase_id)?;
    let to_the_pool = listing.kind == ListingKind::Resource;
    let purchase = Purchase {
        id: purchase_id,
        listing: id,
        buyer: buyer.clone(),
        provider: listing.provider.clone(),
        quantity,
        amount,
        status: if to_the_pool {
            PurchaseStatus::ToPool
        } else {
            PurchaseStatus::Escrowed
        },
        bought_at: env.block.time,
        confirm_by: if to_the_pool {
            env.block.time
        } else {
            env.block.time.plus_seconds(config.confirm_window_seconds)
        },
        refunded: Uint128::zero(),
        dispute_reason: None,
    };
    purchases().save(deps.storage, purchase_id, &purchase)?;
    update_totals(deps.storage, |t| {
        if to_the_pool {
            t.to_pool = add(t.to_pool, amount)?;
        } else {
            t.held = add(t.held, amount)?;
        }
        Ok(())
    })?;
    let mut res = Response::new();
    if to_the_pool {
        res = res.add_message(to_pool(config, amount)?);
    }
    Ok(res
        .add_attribute("action", "buy")
        .add_attribute("purchase", purchase_id.to_string())
        .add_attribute("listing", id.to_string())
        .add_attribute("buyer", buyer)
        .add_attribute("provider", purchase.provider)
        .add_attribute("quantity", quantity.to_string())
        .add_attribute("amount", amount)
        .add_attribute("paid_to", if to_the_pool { "pool" } else { "escrow" })
        .add_attribute("confirm_by", purchase.confirm_by.seconds().to_string()))
}

/// Pays an escrowed purchase to its provider (`status` says why).
fn pay_provider(
    deps: DepsMut,
    mut purchase: Purchase,
    status: PurchaseStatus,
    action: &str,
    by: &Addr,
) -> Result<Response, ContractError> {
    let config = CONFIG.load(deps.storage)?;
    purchase.status = status;
    PURCHASE_ROWS.save(deps.storage, purchase.id, &purchase)?;
    update_totals(deps.storage, |t| {
        t.held = sub(t.held, purchase.amount)?;
        t.to_providers = add(t.to_providers, purchase.amount)?;
        Ok(())
    })?;
    Ok(Response::new()
        .add_message(transfer(&config, &purchase.provider, purchase.amount)?)
        .add_attribute("action", action)
        .add_attribute("purchase", purchase.id.to_string())
        .add_attribute("listing", purchase.listing.to_string())
        .add_attribute("buyer", purchase.buyer)
        .add_attribute("provider", purchase.provider)
        .add_attribute("amount", purchase.amount)
        .add_attribute("by", by))
}

/// The buyer: the escrow goes to the provider. Also ends the buyer's own dispute.
pub fn execute_confirm(
    deps: DepsMut,
    info: MessageInfo,
    id: u64,
) -> Result<Response, ContractError> {
    let purchase = load_purchase(deps.storage, id)?;
    if info.sender != purchase.buyer {
        return Err(ContractError::NotBuyer { id });
    }
    if !matches!(
        purchase.status,
        PurchaseStatus::Escrowed | PurchaseStatus::Disputed
    ) {
        return Err(ContractError::PurchaseNotOpen {
            id,
            status: purchase.status,
        });
    }
    pay_provider(
        deps,
        purchase,
        PurchaseStatus::Released,
        "confirm",
        &info.sender,
    )
}

/// Anyone, once the window has passed with the purchase undisputed.
pub fn execute_release_purchase(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    id: u64,
) -> Result<Response, ContractError> {
    let purchase = load_purchase(deps.storage, id)?;
    if purchase.status != PurchaseStatus::Escrowed {
        return Err(ContractError::PurchaseNotOpen {
            id,
            status: purchase.status,
        });
    }
    if env.block.time < purchase.confirm_by {
        return Err(ContractError::WindowOpen {
            id,
            confirm_by: purchase.confirm_by.seconds(),
        });
    }
    pay_provider(
        deps,
        purchase,
        PurchaseStatus::Released,
        "release_purchase",
        &info.sender,
    )
}

/// The buyer, within the window: the escrow is frozen until governance resolves it.
pub fn execute_dispute(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    id: u64,
    reason: String,
) -> Result<Response, ContractError> {
    validate::optional_text("reason", &reason, MAX_REASON_LEN)?;
    let mut purchase = load_purchase(deps.storage, id)?;
    if info.sender != purchase.buyer {
        return Err(ContractError::NotBuyer { id });
    }
    if purchase.status != PurchaseStatus::Escrowed {
        return Err(ContractError::PurchaseNotOpen {
            id,
            status: purchase.status,
        });
    }
    if env.block.time >= purchase.confirm_by {
        return Err(ContractError::WindowClosed {
            id,
            confirm_by: purchase.confirm_by.seconds(),
        });
    }
    purchase.status = PurchaseStatus::Disputed;
    purchase.dispute_reason = Some(reason.clone());
    PURCHASE_ROWS.save(deps.storage, id, &purchase)?;
    Ok(Response::new()
        .add_attribute("action", "dispute")
        .add_attribute("purchase", id.to_string())
        .add_attribute("listing", purchase.listing.to_string())
        .add_attribute("buyer", purchase.buyer)
        .add_attribute("amount", purchase.amount)
        .add_attribute("reason", reason))
}

/// Governance: `refund` of a disputed purchase to its buyer, the rest to its provider.
pub fn execute_resolve(
    deps: DepsMut,
    info: MessageInfo,
    id: u64,
    refund: Uint128,
) -> Result<Response, ContractError> {
    cw_ownable::assert_owner(deps.storage, &info.sender)?;
    let mut purchase = load_purchase(deps.storage, id)?;
    if purchase.status != PurchaseStatus::Disputed {
        return Err(ContractError::NotDisputed {
            id,
            status: purchase.status,
        });
    }
    if refund > purchase.amount {
        return Err(ContractError::RefundTooLarge {
            refund,
            amount: purchase.amount,
        });
    }
    let config = CONFIG.load(deps.storage)?;
    let paid = sub(purchase.amount, refund)?;
    purchase.status = PurchaseStatus::Resolved;
    purchase.refunded = refund;
    PURCHASE_ROWS.save(deps.storage, id, &purchase)?;
    update_totals(deps.storage, |t| {
        t.held = sub(t.held, purchase.amount)?;
        t.refunded = add(t.refunded, refund)?;
        t.to_providers = add(t.to_providers, paid)?;
        Ok(())
    })?;
    let mut res = Response::new();
    if !refund.is_zero() {
        res = res.add_message(transfer(&config, &purchase.buyer, refund)?);
    }
    if !paid.is_zero() {
        res = res.add_message(transfer(&config, &purchase.provider, paid)?);
    }
    Ok(res
        .add_attribute("action", "resolve")
        .add_attribute("purchase", id.to_string())
        .add_attribute("listing", purchase.listing.to_string())
        .add_attribute("buyer", purchase.buyer)
        .add_attribute("provider", purchase.provider)
        .add_attribute("amount", purchase.amount)
        .add_attribute("refund", refund)
        .add_attribute("paid", paid))
}
