//! What a random case is made of: a holon's set-up and a sequence of actions.
//!
//! Actions pick their actors, needs and attestations with small selectors (`who`, `need`,
//! `att`) that the runner resolves against the state of the case when the action runs, so
//! that every generated sequence is meaningful and shrinks well.

use cosmwasm_std::Decimal;
use flow_types::commons as cm;
use flow_types::distributor::{CategoryFactor, Model, Policy, Scarcity};
use proptest::prelude::*;

/// A Decimal with `places` decimals, from 0 to `max_atomics` × 10^-places.
pub fn decimal(max_atomics: u64, places: u32) -> impl Strategy<Value = Decimal> {
    (0..=max_atomics)
        .prop_map(move |n| Decimal::from_atomics(u128::from(n), places).expect("a small decimal"))
}

/// How much of a balance an action moves.
#[derive(Clone, Copy, Debug)]
pub enum Amount {
    /// Everything held.
    All,
    /// Half of it.
    Half,
    /// A part of it: `n mod (balance + 1)`.
    Part(u64),
    /// More than is held: refused.
    Over(u64),
    Zero,
}

impl Amount {
    pub fn of(self, balance: u128) -> u128 {
        match self {
            Amount::All => balance,
            Amount::Half => balance / 2,
            Amount::Part(n) => u128::from(n) % (balance + 1),
            Amount::Over(n) => balance + 1 + u128::from(n),
            Amount::Zero => 0,
        }
    }
}

fn amount() -> impl Strategy<Value = Amount> {
    prop_oneof![
        2 => Just(Amount::All),
        2 => Just(Amount::Half),
        4 => any::<u64>().prop_map(Amount::Part),
        1 => (0u64..1_000).prop_map(Amount::Over),
        1 => Just(Amount::Zero),
    ]
}

/// Who co-signs.
#[derive(Clone, Copy, Debug)]
pub enum Cosigner {
    /// The named buddy, or (none named) a member who is not the attester.
    Buddy,
    /// The attester: refused.
    Attester,
    /// Any actor (`who`): refused unless the rules allow them.
    Anyone(u8),
}

/// Which cycle a claim asks for.
#[derive(Clone, Copy, Debug)]
pub enum CyclePick {
    /// A closed cycle (`n` mod the number closed), when there is one.
    Closed(u8),
    /// The oldest cycle not yet closed: refused.
    NotClosed,
    /// Cycle 0: refused.
    Zero,
}

/// Hours and units at the limits of their types and of the caps, for a colluding pair.
/// Resolved when the action runs, against the caps in force and the need's unit credit.
#[derive(Clone, Copy, Debug)]
pub enum Extreme {
    /// These hours and units.
    Lit(Decimal, Decimal),
    /// Hours exactly at the per-attestation cap, or 10^-18 over it.
    AttCap { over: bool },
    /// Hours exactly filling what is left under the per-cycle cap in the cycle now, or
    /// 10^-18 more.
    CycleRoom { over: bool },
    /// No hours, and the most units whose credit at the need's unit credit fits the
    /// per-attestation cap (`over`: one unit more); Decimal::MAX units when the need credits
    /// nothing per unit.
    UnitsAtCap { over: bool },
    /// No attestation: time passes to the start of the next cycle (what was attested and
    /// co-signed is stored up in its challenge window, when there is one).
    NextCycle,
}

/// A weighting policy as generated, with at most one invalid field.
#[derive(Clone, Debug)]
pub struct PolicyPick {
    pub policy: Policy,
    /// 0 valid; 1 reserve = 1; 2 baseline = 1.5; 3 auto scarcity min > max.
    pub invalid: u8,
}

