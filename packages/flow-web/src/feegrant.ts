// The holon's fee grant (x/feegrant) in a membership proposal: the exact messages
// scripts/feegrant.mjs builds (grantMsg, revokeMsg, anyAction) and scripts/governance.mjs puts
// beside the group's update_members (membershipActions), so that the proposal the page drafts
// for adding or removing a member is the one the steward's script would make.
//
// Where the members' multisig is the holon's fee granter (the deployment's `fee_granter` is its
// `governance`), the proposal that adds a member also grants them the holon's allowance, and
// the one that removes a member revokes it: CosmosMsg::Any of MsgGrantAllowance /
// MsgRevokeAllowance, which the multisig sends as granter when the proposal is executed. Where
// an account is the granter, the page can't grant for it: it tells the steward that the
// granter grants (or revokes) with scripts/feegrant.mjs once the change is made.
import { fromBase64, toBase64 } from "@cosmjs/encoding";
import { AllowedMsgAllowance, PeriodicAllowance } from "cosmjs-types/cosmos/feegrant/v1beta1/feegrant";
import { MsgGrantAllowance, MsgRevokeAllowance } from "cosmjs-types/cosmos/feegrant/v1beta1/tx";
import { MsgExecuteContract } from "cosmjs-types/cosmwasm/wasm/v1/tx";
import { Any } from "cosmjs-types/google/protobuf/any";

import type { Deployment } from "./deployment";

export const GRANT_TYPE_URL = "/cosmos.feegrant.v1beta1.MsgGrantAllowance";
export const REVOKE_TYPE_URL = "/cosmos.feegrant.v1beta1.MsgRevokeAllowance";

interface CoinLike {
  amount: string;
  denom: string;
}

/** The allowance as the deployment file records it (`fee_allowance`, scripts/feegrant.mjs allowanceRecord). */
export interface AllowanceRecord {
  kind?: string;
  allowed_messages: string[];
  period_seconds: number;
  period_spend_limit: CoinLike[];
  spend_limit: CoinLike[];
  /** RFC 3339 */
  expiration: string;
}

/** A cosmwasm-std 2 CosmosMsg::Any: what a contract (the multisig) sends. */
export type AnyMsg = {
  any: { type_url: string; value: string };
};

export class FeeGrantError extends Error {}

const timestamp = (iso: string) => {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new FeeGrantError(`${iso} is not a date`);
  return { seconds: BigInt(Math.floor(ms / 1000)), nanos: (ms % 1000) * 1_000_000 };
};

/** Whether the deployment file's `fee_allowance` holds everything a grant needs. */
export function isAllowanceRecord(r: unknown): r is AllowanceRecord {
  const x = r as AllowanceRecord;
  return (
    !!x &&
    Array.isArray(x.allowed_messages) &&
    typeof x.period_seconds === "number" &&
    Array.isArray(x.period_spend_limit) &&
    Array.isArray(x.spend_limit) &&
    typeof x.expiration === "string"
  );
}

/**
 * The allowance of `record` as the Any a MsgGrantAllowance carries: an AllowedMsgAllowance
 * around a PeriodicAllowance, field for field as scripts/feegrant.mjs's allowanceAny (the first
 * period may spend the whole limit, until one period after `nowMs`).
 */
export function allowanceAny(record: AllowanceRecord, nowMs = Date.now()): Any {
  const periodic = PeriodicAllowance.fromPartial({
    basic: { spendLimit: record.spend_limit, expiration: timestamp(record.expiration) },
    period: { seconds: BigInt(record.period_seconds), nanos: 0 },
    periodSpendLimit: record.period_spend_limit,
    periodCanSpend: record.period_spend_limit,
    periodReset: timestamp(new Date(nowMs + record.period_seconds * 1000).toISOString()),
  });
  return Any.fromPartial({
    typeUrl: AllowedMsgAllowance.typeUrl,
    value: AllowedMsgAllowance.encode(
      AllowedMsgAllowance.fromPartial({
        allowance: { typeUrl: PeriodicAllowance.typeUrl, value: PeriodicAllowance.encode(periodic).finish() },
        allowedMessages: record.allowed_messages,
      }),
    ).finish(),
  });
}

/** `granter` grants `grantee` the holon's allowance, as the multisig sends it (CosmosMsg::Any). */
export function grantAny(granter: string, grantee: string, record: AllowanceRecord, nowMs = Date.now()): AnyMsg {
  const value = MsgGrantAllowance.fromPartial({ granter, grantee, allowance: allowanceAny(record, nowMs) });
  return { any: { type_url: GRANT_TYPE_URL, value: toBase64(MsgGrantAllowance.encode(value).finish()) } };
}

/** `granter` revokes `grantee`'s allowance, as the multisig sends it (CosmosMsg::Any). */
export function revokeAny(granter: string, grantee: string): AnyMsg {
  const value = MsgRevokeAllowance.fromPartial({ granter, grantee });
  return { any: { type_url: REVOKE_TYPE_URL, value: toBase64(MsgRevokeAllowance.encode(value).finish()) } };
}

