#![doc = include_str!("../README.md")]

pub mod categories;
pub mod config;
pub mod contract;
pub mod demand;
pub mod error;
pub mod helpers;
pub mod marks;
pub mod needs;
pub mod offers;
pub mod query;
pub mod requests;
pub mod state;

pub use crate::error::ContractError;

#[cfg(test)]
mod tests;