#[derive(Clone, Debug)]
pub enum Action {
    /// A member, a stranger or governance posts a need (governance may set its factors;
    /// a member who tries is refused).
    PostNeed {
        who: u8,
        category: u8,
        factors: Option<(Decimal, Decimal, bool)>,
    },
    Endorse {
        who: u8,
        need: u8,
    },
    WithdrawEndorsement {
        who: u8,
        need: u8,
    },
    /// 0 open, 1 fulfilled, 2 closed.
    SetNeedStatus {
        who: u8,
        need: u8,
        status: u8,
    },
    SetNeedFactors {
        who: u8,
        need: u8,
        impact: Option<Decimal>,
        unit_credit: Option<Decimal>,
        capacity_building: Option<bool>,
    },
    SetCategory {
        who: u8,
        category: u8,
        impact: Decimal,
        unit_credit: Decimal,
        need_factor: Decimal,
        capacity_building: bool,
    },
    /// `buddy`: none, or an actor selector (`who` itself is refused).
    Attest {
        who: u8,
        need: u8,
        hours: Decimal,
        units: Decimal,
        buddy: Option<u8>,
    },
    Cosign {
        by: Cosigner,
        att: u8,
    },
    /// The common path: a member attests naming another member as buddy, and the buddy
    /// (and a second member when two co-signs are required) co-signs.
    Contribute {
        who: u8,
        need: u8,
        hours: Decimal,
        units: Decimal,
        buddy: u8,
    },
    Reject {
        who: u8,
        att: u8,
    },
    Withdraw {
        who: u8,
        att: u8,
    },
    Dispute {
        who: u8,
        att: u8,
    },
    /// By governance (`gov`) or by a member (refused).
    Resolve {
        gov: bool,
        who: u8,
        att: u8,
        uphold: bool,
    },
    Finalize {
        att: u8,
    },
    /// Time passes: seconds, or (`cycles` > 0) whole cycles plus the seconds.
    Advance {
        cycles: u8,
        seconds: u64,
    },
    /// Time passes to the end of the oldest cycle not closed yet, plus the seconds.
    AdvanceToClose {
        seconds: u64,
    },
    Close,
    /// `who` claims `cycle`, for themselves or (`for_whom`) for someone else.
    Claim {
        who: u8,
        cycle: CyclePick,
        for_whom: Option<u8>,
    },
    ClaimAll {
        who: u8,
    },
    /// Someone claims what a closed cycle owes a member, when some cycle owes anything.
    ClaimDue {
        pick: u8,
        by_other: Option<u8>,
    },
    Transfer {
        from: u8,
        to: u8,
        amount: Amount,
    },
    Gift {
        who: u8,
        amount: Amount,
    },
    /// Redeem, the coins going to the sender or (`to`) to someone else.
    Redeem {
        who: u8,
        amount: Amount,
        to: Option<u8>,
    },
    /// Governance adds the stranger to the group, or removes a member.
    Membership {
        add: bool,
        who: u8,
    },
    /// Governance (or, refused, someone else) changes the attestation rules: the challenge
    /// window and the co-signs required (0: invalid), and sometimes the caps (selectors into
    /// [`CAPS`]: per attestation, per cycle; the last per-attestation one is invalid).
    AttestationPolicy {
        gov: bool,
        who: u8,
        challenge_seconds: u64,
        cosigns_required: u8,
        caps: Option<(u8, u8)>,
    },
    /// A colluding pair: members `a` and `b` (b ≠ a) attest in turns toward one need, each
    /// naming the other as buddy, and co-sign each other at once, with hours and units at
    /// the limits. With a challenge window the attestations are stored up, to be finalized
    /// together (`FinalizeAll`), possibly cycles later.
    Collude {
        a: u8,
        b: u8,
        need: u8,
        rounds: Vec<Extreme>,
        /// Then finalize together everything stored up whose window has passed.
        finalize: bool,
    },
    /// Anyone finalizes every attestation in its challenge window whose window has passed,
    /// oldest first.
    FinalizeAll,
    /// A holder burns Alpha tokens (`from`: `who` burns from another holder's allowance):
    /// refused, only the holon burns its token.
    Burn {
        who: u8,
        amount: Amount,
        from: Option<u8>,
    },
    /// The hostile holon's governance mints its token to an actor.
    HostileMint {
        to: u8,
        amount: u128,
    },
    /// A holder of the hostile holon's token exchanges it into Alpha's (`mint`: the hostile
    /// holon's governance first mints that much to the actor).
    HostileExchange {
        who: u8,
        mint: Option<u128>,
        amount: Amount,
    },
    /// Alpha (governance, or someone else: refused) settles its holdings of the hostile
    /// token, the hostile holon paying per `payment` (0, 1 honest; 2 through our `fund`;
    /// 3 settling again).
    HostileSettle {
        gov: bool,
        who: u8,
        amount: Option<Amount>,
        payment: u8,
    },
    /// Alpha's governance (or someone else) tries to accept a holon whose token someone else
    /// mints (`again`: the hostile holon, already accepted).
    AcceptRogue {
        gov: bool,
        again: bool,
    },
    Fund {
        amount: u128,
    },
    SetPolicy {
        gov: bool,
        who: u8,
        pick: PolicyPick,
    },
    /// Alpha tokens sent to Beta for Beta tokens.
    Exchange {
        who: u8,
        amount: Amount,
    },
    UpdateHolon {
        rate: Option<Decimal>,
        credit_limit: Option<u128>,
        enabled: Option<bool>,
    },
    /// Beta settles its Alpha holdings at Alpha's treasury (`gov`, or someone else).
    Settle {
        gov: bool,
        who: u8,
        amount: Option<Amount>,
    },
    ReturnForeign {
        to: u8,
        amount: Amount,
    },
    /// Governance (or, refused, someone else) lists a resource in Alpha's commons: `unit`
    /// 0 hour, 1 day, 2 item, 3 booking; a category of the holon or (`category` past them)
    /// one the registry does not know; `stock` and `refund` even where they do not fit.
    ListResource {
        gov: bool,
        who: u8,
        unit: u8,
        price: Price,
        stock: Option<u64>,
        refund: Option<(u64, Decimal)>,
        category: u8,
    },
    /// An actor (a member, or a stranger or governance: refused) lists an offer.
    ListOffer {
        who: u8,
        unit: u8,
        price: Price,
        stock: Option<u64>,
        category: u8,
    },
    /// Its lister or governance (`who` None), or someone else (refused unless governance),
    /// sets a listing's status: 0 active (resume), 1 paused, 2 withdrawn (for good).
    SetListingStatus {
        who: Option<u8>,
        listing: u8,
        status: u8,
    },
    /// A holder books a resource for a window, paying in Alpha's token or a foreign one.
    Book {
        who: u8,
        listing: u8,
        window: Window,
        pay: Pay,
    },
    /// A holder buys a quantity of an item resource or an offer.
    Buy {
        who: u8,
        listing: u8,
        quantity: u64,
        pay: Pay,
    },
    /// The booker (`who` None) or someone else cancels a booking.
    CancelBooking {
        who: Option<u8>,
        booking: u8,
    },
    /// Anyone releases a booking's payment to the pool.
    ReleaseBooking {
        who: u8,
        booking: u8,
    },
    /// The buyer (`who` None) or someone else confirms a purchase.
    ConfirmPurchase {
        who: Option<u8>,
        purchase: u8,
    },
    /// The buyer (`who` None) or someone else disputes a purchase.
    DisputePurchase {
        who: Option<u8>,
        purchase: u8,
    },
    /// Governance (or, refused, someone else) splits a disputed purchase: `refund` of it to
    /// the buyer.
    ResolvePurchase {
        gov: bool,
        who: u8,
        purchase: u8,
        refund: Amount,
    },
    /// Anyone releases a purchase to its member once its window has passed.
    ReleasePurchase {
        who: u8,
        purchase: u8,
    },
    /// The commons' owner (or, refused, someone else) sets the confirmation window and the
    /// bounds (`max_window`, `max_advance`, `max_quantity`): each in range, 0 or one past
    /// its ceiling (refused, field named).
    CommonsUpdateConfig {
        owner: bool,
        who: u8,
        confirm_window: Option<u64>,
        bounds: Option<(u64, u64, u64)>,
    },
    /// The commons' owner (or, refused, someone else) offers its ownership to an actor,
    /// until `expires_in` seconds from now (0: already expired; None: no deadline); then, in
    /// the same step, `accept`: Some(true) the one it was offered to accepts, Some(false)
    /// someone picked by `who` tries to, None nobody yet.
    CommonsTransferOwnership {
        owner: bool,
        who: u8,
        to: u8,
        expires_in: Option<u64>,
        accept: Option<bool>,
    },
    /// The pending owner (or, refused, someone else) accepts the commons' ownership.
    CommonsAcceptOwnership {
        pending: bool,
        who: u8,
    },
    /// Someone who is not the commons' owner tries to renounce it (refused; the owner's own
    /// renouncing would leave disputes unresolvable for the rest of the case, so it is a
    /// story, not a step).
    CommonsRenounceOwnership {
        who: u8,
    },
}

