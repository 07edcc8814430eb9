// The members' governance: every steward action as the exact cw3 proposal that asks the
// members to make it, and any proposal's messages read back into plain words.
//
// A holon governed by its members has a cw-plus `cw3-flex-multisig` 2.0 over its own cw4
// group as the owner of the registry, the attestation contract and the distributor, and as the
// admin of the group. A steward action is then a `propose {title, description, msgs, latest}`
// to that multisig, whose `msgs` are wasm `execute` messages to the holon's contracts, with the
// contract's own JSON message in base64. Pure functions (unit-tested in governance.test.ts):
// what they need of the holon (addresses, names, the policy in force) is passed in.
import { fromBase64, fromUtf8, toBase64, toUtf8 } from "@cosmjs/encoding";

import type { AttestationPolicy } from "@cw-flow/client/Attestation.types";
import type { Policy } from "@cw-flow/client/Distributor.types";
import type { Category, NeedStatus } from "@cw-flow/client/NeedRegistry.types";
import type { ListingInput } from "@cw-flow/client/Commons.types";

import { perUnit } from "./commons";
import { type AllowanceRecord, grantAny, readFeeGrant, revokeAny } from "./feegrant";
import { formatDecimal, formatDuration, formatShare, formatTokens, shortAddr } from "./format";
import { PAGE, allPages } from "./paging";

// ------------------------------------------------------------------ cw3 (cw-plus 2.0) shapes

export type Vote = "yes" | "no" | "abstain" | "veto";
export const VOTES: Vote[] = ["yes", "no", "abstain", "veto"];
export type ProposalStatus = "pending" | "open" | "rejected" | "passed" | "executed";
export type Expiration = { at_height: number } | { at_time: string } | { never: Record<string, never> };
export type Duration = { height: number } | { time: number };
export interface Coin {
  denom: string;
  amount: string;
}

/** cw-utils ThresholdResponse: the rule a proposal passes by, with the group's total weight. */
export type ThresholdResponse =
  | { absolute_count: { weight: number; total_weight: number } }
  | { absolute_percentage: { percentage: string; total_weight: number } }
  | { threshold_quorum: { threshold: string; quorum: string; total_weight: number } };

/** The CosmosMsg variants a proposal of this page holds (others are shown as they are). */
export type CosmosMsg =
  | { wasm: { execute: { contract_addr: string; msg: string; funds: Coin[] } } }
  | { wasm: { migrate: { contract_addr: string; new_code_id: number; msg: string } } }
  | { wasm: { update_admin: { contract_addr: string; admin: string } } }
  | { wasm: { clear_admin: { contract_addr: string } } }
  | { bank: { send: { to_address: string; amount: Coin[] } } }
  | { any: { type_url: string; value: string } }
  | Record<string, unknown>;

export interface ProposalResponse {
  id: number;
  title: string;
  description: string;
  msgs: CosmosMsg[];
  status: ProposalStatus;
  expires: Expiration;
  threshold: ThresholdResponse;
  proposer: string;
  deposit: unknown | null;
}

export interface VoteInfo {
  proposal_id: number;
  voter: string;
  vote: Vote;
  weight: number;
}

/** cw3-flex-multisig's `config {}`. */
export interface MultisigConfig {
  threshold: unknown;
  max_voting_period: Duration;
  group_addr: string;
  /** null: anyone executes a passed proposal; "member": members only; {only}: one address. */
  executor: null | "member" | { only: string };
  proposal_deposit: unknown | null;
}

/** The message that asks the members: cw3's `propose`. */
export interface ProposeMsg {
  propose: { title: string; description: string; msgs: CosmosMsg[]; latest: Expiration | null };
}

// ------------------------------------------------------------------ steward actions

/** A cw4 group member change: added or re-weighed (`weight`), or removed (`weight` null). */
export interface MemberChange {
  addr: string;
  weight: number | null;
}

/** Everything the Stewards screen (and the disputes) can ask the holon's contracts to do. */
export type StewardAction =
  | { kind: "set_policy"; policy: Policy }
  | { kind: "set_category"; category: Category }
  | { kind: "set_attestation_policy"; policy: AttestationPolicy }
  | { kind: "accept_holon"; distributor: string; rate: string; credit_limit: string }
  | { kind: "update_holon"; token: string; enabled?: boolean | null; rate?: string | null; credit_limit?: string | null }
  | { kind: "remove_holon"; token: string }
  | { kind: "settle_foreign"; token: string; amount?: string | null }
  | { kind: "return_foreign"; token: string; amount: string; recipient: string }
  | { kind: "resolve_dispute"; id: number; uphold: boolean }
  | { kind: "set_need_status"; id: number; status: NeedStatus }
  | { kind: "set_need_factors"; id: number; impact?: string | null; unit_credit?: string | null; capacity_building?: boolean | null }
  | { kind: "update_members"; add: { addr: string; weight: number }[]; remove: string[] }
  /** The commons: list one of the holon's resources (governance only). */
  | { kind: "commons_list"; listing: ListingInput }
  /** The commons: pause, resume or withdraw a listing (a resource follows governance). */
  | { kind: "commons_status"; listing: number; status: CommonsStatusChange }
  /** The commons: a disputed purchase split by governance (`refund` to the buyer, the rest to the provider). */
  | { kind: "commons_resolve"; purchase: number; refund: string }
  /** x/feegrant: the members' multisig (the holon's fee granter) grants a member the holon's allowance (CosmosMsg::Any). */
  | { kind: "grant_fees"; granter: string; grantee: string; allowance: AllowanceRecord }
  /** x/feegrant: the members' multisig revokes a member's allowance (CosmosMsg::Any). */
  | { kind: "revoke_fees"; granter: string; grantee: string };

