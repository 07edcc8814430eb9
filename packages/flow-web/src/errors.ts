// A failed transaction or query, said in plain words.
//
// CosmJS reports a contract's refusal inside a longer message: when simulating ("Query failed
// with (6): rpc error: code = Unknown desc = failed to execute message; message index: 0:
// <the contract's error>: execute wasm contract failed [CosmWasm/wasmd@…] With gas wanted: …")
// or after a block ("Error when broadcasting tx … raw log: failed to execute message; …").
// `contractError` finds the contract's own sentence; `explain` turns it into one a member
// understands. The page shows the plain sentence, and the contract's sentence under
// "What the chain said" — never a stack.

import { wholeDuration } from "./format";

export interface Explained {
  /** One plain sentence for the member. */
  message: string;
  /** The contract's (or node's) own error text, when there is one. */
  detail?: string;
}

/** Who is acting, so that messages can say "you". */
export interface ErrorContext {
  me?: string;
  names?: Record<string, string>;
  symbol?: string;
  decimals?: number;
  /** The holon's fee granter, when the holon pays its members' fees (x/feegrant). */
  feesPaidBy?: string;
}

const messageOf = (e: unknown): string =>
  e instanceof Error ? e.message : typeof e === "string" ? e : JSON.stringify(e);

/** The contract's error text inside a CosmJS / node error message, or null. */
export function contractError(raw: string): string | null {
  const m =
    /message index: \d+: ([\s\S]*?): (?:execute|instantiate|migrate) wasm contract failed/.exec(raw) ??
    /message index: \d+: ([\s\S]*?)(?: \[[^\]]*\])?(?: With gas wanted|: unknown request|$)/.exec(raw);
  // A contract called by another (the commons by the token's cw20 Send) fails inside
  // wasmd's "dispatch: …": the sentence is the innermost contract's.
  if (m) return m[1].trim().replace(/^(?:dispatch: )+/, "");
  const q = /Query failed with \(\d+\): (?:rpc error: code = \w+ desc = )?([\s\S]*?)(?:: query wasm contract failed|: unknown request|$)/.exec(raw);
  if (q) return q[1].replace(/^Generic error: /, "").trim();
  return null;
}

type Rule = [RegExp, (m: RegExpExecArray, c: ErrorContext) => string];

const who = (addr: string, c: ErrorContext) =>
  addr === c.me ? "your wallet" : c.names?.[addr] ?? addr;
/** Unix seconds as a date and time in the member's time zone. */
const when = (secs: string | number) => new Date(Number(secs) * 1000).toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" });
const amt = (base: string, c: ErrorContext) => {
  if (c.decimals === undefined) return base;
  const unit = 10n ** BigInt(c.decimals);
  const v = BigInt(base);
  const frac = (v % unit).toString().padStart(c.decimals, "0").replace(/0+$/, "");
  const whole = (v / unit).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return `${whole}${frac ? "." + frac : ""}${c.symbol ? " " + c.symbol : ""}`;
};