/// A listing's price: small, at the limits of u128, or 0 (refused).
#[derive(Clone, Copy, Debug)]
pub enum Price {
    Small(u16),
    /// u128::MAX: no payment of it is ever held; two units overflow.
    Max,
    /// 2^127: two units overflow.
    Half,
    Zero,
}

impl Price {
    pub fn value(self) -> u128 {
        match self {
            Price::Small(n) => u128::from(n).max(1),
            Price::Max => u128::MAX,
            Price::Half => 1u128 << 127,
            Price::Zero => 0,
        }
    }
}

/// What a payment sends, against what is due.
#[derive(Clone, Copy, Debug)]
pub enum Pay {
    /// What is due (1 when it overflows).
    Exact,
    /// What is due plus or minus `n` (n ≠ 0): refused.
    Off(i8),
    Zero,
    /// Everything the payer holds.
    All,
    /// What is due, in a token that is not Alpha's: refused.
    Foreign,
}

/// A booking's window, resolved against the clock and the listing's unit when it runs.
#[derive(Clone, Copy, Debug)]
pub enum Window {
    /// `ahead` hours from now, `units` units of the listing long (hours for `booking`).
    Ahead { ahead: u16, units: u8 },
    /// Near a booking of the same listing (`booking` selects it): `shift` hours from its
    /// start, `units` long: overlapping or touching.
    Near { booking: u8, shift: i8, units: u8 },
    /// 0 empty, 1 not whole units, 2 too long, 3 in the past, 4 too far ahead.
    Bad(u8),
}

fn who() -> impl Strategy<Value = u8> {
    any::<u8>()
}

fn opt<T: std::fmt::Debug + Clone>(
    s: impl Strategy<Value = T>,
) -> impl Strategy<Value = Option<T>> {
    prop_oneof![1 => Just(None), 2 => s.prop_map(Some)]
}

fn price() -> impl Strategy<Value = Price> {
    prop_oneof![
        9 => (1u16..=20).prop_map(Price::Small),
        3 => (1u16..=5_000).prop_map(Price::Small),
        1 => Just(Price::Max),
        1 => Just(Price::Half),
        1 => Just(Price::Zero),
    ]
}

fn pay() -> impl Strategy<Value = Pay> {
    prop_oneof![
        12 => Just(Pay::Exact),
        2 => any::<i8>().prop_filter("not zero", |n| *n != 0).prop_map(Pay::Off),
        1 => Just(Pay::Zero),
        1 => Just(Pay::All),
        1 => Just(Pay::Foreign),
    ]
}