export type CommonsStatusChange = "pause" | "resume" | "withdraw";

/** The actions that are not a wasm execute of one of the holon's contracts. */
export type FeeAction = Extract<StewardAction, { kind: "grant_fees" | "revoke_fees" }>;
export type ExecuteAction = Exclude<StewardAction, FeeAction>;
const isFeeAction = (a: StewardAction): a is FeeAction => a.kind === "grant_fees" || a.kind === "revoke_fees";

/** The holon's contracts a proposal can address. */
export type ContractKey = "distributor" | "registry" | "attestation" | "group" | "token" | "commons" | "governance";

/** What the words need to know of the holon; all optional but the addresses. */
export interface GovContext {
  addresses: Partial<Record<ContractKey, string>>;
  /** address → a member's name */
  names?: Record<string, string>;
  /** the categories as they are now (labels; a changed category is compared with its old self) */
  categories?: Category[];
  /** the policy in force, to say what a new one changes */
  policy?: Policy | null;
  /** the attestation rules in force */
  attestationPolicy?: AttestationPolicy | null;
  /** the cycle a policy set now would apply from (the open cycle + 1) */
  nextCycle?: number;
  /** the group's members now (a weight change is said as "1 → 2") */
  members?: { addr: string; weight: number }[];
  /** other holons: distributor or token address → name */
  holons?: Record<string, string>;
  /** needs: id → title */
  needs?: Record<number, string>;
  symbol?: string;
  decimals?: number;
  /** the commons' listings: id → title */
  listings?: Record<number, string>;
  /** The time a grant's first period counts from (ms; default now), as scripts/feegrant.mjs does. */
  nowMs?: number;
}

/** The contract an action goes to, and the contract's own execute message. */
export function executeOf(a: ExecuteAction): { contract: ContractKey; msg: Record<string, unknown> } {
  switch (a.kind) {
    case "set_policy":
      return { contract: "distributor", msg: { set_policy: { policy: a.policy } } };
    case "set_category":
      return { contract: "registry", msg: { set_category: { category: a.category } } };
    case "set_attestation_policy":
      return { contract: "attestation", msg: { set_policy: { policy: a.policy } } };
    case "accept_holon":
      return { contract: "distributor", msg: { accept_holon: { distributor: a.distributor, rate: a.rate, credit_limit: a.credit_limit } } };
    case "update_holon":
      return {
        contract: "distributor",
        msg: { update_holon: { token: a.token, enabled: a.enabled ?? null, rate: a.rate ?? null, credit_limit: a.credit_limit ?? null } },
      };
    case "remove_holon":
      return { contract: "distributor", msg: { remove_holon: { token: a.token } } };
    case "settle_foreign":
      return { contract: "distributor", msg: { settle_foreign: { token: a.token, amount: a.amount ?? null } } };
    case "return_foreign":
      return { contract: "distributor", msg: { return_foreign: { token: a.token, amount: a.amount, recipient: a.recipient } } };
    case "resolve_dispute":
      return { contract: "attestation", msg: { resolve_dispute: { id: a.id, uphold: a.uphold } } };
    case "set_need_status":
      return { contract: "registry", msg: { set_need_status: { id: a.id, status: a.status } } };
    case "set_need_factors":
      return {
        contract: "registry",
        msg: {
          set_need_factors: {
            id: a.id,
            impact: a.impact ?? null,
            unit_credit: a.unit_credit ?? null,
            capacity_building: a.capacity_building ?? null,
          },
        },
      };
    case "update_members":
      return { contract: "group", msg: { update_members: { add: a.add, remove: a.remove } } };
    case "commons_list":
      return { contract: "commons", msg: { list: { listing: a.listing } } };
    case "commons_status":
      return { contract: "commons", msg: { [a.status]: { listing: a.listing } } };
    case "commons_resolve":
      return { contract: "commons", msg: { resolve: { purchase: a.purchase, refund: a.refund } } };
  }
}

/** A wasm execute CosmosMsg: the contract's JSON message in base64, no funds. */
export function wasmExecute(contract: string, msg: unknown): CosmosMsg {
  return { wasm: { execute: { contract_addr: contract, msg: toBase64(toUtf8(JSON.stringify(msg))), funds: [] } } };
}

export class GovernanceError extends Error {}

/** A proposal as the page drafts it, before it is signed. */
export interface DraftProposal {
  title: string;
  /** One plain sentence of what changes ("From cycle 4: model need, childcare ×2, garden ×0.5."). */
  summary: string;
  /** What the members read on the chain: the summary, then each message in words. */
  description: string;
  msgs: CosmosMsg[];
  /** What someone must still do by hand once it is executed (an account granting fees: scripts/feegrant.mjs). */
  note?: string;
}

/** The cw3 proposal that asks the members to make `actions` (one message each, in order). */
export function proposalFor(actions: StewardAction | StewardAction[], ctx: GovContext): DraftProposal {
  const list = Array.isArray(actions) ? actions : [actions];
  if (list.length === 0) throw new GovernanceError("a proposal needs at least one change");
  const msgs = list.map((a) => messageOf(a, ctx));
  const said = list.map((a) => describe(a, ctx));
  // A membership change with its fee grants reads as one change (the grants are its detail).
  const main = said.filter((_, i) => !isFeeAction(list[i]));
  const head = main.length ? main : said;
  const title = head.length === 1 ? head[0].title : `${head[0].title} (+${head.length - 1} more)`;
  const summary = said.map((s) => s.summary).join(" ");
  const details = list.map((a, i) => `${i + 1}. ${isFeeAction(a) ? FEES_WORDS : CONTRACT_WORDS[executeOf(a).contract]}: ${said[i].detail}`);
  const description = [summary, "", "What the proposal does, once the members pass it and anyone executes it:", ...details].join("\n");
  return { title: clip(title, 120), summary, description, msgs };
}

