import { describe, expect, it } from "vitest";

import { contractError, explain } from "./errors";

const ALEX = "wasm1q062um4fdnke0p8v5n8wnvgwjveqqkxcymj6s6";
const JORDAN = "wasm1z82srmd5unrfp4y2ng5fg7y02c7lc360txm66y";

// How CosmJS 0.38 reports a refused simulation and a refused transaction on wasmd 0.61.
const simulated = (text: string) =>
  new Error(
    `Query failed with (6): rpc error: code = Unknown desc = failed to execute message; message index: 0: ${text}: execute wasm contract failed [CosmWasm/wasmd@v0.61.14/x/wasm/keeper/keeper.go:430] With gas wanted: '300000000' and gas used: '120773' : unknown request`,
  );
const broadcast = (text: string) =>
  new Error(
    `Error when broadcasting tx 4F3A at height 120. Code: 5; Raw log: failed to execute message; message index: 0: ${text}: execute wasm contract failed`,
  );

describe("contractError", () => {
  it("finds the contract's sentence in a simulation error", () => {
    expect(contractError(simulated("an attester cannot be their own buddy, nor co-sign or refuse their own attestation").message)).toBe(
      "an attester cannot be their own buddy, nor co-sign or refuse their own attestation",
    );
  });
  it("finds it in a broadcast error", () => {
    expect(contractError(broadcast(`${ALEX} has already claimed cycle 3`).message)).toBe(`${ALEX} has already claimed cycle 3`);
  });
  it("finds the innermost contract's sentence when a contract called it (a cw20 Send's hook)", () => {
    const raw = "Query failed with (6): rpc error: code = Unknown desc = failed to execute message; message index: 0: dispatch: listing 2 is booked for [1767225600, 1767398400) by booking 1: execute wasm contract failed [CosmWasm/wasmd@v0.61.14/x/wasm/keeper/keeper.go:430] With gas wanted: '300000000' and gas used: '180223' : unknown request";
    expect(contractError(raw)).toBe("listing 2 is booked for [1767225600, 1767398400) by booking 1");
  });
  it("finds a refused query", () => {
    expect(contractError("Query failed with (6): rpc error: code = Unknown desc = Generic error: cycle 4 is not closed: query wasm contract failed: unknown request")).toBe(
      "cycle 4 is not closed",
    );
  });
  it("is null for errors that are not the chain's", () => {
    expect(contractError("TypeError: x is undefined")).toBeNull();
  });
});

