// The holon pays its members' fees (x/feegrant): the fee the page signs names the
// deployment's fee_granter, and an allowance that is used up, expired or gone is said in
// plain words naming what to do.
import type { SigningCosmWasmClient } from "@cosmjs/cosmwasm-stargate";
import { describe, expect, it } from "vitest";

import { QueryAllowanceResponse } from "cosmjs-types/cosmos/feegrant/v1beta1/query";

import { FEES_NOTE, grantedFee, payFeesWith, paysFor } from "./chain";
import { explain } from "./errors";

const GRANTER = "wasm1ghd753shjuwexxywmgs4xz7x2q732vcnkm6h2pyv9s6ah3hylvrq9d5tqf";
const MEMBER = "wasm1q062um4fdnke0p8v5n8wnvgwjveqqkxcymj6s6";

/** A stand-in for SigningCosmWasmClient: CosmJS's fee calculation, and what reaches signAndBroadcast. */
function fakeClient() {
  const sent: { fee: unknown; memo: string }[] = [];
  const client = {
    async calculateFeeForTransaction(_signer: string, _msgs: unknown[], _memo: string, fee: "auto" | number) {
      const gas = Math.ceil(100_000 * (fee === "auto" ? 1.4 : fee));
      return { amount: [{ denom: "stake", amount: String(Math.ceil(gas * 0.0025)) }], gas: String(gas) };
    },
    async signAndBroadcast(_signer: string, _msgs: unknown[], fee: unknown, memo = "") {
      sent.push({ fee, memo });
      return { code: 0 };
    },
    async signAndBroadcastSync(_signer: string, _msgs: unknown[], fee: unknown, memo = "") {
      sent.push({ fee, memo });
      return "HASH";
    },
  };
  return { client: client as unknown as SigningCosmWasmClient, sent };
}

describe("the fee the page signs when the holon pays", () => {
  it("adds the granter to a fee, and keeps one already named", () => {
    const fee = { amount: [{ denom: "stake", amount: "350" }], gas: "140000" };
    expect(grantedFee(fee, GRANTER)).toEqual({ ...fee, granter: GRANTER });
    expect(grantedFee({ ...fee, granter: MEMBER }, GRANTER).granter).toBe(MEMBER);
  });

  it('prices "auto" as CosmJS does, then names the granter; the memo says the holon pays', async () => {
    const { client, sent } = fakeClient();
    payFeesWith(client, GRANTER);
    await client.signAndBroadcast(MEMBER, [], "auto");
    expect(sent[0]).toEqual({
      fee: { amount: [{ denom: "stake", amount: "350" }], gas: "140000", granter: GRANTER },
      memo: FEES_NOTE,
    });
    expect(FEES_NOTE).toBe("fees paid by the holon");
  });

  it("covers every way the generated clients sign: a multiplier, a StdFee, a memo of the caller's, broadcastSync", async () => {
    const { client, sent } = fakeClient();
    payFeesWith(client, GRANTER);
    await client.signAndBroadcast(MEMBER, [], 1.2, "Weigh by need");
    await client.signAndBroadcast(MEMBER, [], { amount: [], gas: "800000" });
    await client.signAndBroadcastSync(MEMBER, [], "auto");
    expect(sent.map((s) => s.fee)).toEqual([
      { amount: [{ denom: "stake", amount: "300" }], gas: "120000", granter: GRANTER },
      { amount: [], gas: "800000", granter: GRANTER },
      { amount: [{ denom: "stake", amount: "350" }], gas: "140000", granter: GRANTER },
    ]);
    expect(sent.map((s) => s.memo)).toEqual(["Weigh by need", FEES_NOTE, FEES_NOTE]);
  });
});

// How CosmJS 0.38 reports a transaction the node's ante handler refused (CheckTx) on wasmd 0.61.
const checkTx = (code: number, log: string) =>
  new Error(`Broadcasting transaction failed with code ${code} (codespace: feegrant). Log: ${log}`);