/** One action as the CosmosMsg the multisig sends: a wasm execute, or a CosmosMsg::Any of x/feegrant. */
export function messageOf(a: StewardAction, ctx: GovContext): CosmosMsg {
  if (a.kind === "grant_fees") return grantAny(a.granter, a.grantee, a.allowance, ctx.nowMs);
  if (a.kind === "revoke_fees") return revokeAny(a.granter, a.grantee);
  const { contract, msg } = executeOf(a);
  const addr = ctx.addresses[contract];
  if (!addr) throw new GovernanceError(`the holon's ${contract} address is not known`);
  return wasmExecute(addr, msg);
}

/**
 * A membership change as the actions of one proposal, as scripts/governance.mjs's
 * membershipActions: the group's update_members, then, where the members' multisig is the
 * holon's fee granter (`feeGrant`), a grant of the holon's allowance to each member who joins
 * and a revoke of each leaving member's. A re-weighed member (already in `current`) keeps
 * their allowance (the chain refuses a second grant to the same grantee).
 */
export function membershipActions(
  change: { add: { addr: string; weight: number }[]; remove: string[] },
  feeGrant: { granter: string; allowance: AllowanceRecord } | null,
  current: string[] = [],
): StewardAction[] {
  const actions: StewardAction[] = [{ kind: "update_members", add: change.add, remove: change.remove }];
  if (!feeGrant) return actions;
  const members = new Set(current);
  for (const { addr } of change.add)
    if (!members.has(addr)) actions.push({ kind: "grant_fees", granter: feeGrant.granter, grantee: addr, allowance: feeGrant.allowance });
  for (const addr of change.remove) actions.push({ kind: "revoke_fees", granter: feeGrant.granter, grantee: addr });
  return actions;
}

/** cw3's `propose` message for a draft; `latest` none: the multisig's own voting period. */
export function proposeMsg(p: DraftProposal, latest: Expiration | null = null): ProposeMsg {
  return { propose: { title: p.title, description: p.description, msgs: p.msgs, latest } };
}

export const voteMsg = (proposalId: number, vote: Vote) => ({ vote: { proposal_id: proposalId, vote } });
export const executeMsg = (proposalId: number) => ({ execute: { proposal_id: proposalId } });
export const closeMsg = (proposalId: number) => ({ close: { proposal_id: proposalId } });

// ------------------------------------------------------------------ words

export const CONTRACT_WORDS: Record<ContractKey, string> = {
  distributor: "Distributor (payouts, policy, treasury, accepted holons)",
  registry: "Needs registry (needs and categories)",
  attestation: "Attestations (the rules and disputes)",
  group: "Members' group (who is a member, and their weight)",
  token: "Token",
  commons: "Commons (the holon's resources and members' offers)",
  governance: "Members' governance (this multisig)",
};
export const FEES_WORDS = "Fees paid by the holon (x/feegrant)";

const clip = (s: string, n: number) => (s.length <= n ? s : `${s.slice(0, n - 1)}…`);
const nameOf = (addr: string, ctx: GovContext) => ctx.names?.[addr] ?? ctx.holons?.[addr] ?? shortAddr(addr);
const catLabel = (id: string, ctx: GovContext) => ctx.categories?.find((c) => c.id === id)?.label ?? id;
const lowerLabel = (id: string, ctx: GovContext) => catLabel(id, ctx).toLowerCase();
const pct = (d: string) => formatShare(d, 4);
const tokensOf = (base: string, ctx: GovContext) => `${formatTokens(base, ctx.decimals ?? 6)}${ctx.symbol ? ` ${ctx.symbol}` : ""}`;
const foreign = (base: string) => formatTokens(base, 6);
const seconds = (s: number) => (s === 0 ? "none" : s % 86400 === 0 ? `${s / 86400} d` : s % 3600 === 0 ? `${s / 3600} h` : `${s} s`);

/** The fixed scarcity factors of a policy as a map (empty for auto scarcity). */
function fixedFactors(p: Policy): Map<string, string> {
  return "fixed" in p.scarcity ? new Map(p.scarcity.fixed.factors.map((f) => [f.category, f.factor])) : new Map();
}

/** A whole policy in words: "model need, childcare ×2, garden ×0.5, reserve 0%, …". */
export function policyWords(p: Policy, ctx: GovContext = { addresses: {} }): string {
  const parts = [`model ${p.model}`];
  if ("auto" in p.scarcity) parts.push(`scarcity auto ${formatDecimal(p.scarcity.auto.min)}–${formatDecimal(p.scarcity.auto.max)}`);
  else if (p.scarcity.fixed.factors.length)
    parts.push(...p.scarcity.fixed.factors.map((f) => `${lowerLabel(f.category, ctx)} ×${formatDecimal(f.factor)}`));
  parts.push(`reserve ${pct(p.reserve)}`, `baseline ${pct(p.baseline)}`);
  if (Number(p.capacity_bonus) !== 0) parts.push(`capacity bonus ${formatDecimal(p.capacity_bonus)}`);
  parts.push(p.max_credit_per_member ? `at most ${formatDecimal(p.max_credit_per_member)} h per member` : "no cap per member");
  if (p.anyone_may_settle) parts.push("anyone may settle");
  return parts.join(", ");
}

