#![doc = include_str!("../README.md")]

pub mod bookings;
pub mod config;
pub mod contract;
pub mod error;
pub mod helpers;
pub mod listings;
pub mod purchases;
pub mod query;
pub mod state;

pub use crate::error::ContractError;