describe("explain", () => {
  const ctx = { me: ALEX, names: { [JORDAN]: "jordan" }, symbol: "AFLOW", decimals: 6 };

  it("says a self co-sign in plain words and keeps the chain's text", () => {
    const x = explain(simulated("an attester cannot be their own buddy, nor co-sign or refuse their own attestation"), ctx);
    expect(x.message).toMatch(/can't be your own buddy/);
    expect(x.detail).toMatch(/own buddy/);
    expect(x.message).not.toMatch(/wasmd|keeper|gas/);
  });

  it("says an unauthorised policy change in plain words", () => {
    const x = explain(simulated("Caller is not the contract's current owner"), ctx);
    expect(x.message).toMatch(/Only the holon's stewards can do this/);
  });

  it("speaks of 'you' and of members by name", () => {
    expect(explain(simulated(`${ALEX} is not a member of the group`), ctx).message).toMatch(/Your wallet is not a member/);
    expect(explain(simulated(`${JORDAN} is not a member of the group`), ctx).message).toMatch(/^jordan is not a member/);
    expect(explain(broadcast(`${ALEX} has already claimed cycle 3`), ctx).message).toBe("You have already claimed cycle 3.");
    expect(explain(simulated(`the named buddy ${JORDAN} co-signs first, and only they may refuse`), ctx).message).toMatch(/\(jordan\)/);
  });

  it("shows amounts in tokens", () => {
    const x = explain(simulated("exchange over the credit limit: holding 900000000 + 200000000 > limit 1000000000"), ctx);
    expect(x.message).toMatch(/at most 1,000 AFLOW and already holds 900 AFLOW/);
  });

  it("maps the other contract errors a member meets", () => {
    const cases: [string, RegExp][] = [
      ["cycle 2 has not ended yet: it ends at 1795356289.924479683", /has not ended yet/],
      ["cycle 2 is not closed yet (next to close: 1)", /claims open once/],
      [`nothing to claim for ${ALEX}`, /nothing for you to claim/],
      ["Overflow: Cannot Sub with given operands", /don't hold that many/],
      ["need 7 is not open", /no longer open/],
      ["need 7 is not open: it is Fulfilled", /fulfilled, not open/],
      [`${ALEX} already requests need 3`, /already asked for need #3/],
      ["the poster of need 3 cannot withdraw its request: close the need instead", /close the need instead/],
      ["800 hours in one attestation: at most 744", /at most 744 hours/],
      ["40 hour-equivalents already counted in cycle 2 plus 710 is over the cycle cap of 744", /cap of 744 hours/],
      ["0 hours + 100000 units × 0.25 is more hour-equivalents than one attestation may credit: at most 8", /at most 8 hours, counting each unit as 0.25 h/],
      ["only a named buddy may refuse an attestation, and attestation 7 names none: leave it unsigned", /#7 names no buddy/],
      ["only the holon wasm1xyz burns its tokens: send them to it with a gift_to_pool payload", /gift them to the pool/],
      ["a settlement with another holon is in progress: fund waits until it has finished", /settlement with another holon/],
      ["token wasm1abc does not have wasm1def as its minter: it is not that holon's token", /can't be accepted/],
      ["attestation 4 is final, expected pending", /#4 is final now/],
      ["title must not be empty", /Fill in the title/],
      ["reserve must be between 0 and 1, got 1.5", /reserve must be between 0 and 1/],
      ["only governance may post needs", /only the stewards post needs/],
    ];
    for (const [text, re] of cases) expect(explain(simulated(text), ctx).message).toMatch(re);
  });

  it("says every refusal of the members' governance (cw3-flex-multisig 2.0, cw3, cw-utils, cw4-group) in plain words", () => {
    // The `#[error("…")]` texts of cw3-flex-multisig 2.0.0 (src/error.rs), cw3 2.0.0's
    // DepositError, cw-utils 2.0.0's ThresholdError and cw4-group 2.0.0 / cw-controllers 2.0.0,
    // with a sample for each placeholder; the contracts are not in this repository, so their
    // texts are listed here.
    const cases: [string, RegExp][] = [
      ["Unauthorized", /only the holon's members propose and vote/],
      ["Proposal is not open", /no longer open for votes/],
      ["Proposal voting period has expired", /voting period of this proposal has ended/],
      ["Proposal must expire before you can close it", /closed only once its voting period has ended/],
      ["Wrong expiration option", /proposal's end/],
      ["Already voted on this proposal", /^You have already voted on this proposal: a vote can't be changed\.$/],
      ["Proposal must have passed and not yet been executed", /can't be executed: it has not passed/],
      ["Cannot close completed or passed proposals", /already decided/],
      ["Group contract invalid address 'wasm1nope'", /"wasm1nope" is not a group contract/],
      ["type: cw3::proposal::Proposal; key: [00, 09] not found", /no such proposal/],
      ["cw3::proposal::Proposal not found", /^There is no such proposal\.$/],
      ["Invalid voting threshold percentage, must be in the 0.5-1.0 range", /between 50% and 100%/],
      ["Required quorum threshold cannot be zero", /quorum can't be zero/],
      ["Not possible to reach required quorum threshold", /quorum can never be reached/],
      ["Required weight cannot be zero", /can't be zero/],
      ["Not possible to reach required (passing) weight", /threshold can never be reached/],
      ["Invalid zero deposit. Set the deposit to None to have no deposit.", /deposit of zero/],
      ["Invalid cw20", /not a cw20 contract/],
      ["Invalid native deposit amount", /send exactly the amount/],
      ["Caller is not admin", /Only the holon's governance can change who is a member/],
      [`Message contained duplicate member: ${JORDAN}`, /names jordan twice/],
    ];
    for (const [text, re] of cases) {
      for (const e of [simulated(text), broadcast(text)]) {
        const x = explain(e, ctx);
        expect(x.message, text).toMatch(re);
        expect(x.message, text).not.toMatch(/^The chain refused this/);
        expect(x.detail, text).toBe(text);
      }
    }
    // "Unauthorized" alone is cw3's (or the group's); it does not swallow longer texts.
    expect(explain(simulated("Caller is not the contract's current owner"), ctx).message).toMatch(/Only the holon's stewards/);
  });

  it("says the commons' refusals in plain words, amounts in tokens", () => {
    const cases: [string, RegExp][] = [
      ["listing 1 is booked for [1767225600, 1767398400) by booking 3", /^That window is already taken: booking #3 holds listing #1 from .+ to .+\. Choose a time that doesn't overlap it; nothing was paid\.$/],
      ["wrong amount: 30000000 due (2 × 15000000), 29000000 sent", /^The payment must be exactly 30 AFLOW \(2 × 15 AFLOW\); 29 AFLOW was sent\. Nothing was paid\.$/],
      ["listing 2 is Paused: it takes no bookings or purchases", /^Listing #2 is paused: it takes no bookings or purchases now/],
      ["listing 2 is already Active", /^Listing #2 is already active\.$/],
      ["listing 2 has 0 left, 1 asked", /^Listing #2 is sold out\.$/],
      ["listing 2 has 3 left, 4 asked", /only 3 left; you asked for 4/],
      ["quantity must be between 1 and 1000, got 0", /^Buy between 1 and 1000 at a time \(you asked for 0\)\.$/],
      ["price must be greater than zero", /^The price must be above zero\.$/],
      ["the window [100, 5500) is not a whole number of Hours", /booked by whole hours/],
      ["booking 4 has started (at 1767225600): it can no longer be cancelled", /^Booking #4 started at .+: it can no longer be cancelled\.$/],
      ["booking 4 is Cancelled", /^Booking #4 is cancelled already/],
      ["purchase 5 is Released", /^Purchase #5 is released already/],
      ["purchase 5 is not disputed: it is Escrowed", /^Purchase #5 is not disputed \(it is escrowed\)/],
      ["only its buyer may confirm or dispute purchase 5", /Only the member who bought purchase #5/],
      ["refund 20000000 is more than the 15000000 paid", /at most the 15 AFLOW paid \(you entered 20 AFLOW\)/],
      [`the provider of listing 2, ${JORDAN}, is no longer a member of the group`, /^Listing #2 can't be bought any more: jordan who offers it/],
      ["only governance, or the member who offers it, may change listing 2", /Only the member who offers listing #2/],
      ["a member's offer cannot be priced by Booking: use hour, day or item", /An offer is priced by the hour, the day or the item/],
    ];
    for (const [text, re] of cases) {
      const x = explain(simulated(text), ctx);
      expect(x.message, text).toMatch(re);
      expect(x.detail, text).toBe(text);
    }
    expect(explain(simulated(`${ALEX} is not a member of the group`), ctx).message).toMatch(/Your wallet is not a member/);
  });

  it("handles the wallet and the network", () => {
    expect(explain(new Error("Request rejected"), ctx).message).toMatch(/declined/);
    expect(explain(new TypeError("Failed to fetch"), ctx).message).toMatch(/cannot be reached/);
    expect(explain(new Error("Account 'wasm1…' does not exist on chain. Send some tokens there before trying to query sequence."), ctx).message).toMatch(/no account on this chain/);
  });

  it("never shows a stack", () => {
    const e = new Error("weird\n    at foo (x.js:1:1)\n    at bar (y.js:2:2)");
    const x = explain(e, ctx);
    expect(x.message).toBe("Something went wrong: weird");
    const unknown = explain(simulated("some new contract error 42"), ctx);
    expect(unknown.message).toBe("The chain refused this: some new contract error 42.");
  });
});