/** What a new policy changes, in words ("model need, childcare ×2, garden ×0.5"); [] if nothing. */
export function policyChanges(old: Policy | null | undefined, p: Policy, ctx: GovContext = { addresses: {} }): string[] {
  if (!old) return [policyWords(p, ctx)];
  const out: string[] = [];
  if (old.model !== p.model) out.push(`model ${p.model}`);
  if ("auto" in p.scarcity) {
    const was = "auto" in old.scarcity ? old.scarcity.auto : null;
    if (!was || was.min !== p.scarcity.auto.min || was.max !== p.scarcity.auto.max)
      out.push(`scarcity auto ${formatDecimal(p.scarcity.auto.min)}–${formatDecimal(p.scarcity.auto.max)}`);
  } else {
    if ("auto" in old.scarcity) out.push("scarcity fixed per category");
    const before = fixedFactors(old);
    const after = fixedFactors(p);
    for (const [c, f] of after) if (before.get(c) === undefined || Number(before.get(c)) !== Number(f)) out.push(`${lowerLabel(c, ctx)} ×${formatDecimal(f)}`);
    for (const c of before.keys()) if (!after.has(c)) out.push(`${lowerLabel(c, ctx)}: back to its need factor`);
  }
  if (Number(old.reserve) !== Number(p.reserve)) out.push(`reserve ${pct(p.reserve)}`);
  if (Number(old.baseline) !== Number(p.baseline)) out.push(`baseline ${pct(p.baseline)}`);
  if (Number(old.capacity_bonus) !== Number(p.capacity_bonus)) out.push(`capacity bonus ${formatDecimal(p.capacity_bonus)}`);
  const oldCap = old.max_credit_per_member ?? null;
  const cap = p.max_credit_per_member ?? null;
  if ((oldCap === null) !== (cap === null) || (cap !== null && Number(oldCap) !== Number(cap)))
    out.push(cap ? `at most ${formatDecimal(cap)} h per member` : "no cap per member");
  if (Boolean(old.anyone_may_settle) !== Boolean(p.anyone_may_settle))
    out.push(p.anyone_may_settle ? "anyone may settle" : "only governance settles");
  return out;
}

const ATTESTATION_WORDS: [keyof AttestationPolicy, (v: never) => string][] = [
  ["cosigns_required", (v: number) => `${v} co-sign${v === 1 ? "" : "s"} needed`],
  ["challenge_seconds", (v: number) => `challenge window ${seconds(v)}`],
  ["max_hours_per_attestation", (v: string) => `at most ${formatDecimal(v)} h per attestation`],
  ["max_hours_per_cycle", (v: string) => `at most ${formatDecimal(v)} h per member per cycle`],
  ["max_cosigns_per_pair_per_cycle", (v: number) => `at most ${v} co-signs per pair per cycle`],
  ["pending_expiry_seconds", (v: number) => (v ? `pending attestations expire after ${seconds(v)}` : "pending attestations never expire")],
];

/** The attestation rules in words, only those that change when `old` is given. */
export function attestationChanges(old: AttestationPolicy | null | undefined, p: AttestationPolicy): string[] {
  return ATTESTATION_WORDS.filter(([k]) => !old || String(old[k]) !== String(p[k])).map(([k, say]) => say(p[k] as never));
}

const CATEGORY_FIELDS: [keyof Category, string][] = [
  ["label", "label"],
  ["impact", "impact"],
  ["need_factor", "need factor"],
  ["unit_credit", "hours per unit"],
  ["capacity_building", "builds capacity"],
];

function categoryChanges(old: Category | undefined, c: Category): string[] {
  const val = (k: keyof Category, v: Category[keyof Category]) =>
    k === "capacity_building" ? (v ? "yes" : "no") : k === "label" ? `“${v}”` : formatDecimal(String(v));
  return CATEGORY_FIELDS.filter(([k]) => !old || String(old[k]) !== String(c[k])).map(([k, w]) => `${w} ${val(k, c[k])}`);
}