describe("plain words for the holon's fee allowance", () => {
  it("used up for the period: ask the stewards to top it up, or wait for the next period", () => {
    const x = explain(checkTx(3, `${GRANTER} does not allow to pay fees for ${MEMBER}: period limit: fee limit exceeded`));
    expect(x.message).toMatch(/used up/);
    expect(x.message).toMatch(/Ask the holon's stewards to top up your allowance/);
    expect(x.detail).toBe("the holon's fee grant: period limit: fee limit exceeded");
    // the whole allowance (basic.spend_limit) spent
    expect(explain(checkTx(3, `${GRANTER} does not allow to pay fees for ${MEMBER}: absolute limit: fee limit exceeded`)).message).toMatch(/top up/);
  });

  it("expired: ask the stewards to grant it again", () => {
    const x = explain(checkTx(4, `${GRANTER} does not allow to pay fees for ${MEMBER}: absolute limit: fee allowance expired`));
    expect(x.message).toMatch(/has expired\. Ask the holon's stewards to grant it again/);
  });

  it("revoked or never granted: ask the stewards for one", () => {
    // wasmd 0.61's answer once a grant is revoked (scripts/e2e/08-feegrant.test.mjs)
    const x = explain(new Error(`Broadcasting transaction failed with code 38 (codespace: sdk). Log: ${GRANTER} does not allow to pay fees for ${MEMBER}: fee-grant not found: not found`));
    expect(x.detail).toBe("the holon's fee grant: fee-grant not found");
    expect(x.message).toMatch(/does not pay fees for your wallet/);
    expect(x.message).toMatch(/Ask the holon's stewards/);
  });

  it("a message the allowance does not cover: the node's own text (wasmd 0.61 prints the addresses as raw bytes)", () => {
    const raw = "Broadcasting transaction failed with code 7 (codespace: feegrant). Log: \u0017\u0057gLsnS7\ufffd-\ufffd\ufffdf K does not allow to pay fees for \ufffd_\ufffd X\ufffdd^ 1ttES: message does not exist in allowed messages: message not allowed";
    const x = explain(new Error(raw));
    expect(x.message).toMatch(/only for the holon's own actions/);
    expect(x.detail).toBe("the holon's fee grant: message does not exist in allowed messages: message not allowed");
  });

  it("a wallet with no account where the holon pays: not granted yet", () => {
    const e = new Error(`Account '${MEMBER}' does not exist on chain. Send some tokens there before trying to query sequence.`);
    expect(explain(e, { feesPaidBy: GRANTER }).message).toMatch(/has not granted your wallet an allowance/);
    expect(explain(e).message).toMatch(/needs some coins for fees/);
  });
});

describe("a refused action where the holon pays", () => {
  it("act() tells a coinless member about the holon's allowance, not that they need coins", async () => {
    const { act } = await import("./actions");
    const { state } = await import("./store");
    const noAccount = () => Promise.reject(new Error(`Account '${MEMBER}' does not exist on chain. Send some tokens there before trying to query sequence.`));
    state.wallet = { address: MEMBER, feesPaidBy: GRANTER } as unknown as typeof state.wallet;
    expect(await act("attest", noAccount, "ok")).toBe(false);
    expect(state.actions.attest.text).toMatch(/has not granted your wallet an allowance/);
    state.wallet = { address: MEMBER } as unknown as typeof state.wallet;
    expect(await act("claim-1", noAccount, "ok")).toBe(false);
    expect(state.actions["claim-1"].text).toMatch(/needs some coins for fees/);
    state.wallet = null;
  });
});

describe("who the holon pays for: the chain's allowance from the granter to the wallet", () => {
  /** A CosmWasmClient whose node answers x/feegrant's `allowance` query as `answer` says. */
  const clientAnswering = (answer: "granted" | "none" | "down") =>
    ({
      forceGetCometClient: () => ({
        async abciQuery(req: { path: string; data: Uint8Array }) {
          expect(req.path).toBe("/cosmos.feegrant.v1beta1.Query/Allowance");
          if (answer === "down") throw new Error("fetch failed");
          if (answer === "none") return { code: 38, log: "fee-grant not found: not found", value: new Uint8Array(), height: 10 };
          return { code: 0, log: "", value: QueryAllowanceResponse.encode({ allowance: { granter: GRANTER, grantee: MEMBER, allowance: undefined } }).finish(), height: 10 };
        },
      }),
    }) as unknown as SigningCosmWasmClient;

  it("a member with an allowance: the holon pays", async () => {
    expect(await paysFor(clientAnswering("granted"), GRANTER, MEMBER)).toBe(true);
  });
  it("a steward or visitor without one pays their own fees (a fee naming the granter would be refused)", async () => {
    expect(await paysFor(clientAnswering("none"), GRANTER, MEMBER)).toBe(false);
  });
  it("the granter's own wallet pays its own fees", async () => {
    expect(await paysFor(clientAnswering("granted"), GRANTER, GRANTER)).toBe(false);
  });
  it("a node that can't tell: the page assumes the holon pays, as before", async () => {
    expect(await paysFor(clientAnswering("down"), GRANTER, MEMBER)).toBe(true);
  });
});
