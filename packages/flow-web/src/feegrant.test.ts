import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

import { fromBase64 } from "@cosmjs/encoding";
import { AllowedMsgAllowance, PeriodicAllowance } from "cosmjs-types/cosmos/feegrant/v1beta1/feegrant";
import { MsgGrantAllowance, MsgRevokeAllowance } from "cosmjs-types/cosmos/feegrant/v1beta1/tx";
import { afterEach, describe, expect, it, vi } from "vitest";

import { wasmTypes } from "@cosmjs/cosmwasm-stargate";
import { Registry } from "@cosmjs/proto-signing";
import { defaultRegistryTypes } from "@cosmjs/stargate";

import { type AllowanceRecord, feeGrantPlan, granterSteps, grantAny, readFeeGrant, revokeAny, toEncodeObject } from "./feegrant";
import { type GovContext, decodeMsg, membershipActions, proposalFor, proposeMsg } from "./governance";

const MULTISIG = "wasm1multisig0000000000000000000000000000000000000000000000000";
const GROUP = "wasm1group000000000000000000000000000000000000000000000000000";
const FUNDER = "wasm1vtywqm56thp8cgwazeu47w8ywpyualxvwwhepm";
const ALEX = "wasm1q062um4fdnke0p8v5n8wnvgwjveqqkxcymj6s6";
const NEWCOMER = "wasm1z82srmd5unrfp4y2ng5fg7y02c7lc360txm66y";
// The holon-alpha-web-fees deployment's fee_allowance, as scripts/deploy.mjs wrote it.
const RECORD: AllowanceRecord = {
  kind: "AllowedMsgAllowance(PeriodicAllowance)",
  allowed_messages: ["/cosmwasm.wasm.v1.MsgExecuteContract"],
  period_seconds: 2592000,
  period_spend_limit: [{ amount: "23000", denom: "stake" }],
  spend_limit: [{ amount: "276000", denom: "stake" }],
  expiration: "2027-12-07T02:56:46Z",
};
const NOW = Date.parse("2026-12-07T04:00:00.000Z");
const CTX: GovContext = { addresses: { group: GROUP, governance: MULTISIG }, names: { [ALEX]: "alex" }, members: [{ addr: ALEX, weight: 1 }], nowMs: NOW };
const DEP = { governance: MULTISIG, fee_granter: MULTISIG, fee_allowance: RECORD, slug: "holon-alpha-web-fees", chain_id: "cw-flow-local" };

afterEach(() => vi.useRealTimers());

