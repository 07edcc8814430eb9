#![doc = include_str!("../README.md")]

pub mod attest;
pub mod config;
pub mod contract;
pub mod cosign;
pub mod dispute;
pub mod error;
pub mod group;
pub mod query;
pub mod record;
pub mod state;

pub use crate::error::ContractError;

#[cfg(test)]
mod tests;
