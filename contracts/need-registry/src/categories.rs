//! Categories: governance defines them, needs inherit their default factors.

use cosmwasm_std::{DepsMut, Env, MessageInfo, Response, Storage};
use flow_types::registry::{Category, MAX_CATEGORIES, MAX_LABEL_LEN, MAX_SLUG_LEN};
use flow_types::validate;

use crate::error::ContractError;
use crate::helpers::{incr, validate_factor, validate_impact};
use crate::state::{CategoryCounts, CATEGORIES, CATEGORY_COUNT, DEMAND};

/// Checks a category's id, label and factors.
pub fn validate_category(category: &Category) -> Result<(), ContractError> {
    validate::slug("category.id", &category.id, MAX_SLUG_LEN)?;
    validate::text("category.label", &category.label, MAX_LABEL_LEN)?;
    validate_impact("category.impact", category.impact)?;
    validate_factor("category.need_factor", category.need_factor)?;
    validate_factor("category.unit_credit", category.unit_credit)?;
    Ok(())
}

/// Inserts or replaces a (validated) category. Returns whether it is new.
/// A new category gets zeroed demand counters; a replaced one keeps its counters.
pub fn save_category(
    storage: &mut dyn Storage,
    category: &Category,
) -> Result<bool, ContractError> {
    let created = !CATEGORIES.has(storage, &category.id);
    if created {
        let count = CATEGORY_COUNT.may_load(storage)?.unwrap_or_default();
        if count >= MAX_CATEGORIES {
            return Err(ContractError::TooManyCategories {
                max: MAX_CATEGORIES,
            });
        }
        CATEGORY_COUNT.save(storage, &incr(count)?)?;
        DEMAND.save(storage, &category.id, &CategoryCounts::default())?;
    }
    CATEGORIES.save(storage, &category.id, category)?;
    Ok(created)
}

/// Governance: adds a category or changes one. Existing needs keep their factors.
pub fn execute_set_category(
    deps: DepsMut,
    _env: Env,
    info: MessageInfo,
    category: Category,
) -> Result<Response, ContractError> {
    cw_ownable::assert_owner(deps.storage, &info.sender)?;
    validate_category(&category)?;
    let created = save_category(deps.storage, &category)?;
    Ok(Response::new()
        .add_attribute("action", "set_category")
        .add_attribute("category", category.id)
        .add_attribute("created", created.to_string())
        .add_attribute("impact", category.impact.to_string())
        .add_attribute("need_factor", category.need_factor.to_string())
        .add_attribute("unit_credit", category.unit_credit.to_string())
        .add_attribute("capacity_building", category.capacity_building.to_string()))
}
