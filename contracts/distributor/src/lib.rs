#![doc = include_str!("../README.md")]

pub mod claim;
pub mod contract;
pub mod cycle;
pub mod error;
pub mod exchange;
pub mod instantiate;
pub mod membership;
pub mod policy;
pub mod query;
pub mod record;
pub mod reply;
pub mod state;
pub mod treasury;
pub mod weighting;

pub use crate::error::ContractError;