fn window() -> impl Strategy<Value = Window> {
    prop_oneof![
        6 => (prop_oneof![Just(0u16), 1u16..=24 * 14], 1u8..=4).prop_map(|(ahead, units)| Window::Ahead { ahead, units }),
        4 => (any::<u8>(), -4i8..=4, 1u8..=4).prop_map(|(booking, shift, units)| Window::Near { booking, shift, units }),
        1 => (0u8..5).prop_map(Window::Bad),
    ]
}

/// Alpha's commons: listings, bookings, purchases and their settlement.
fn commons_action() -> impl Strategy<Value = Action> {
    let quantity =
        prop_oneof![6 => 1u64..=5, 1 => Just(0u64), 1 => Just(1_000u64), 1 => Just(1_001u64)];
    let refund = (prop_oneof![Just(0u64), 1u64..=48], decimal(100, 2));
    let gov = prop_oneof![5 => Just(true), 1 => Just(false)];
    let confirm_window = bound(
        &[3_600, 3 * 86_400, 7 * 86_400],
        cm::MAX_CONFIRM_WINDOW_SECONDS,
    );
    let bounds = (
        bound(
            &[3_600, 2 * 86_400, cm::DEFAULT_MAX_WINDOW_SECONDS],
            cm::MAX_WINDOW_SECONDS,
        ),
        bound(
            &[86_400, 7 * 86_400, cm::DEFAULT_MAX_ADVANCE_SECONDS],
            cm::MAX_ADVANCE_SECONDS,
        ),
        bound(&[1, 3, cm::DEFAULT_MAX_QUANTITY], cm::MAX_QUANTITY),
    );
    prop_oneof![
        2 => (gov.clone(), who(), 0u8..4, price(), opt(prop_oneof![Just(0u64), 1u64..=20]), opt(refund), 0u8..4)
            .prop_map(|(gov, who, unit, price, stock, refund, category)| Action::ListResource { gov, who, unit, price, stock, refund, category }),
        2 => (who(), 0u8..4, price(), prop_oneof![3 => Just(None), 1 => (0u64..=20).prop_map(Some)], 0u8..4)
            .prop_map(|(who, unit, price, stock, category)| Action::ListOffer { who, unit, price, stock, category }),
        2 => (prop_oneof![4 => Just(None), 1 => who().prop_map(Some)], any::<u8>(), prop_oneof![2 => Just(0u8), 2 => Just(1u8), 1 => Just(2u8)])
            .prop_map(|(who, listing, status)| Action::SetListingStatus { who, listing, status }),
        6 => (any::<u8>(), any::<u8>(), window(), pay()).prop_map(|(who, listing, window, pay)| Action::Book { who, listing, window, pay }),
        6 => (any::<u8>(), any::<u8>(), quantity, pay()).prop_map(|(who, listing, quantity, pay)| Action::Buy { who, listing, quantity, pay }),
        2 => (prop_oneof![4 => Just(None), 1 => who().prop_map(Some)], any::<u8>()).prop_map(|(who, booking)| Action::CancelBooking { who, booking }),
        2 => (who(), any::<u8>()).prop_map(|(who, booking)| Action::ReleaseBooking { who, booking }),
        2 => (prop_oneof![4 => Just(None), 1 => who().prop_map(Some)], any::<u8>()).prop_map(|(who, purchase)| Action::ConfirmPurchase { who, purchase }),
        2 => (prop_oneof![4 => Just(None), 1 => who().prop_map(Some)], any::<u8>()).prop_map(|(who, purchase)| Action::DisputePurchase { who, purchase }),
        2 => (gov, who(), any::<u8>(), amount()).prop_map(|(gov, who, purchase, refund)| Action::ResolvePurchase { gov, who, purchase, refund }),
        2 => (who(), any::<u8>()).prop_map(|(who, purchase)| Action::ReleasePurchase { who, purchase }),
        1 => (prop_oneof![5 => Just(true), 1 => Just(false)], who(), opt(confirm_window), opt(bounds))
            .prop_map(|(owner, who, confirm_window, bounds)| Action::CommonsUpdateConfig { owner, who, confirm_window, bounds }),
        2 => commons_ownership(),
    ]
}

/// A value for a bound whose ceiling is `max`: mostly one of `usual`, now and then 0, the
/// ceiling itself or one past it.
fn bound(usual: &'static [u64], max: u64) -> impl Strategy<Value = u64> {
    prop_oneof![
        6 => proptest::sample::select(usual),
        1 => Just(0u64),
        1 => Just(max),
        1 => Just(max + 1),
    ]
}