// Most specific first. Each rule: the contract's text → a sentence.
const RULES: Rule[] = [
  // the holon's fee grant (x/feegrant, Cosmos SDK 0.50): the ante handler's refusal
  // "<granter> does not allow to pay fees for <member>: <reason>" (CheckTx, codespace feegrant)
  [/fee limit exceeded/i, () => "The holon pays members' fees up to a limit each period, and your share is used up for now. Ask the holon's stewards to top up your allowance, or wait for it to renew at the start of the next period."],
  [/fee allowance expired|allowance expired/i, () => "The holon's allowance for your fees has expired. Ask the holon's stewards to grant it again."],
  [/fee-grant not found/i, () => "The holon does not pay fees for your wallet (no fee allowance: it was revoked, or never granted). Ask the holon's stewards to grant you one."],
  [/message does not exist in allowed messages/, () => "The holon pays fees only for the holon's own actions (contract calls), not for this. Use coins of your own for it."],
  // wallet and node
  [/request rejected|rejected by (the )?user|user denied/i, () => "You declined the transaction in your wallet. Nothing was sent."],
  [/account .* does not exist on chain|does not exist on chain/i, (_m, c) => (c.feesPaidBy ? "Your wallet has no account on this chain yet: the holon pays its members' fees, but has not granted your wallet an allowance. Ask the holon's stewards to add you." : "Your wallet has no account on this chain yet: it needs some coins for fees before it can sign.")],
  [/insufficient fees|insufficient fee/i, () => "The fee offered was too low for this chain."],
  [/(\d+)(\w+) is smaller than (\d+)\w+: insufficient funds|insufficient funds/i, () => "Your wallet does not hold enough coins for this (or for the fee)."],
  [/failed to fetch|networkerror|fetch failed|load failed|ECONNREFUSED|socket hang up/i, () => "The chain's node cannot be reached. Check that it is running, then try again."],
  [/out of gas/i, () => "The transaction ran out of gas. Try again."],
  [/no chain info|there is no chain info|unknown chain/i, () => "Your wallet does not know this chain yet. Connect again and accept adding it."],
  // attestation
  [/an attester cannot be their own buddy/, () => "You can't be your own buddy: another member has to co-sign what you did. Name someone else."],
  [/an attester cannot dispute their own attestation/, () => "You can't dispute your own attestation. You can withdraw it while it is pending."],
  [/the named buddy (\S+) co-signs first, and only they may refuse/, (m, c) => `Only the buddy named on this attestation (${who(m[1], c)}) can co-sign it first, or refuse it.`],
  [/already co-signed by this member/, () => "You have already co-signed this attestation."],
  [/co-sign limit reached: at most (\d+)/, (m) => `You have co-signed as many of this member's attestations this cycle as the holon allows (${m[1]}). Another member can co-sign this one.`],
  [/attestation (\d+) is (\w+), expected (\w+)/, (m) => `Attestation #${m[1]} is ${m[2]} now, so this can't be done (it needs to be ${m[3]}). The list has been refreshed.`],
  [/attestation (\d+) has expired/, (m) => `Attestation #${m[1]} waited too long for a co-sign and has expired: it can only be withdrawn.`],
  [/the challenge window is open until/, () => "The challenge window is still open: the attestation can be finalized once it has passed."],
  [/the challenge window has closed/, () => "The challenge window has closed: this attestation can no longer be disputed."],
  [/only the attester may do this/, () => "Only the member who made the attestation can withdraw it."],
  [/attestation (\d+) not found/, (m) => `There is no attestation #${m[1]}.`],
  [/an attestation needs hours or units/, () => "Enter the hours you worked or the units you delivered (both are zero)."],
  [/no credit: hours \+ units × the need's unit credit must be at least 0\.01/, () => "This credits less than 0.01 hour: enter the hours you worked (units count only on needs that credit them)."],
  [/status `expired` is computed when read/, () => "Expired attestations can't be listed by status: list the pending ones and read each one's status."],
  [/([\d.]+) hours in one attestation: at most ([\d.]+)/, (m) => `One attestation can hold at most ${m[2]} hours; you entered ${m[1]}. Split it into several.`],
  [/([\d.]+) hours \+ ([\d.]+) units × ([\d.]+) is more hour-equivalents than one attestation may credit: at most ([\d.]+)/, (m) => `One attestation can credit at most ${m[4]} hours, counting each unit as ${m[3]} h; this one would credit more. Split it into several.`],
  [/([\d.]+) hour-equivalents already counted in cycle (\d+) plus ([\d.]+) is over the cycle cap of ([\d.]+)/, (m) => `That would take you over the cycle's cap of ${m[4]} hours (units count at their credit): ${m[1]} already count in cycle ${m[2]}. It can be co-signed or attested in a later cycle.`],
  [/only a named buddy may refuse an attestation, and attestation (\d+) names none/, (m) => `Attestation #${m[1]} names no buddy, so nobody can refuse it: leave it unsigned, or dispute it once it is co-signed.`],
  [/need (\d+) is not open(?!:)/, (m) => `Need #${m[1]} is no longer open, so nothing can be attested toward it.`],
  // commons (contracts/commons/src/error.rs)
  [/the provider of listing (\d+), (\S+), is no longer a member of the group/, (m, c) => `Listing #${m[1]} can't be bought any more: ${who(m[2], c)} who offers it is no longer a member of the holon.`],
  [/the commons takes only its holon's token (\S+), not (\S+)/, () => "The commons takes only the holon's own token: nothing was paid."],
  [/^listing (\d+) not found/, (m) => `There is no listing #${m[1]} in the commons.`],
  [/listing (\d+) is (\w+): it takes no bookings or purchases/, (m) => `Listing #${m[1]} is ${m[2].toLowerCase()}: it takes no bookings or purchases now. Nothing was paid.`],
  [/listing (\d+) is already (\w+)/, (m) => `Listing #${m[1]} is already ${m[2].toLowerCase()}.`],
  [/listing (\d+) is withdrawn for good/, (m) => `Listing #${m[1]} is withdrawn for good: it can't be paused or resumed any more.`],
  [/only governance, or the member who offers it, may change listing (\d+)/, (m) => `Only the member who offers listing #${m[1]} (or the holon's stewards, for its resources) can pause, resume or withdraw it.`],
  [/listing (\d+) is booked by window, not bought/, (m) => `Listing #${m[1]} is booked for a time, not bought: choose when on its calendar.`],
  [/listing (\d+) is bought, not booked/, (m) => `Listing #${m[1]} is bought by quantity, not booked.`],
  [/a member's offer cannot be priced by (\w+)/, () => "An offer is priced by the hour, the day or the item (only the holon's resources are booked by the booking)."],
  [/(\w+) is only for resources booked by window/, (m) => `A ${m[1]} is only for resources booked for a time (by the hour, the day or the booking).`],
  [/(\w+) is not for resources booked by window/, (m) => `A resource booked for a time has no ${m[1]}: its calendar decides.`],
  [/^price must be greater than zero/, () => "The price must be above zero."],
  [/^quantity must be between 1 and (\d+), got (\d+)/, (m) => `Buy between 1 and ${m[1]} at a time (you asked for ${m[2]}).`],
  [/listing (\d+) has (\d+) left, (\d+) asked/, (m) => (m[2] === "0" ? `Listing #${m[1]} is sold out.` : `Listing #${m[1]} has only ${m[2]} left; you asked for ${m[3]}. Nothing was paid.`)],
  [/wrong amount: (\d+) due \((\S+) × (\d+)\), (\d+) sent/, (m, c) => `The payment must be exactly ${amt(m[1], c)} (${m[2]} × ${amt(m[3], c)}); ${amt(m[4], c)} was sent. Nothing was paid.`],
  [/the price of (\S+) units at (\S+) each overflows/, () => "That many units cost more than any amount the token can hold: ask for fewer."],
  [/the window \[(\d+), (\d+)\) is empty or reversed/, () => "The booking must end after it starts."],
  [/the window \[(\d+), (\d+)\) is not a whole number of (\w+)s/, (m) => `This resource is booked by whole ${m[3].toLowerCase()}s: the window from ${when(m[1])} to ${when(m[2])} is not.`],
  [/the window \[(\d+), (\d+)\) is longer than (\d+) seconds/, (m) => `A booking can last at most ${wholeDuration(Number(m[3]))}: choose a shorter window.`],
  [/the window starts at (\d+), in the past \(now (\d+)\)/, (m) => `That window starts in the past (${when(m[1])}): choose a later start.`],
  [/the window starts at (\d+), more than (\d+) seconds ahead \(now (\d+)\)/, (m) => `Bookings open at most ${wholeDuration(Number(m[2]))} ahead: ${when(m[1])} is too far.`],
  [/listing (\d+) is booked for \[(\d+), (\d+)\) by booking (\d+)/, (m) => `That window is already taken: booking #${m[4]} holds listing #${m[1]} from ${when(m[2])} to ${when(m[3])}. Choose a time that doesn't overlap it; nothing was paid.`],
  [/^booking (\d+) not found/, (m) => `There is no booking #${m[1]}.`],
  [/only its booker may cancel booking (\d+)/, (m) => `Only the member who made booking #${m[1]} can cancel it.`],
  [/booking (\d+) has started \(at (\d+)\): it can no longer be cancelled/, (m) => `Booking #${m[1]} started at ${when(m[2])}: it can no longer be cancelled.`],
  [/booking (\d+) starts at (\d+): its payment is held until then/, (m) => `Booking #${m[1]} starts at ${when(m[2])}: its payment stays held until then.`],
  [/^booking (\d+) is (\w+)$/, (m) => `Booking #${m[1]} is ${m[2].toLowerCase()} already: there is nothing to do.`],
  [/^purchase (\d+) not found/, (m) => `There is no purchase #${m[1]}.`],
  [/only its buyer may confirm or dispute purchase (\d+)/, (m) => `Only the member who bought purchase #${m[1]} can confirm or dispute it.`],
  [/^purchase (\d+) is not disputed: it is (\w+)/, (m) => `Purchase #${m[1]} is not disputed (it is ${m[2].toLowerCase()}): there is nothing to resolve.`],
  [/^purchase (\d+) is (\w+)$/, (m) => `Purchase #${m[1]} is ${m[2].replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase()} already: it can't be confirmed or disputed any more.`],
  [/the confirmation window of purchase (\d+) closed at (\d+)/, (m) => `The time to confirm or dispute purchase #${m[1]} ended at ${when(m[2])}: the payment goes to the provider.`],
  [/the confirmation window of purchase (\d+) is open until (\d+)/, (m) => `The buyer of purchase #${m[1]} can confirm or dispute it until ${when(m[2])}: it is released only after that.`],
  [/refund (\d+) is more than the (\d+) paid/, (m, c) => `The refund can be at most the ${amt(m[2], c)} paid (you entered ${amt(m[1], c)}).`],
  [/list by category or by provider, not both/, () => "Listings can be read by category or by provider, not both at once."],
  [/name exactly one of buyer and provider/, () => "Purchases are read by buyer or by provider: name exactly one."],
  // members' governance: cw-plus cw3-flex-multisig 2.0 (its ContractError, cw3's DepositError,
  // cw-utils' ThresholdError) and the cw4 group it administers (cw4-group, cw-controllers)
  [/^Unauthorized$/, () => "Your wallet has no vote here: only the holon's members propose and vote (a proposal counts the weights members had when it was made)."],
  [/^Proposal is not open$/, () => "This proposal is no longer open for votes: it has been executed or closed."],
  [/^Proposal voting period has expired$/, () => "The voting period of this proposal has ended: no more votes are counted. Anyone can close it if it did not pass."],
  [/^Proposal must expire before you can close it$/, () => "This proposal can be closed only once its voting period has ended: until then members can still vote."],
  [/^Wrong expiration option$/, () => "The proposal's end must be given like the holon's voting period (a time, or a block height)."],
  [/^Already voted on this proposal$/, () => "You have already voted on this proposal: a vote can't be changed."],
  [/^Proposal must have passed and not yet been executed$/, () => "This proposal can't be executed: it has not passed (not enough yes votes yet, or it was rejected), or it was executed already."],
  [/^Cannot close completed or passed proposals$/, () => "This proposal is already decided (passed, executed or rejected): there is nothing to close."],
  [/Group contract invalid address '([^']*)'/, (m) => `The members' group address "${m[1]}" is not a group contract.`],
  [/cw3::proposal::Proposal\b[\s\S]*not found|^Proposal not found/, () => "There is no such proposal."],
  [/Invalid voting threshold percentage, must be in the 0\.5-1\.0 range/, () => "The threshold must be between 50% and 100% of the votes."],
  [/Required quorum threshold cannot be zero/, () => "The quorum can't be zero: some members have to vote."],
  [/Not possible to reach required quorum threshold/, () => "That quorum can never be reached with the members' total weight."],
  [/Required weight cannot be zero/, () => "The yes weight a proposal needs can't be zero."],
  [/Not possible to reach required \(passing\) weight/, () => "That threshold can never be reached with the members' total weight."],
  [/Invalid zero deposit/, () => "A proposal deposit of zero is not a deposit: leave it out."],
  [/^Invalid cw20$/, () => "The proposal deposit names a token that is not a cw20 contract."],
  [/Invalid native deposit amount/, () => "This multisig asks a deposit with each proposal: send exactly the amount it names."],
  [/Caller is not admin/, () => "Only the holon's governance can change who is a member: the group's admin is the members' governance."],
  [/Message contained duplicate member: (\S+)/, (m, c) => `The change names ${who(m[1], c)} twice: name each member once.`],
  // membership and governance
  [/(\S+) is not a member of the group/, (m, c) => (m[1] === c.me ? "Your wallet is not a member of this holon, so it can't do this." : `${who(m[1], c)} is not a member of this holon.`)],
  [/Caller is not the contract's current owner/, () => "Only the holon's stewards can do this: your wallet is not the holon's governance. Nothing was changed."],
  [/Caller is not the contract's pending owner/, () => "Only the proposed new steward can accept the handover."],
  [/Contract ownership has been renounced/, () => "This holon has no stewards any more: this setting can no longer be changed."],
  [/only governance may post needs/, () => "In this holon only the stewards post needs. Ask a steward, or endorse a need that is already there."],
  [/only governance may set a need's impact/, () => "Only the stewards set a need's impact, unit credit or capacity flag: post it without them."],
  [/only the poster of need (\d+) or governance/, (m) => `Only the member who posted need #${m[1]} (or a steward) can change its status.`],
  // needs
  [/unknown category "?([^"]+)"?/, (m) => `There is no category "${m[1]}" in this holon.`],
  [/category "?([^"]+)"? is listed twice/, (m) => `The category "${m[1]}" is listed twice.`],
  [/too many categories: at most (\d+)/, (m) => `A holon can have at most ${m[1]} categories.`],
  [/need (\d+) not found/, (m) => `There is no need #${m[1]}.`],
  [/need (\d+) is not open: it is (\w+)/, (m) => `Need #${m[1]} is ${m[2].toLowerCase()}, not open.`],
  [/need (\d+) is already (\w+)/, (m) => `Need #${m[1]} is already ${m[2].toLowerCase()}.`],
  [/quantity must be greater than zero/, () => "The quantity must be more than zero."],
  [/(\S+) already requests need (\d+)/, (m, c) => (m[1] === c.me ? `You already asked for need #${m[2]}.` : `${who(m[1], c)} already asks for need #${m[2]}.`)],
  [/(\S+) has not endorsed need (\d+)/, (m) => `You have not endorsed need #${m[2]}, so there is nothing to withdraw.`],
  [/the poster of need (\d+) cannot withdraw its request/, (m) => `You posted need #${m[1]}, so you can't withdraw your request: close the need instead.`],
  [/need has reached its bound of (\d+) requesters/, (m) => `This need already has the most requesters a need can have (${m[1]}).`],
  [/(\S+) already offers toward need (\d+)/, (m) => `You already offered to provide need #${m[2]}.`],
  [/(\S+) has no offer on need (\d+)/, (m) => `You have no offer on need #${m[2]} to withdraw.`],
  [/need has reached its bound of (\d+) offers/, (m) => `This need already has the most offers a need can have (${m[1]}).`],
  // distributor
  [/cycle (\d+) has not ended yet/, (m) => `Cycle ${m[1]} has not ended yet: it can be closed once its time is up.`],
  [/cycle (\d+) is not closed yet/, (m) => `Cycle ${m[1]} is not closed yet: claims open once it has been closed.`],
  [/cycle (\d+) is not closed/, (m) => `Cycle ${m[1]} is not closed yet.`],
  [/(\S+) has already claimed cycle (\d+)/, (m, c) => (m[1] === c.me ? `You have already claimed cycle ${m[2]}.` : `${who(m[1], c)} has already claimed cycle ${m[2]}.`)],
  [/nothing to claim for (\S+)/, (m, c) => (m[1] === c.me ? "There is nothing for you to claim: no unclaimed share in the closed cycles." : `There is nothing to claim for ${who(m[1], c)}.`)],
  [/fixed budget: no treasury/, () => "This holon has a fixed budget: it has no treasury to fund or redeem against."],
  [/redeeming (\d+) exceeds the (\d+) tokens minted against the treasury/, (m, c) => `Only ${amt(m[2], c)} can be redeemed against the treasury now; you asked for ${amt(m[1], c)}.`],
  [/treasury holds (\d+) unallocated, (\d+) needed/, (m, c) => `The receiving holon's treasury has only ${amt(m[1], c)} unallocated; ${amt(m[2], c)} would be needed.`],
  [/token (\S+) is not accepted by this holon/, () => "That holon does not accept this token."],
  [/(\S+) takes this holon's own token/, () => "Only the holon's own token can be redeemed or gifted to its pool."],
  [/the holon of token (\S+) is not enabled for exchange/, () => "That holon has paused exchanges with this one."],
  [/exchange over the credit limit: holding (\d+) \+ (\d+) > limit (\d+)/, (m, c) => `That holon holds at most ${amt(m[3], c)} and already holds ${amt(m[1], c)}: try a smaller amount.`],
  [/(\d+) at rate (\S+) rounds down to zero tokens/, () => "That amount is too small: at this rate it buys nothing."],
  [/holon (\S+) is already accepted/, () => "That holon is already accepted."],
  [/is not the holon its token names/, () => "That address is not a genuine holon: its info and its token's issuer disagree."],
  [/cannot accept this holon's own token/, () => "A holon can't accept its own token as foreign."],
  [/holding only (\d+) of token (\S+), (\d+) asked/, (m) => `The holon holds only ${m[1]} of that token; ${m[3]} was asked.`],
  [/settle is not possible, return the tokens instead/, () => "The two treasuries pay in different coins: settling is not possible, return the tokens instead."],
  [/only the attestation contract may record contributions/, () => "Only the holon's attestation contract records contributions."],
  [/only the holon's group \((\S+)\) reports membership changes/, () => "Only the holon's group tells the distributor who joins or leaves: members are added and removed in the group (Stewards, Members)."],
  [/attestation (\d+) is already recorded/, (m) => `Attestation #${m[1]} is already recorded: it counts once.`],
  [/settlement paid (\d+), expected (\d+)/, (m, c) => `The other holon paid ${amt(m[1], c)} instead of ${amt(m[2], c)}: the settlement was refused and nothing changed.`],
  [/unknown reply id (\d+)/, () => "The distributor received an answer it did not ask for: nothing changed."],
  [/invalid holon address/, () => "The token's holon address is not a valid address on this chain."],
  [/a settlement with another holon is in progress/, () => "A settlement with another holon is under way in this transaction: this has to wait until it has finished."],
  [/settling would put (\d+) on the books against (\d+) held/, () => "The other holon's payment did not arrive as coins the treasury holds: the settlement was refused and nothing changed."],
  [/the holon of token (\S+) was removed/, () => "That holon was removed from the accepted holons: accept it again before resuming it."],
  [/token (\S+) already has a supply of (\d+)/, () => "That token already has tokens in circulation that no treasury backs, so it can't become this holon's token."],
  [/token (\S+) caps its supply at (\d+)/, () => "That token caps its supply, so members' claims would fail once the cap is reached: it can't become this holon's token."],
  [/token (\S+) does not have (\S+) as its minter/, () => "That holon's token can be minted by someone other than the holon itself, so it can't be accepted."],
  [/cycle (\d+) has recorded its most hour-equivalents/, (m) => `Cycle ${m[1]} can take no more contributions: co-sign this one in the next cycle.`],
  [/only the holon (\S+) burns its tokens/, () => "Tokens can't be burnt directly: gift them to the pool (their backing funds the next cycle) or redeem them."],
  [/amount must be greater than zero|Invalid zero amount/i, () => "Enter an amount above zero."],
  // cw20 and coins
  [/Cannot Sub with given operands|Overflow: Cannot Sub/, () => "You don't hold that many tokens."],
  [/No funds sent/, () => "Send some coins with it."],
  [/Must send reserve token '([^']+)'|Received unsupported denom '([^']+)'/, (m) => `The treasury takes only ${m[1] ?? "its own coin"}.`],
  [/Sent more than one denomination/, () => "Send only the treasury's coin."],
  [/does no(t)? accept funds/, () => "This action takes no coins."],
  [/Cannot set to own account/, () => "You can't send tokens to yourself."],
  // validation (flow-types)
  [/(\w+) must not be empty/, (m) => `Fill in the ${m[1].replace(/_/g, " ")}.`],
  [/(\w+) is too long: (\d+) bytes, at most (\d+)/, (m) => `The ${m[1].replace(/_/g, " ")} is too long (${m[2]} bytes; at most ${m[3]}).`],
  [/(\w+) must be a slug/, (m) => `The ${m[1].replace(/_/g, " ")} may use only a–z, 0–9, "-" and "_" (up to 32 characters).`],
  [/(\w+) must be between (\S+) and (\S+), got (\S+)/, (m) => `The ${m[1].replace(/_/g, " ")} must be between ${m[2]} and ${m[3]} (you gave ${m[4]}).`],
  [/decoding bech32 failed|invalid address|Invalid input: human address too|addr_validate errored|invalid checksum/i, () => "That is not a valid address on this chain."],
];

/**
 * The reason of a fee-grant refusal ("period limit: fee limit exceeded"), without the two
 * addresses before it, which Cosmos SDK 0.50 prints as raw bytes.
 */
export function feeGrantError(raw: string): string | null {
  const m = /does not allow to pay fees for [\s\S]*?: ((?:period limit: |absolute limit: )?(?:fee limit exceeded|fee allowance expired|fee-grant not found|message does not exist in allowed messages(?:: message not allowed)?))/.exec(raw);
  return m ? `the holon's fee grant: ${m[1]}` : null;
}

/** A failure as a plain sentence, with the chain's own text kept as detail. */
export function explain(e: unknown, ctx: ErrorContext = {}): Explained {
  const raw = messageOf(e);
  const detail = contractError(raw) ?? feeGrantError(raw) ?? undefined;
  const text = detail ?? raw;
  for (const [re, say] of RULES) {
    const m = re.exec(text);
    if (m) return { message: say(m, ctx), detail };
  }
  if (detail) return { message: `The chain refused this: ${detail}.`, detail };
  // Not from the chain: keep the first line only (no stack, no request dump).
  const first = raw.split("\n")[0].slice(0, 240);
  return { message: `Something went wrong: ${first}` };
}
