#![doc = include_str!("../README.md")]

pub mod attestation;
pub mod common;
pub mod commons;
pub mod distributor;
#[cfg(feature = "governance")]
pub mod governance;
pub mod holon;
pub mod membership;
pub mod migrate;
pub mod registry;
#[cfg(not(target_arch = "wasm32"))]
pub mod schema;
pub mod token;
pub mod validate;

pub use common::{CycleClock, Page};
pub use holon::{HolonContract, HolonInfoResponse, HolonQueryMsg, HolonReceiveMsg};