/// Ownership of the commons: offered (with or without a deadline), accepted by the one it
/// was offered to or by someone else, renounced by someone who does not own it.
fn commons_ownership() -> impl Strategy<Value = Action> {
    let expires_in = prop_oneof![2 => Just(None), 1 => Just(Some(0u64)), 2 => (1u64..=40 * 86_400).prop_map(Some)];
    prop_oneof![
        3 => (prop_oneof![5 => Just(true), 1 => Just(false)], who(), who(), expires_in, opt(prop_oneof![3 => Just(true), 1 => Just(false)]))
            .prop_map(|(owner, who, to, expires_in, accept)| Action::CommonsTransferOwnership { owner, who, to, expires_in, accept }),
        3 => (prop_oneof![4 => Just(true), 1 => Just(false)], who())
            .prop_map(|(pending, who)| Action::CommonsAcceptOwnership { pending, who }),
        1 => who().prop_map(|who| Action::CommonsRenounceOwnership { who }),
    ]
}

/// The caps the attestation policy may be set to (hours); the last is over the ceiling.
pub const CAPS: [u64; 6] = [8, 24, 40, 60, 744, 745];

/// Hours or units at the limits: of a `Decimal` (Decimal::MAX is
/// 340282366920938463463.374607431768211455), 2·10²⁰ (whose product with a unit credit ≥ 2
/// overflows), the least `Decimal` (10^-18), the caps exactly and 10^-18 over them.
pub fn extreme() -> impl Strategy<Value = Decimal> {
    let caps = proptest::sample::select(&CAPS[..5]);
    prop_oneof![
        2 => Just(Decimal::MAX),
        2 => Just(Decimal::from_ratio(200_000_000_000_000_000_000u128, 1u128)),
        1 => Just(Decimal::raw(1)),
        1 => Just(Decimal::percent(1)),
        3 => caps.clone().prop_map(|c| Decimal::from_ratio(c, 1u64)),
        3 => caps.prop_map(|c| Decimal::from_ratio(c, 1u64) + Decimal::raw(1)),
    ]
}

pub fn hours() -> impl Strategy<Value = Decimal> {
    prop_oneof![
        6 => decimal(40_000, 3),
        1 => Just(Decimal::zero()),
        2 => (1u64..=60).prop_map(|h| Decimal::from_ratio(h, 1u64)),
        1 => extreme(),
    ]
}

pub fn units() -> impl Strategy<Value = Decimal> {
    prop_oneof![12 => Just(Decimal::zero()), 4 => decimal(20_000, 2), 1 => extreme()]
}

fn extreme_round() -> impl Strategy<Value = Extreme> {
    let zero_or = |s: BoxedStrategy<Decimal>| prop_oneof![1 => Just(Decimal::zero()), 2 => s];
    prop_oneof![
        4 => (zero_or(extreme().boxed()), zero_or(extreme().boxed()))
            .prop_map(|(h, u)| Extreme::Lit(h, u)),
        2 => any::<bool>().prop_map(|over| Extreme::AttCap { over }),
        3 => any::<bool>().prop_map(|over| Extreme::CycleRoom { over }),
        3 => any::<bool>().prop_map(|over| Extreme::UnitsAtCap { over }),
        2 => Just(Extreme::NextCycle),
    ]
}

pub fn impact() -> impl Strategy<Value = Decimal> {
    prop_oneof![2 => Just(Decimal::one()), 3 => decimal(1_000, 2)]
}

pub fn unit_credit() -> impl Strategy<Value = Decimal> {
    prop_oneof![2 => Just(Decimal::zero()), 1 => decimal(300, 2)]
}

pub fn factor() -> impl Strategy<Value = Decimal> {
    prop_oneof![1 => Just(Decimal::one()), 2 => decimal(400, 2)]
}

pub fn model() -> impl Strategy<Value = Model> {
    prop_oneof![
        Just(Model::Time),
        Just(Model::Need),
        Just(Model::Impact),
        Just(Model::Hybrid)
    ]
}

/// A random policy over `categories` categories named c0, c1 …
pub fn policy(categories: usize) -> impl Strategy<Value = Policy> {
    let fixed =
        proptest::collection::vec(opt(factor()), categories).prop_map(|fs| Scarcity::Fixed {
            factors: fs
                .into_iter()
                .enumerate()
                .filter_map(|(i, f)| {
                    f.map(|factor| CategoryFactor {
                        category: format!("c{i}"),
                        factor,
                    })
                })
                .collect(),
        });
    let auto = (decimal(150, 2), decimal(300, 2)).prop_map(|(min, extra)| Scarcity::Auto {
        min,
        max: min + extra,
    });
    let scarcity = prop_oneof![fixed, auto];
    let reserve = prop_oneof![2 => Just(Decimal::zero()), 1 => decimal(99, 2)];
    let baseline = prop_oneof![2 => Just(Decimal::zero()), 1 => decimal(100, 2)];
    let cap = prop_oneof![4 => Just(None), 1 => (1u64..=60).prop_map(|c| Some(Decimal::from_ratio(c, 1u64)))];
    (model(), scarcity, decimal(300, 2), reserve, baseline, cap).prop_map(
        |(model, scarcity, capacity_bonus, reserve, baseline, max_credit_per_member)| Policy {
            model,
            scarcity,
            capacity_bonus,
            reserve,
            baseline,
            max_credit_per_member,
            anyone_may_settle: false,
        },
    )
}

