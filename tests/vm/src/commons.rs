//! The commons (`contracts/commons`) beside a holon on the mini-chain: instantiated by the
//! holon's governance with its group, token, distributor and registry, and its transactions
//! as JSON. Payments are real cw20 `Send`s of the holon's token (the token's call, then the
//! commons' `receive`); what the commons pays out (transfers, `GiftToPool` to the
//! distributor) is dispatched like every other message.

use serde_json::{json, Value};

use crate::artifacts;
use crate::chain::{Chain, ChainResult, Outcome};
use crate::holon::Holon;

/// Seconds in an hour.
pub const HOUR: u64 = 3_600;
/// The commons' hard ceiling on how far ahead a booking may start (5 × 366 days):
/// `flow_types::commons::MAX_ADVANCE_SECONDS`.
pub const MAX_ADVANCE_SECONDS: u64 = 5 * 366 * 86_400;

/// A deployed commons.
pub struct Commons {
    pub chain: Chain,
    pub address: String,
    /// The holon's token (the only one that pays) and governance.
    pub token: String,
    pub governance: String,
}

/// A listing: `kind` `resource` or `offer`, `unit` `hour`, `day`, `item` or `booking`, no
/// stock limit, no refund rule (a full refund until the start).
pub fn listing(kind: &str, unit: &str, category: &str, price: u128) -> Value {
    json!({"kind": kind, "title": "listing", "description": "", "category": category,
           "unit": unit, "price": price.to_string(), "stock": null, "refund": null})
}

impl Commons {
    /// Stores `commons.wasm` and instantiates it for `holon` (governance the owner, the
    /// holon's registry naming the categories), a confirmation window of
    /// `confirm_window_seconds` and bookings up to `MAX_ADVANCE_SECONDS` ahead.
    pub fn deploy(holon: &Holon, confirm_window_seconds: u64) -> Self {
        let chain = holon.chain.clone();
        let code = chain
            .store_code("commons", &artifacts::wasm("commons"))
            .unwrap_or_else(|e| panic!("{e}"));
        let (address, _) = chain
            .instantiate(
                &holon.governance,
                code,
                &json!({"owner": holon.governance, "group": holon.group, "token": holon.token,
                        "distributor": holon.distributor, "registry": holon.registry,
                        "confirm_window_seconds": confirm_window_seconds,
                        "bounds": {"max_window_seconds": 30 * 86_400,
                                   "max_advance_seconds": MAX_ADVANCE_SECONDS,
                                   "max_quantity": 1_000}}),
                "commons",
                Some(&holon.governance),
            )
            .unwrap_or_else(|e| panic!("the commons: {e}"));
        Self {
            chain,
            address,
            token: holon.token.clone(),
            governance: holon.governance.clone(),
        }
    }

    fn exec(&self, sender: &str, msg: &Value) -> ChainResult<Outcome> {
        self.chain.execute(sender, &self.address, msg, &[])
    }

    /// `sender` lists `listing` (see [`listing`]); returns its id.
    pub fn list(&self, sender: &str, listing: &Value) -> ChainResult<(u64, Outcome)> {
        let o = self.exec(sender, &json!({"list": {"listing": listing}}))?;
        let id = o
            .attr("listing")
            .and_then(|v| v.parse().ok())
            .expect("a listing id");
        Ok((id, o))
    }

    /// A cw20 `Send` of `amount` of the holon's token from `from` to the commons with
    /// `payload`.
    pub fn pay(&self, from: &str, amount: u128, payload: &Value) -> ChainResult<Outcome> {
        self.chain.execute(
            from,
            &self.token,
            &json!({"send": {"contract": self.address, "amount": amount.to_string(),
                    "msg": vmstd::Binary::from(serde_json::to_vec(payload).expect("json")).to_base64()}}),
            &[],
        )
    }

    /// `from` books resource `listing` for `[start, end)`, paying `amount`.
    pub fn book(
        &self,
        from: &str,
        listing: u64,
        start: u64,
        end: u64,
        amount: u128,
    ) -> ChainResult<Outcome> {
        self.pay(
            from,
            amount,
            &json!({"book": {"listing": listing, "start": start, "end": end}}),
        )
    }

    /// `from` buys `quantity` of `listing`, paying `amount`.
    pub fn buy(
        &self,
        from: &str,
        listing: u64,
        quantity: u64,
        amount: u128,
    ) -> ChainResult<Outcome> {
        self.pay(
            from,
            amount,
            &json!({"buy": {"listing": listing, "quantity": quantity}}),
        )
    }

    pub fn confirm(&self, buyer: &str, purchase: u64) -> ChainResult<Outcome> {
        self.exec(buyer, &json!({"confirm": {"purchase": purchase}}))
    }

    pub fn cancel(&self, booker: &str, booking: u64) -> ChainResult<Outcome> {
        self.exec(booker, &json!({"cancel": {"booking": booking}}))
    }

    pub fn release(&self, sender: &str, booking: u64) -> ChainResult<Outcome> {
        self.exec(sender, &json!({"release": {"booking": booking}}))
    }

    /// The running totals (`held`, `to_pool`, `to_providers`, `refunded`).
    pub fn totals(&self) -> Value {
        self.chain
            .query(&self.address, &json!({"totals": {}}))
            .expect("totals")["totals"]
            .clone()
    }
}