/** One action in words: a short title, one summary sentence, and the detail of its message. */
export function describe(a: StewardAction, ctx: GovContext): { title: string; summary: string; detail: string } {
  switch (a.kind) {
    case "set_policy": {
      const changes = policyChanges(ctx.policy, a.policy, ctx);
      const what = changes.length ? changes.join(", ") : "the same policy again";
      const from = ctx.nextCycle ? `From cycle ${ctx.nextCycle}` : "From the next cycle";
      return {
        title: `Policy: ${what}`,
        summary: `${from}: ${what}.`,
        detail: `a new policy version (${policyWords(a.policy, ctx)}), applied from the cycle after the one in which the proposal is executed${ctx.nextCycle ? ` (cycle ${ctx.nextCycle} if executed in cycle ${ctx.nextCycle - 1})` : ""}.`,
      };
    }
    case "set_category": {
      const old = ctx.categories?.find((c) => c.id === a.category.id);
      const changes = categoryChanges(old, a.category);
      const what = changes.length ? changes.join(", ") : "unchanged";
      // Without the categories as they are (a decided proposal), the category as it was set.
      if (!ctx.categories)
        return { title: `Category ${a.category.label}`, summary: `Category ${a.category.label} (${a.category.id}): ${what}.`, detail: `set category ${a.category.id}: ${what}.` };
      return old
        ? { title: `Category ${old.label}: ${what}`, summary: `Category ${old.label}: ${what}.`, detail: `change category ${a.category.id}: ${what}; new needs take its factors.` }
        : {
            title: `New category ${a.category.label}`,
            summary: `A new category ${a.category.label} (${a.category.id}): ${what}.`,
            detail: `add category ${a.category.id}: ${what}.`,
          };
    }
    case "set_attestation_policy": {
      const changes = attestationChanges(ctx.attestationPolicy, a.policy);
      const what = changes.length ? changes.join(", ") : "the same rules again";
      return {
        title: `Attestation rules: ${what}`,
        summary: `Once executed: ${what}.`,
        detail: `the attestation rules become: ${attestationChanges(null, a.policy).join(", ")}.`,
      };
    }
    case "accept_holon": {
      const name = ctx.holons?.[a.distributor] ?? shortAddr(a.distributor);
      return {
        title: `Accept ${name}'s token`,
        summary: `Accept ${name}'s token at ${formatDecimal(a.rate)}${ctx.symbol ? ` ${ctx.symbol}` : ""} each, holding at most ${foreign(a.credit_limit)} of them.`,
        detail: `accept the token of the holon whose distributor is ${a.distributor}, at rate ${a.rate}, credit limit ${a.credit_limit} base units.`,
      };
    }
    case "update_holon": {
      const name = nameOf(a.token, ctx);
      const parts: string[] = [];
      if (a.enabled === false) parts.push("pause it");
      if (a.enabled === true) parts.push("accept it again");
      if (a.rate) parts.push(`rate ${formatDecimal(a.rate)}`);
      if (a.credit_limit) parts.push(`hold at most ${foreign(a.credit_limit)}`);
      const verb = a.enabled === false && parts.length === 1 ? `Pause ${name}` : a.enabled === true && parts.length === 1 ? `Resume ${name}` : `${name}: ${parts.join(", ")}`;
      return { title: verb, summary: `${verb}.`, detail: `update the accepted holon of token ${a.token}: ${parts.join(", ") || "no change"}.` };
    }
    case "remove_holon": {
      const name = nameOf(a.token, ctx);
      return {
        title: `Remove ${name}`,
        summary: `Stop accepting ${name}'s token; what is held stays redeemable.`,
        detail: `remove the accepted holon of token ${a.token}.`,
      };
    }
    case "settle_foreign": {
      const name = nameOf(a.token, ctx);
      const what = a.amount ? `${foreign(a.amount)} of ${name}'s tokens` : `all we hold of ${name}'s tokens`;
      return { title: `Settle with ${name}`, summary: `Redeem ${what} at its treasury, paid into ours.`, detail: `settle token ${a.token}${a.amount ? `, amount ${a.amount}` : ", all held"}.` };
    }
    case "return_foreign": {
      const name = nameOf(a.token, ctx);
      return {
        title: `Return ${name}'s tokens`,
        summary: `Give ${foreign(a.amount)} of ${name}'s tokens to ${nameOf(a.recipient, ctx)}.`,
        detail: `return ${a.amount} base units of token ${a.token} to ${a.recipient}.`,
      };
    }
    case "resolve_dispute":
      return a.uphold
        ? { title: `Uphold the dispute of attestation #${a.id}`, summary: `Attestation #${a.id} is rejected: it does not count.`, detail: `resolve the dispute of attestation #${a.id}: upheld.` }
        : { title: `Dismiss the dispute of attestation #${a.id}`, summary: `Attestation #${a.id} counts after all.`, detail: `resolve the dispute of attestation #${a.id}: dismissed.` };
    case "set_need_status": {
      const title = ctx.needs?.[a.id];
      const need = `need #${a.id}${title ? ` (${title})` : ""}`;
      return { title: `Mark need #${a.id} ${a.status}`, summary: `Mark ${need} ${a.status}.`, detail: `set the status of ${need} to ${a.status}.` };
    }
    case "set_need_factors": {
      const parts: string[] = [];
      if (a.impact) parts.push(`impact ${formatDecimal(a.impact)}`);
      if (a.unit_credit) parts.push(`${formatDecimal(a.unit_credit)} h per unit`);
      if (a.capacity_building !== null && a.capacity_building !== undefined) parts.push(a.capacity_building ? "builds capacity" : "does not build capacity");
      const what = parts.join(", ") || "no change";
      return { title: `Need #${a.id}: ${what}`, summary: `Need #${a.id}: ${what}.`, detail: `set the factors of need #${a.id}: ${what}.` };
    }
    case "update_members": {
      const parts: string[] = [];
      const now = new Map((ctx.members ?? []).map((m) => [m.addr, m.weight]));
      for (const m of a.add) {
        const was = now.get(m.addr);
        const who = nameOf(m.addr, ctx);
        parts.push(was === undefined ? `add ${who} (weight ${m.weight})` : `${who}'s weight ${was} → ${m.weight}`);
      }
      for (const r of a.remove) parts.push(`remove ${nameOf(r, ctx)}`);
      const what = parts.join(", ") || "no change";
      return {
        title: `Members: ${what}`,
        summary: `Members: ${what}.`,
        detail: `update the group: ${what}. A member added attests and votes from then on; a removed one can no longer.`,
      };
    }
    case "commons_list": {
      const l = a.listing;
      const price = `${tokensOf(l.price, ctx)} ${perUnit(l.unit)}`;
      const stock = l.stock === null || l.stock === undefined ? "" : `, ${l.stock} in stock`;
      return {
        title: `Commons: list ${l.title}`,
        summary: `List the holon's ${l.title} (${lowerLabel(l.category, ctx)}) in the commons at ${price}${stock}; payments go back to the pool.`,
        detail: `list a ${l.kind} “${l.title}” in category ${l.category}, unit ${l.unit}, price ${l.price} base units${stock}${l.refund ? `, a full refund with ${seconds(l.refund.full_refund_notice_seconds)} of notice, ${pct(l.refund.late_refund_percent)} later` : ""}.`,
      };
    }
    case "commons_status": {
      const title = ctx.listings?.[a.listing];
      const what = `listing #${a.listing}${title ? ` (${title})` : ""}`;
      const verb = a.status === "pause" ? "Pause" : a.status === "resume" ? "Resume" : "Withdraw";
      const then = a.status === "pause" ? "it takes no bookings or purchases until resumed" : a.status === "resume" ? "it takes bookings and purchases again" : "for good: it takes no more bookings or purchases";
      return { title: `Commons: ${verb.toLowerCase()} ${what}`, summary: `${verb} ${what} in the commons: ${then}.`, detail: `${a.status} ${what}.` };
    }
    case "commons_resolve":
      return {
        title: `Commons: resolve the dispute of purchase #${a.purchase}`,
        summary: `Purchase #${a.purchase}: ${tokensOf(a.refund, ctx)} back to the buyer, the rest to the provider.`,
        detail: `resolve disputed purchase #${a.purchase}: refund ${a.refund} base units to the buyer, the rest to the provider.`,
      };
    case "grant_fees": {
      const who = nameOf(a.grantee, ctx);
      const limit = a.allowance.period_spend_limit.map((c) => `${c.amount} ${c.denom}`).join(", ");
      const days = a.allowance.period_seconds % 86400 === 0 ? `${a.allowance.period_seconds / 86400} days` : `${a.allowance.period_seconds} s`;
      return {
        title: `Pay ${who}'s fees`,
        summary: `The holon pays ${who}'s fees (at most ${limit} every ${days}, until ${a.allowance.expiration.slice(0, 10)}).`,
        detail: `the multisig grants ${a.grantee} the holon's fee allowance: ${a.allowance.allowed_messages.join(", ")} only, at most ${limit} every ${days}, until ${a.allowance.expiration}.`,
      };
    }
    case "revoke_fees": {
      const who = nameOf(a.grantee, ctx);
      return {
        title: `Stop paying ${who}'s fees`,
        summary: `The holon stops paying ${who}'s fees.`,
        detail: `the multisig revokes the fee allowance of ${a.grantee}.`,
      };
    }
  }
}