describe("the holon's fee grant as the multisig sends it (CosmosMsg::Any)", () => {
  it("a grant: MsgGrantAllowance of an AllowedMsgAllowance (MsgExecuteContract only) around the deployment's PeriodicAllowance", () => {
    const m = grantAny(MULTISIG, NEWCOMER, RECORD, NOW);
    expect(Object.keys(m)).toEqual(["any"]);
    expect(m.any.type_url).toBe("/cosmos.feegrant.v1beta1.MsgGrantAllowance");
    const g = MsgGrantAllowance.decode(fromBase64(m.any.value));
    expect(g.granter).toBe(MULTISIG);
    expect(g.grantee).toBe(NEWCOMER);
    expect(g.allowance!.typeUrl).toBe("/cosmos.feegrant.v1beta1.AllowedMsgAllowance");
    const allowed = AllowedMsgAllowance.decode(g.allowance!.value);
    expect(allowed.allowedMessages).toEqual(["/cosmwasm.wasm.v1.MsgExecuteContract"]);
    expect(allowed.allowance!.typeUrl).toBe("/cosmos.feegrant.v1beta1.PeriodicAllowance");
    const p = PeriodicAllowance.decode(allowed.allowance!.value);
    expect(p.basic!.spendLimit).toEqual([{ amount: "276000", denom: "stake" }]);
    expect(p.basic!.expiration).toEqual({ seconds: BigInt(Date.parse("2027-12-07T02:56:46Z") / 1000), nanos: 0 });
    expect(p.period).toEqual({ seconds: 2592000n, nanos: 0 });
    expect(p.periodSpendLimit).toEqual([{ amount: "23000", denom: "stake" }]);
    expect(p.periodCanSpend).toEqual([{ amount: "23000", denom: "stake" }]);
    expect(p.periodReset).toEqual({ seconds: BigInt(NOW / 1000 + 2592000), nanos: 0 });
  });

  it("a revoke: MsgRevokeAllowance of the granter and the member", () => {
    const m = revokeAny(MULTISIG, ALEX);
    expect(m.any.type_url).toBe("/cosmos.feegrant.v1beta1.MsgRevokeAllowance");
    expect(MsgRevokeAllowance.decode(fromBase64(m.any.value))).toEqual({ granter: MULTISIG, grantee: ALEX });
  });

  it("read back into who grants whom", () => {
    expect(readFeeGrant(grantAny(MULTISIG, NEWCOMER, RECORD, NOW))).toEqual({
      kind: "grant",
      granter: MULTISIG,
      grantee: NEWCOMER,
      allowedMessages: ["/cosmwasm.wasm.v1.MsgExecuteContract"],
      expiration: "2027-12-07T02:56:46Z",
      periodSeconds: 2592000,
      periodSpendLimit: [{ amount: "23000", denom: "stake" }],
    });
    expect(readFeeGrant(revokeAny(MULTISIG, ALEX))).toEqual({ kind: "revoke", granter: MULTISIG, grantee: ALEX });
    expect(readFeeGrant({ any: { type_url: "/cosmos.bank.v1beta1.MsgSend", value: "" } })).toBeNull();
    expect(readFeeGrant({ bank: {} })).toBeNull();
  });

  // The same bytes as the steward's scripts (when scripts/node_modules is installed).
  const scripts = fileURLToPath(new URL("../../../scripts/", import.meta.url));
  it.skipIf(!existsSync(`${scripts}node_modules/@cosmjs/stargate`))("byte for byte what scripts/governance.mjs --add-member / --remove-member propose", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(NOW);
    const gov = await import(/* @vite-ignore */ `${scripts}governance.mjs`);
    const theirs = gov.membershipActions(
      { ...DEP, addresses: { group: GROUP } },
      { add: [{ addr: NEWCOMER, weight: 1 }], remove: [ALEX] },
    );
    const ours = proposalFor(membershipActions({ add: [{ addr: NEWCOMER, weight: 1 }], remove: [ALEX] }, { granter: MULTISIG, allowance: RECORD }, [ALEX]), CTX);
    const theirMsgs = theirs.map((a: Record<string, unknown>) => gov.stewardMessage({ addresses: { group: GROUP } }, a));
    expect(ours.msgs).toEqual(theirMsgs);
  });
});

