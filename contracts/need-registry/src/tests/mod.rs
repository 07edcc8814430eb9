//! Unit tests against the entry points, with a mocked cw4 group. One file per message
//! family; `suite` holds the fixture.

mod suite;

mod categories;
mod config;
mod demand;
mod endorse;
mod instantiate;
mod invariants;
mod marks;
mod migrate;
mod need_status;
mod offer;
mod post_need;
mod queries;