fn policy_pick(categories: usize) -> impl Strategy<Value = PolicyPick> {
    (
        policy(categories),
        prop_oneof![6 => Just(0u8), 1 => 1u8..=3],
    )
        .prop_map(|(policy, invalid)| PolicyPick { policy, invalid })
}

fn seconds() -> impl Strategy<Value = (u8, u64)> {
    prop_oneof![
        3 => (Just(0u8), 5u64..=6 * 3_600),
        2 => (Just(0u8), 1u64..=4).prop_map(|(c, d)| (c, d * 86_400)),
        3 => (Just(1u8), prop_oneof![Just(0u64), 1u64..=86_400]),
        1 => (2u8..=3, Just(0u64)),
    ]
}

/// One action, for a holon with `categories` categories; `two_holons` adds the exchange,
/// `hostile` the hostile holon's actions.
pub fn action(categories: usize, two_holons: bool, hostile: bool) -> BoxedStrategy<Action> {
    let c = categories as u8;
    let local = prop_oneof![
        4 => (who(), 0..c, opt((impact(), unit_credit(), any::<bool>())))
            .prop_map(|(who, category, factors)| Action::PostNeed { who, category, factors }),
        3 => (who(), any::<u8>()).prop_map(|(who, need)| Action::Endorse { who, need }),
        1 => (who(), any::<u8>()).prop_map(|(who, need)| Action::WithdrawEndorsement { who, need }),
        2 => (who(), any::<u8>(), 0u8..3).prop_map(|(who, need, status)| Action::SetNeedStatus { who, need, status }),
        1 => (who(), any::<u8>(), opt(impact()), opt(unit_credit()), opt(any::<bool>())).prop_map(
            |(who, need, impact, unit_credit, capacity_building)| Action::SetNeedFactors { who, need, impact, unit_credit, capacity_building }
        ),
        1 => (who(), 0..c, impact(), unit_credit(), factor(), any::<bool>()).prop_map(
            |(who, category, impact, unit_credit, need_factor, capacity_building)| Action::SetCategory { who, category, impact, unit_credit, need_factor, capacity_building }
        ),
        6 => (who(), any::<u8>(), hours(), units(), prop_oneof![1 => Just(None), 4 => any::<u8>().prop_map(Some)])
            .prop_map(|(who, need, hours, units, buddy)| Action::Attest { who, need, hours, units, buddy }),
        6 => (prop_oneof![
                6 => Just(Cosigner::Buddy),
                1 => Just(Cosigner::Attester),
                3 => who().prop_map(Cosigner::Anyone),
            ], any::<u8>())
            .prop_map(|(by, att)| Action::Cosign { by, att }),
        14 => (any::<u8>(), any::<u8>(), hours(), units(), any::<u8>())
            .prop_map(|(who, need, hours, units, buddy)| Action::Contribute { who, need, hours, units, buddy }),
        2 => (who(), any::<u8>()).prop_map(|(who, att)| Action::Reject { who, att }),
        1 => (who(), any::<u8>()).prop_map(|(who, att)| Action::Withdraw { who, att }),
        3 => (any::<u8>(), any::<u8>(), any::<u8>(), proptest::collection::vec(extreme_round(), 2..=8), any::<bool>())
            .prop_map(|(a, b, need, rounds, finalize)| Action::Collude { a, b, need, rounds, finalize }),
    ];
    let settle = prop_oneof![
        5 => (who(), any::<u8>()).prop_map(|(who, att)| Action::Dispute { who, att }),
        3 => (prop_oneof![4 => Just(true), 1 => Just(false)], who(), any::<u8>(), any::<bool>())
            .prop_map(|(gov, who, att, uphold)| Action::Resolve { gov, who, att, uphold }),
        3 => any::<u8>().prop_map(|att| Action::Finalize { att }),
        5 => seconds().prop_map(|(cycles, seconds)| Action::Advance { cycles, seconds }),
        5 => prop_oneof![Just(0u64), 1u64..=86_400].prop_map(|seconds| Action::AdvanceToClose { seconds }),
        10 => Just(Action::Close),
        3 => (who(), prop_oneof![
                6 => any::<u8>().prop_map(CyclePick::Closed),
                1 => Just(CyclePick::NotClosed),
                1 => Just(CyclePick::Zero),
            ], prop_oneof![5 => Just(None), 1 => who().prop_map(Some)])
            .prop_map(|(who, cycle, for_whom)| Action::Claim { who, cycle, for_whom }),
        10 => (any::<u8>(), prop_oneof![4 => Just(None), 1 => who().prop_map(Some)]).prop_map(|(pick, by_other)| Action::ClaimDue { pick, by_other }),
        3 => who().prop_map(|who| Action::ClaimAll { who }),
        3 => (who(), who(), amount()).prop_map(|(from, to, amount)| Action::Transfer { from, to, amount }),
        2 => (who(), amount()).prop_map(|(who, amount)| Action::Gift { who, amount }),
        3 => (who(), amount(), opt(who())).prop_map(|(who, amount, to)| Action::Redeem { who, amount, to }),
        2 => Just(Action::FinalizeAll),
        1 => (who(), amount(), prop_oneof![2 => Just(None), 1 => who().prop_map(Some)])
            .prop_map(|(who, amount, from)| Action::Burn { who, amount, from }),
    ];
    let more = prop_oneof![
        2 => prop_oneof![0u128..=1_000, 1u128..=10_000_000_000].prop_map(|amount| Action::Fund { amount }),
        2 => (prop_oneof![3 => Just(true), 1 => Just(false)], who(), policy_pick(categories))
            .prop_map(|(gov, who, pick)| Action::SetPolicy { gov, who, pick }),
        1 => (any::<bool>(), who()).prop_map(|(add, who)| Action::Membership { add, who }),
        1 => (
            prop_oneof![3 => Just(true), 1 => Just(false)],
            who(),
            prop_oneof![Just(0u64), 3_600u64..=2 * 86_400],
            prop_oneof![3 => 1u8..=2, 1 => Just(0u8)],
            prop_oneof![1 => Just(None), 1 => (any::<u8>(), any::<u8>()).prop_map(Some)],
        )
            .prop_map(|(gov, who, challenge_seconds, cosigns_required, caps)| Action::AttestationPolicy {
                gov,
                who,
                challenge_seconds,
                cosigns_required,
                caps,
            }),
    ];
    let base = prop_oneof![5 => local, 6 => settle, 1 => more, 2 => commons_action()];
    let base = if hostile {
        let hostile = prop_oneof![
            3 => (who(), prop_oneof![3 => 1u128..=1_000, 1 => 1u128..=1_000_000_000]).prop_map(|(to, amount)| Action::HostileMint { to, amount }),
            4 => (who(), prop_oneof![1 => Just(None), 2 => prop_oneof![3 => 1u128..=1_000, 1 => 1u128..=1_000_000_000].prop_map(Some)], amount())
                .prop_map(|(who, mint, amount)| Action::HostileExchange { who, mint, amount }),
            4 => (prop_oneof![6 => Just(true), 1 => Just(false)], who(), prop_oneof![2 => Just(None), 1 => amount().prop_map(Some)], any::<u8>())
                .prop_map(|(gov, who, amount, payment)| Action::HostileSettle { gov, who, amount, payment }),
            1 => (prop_oneof![3 => Just(true), 1 => Just(false)], any::<bool>()).prop_map(|(gov, again)| Action::AcceptRogue { gov, again }),
        ];
        prop_oneof![12 => base, 4 => hostile].boxed()
    } else {
        base.boxed()
    };
    if !two_holons {
        return base;
    }
    let exchange = prop_oneof![
        6 => (who(), amount()).prop_map(|(who, amount)| Action::Exchange { who, amount }),
        1 => (opt(decimal(3_000, 3)), opt(0u128..=2_000_000_000), opt(any::<bool>()))
            .prop_map(|(rate, credit_limit, enabled)| Action::UpdateHolon { rate, credit_limit, enabled }),
        3 => (prop_oneof![4 => Just(true), 1 => Just(false)], who(), opt(amount()))
            .prop_map(|(gov, who, amount)| Action::Settle { gov, who, amount }),
        1 => (who(), amount()).prop_map(|(to, amount)| Action::ReturnForeign { to, amount }),
    ];
    prop_oneof![12 => base, 3 => exchange].boxed()
}