// ------------------------------------------------------------------ reading proposals back

/** The steward action an execute message to one of the holon's contracts is, or null. */
export function actionFromExecute(contract: ContractKey, msg: unknown): StewardAction | null {
  if (!msg || typeof msg !== "object") return null;
  const [name, body] = Object.entries(msg as Record<string, Record<string, unknown>>)[0] ?? [];
  if (!name || !body || typeof body !== "object") return null;
  const b = body as Record<string, never>;
  switch (`${contract}.${name}`) {
    case "distributor.set_policy":
      return { kind: "set_policy", policy: b.policy };
    case "registry.set_category":
      return { kind: "set_category", category: b.category };
    case "attestation.set_policy":
      return { kind: "set_attestation_policy", policy: b.policy };
    case "distributor.accept_holon":
      return { kind: "accept_holon", distributor: b.distributor, rate: b.rate, credit_limit: b.credit_limit };
    case "distributor.update_holon":
      return { kind: "update_holon", token: b.token, enabled: b.enabled ?? null, rate: b.rate ?? null, credit_limit: b.credit_limit ?? null };
    case "distributor.remove_holon":
      return { kind: "remove_holon", token: b.token };
    case "distributor.settle_foreign":
      return { kind: "settle_foreign", token: b.token, amount: b.amount ?? null };
    case "distributor.return_foreign":
      return { kind: "return_foreign", token: b.token, amount: b.amount, recipient: b.recipient };
    case "attestation.resolve_dispute":
      return { kind: "resolve_dispute", id: b.id, uphold: b.uphold };
    case "registry.set_need_status":
      return { kind: "set_need_status", id: b.id, status: b.status };
    case "registry.set_need_factors":
      return { kind: "set_need_factors", id: b.id, impact: b.impact ?? null, unit_credit: b.unit_credit ?? null, capacity_building: b.capacity_building ?? null };
    case "group.update_members":
      return { kind: "update_members", add: b.add ?? [], remove: b.remove ?? [] };
    case "commons.list":
      return { kind: "commons_list", listing: b.listing };
    case "commons.pause":
    case "commons.resume":
    case "commons.withdraw":
      return { kind: "commons_status", listing: b.listing, status: name as CommonsStatusChange };
    case "commons.resolve":
      return { kind: "commons_resolve", purchase: b.purchase, refund: b.refund };
  }
  return null;
}

/** One message of a proposal, read: which contract, what it does in words, the decoded JSON. */
export interface DecodedMsg {
  /** "Distributor (…)", or the address when it is none of the holon's */
  contract: string;
  key: ContractKey | null;
  words: string;
  action: StewardAction | null;
  /** The message with its base64 payload decoded (for "the exact message"). */
  json: unknown;
}

const decodeB64Json = (b64: string): unknown => {
  try {
    return JSON.parse(fromUtf8(fromBase64(b64)));
  } catch {
    return null;
  }
};

function ownershipWords(action: unknown, ctx: GovContext): string {
  if (action === "accept_ownership") return "accept the ownership handed to it";
  if (action === "renounce_ownership") return "renounce its ownership: nobody can change its settings any more";
  const t = (action as { transfer_ownership?: { new_owner: string } })?.transfer_ownership;
  return t ? `hand its ownership to ${nameOf(t.new_owner, ctx)} (who must accept it)` : "change its ownership";
}

/**
 * A proposal's message in plain words (which contract, what changes). An open proposal's words
 * compare with what is in force now (`ctx`); a decided one's (`decided`) say what it did.
 */