describe("adding and removing a member where the holon pays the fees", () => {
  it("the multisig is the granter: one proposal adds the member and grants them, another removes one and revokes it", () => {
    const plan = feeGrantPlan(DEP);
    expect(plan).toEqual({ kind: "governance", granter: MULTISIG, record: RECORD });
    const joining = proposalFor(membershipActions({ add: [{ addr: NEWCOMER, weight: 2 }], remove: [] }, { granter: MULTISIG, allowance: RECORD }, [ALEX]), CTX);
    expect(joining.msgs).toHaveLength(2);
    expect(joining.msgs[1]).toEqual(grantAny(MULTISIG, NEWCOMER, RECORD, NOW));
    expect(joining.title).toBe("Members: add wasm1z82sr…xm66y (weight 2)");
    expect(joining.summary).toBe(
      "Members: add wasm1z82sr…xm66y (weight 2). The holon pays wasm1z82sr…xm66y's fees (at most 23000 stake every 30 days, until 2027-12-07).",
    );
    expect(joining.description).toContain(
      `2. Fees paid by the holon (x/feegrant): the multisig grants ${NEWCOMER} the holon's fee allowance: /cosmwasm.wasm.v1.MsgExecuteContract only, at most 23000 stake every 30 days, until 2027-12-07T02:56:46Z.`,
    );
    const leaving = proposalFor(membershipActions({ add: [], remove: [ALEX] }, { granter: MULTISIG, allowance: RECORD }, [ALEX]), CTX);
    expect(leaving.msgs[1]).toEqual(revokeAny(MULTISIG, ALEX));
    expect(leaving.summary).toBe("Members: remove alex. The holon stops paying alex's fees.");
    // The whole propose message, as cw3 stores it (JSON round trip).
    expect(JSON.parse(JSON.stringify(proposeMsg(leaving)))).toEqual(proposeMsg(leaving));
  });

  it("a re-weighed member keeps their allowance: no second grant (the chain would refuse it)", () => {
    const acts = membershipActions({ add: [{ addr: ALEX, weight: 3 }], remove: [] }, { granter: MULTISIG, allowance: RECORD }, [ALEX]);
    expect(acts.map((a) => a.kind)).toEqual(["update_members"]);
  });

  it("no fee grant: only the group's update_members", () => {
    expect(membershipActions({ add: [{ addr: NEWCOMER, weight: 1 }], remove: [ALEX] }, null).map((a) => a.kind)).toEqual(["update_members"]);
    expect(feeGrantPlan({ governance: MULTISIG })).toEqual({ kind: "none" });
  });

  it("an account is the granter: the page names the command it must run once the change is made", () => {
    const d = { ...DEP, fee_granter: FUNDER };
    expect(feeGrantPlan(d)).toEqual({ kind: "account", granter: FUNDER });
    expect(granterSteps(d, FUNDER, [NEWCOMER], [], true)).toBe(
      `The holon pays its members' fees from the account ${FUNDER}, which this page can't sign for: once the proposal has passed and been executed, that account must grant the new member the holon's allowance with node scripts/feegrant.mjs grant deployments/cw-flow-local/holon-alpha-web-fees.json ${NEWCOMER}.`,
    );
    expect(granterSteps(d, FUNDER, [], [ALEX], false)).toBe(
      `The holon pays its members' fees from the account ${FUNDER}, which this page can't sign for: now, that account must revoke the leaving member's allowance with node scripts/feegrant.mjs revoke deployments/cw-flow-local/holon-alpha-web-fees.json ${ALEX}.`,
    );
    expect(granterSteps(d, FUNDER, [], [], false)).toBeNull();
  });

  it("a multisig granter without a complete allowance record is refused", () => {
    expect(() => feeGrantPlan({ governance: MULTISIG, fee_granter: MULTISIG, fee_allowance: { period_seconds: 1 } })).toThrow(/no complete fee_allowance/);
  });

  it("a proposal's grant and revoke read back into words", () => {
    const open = decodeMsg(grantAny(MULTISIG, NEWCOMER, RECORD, NOW), CTX);
    expect(open.contract).toBe("Fees paid by the holon (x/feegrant)");
    expect(open.words).toBe("The holon pays wasm1z82sr…xm66y's fees (at most 23000 stake every 30 days, until 2027-12-07).");
    expect(decodeMsg(revokeAny(MULTISIG, ALEX), CTX, { decided: true }).words).toBe(`The multisig revokes the fee allowance of ${ALEX}.`);
  });
});

describe("the governing wallet that is the granter signs the same messages itself, in one transaction", () => {
  it("as EncodeObjects the signing client's registry encodes: update_members, the grant, the revoke", () => {
    const STEWARD = MULTISIG; // the wallet that governs and grants
    const msgs = proposalFor(
      membershipActions({ add: [{ addr: NEWCOMER, weight: 1 }], remove: [ALEX] }, { granter: STEWARD, allowance: RECORD }, [ALEX]),
      CTX,
    ).msgs;
    const objects = msgs.map((m) => toEncodeObject(STEWARD, m));
    expect(objects.map((o) => o.typeUrl)).toEqual([
      "/cosmwasm.wasm.v1.MsgExecuteContract",
      "/cosmos.feegrant.v1beta1.MsgGrantAllowance",
      "/cosmos.feegrant.v1beta1.MsgRevokeAllowance",
    ]);
    // SigningCosmWasmClient's default registry (CosmJS's types and wasm's) knows all three.
    const registry = new Registry([...defaultRegistryTypes, ...wasmTypes]);
    const anys = objects.map((o) => registry.encodeAsAny(o as never));
    // The grant and the revoke are byte for byte what the multisig would send.
    expect(anys[1].value).toEqual(fromBase64((msgs[1] as { any: { value: string } }).any.value));
    expect(anys[2].value).toEqual(fromBase64((msgs[2] as { any: { value: string } }).any.value));
    const exec = registry.decode(anys[0]) as { sender: string; contract: string; msg: Uint8Array; funds: unknown[] };
    expect(exec.sender).toBe(STEWARD);
    expect(exec.contract).toBe(GROUP);
    expect(JSON.parse(new TextDecoder().decode(exec.msg))).toEqual({ update_members: { add: [{ addr: NEWCOMER, weight: 1 }], remove: [ALEX] } });
    expect(() => toEncodeObject(STEWARD, { bank: { send: {} } })).toThrow(/does not sign/);
  });
});