/** A CosmosMsg::Any of a grant or a revoke, read back: who grants whom (and until when), or null. */
export function readFeeGrant(
  m: unknown,
): { kind: "grant"; granter: string; grantee: string; allowedMessages: string[]; expiration: string | null; periodSeconds: number | null; periodSpendLimit: CoinLike[] } | { kind: "revoke"; granter: string; grantee: string } | null {
  const any = (m as Partial<AnyMsg>)?.any;
  if (!any || typeof any.value !== "string") return null;
  try {
    if (any.type_url === REVOKE_TYPE_URL) {
      const r = MsgRevokeAllowance.decode(fromBase64(any.value));
      return { kind: "revoke", granter: r.granter, grantee: r.grantee };
    }
    if (any.type_url !== GRANT_TYPE_URL) return null;
    const g = MsgGrantAllowance.decode(fromBase64(any.value));
    let allowedMessages: string[] = [];
    let inner = g.allowance;
    if (inner?.typeUrl === AllowedMsgAllowance.typeUrl) {
      const a = AllowedMsgAllowance.decode(inner.value);
      allowedMessages = a.allowedMessages;
      inner = a.allowance;
    }
    let expiration: string | null = null;
    let periodSeconds: number | null = null;
    let periodSpendLimit: CoinLike[] = [];
    if (inner?.typeUrl === PeriodicAllowance.typeUrl) {
      const p = PeriodicAllowance.decode(inner.value);
      const e = p.basic?.expiration;
      expiration = e ? new Date(Number(e.seconds) * 1000).toISOString().replace(/\.000Z$/, "Z") : null;
      periodSeconds = p.period ? Number(p.period.seconds) : null;
      periodSpendLimit = p.periodSpendLimit;
    }
    return { kind: "grant", granter: g.granter, grantee: g.grantee, allowedMessages, expiration, periodSeconds, periodSpendLimit };
  } catch {
    return null;
  }
}

/** Who pays the holon's members' fees, for a membership change. */
export type FeeGrantPlan =
  /** The holon pays no fees: nothing to grant. */
  | { kind: "none" }
  /** The members' multisig (the holon's governance) grants: the proposal carries the grants. */
  | { kind: "governance"; granter: string; record: AllowanceRecord }
  /** An account grants: the steward asks it to run scripts/feegrant.mjs once the change is made. */
  | { kind: "account"; granter: string };

/** How a membership change of deployment `d` deals with the holon's fee grant. */
export function feeGrantPlan(d: Pick<Deployment, "fee_granter" | "fee_allowance" | "governance">, governance?: string | null): FeeGrantPlan {
  const granter = d.fee_granter;
  if (!granter) return { kind: "none" };
  const gov = governance ?? d.governance;
  if (gov && granter === gov) {
    if (!isAllowanceRecord(d.fee_allowance))
      throw new FeeGrantError("the deployment file names the multisig as the fee granter but records no complete fee_allowance to grant");
    return { kind: "governance", granter, record: d.fee_allowance };
  }
  return { kind: "account", granter };
}

/** The deployment file's path, as scripts/feegrant.mjs takes it. */
export const deploymentArg = (d: Pick<Deployment, "slug" | "chain_id">) => (d.slug ? `deployments/${d.chain_id}/${d.slug}.json` : "DEPLOYMENT_FILE");

/**
 * What a steward must do by hand when an account is the granter: the exact command the granter
 * runs once the change is made (the proposal passed and was executed, or the change was saved).
 * `add`: members who join (their allowance is granted), `remove`: members who leave (revoked).
 */
export function granterSteps(d: Pick<Deployment, "slug" | "chain_id">, granter: string, add: string[], remove: string[], proposed: boolean): string | null {
  if (add.length === 0 && remove.length === 0) return null;
  const dep = deploymentArg(d);
  const cmds = [
    ...(add.length ? [`node scripts/feegrant.mjs grant ${dep} ${add.join(" ")}`] : []),
    ...(remove.length ? [`node scripts/feegrant.mjs revoke ${dep} ${remove.join(" ")}`] : []),
  ];
  const what = add.length && remove.length ? "grant and revoke the allowances" : add.length ? `grant the new member${add.length > 1 ? "s" : ""} the holon's allowance` : "revoke the leaving member's allowance";
  const when = proposed ? "once the proposal has passed and been executed" : "now";
  return `The holon pays its members' fees from the account ${granter}, which this page can't sign for: ${when}, that account must ${what} with ${cmds.join(" and ")}.`;
}

/**
 * A CosmosMsg of a proposal (a wasm execute, or a fee grant's / revoke's Any) as the
 * EncodeObject a wallet signs itself, `sender` signing: what the governing wallet sends when
 * it is the granter and makes the membership change directly (the same messages, one tx).
 */
export function toEncodeObject(sender: string, m: unknown): { typeUrl: string; value: unknown } {
  const any = (m as Partial<AnyMsg>).any;
  if (any) {
    if (any.type_url === GRANT_TYPE_URL) return { typeUrl: any.type_url, value: MsgGrantAllowance.decode(fromBase64(any.value)) };
    if (any.type_url === REVOKE_TYPE_URL) return { typeUrl: any.type_url, value: MsgRevokeAllowance.decode(fromBase64(any.value)) };
    throw new FeeGrantError(`the page does not sign ${any.type_url} itself`);
  }
  const e = (m as { wasm?: { execute?: { contract_addr: string; msg: string; funds: { denom: string; amount: string }[] } } }).wasm?.execute;
  if (!e) throw new FeeGrantError(`the page does not sign ${JSON.stringify(m)} itself`);
  return {
    typeUrl: "/cosmwasm.wasm.v1.MsgExecuteContract",
    value: MsgExecuteContract.fromPartial({ sender, contract: e.contract_addr, msg: fromBase64(e.msg), funds: e.funds }),
  };
}