export function decodeMsg(m: CosmosMsg, ctx: GovContext, { decided = false }: { decided?: boolean } = {}): DecodedMsg {
  const keyOf = (addr: string): ContractKey | null =>
    (Object.entries(ctx.addresses).find(([, a]) => a === addr)?.[0] as ContractKey | undefined) ?? null;
  const label = (addr: string) => {
    const k = keyOf(addr);
    return k ? CONTRACT_WORDS[k] : `Contract ${nameOf(addr, ctx)}`;
  };
  const wasm = (m as { wasm?: Record<string, Record<string, unknown>> }).wasm;
  if (wasm?.execute) {
    const e = wasm.execute as { contract_addr: string; msg: string; funds?: Coin[] };
    const key = keyOf(e.contract_addr);
    const inner = decodeB64Json(e.msg);
    const action = key ? actionFromExecute(key, inner) : null;
    const funds = e.funds?.length ? ` (sending ${e.funds.map((c) => `${c.amount} ${c.denom}`).join(", ")})` : "";
    let words: string;
    if (action) {
      const d = describe(action, ctx);
      words = decided ? `${d.detail.charAt(0).toUpperCase()}${d.detail.slice(1)}${funds}` : `${d.summary}${funds}`;
    } else if (inner && typeof inner === "object" && "update_ownership" in inner) {
      words = `${ownershipWords((inner as { update_ownership: unknown }).update_ownership, ctx)}${funds}`;
    } else if (inner && typeof inner === "object") {
      words = `${Object.keys(inner)[0]?.replace(/_/g, " ") ?? "a message"}${funds}`;
    } else {
      words = `a message the page cannot read${funds}`;
    }
    return { contract: label(e.contract_addr), key, words, action, json: { wasm: { execute: { ...e, msg: inner ?? e.msg } } } };
  }
  if (wasm?.migrate) {
    const e = wasm.migrate as { contract_addr: string; new_code_id: number; msg: string };
    return {
      contract: label(e.contract_addr),
      key: keyOf(e.contract_addr),
      words: `migrate it to code ${e.new_code_id}`,
      action: null,
      json: { wasm: { migrate: { ...e, msg: decodeB64Json(e.msg) ?? e.msg } } },
    };
  }
  if (wasm?.update_admin) {
    const e = wasm.update_admin as { contract_addr: string; admin: string };
    return { contract: label(e.contract_addr), key: keyOf(e.contract_addr), words: `make ${nameOf(e.admin, ctx)} its admin (who may migrate it)`, action: null, json: m };
  }
  if (wasm?.clear_admin) {
    const e = wasm.clear_admin as { contract_addr: string };
    return { contract: label(e.contract_addr), key: keyOf(e.contract_addr), words: "remove its admin: it can never be migrated again", action: null, json: m };
  }
  const grant = readFeeGrant(m);
  if (grant) {
    const any = (m as { any: { type_url: string; value: string } }).any;
    const action: StewardAction =
      grant.kind === "revoke"
        ? { kind: "revoke_fees", granter: grant.granter, grantee: grant.grantee }
        : {
            kind: "grant_fees",
            granter: grant.granter,
            grantee: grant.grantee,
            allowance: {
              allowed_messages: grant.allowedMessages,
              period_seconds: grant.periodSeconds ?? 0,
              period_spend_limit: grant.periodSpendLimit,
              spend_limit: [],
              expiration: grant.expiration ?? "",
            },
          };
    const d = describe(action, ctx);
    return {
      contract: FEES_WORDS,
      key: null,
      words: decided ? `${d.detail.charAt(0).toUpperCase()}${d.detail.slice(1)}` : d.summary,
      action,
      json: { any: { type_url: any.type_url, value: grant } },
    };
  }
  const bank = (m as { bank?: { send?: { to_address: string; amount: Coin[] } } }).bank;
  if (bank?.send) {
    return {
      contract: "Coins",
      key: null,
      words: `send ${bank.send.amount.map((c) => `${c.amount} ${c.denom}`).join(", ")} to ${nameOf(bank.send.to_address, ctx)}`,
      action: null,
      json: m,
    };
  }
  return { contract: "Chain", key: null, words: `a ${Object.keys(m)[0] ?? "message"} message the page cannot read`, action: null, json: m };
}

// ------------------------------------------------------------------ votes, thresholds, time

export interface Tally {
  yes: number;
  no: number;
  abstain: number;
  veto: number;
}

export function tally(votes: VoteInfo[]): Tally {
  const t: Tally = { yes: 0, no: 0, abstain: 0, veto: 0 };
  for (const v of votes) t[v.vote] += v.weight;
  return t;
}

/** ceil(weight × fraction), as cw3 counts the votes a share needs (a Decimal string fraction). */
export function votesNeeded(weight: number, fraction: string): number {
  const [w, f = ""] = fraction.split(".");
  const scaled = BigInt(w + f.padEnd(18, "0").slice(0, 18)); // × 10^18
  const unit = 10n ** 18n;
  const x = BigInt(weight) * scaled;
  return Number((x + unit - 1n) / unit);
}

export const totalWeight = (t: ThresholdResponse): number => Object.values(t)[0].total_weight;