/// A holon as a case sets it up.
#[derive(Clone, Debug)]
pub struct Setup {
    pub members: usize,
    /// Per category: impact, unit credit, need factor, capacity-building flag.
    pub categories: Vec<(Decimal, Decimal, Decimal, bool)>,
    /// None: treasury budget; Some: a fixed emission.
    pub emission: Option<u128>,
    pub fund: u128,
    pub policy: Policy,
    pub cosigns_required: u8,
    pub challenge_seconds: u64,
    pub max_hours_per_attestation: u64,
    pub max_hours_per_cycle: u64,
    pub max_cosigns_per_pair: u32,
    pub cycle_seconds: u64,
    /// Beta, accepting Alpha's token: (fund, rate, credit limit, anyone may settle).
    pub beta: Option<(u128, Decimal, u128, bool)>,
    /// A hostile foreign holon that Alpha accepts: (rate, credit limit).
    pub hostile: Option<(Decimal, u128)>,
    /// Start with a month in which every member contributes and claims, so that tokens are
    /// held from the first random step on.
    pub prologue: bool,
}

impl Setup {
    /// The prologue's actions (run through the model and checked like any other).
    pub fn prologue(&self) -> Vec<Action> {
        if !self.prologue {
            return vec![];
        }
        let n = self.members as u8;
        let mut steps: Vec<Action> = (0..n)
            .map(|i| Action::Contribute {
                who: i,
                need: i,
                hours: Decimal::from_ratio(u64::from(i) * 3 + 2, 1u64),
                units: Decimal::zero(),
                buddy: 0,
            })
            .collect();
        if self.challenge_seconds > 0 {
            steps.push(Action::Advance {
                cycles: 0,
                seconds: self.challenge_seconds,
            });
            steps.extend((0..n).map(|_| Action::Finalize { att: 1 }));
        }
        for _ in 0..2 {
            steps.push(Action::AdvanceToClose { seconds: 0 });
            steps.push(Action::Close);
        }
        steps.extend((0..n + 1).map(|i| Action::ClaimDue {
            pick: i,
            by_other: None,
        }));
        // A holder books two days of the commons' resource two days ahead, two buy hours of
        // the first member's offer, and the first disputes it: payments held, in escrow and
        // in dispute from the first random step.
        steps.push(Action::Book {
            who: 1,
            listing: 1,
            window: Window::Ahead {
                ahead: 48,
                units: 2,
            },
            pay: Pay::Exact,
        });
        steps.push(Action::Buy {
            who: 5,
            listing: 1,
            quantity: 2,
            pay: Pay::Exact,
        });
        steps.push(Action::Buy {
            who: 9,
            listing: 1,
            quantity: 1,
            pay: Pay::Exact,
        });
        steps.push(Action::DisputePurchase {
            who: None,
            purchase: 1,
        });
        steps
    }
}

