//! Whole-suite stories: each module tells one part of a holon's life on an embedded chain.

mod attestation;
mod audit;
mod auth;
mod common;
mod cycles;
mod docs;
mod exchange;
mod governance;
mod holon_alpha;
mod treasury;