/** How a proposal passes, in words ("3 yes of 5 (51%, abstentions aside), with 3 voting (quorum 50%)"). */
export function thresholdWords(t: ThresholdResponse): string {
  if ("absolute_count" in t) return `${t.absolute_count.weight} yes of ${t.absolute_count.total_weight}`;
  if ("absolute_percentage" in t) {
    const { percentage, total_weight } = t.absolute_percentage;
    return `${votesNeeded(total_weight, percentage)} yes of ${total_weight} (${pct(percentage)}, abstentions aside)`;
  }
  const { threshold, quorum, total_weight } = t.threshold_quorum;
  return `${votesNeeded(total_weight, threshold)} yes of ${total_weight} (${pct(threshold)}, abstentions aside), with at least ${votesNeeded(total_weight, quorum)} voting (quorum ${pct(quorum)})`;
}

/** The rule of the multisig in words, for the page's "how decisions are made". */
export function ruleWords(t: ThresholdResponse): string {
  if ("absolute_count" in t) return `A proposal passes with ${t.absolute_count.weight} of the members' ${t.absolute_count.total_weight} votes (by weight) saying yes.`;
  if ("absolute_percentage" in t)
    return `A proposal passes when ${pct(t.absolute_percentage.percentage)} of the members' weight (abstentions aside) says yes.`;
  const { threshold, quorum } = t.threshold_quorum;
  return `A proposal passes when at least ${pct(quorum)} of the members' weight has voted (the quorum) and ${pct(threshold)} of the votes cast, abstentions aside, say yes. While voting is open, it passes early once enough members say yes that no later votes can change the outcome. A veto counts as a no.`;
}

/** Yes votes still missing for an open proposal to pass now (0 when enough), by cw3's rule while open. */
export function yesMissing(t: ThresholdResponse, v: Tally): number {
  const total = totalWeight(t);
  let need: number;
  if ("absolute_count" in t) need = t.absolute_count.weight;
  else if ("absolute_percentage" in t) need = votesNeeded(total - v.abstain, t.absolute_percentage.percentage);
  else need = votesNeeded(total - v.abstain, t.threshold_quorum.threshold);
  let missing = Math.max(0, need - v.yes);
  if ("threshold_quorum" in t) {
    const quorum = votesNeeded(total, t.threshold_quorum.quorum);
    const cast = v.yes + v.no + v.abstain + v.veto;
    missing = Math.max(missing, quorum - cast);
  }
  return missing;
}

export const STATUS_WORDS: Record<ProposalStatus, [string, string]> = {
  pending: ["pending", "muted"],
  open: ["open for votes", "info"],
  passed: ["passed: anyone can execute it", "good"],
  executed: ["executed", "good"],
  rejected: ["rejected", "bad"],
};

export const VOTE_WORDS: Record<Vote, string> = { yes: "yes", no: "no", abstain: "abstain", veto: "veto" };

/**
 * How long a proposal stays open, in words, given the chain's time (ms) and height:
 * "6 d 23 h left", "ended", "until block 1,200 (about 30 blocks)", "no end".
 */
export function timeLeft(e: Expiration, chainTimeMs: number, height: number): { text: string; seconds: number | null; ended: boolean } {
  if ("at_time" in e) {
    const secs = Math.floor((Number(BigInt(e.at_time) / 1_000_000n) - chainTimeMs) / 1000);
    return secs > 0 ? { text: `${formatDuration(secs)} left`, seconds: secs, ended: false } : { text: "voting has ended", seconds: 0, ended: true };
  }
  if ("at_height" in e) {
    const left = e.at_height - height;
    return left > 0
      ? { text: `until block ${e.at_height.toLocaleString("en-US")} (${left} block${left === 1 ? "" : "s"} left)`, seconds: null, ended: false }
      : { text: "voting has ended", seconds: 0, ended: true };
  }
  return { text: "no end", seconds: null, ended: false };
}

/** The multisig's voting period in words ("7 d", "100 blocks"). */
export function periodWords(d: Duration): string {
  return "time" in d ? formatDuration(d.time) : `${d.height} blocks`;
}

// ------------------------------------------------------------------ reading the chain

type Query = (contract: string, msg: unknown) => Promise<unknown>;

/** Every proposal of a cw3 multisig, oldest first (list_proposals, page after page). */
export const listAllProposals = (q: Query, multisig: string) =>
  allPages<ProposalResponse, number>(
    async (start_after, limit) =>
      ((await q(multisig, { list_proposals: { start_after: start_after ?? null, limit } })) as { proposals: ProposalResponse[] }).proposals,
    (p) => p.id,
    { limit: PAGE.cw3 },
  );

/** Every vote on a proposal (list_votes, page after page). */
export const listAllVotes = (q: Query, multisig: string, proposalId: number) =>
  allPages<VoteInfo, string>(
    async (start_after, limit) =>
      ((await q(multisig, { list_votes: { proposal_id: proposalId, start_after: start_after ?? null, limit } })) as { votes: VoteInfo[] }).votes,
    (v) => v.voter,
    { limit: PAGE.cw3 },
  );

/** The wasm attributes of a transaction result (all events, in order). */
export function wasmAttributes(res: unknown): { key: string; value: string }[] {
  const events = (res as { events?: { type: string; attributes: { key: string; value: string }[] }[] })?.events ?? [];
  return events.filter((e) => e.type.startsWith("wasm")).flatMap((e) => e.attributes);
}

/** What an executed proposal did, from its transaction's events ("policy version 2 applies from cycle 5"). */
export function executedWords(res: unknown): string[] {
  const out: string[] = [];
  const events = (res as { events?: { type: string; attributes: { key: string; value: string }[] }[] })?.events ?? [];
  for (const e of events) {
    if (!e.type.startsWith("wasm")) continue;
    const get = (k: string) => e.attributes.find((a) => a.key === k)?.value;
    if (get("action") === "set_policy" && get("from_cycle")) out.push(`policy version ${get("version")} applies from cycle ${get("from_cycle")}`);
  }
  return out;
}
