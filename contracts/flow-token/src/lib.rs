#![doc = include_str!("../README.md")]

pub mod checked;
pub mod contract;
pub mod error;
pub mod guards;
pub mod holon;
pub mod state;

pub use crate::error::ContractError;