pub fn setup(two_holons: bool) -> impl Strategy<Value = Setup> {
    let prologue = if two_holons {
        Just(true).boxed()
    } else {
        prop_oneof![2 => Just(false), 1 => Just(true)].boxed()
    };
    let hostile = (
        1u64..=3_000,
        prop_oneof![1 => Just(0u128), 6 => 1u128..=2_000_000_000],
    )
        .prop_map(|(rate, limit)| {
            (
                Decimal::from_atomics(u128::from(rate), 3).expect("rate"),
                limit,
            )
        });
    let hostile = if two_holons {
        prop_oneof![1 => Just(None), 1 => hostile.prop_map(Some)].boxed()
    } else {
        prop_oneof![2 => Just(None), 1 => hostile.prop_map(Some)].boxed()
    };
    let categories =
        proptest::collection::vec((impact(), unit_credit(), factor(), any::<bool>()), 2..=3);
    let emission = prop_oneof![3 => Just(None), 1 => prop_oneof![1u128..=1_000, 1u128..=10_000_000_000].prop_map(Some)];
    let fund = prop_oneof![1 => Just(0u128), 1 => 1u128..=1_000, 3 => 1u128..=10_000_000_000];
    let beta = if two_holons {
        (
            prop_oneof![0u128..=1_000, 1u128..=10_000_000_000],
            1u64..=3_000,
            0u128..=2_000_000_000,
            prop_oneof![3 => Just(false), 1 => Just(true)],
        )
            .prop_map(|(fund, rate, limit, anyone)| {
                Some((
                    fund,
                    Decimal::from_atomics(u128::from(rate), 3).expect("rate"),
                    limit,
                    anyone,
                ))
            })
            .boxed()
    } else {
        Just(None).boxed()
    };
    (
        3usize..=4,
        categories,
        emission,
        fund,
        prop_oneof![4 => Just(1u8), 1 => Just(2u8)],
        prop_oneof![1 => Just(0u64), 1 => 3_600u64..=3 * 86_400],
        prop_oneof![3 => Just(744u64), 1 => Just(24u64)],
        prop_oneof![3 => Just(744u64), 1 => Just(60u64)],
        prop_oneof![3 => Just(31u32), 1 => Just(2u32)],
        prop_oneof![
            Just(3 * 86_400u64),
            Just(7 * 86_400u64),
            Just(30 * 86_400u64)
        ],
        (beta, prologue, hostile),
    )
        .prop_flat_map(
            |(
                members,
                categories,
                emission,
                fund,
                cosigns,
                challenge,
                per_att,
                per_cycle,
                pair,
                cycle_seconds,
                beta,
            )| {
                let n = categories.len();
                (
                    Just((
                        members,
                        categories,
                        emission,
                        fund,
                        cosigns,
                        challenge,
                        per_att,
                        per_cycle,
                        pair,
                        cycle_seconds,
                        beta,
                    )),
                    policy(n),
                )
            },
        )
        .prop_map(
            |(
                (
                    members,
                    categories,
                    emission,
                    fund,
                    cosigns_required,
                    challenge_seconds,
                    max_hours_per_attestation,
                    max_hours_per_cycle,
                    max_cosigns_per_pair,
                    cycle_seconds,
                    (beta, prologue, hostile),
                ),
                policy,
            )| Setup {
                members,
                categories,
                emission,
                fund,
                policy,
                cosigns_required,
                challenge_seconds,
                max_hours_per_attestation,
                max_hours_per_cycle,
                max_cosigns_per_pair,
                cycle_seconds,
                beta,
                prologue,
                hostile,
            },
        )
}

/// A whole case: a set-up and 5 to `max_steps` actions.
pub fn case(two_holons: bool, max_steps: usize) -> impl Strategy<Value = (Setup, Vec<Action>)> {
    setup(two_holons).prop_flat_map(move |s| {
        let n = s.categories.len();
        let hostile = s.hostile.is_some();
        (
            Just(s),
            proptest::collection::vec(action(n, two_holons, hostile), 5..=max_steps),
        )
    })
}
