//! The commons in a whole holon (flow-testing's Suite: the real distributor, flow-token,
//! registry and group on cw-multi-test), told as stories with exact amounts; and a property
//! test of the calendar against a brute-force model.

mod bookings;
mod listings;
mod market;
mod properties;
mod purchases;
mod refusals;
mod scaling;
