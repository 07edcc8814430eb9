//! The flow-token in cw-multi-test: every cw20 message, with exact balances and errors.

mod allowances;
mod bad_input;
mod burn;
mod holon;
mod instantiate;
mod marketing;
mod migrate;
mod mint;
mod minter;
mod overflow;
mod queries;
mod receiver;
mod send;
mod suite;
mod transfer;
