import { fromBase64, fromUtf8, toBase64, toUtf8 } from "@cosmjs/encoding";
import { describe, expect, it } from "vitest";

import type { AttestationPolicy } from "@cw-flow/client/Attestation.types";
import type { Policy } from "@cw-flow/client/Distributor.types";
import type { Category } from "@cw-flow/client/NeedRegistry.types";
import type { ListingInput } from "@cw-flow/client/Commons.types";

import {
  type CosmosMsg, type ExecuteAction, type GovContext, type StewardAction, type ThresholdResponse, type VoteInfo, actionFromExecute,
  closeMsg, decodeMsg, describe as say, executeMsg, executeOf, executedWords, listAllProposals, listAllVotes, policyChanges,
  proposalFor, proposeMsg, ruleWords, tally, thresholdWords, timeLeft, voteMsg, votesNeeded, yesMissing,
} from "./governance";
import { allPages } from "./paging";

const A = {
  distributor: "wasm1distributor000000000000000000000000000000000000000000000",
  registry: "wasm1registry0000000000000000000000000000000000000000000000000",
  attestation: "wasm1attestation00000000000000000000000000000000000000000000",
  group: "wasm1group000000000000000000000000000000000000000000000000000",
  token: "wasm1token000000000000000000000000000000000000000000000000000",
  governance: "wasm1multisig0000000000000000000000000000000000000000000000000",
  commons: "wasm1commons00000000000000000000000000000000000000000000000000",
};
const ALEX = "wasm1q062um4fdnke0p8v5n8wnvgwjveqqkxcymj6s6";
const JORDAN = "wasm1z82srmd5unrfp4y2ng5fg7y02c7lc360txm66y";
const DANA = "wasm1dana0000000000000000000000000000000000";
const BETA_DIST = "wasm1betadistributor0000000000000000000000000000000000000000";
const BETA_TOKEN = "wasm1betatoken00000000000000000000000000000000000000000000000";

const cat = (id: string, label: string, extra: Partial<Category> = {}): Category => ({
  id, label, impact: "1", need_factor: "1", unit_credit: "0", capacity_building: false, ...extra,
});
const CATEGORIES = [cat("food", "Food"), cat("garden", "Garden"), cat("energy", "Energy"), cat("childcare", "Childcare"), cat("facilitation", "Facilitation")];
const TIME: Policy = {
  model: "time", scarcity: { fixed: { factors: [] } }, capacity_bonus: "0", reserve: "0", baseline: "0", max_credit_per_member: null, anyone_may_settle: false,
};
const NEED: Policy = {
  ...TIME,
  model: "need",
  scarcity: { fixed: { factors: [{ category: "childcare", factor: "2" }, { category: "garden", factor: "0.5" }] } },
};
const RULES: AttestationPolicy = {
  cosigns_required: 1, challenge_seconds: 0, max_hours_per_attestation: "744", max_hours_per_cycle: "744", max_cosigns_per_pair_per_cycle: 31, pending_expiry_seconds: 0,
};
const CTX: GovContext = {
  addresses: A,
  names: { [ALEX]: "alex", [JORDAN]: "jordan" },
  categories: CATEGORIES,
  policy: TIME,
  attestationPolicy: RULES,
  nextCycle: 4,
  members: [{ addr: ALEX, weight: 1 }, { addr: JORDAN, weight: 1 }],
  holons: { [BETA_DIST]: "Holon Beta", [BETA_TOKEN]: "Holon Beta" },
  needs: { 3: "Fresh bread" },
  symbol: "AFLOW",
  decimals: 6,
};

/** The tool library, a holon resource of the commons (contracts/commons' ListingInput). */
const TOOLS: ListingInput = {
  kind: "resource", title: "Tool library", description: "Drills, saws, ladders", category: "garden", unit: "day", price: "20000000", stock: null,
  refund: { full_refund_notice_seconds: 172800, late_refund_percent: "0.5" },
};

/** The contract's JSON message inside a wasm execute CosmosMsg. */
const inner = (m: CosmosMsg) => {
  const e = (m as { wasm: { execute: { contract_addr: string; msg: string; funds: unknown[] } } }).wasm.execute;
  return { contract: e.contract_addr, funds: e.funds, msg: JSON.parse(fromUtf8(fromBase64(e.msg))) };
};

describe("a steward action as the cw3 proposal that asks the members", () => {
  it("the seed's need weighting: the exact propose message, its title and summary", () => {
    const p = proposalFor({ kind: "set_policy", policy: NEED }, CTX);
    expect(p.title).toBe("Policy: model need, childcare ×2, garden ×0.5");
    expect(p.summary).toBe("From cycle 4: model need, childcare ×2, garden ×0.5.");
    expect(p.description.split("\n")[0]).toBe(p.summary);
    expect(p.description).toContain("1. Distributor (payouts, policy, treasury, accepted holons): a new policy version (model need, childcare ×2, garden ×0.5, reserve 0%, baseline 0%, no cap per member)");
    const msg = proposeMsg(p);
    expect(Object.keys(msg.propose)).toEqual(["title", "description", "msgs", "latest"]);
    expect(msg.propose.latest).toBeNull();
    expect(msg.propose.msgs).toHaveLength(1);
    expect(inner(msg.propose.msgs[0])).toEqual({ contract: A.distributor, funds: [], msg: { set_policy: { policy: NEED } } });
    // The base64 is of the exact JSON (a contract reads it as is).
    const b64 = (msg.propose.msgs[0] as { wasm: { execute: { msg: string } } }).wasm.execute.msg;
    expect(fromUtf8(fromBase64(b64))).toBe(JSON.stringify({ set_policy: { policy: NEED } }));
    // And back to JSON as the multisig stores it.
    expect(JSON.parse(JSON.stringify(msg))).toEqual(msg);
  });

  it("goes to the right contract with the contract's own message, for every action", () => {
    const cases: [ExecuteAction, string, unknown][] = [
      [{ kind: "set_policy", policy: NEED }, A.distributor, { set_policy: { policy: NEED } }],
      [{ kind: "set_category", category: cat("tools", "Tool lending") }, A.registry, { set_category: { category: cat("tools", "Tool lending") } }],
      [{ kind: "set_attestation_policy", policy: { ...RULES, cosigns_required: 2 } }, A.attestation, { set_policy: { policy: { ...RULES, cosigns_required: 2 } } }],
      [{ kind: "accept_holon", distributor: BETA_DIST, rate: "1", credit_limit: "1000000000" }, A.distributor, { accept_holon: { distributor: BETA_DIST, rate: "1", credit_limit: "1000000000" } }],
      [{ kind: "update_holon", token: BETA_TOKEN, enabled: false }, A.distributor, { update_holon: { token: BETA_TOKEN, enabled: false, rate: null, credit_limit: null } }],
      [{ kind: "remove_holon", token: BETA_TOKEN }, A.distributor, { remove_holon: { token: BETA_TOKEN } }],
      [{ kind: "settle_foreign", token: BETA_TOKEN }, A.distributor, { settle_foreign: { token: BETA_TOKEN, amount: null } }],
      [{ kind: "return_foreign", token: BETA_TOKEN, amount: "5", recipient: ALEX }, A.distributor, { return_foreign: { token: BETA_TOKEN, amount: "5", recipient: ALEX } }],
      [{ kind: "resolve_dispute", id: 7, uphold: true }, A.attestation, { resolve_dispute: { id: 7, uphold: true } }],
      [{ kind: "set_need_status", id: 3, status: "closed" }, A.registry, { set_need_status: { id: 3, status: "closed" } }],
      [{ kind: "set_need_factors", id: 3, impact: "2" }, A.registry, { set_need_factors: { id: 3, impact: "2", unit_credit: null, capacity_building: null } }],
      [{ kind: "update_members", add: [{ addr: DANA, weight: 1 }], remove: [JORDAN] }, A.group, { update_members: { add: [{ addr: DANA, weight: 1 }], remove: [JORDAN] } }],
      [{ kind: "commons_list", listing: TOOLS }, A.commons, { list: { listing: TOOLS } }],
      [{ kind: "commons_status", listing: 1, status: "pause" }, A.commons, { pause: { listing: 1 } }],
      [{ kind: "commons_status", listing: 1, status: "resume" }, A.commons, { resume: { listing: 1 } }],
      [{ kind: "commons_status", listing: 1, status: "withdraw" }, A.commons, { withdraw: { listing: 1 } }],
      [{ kind: "commons_resolve", purchase: 4, refund: "5000000" }, A.commons, { resolve: { purchase: 4, refund: "5000000" } }],
    ];
    for (const [action, contract, msg] of cases) {
      const p = proposalFor(action, CTX);
      expect(inner(p.msgs[0]), action.kind).toEqual({ contract, funds: [], msg });
      // Read back from the chain's JSON, the message is the same action again.
      const key = executeOf(action).contract;
      expect(actionFromExecute(key, msg), action.kind).toEqual(
        action.kind === "update_holon" ? { ...action, rate: null, credit_limit: null }
          : action.kind === "settle_foreign" ? { ...action, amount: null }
            : action.kind === "set_need_factors" ? { ...action, unit_credit: null, capacity_building: null }
              : action,
      );
    }
  });

  it("several changes in one proposal, in order", () => {
    const p = proposalFor(
      [{ kind: "set_policy", policy: NEED }, { kind: "update_members", add: [{ addr: DANA, weight: 1 }], remove: [] }],
      CTX,
    );
    expect(p.msgs.map((m) => inner(m).contract)).toEqual([A.distributor, A.group]);
    expect(p.title).toBe("Policy: model need, childcare ×2, garden ×0.5 (+1 more)");
    expect(p.summary).toBe("From cycle 4: model need, childcare ×2, garden ×0.5. Members: add wasm1dana0…00000 (weight 1).");
  });

  it("refuses what it cannot address", () => {
    expect(() => proposalFor([], CTX)).toThrow(/at least one/);
    expect(() => proposalFor({ kind: "resolve_dispute", id: 1, uphold: false }, { addresses: {} })).toThrow(/attestation address/);
  });

  it("the votes, the execution and the close as cw3 takes them", () => {
    expect(voteMsg(4, "veto")).toEqual({ vote: { proposal_id: 4, vote: "veto" } });
    expect(executeMsg(4)).toEqual({ execute: { proposal_id: 4 } });
    expect(closeMsg(4)).toEqual({ close: { proposal_id: 4 } });
  });
});

describe("what changes, in plain words", () => {
  const s = (a: StewardAction, ctx = CTX) => say(a, ctx).summary;

  it("a policy: only what differs from the one in force", () => {
    expect(policyChanges(TIME, NEED, CTX)).toEqual(["model need", "childcare ×2", "garden ×0.5"]);
    expect(policyChanges(NEED, TIME, CTX)).toEqual(["model time", "childcare: back to its need factor", "garden: back to its need factor"]);
    expect(policyChanges(TIME, { ...TIME, reserve: "0.1", baseline: "0.05", max_credit_per_member: "40", anyone_may_settle: true }, CTX)).toEqual([
      "reserve 10%", "baseline 5%", "at most 40 h per member", "anyone may settle",
    ]);
    expect(policyChanges(TIME, { ...TIME, scarcity: { auto: { min: "0.5", max: "2" } } }, CTX)).toEqual(["scarcity auto 0.5–2"]);
    expect(s({ kind: "set_policy", policy: TIME })).toBe("From cycle 4: the same policy again.");
    expect(s({ kind: "set_policy", policy: NEED }, { ...CTX, nextCycle: undefined })).toBe("From the next cycle: model need, childcare ×2, garden ×0.5.");
    // Without the policy in force, the whole new one.
    expect(s({ kind: "set_policy", policy: NEED }, { ...CTX, policy: null })).toBe(
      "From cycle 4: model need, childcare ×2, garden ×0.5, reserve 0%, baseline 0%, no cap per member.",
    );
  });

  it("categories, rules, holons, disputes, needs", () => {
    expect(s({ kind: "set_category", category: cat("childcare", "Childcare", { need_factor: "2" }) })).toBe("Category Childcare: need factor 2.");
    expect(s({ kind: "set_category", category: cat("tools", "Tool lending", { unit_credit: "0.5" }) })).toBe(
      "A new category Tool lending (tools): label “Tool lending”, impact 1, need factor 1, hours per unit 0.5, builds capacity no.",
    );
    expect(say({ kind: "set_category", category: cat("childcare", "Childcare", { need_factor: "2" }) }, { ...CTX, categories: undefined }).detail).toBe(
      "set category childcare: label “Childcare”, impact 1, need factor 2, hours per unit 0, builds capacity no.",
    );
    expect(s({ kind: "set_attestation_policy", policy: { ...RULES, cosigns_required: 2, pending_expiry_seconds: 604800 } })).toBe(
      "Once executed: 2 co-signs needed, pending attestations expire after 7 d.",
    );
    expect(s({ kind: "accept_holon", distributor: BETA_DIST, rate: "1", credit_limit: "1000000000" })).toBe(
      "Accept Holon Beta's token at 1 AFLOW each, holding at most 1,000 of them.",
    );
    expect(s({ kind: "update_holon", token: BETA_TOKEN, enabled: false })).toBe("Pause Holon Beta.");
    expect(s({ kind: "update_holon", token: BETA_TOKEN, enabled: true })).toBe("Resume Holon Beta.");
    expect(s({ kind: "update_holon", token: BETA_TOKEN, rate: "1.5", credit_limit: "5000000" })).toBe("Holon Beta: rate 1.5, hold at most 5.");
    expect(s({ kind: "remove_holon", token: BETA_TOKEN })).toBe("Stop accepting Holon Beta's token; what is held stays redeemable.");
    expect(s({ kind: "settle_foreign", token: BETA_TOKEN })).toBe("Redeem all we hold of Holon Beta's tokens at its treasury, paid into ours.");
    expect(s({ kind: "return_foreign", token: BETA_TOKEN, amount: "25000000", recipient: ALEX })).toBe("Give 25 of Holon Beta's tokens to alex.");
    expect(say({ kind: "resolve_dispute", id: 7, uphold: true }, CTX)).toMatchObject({ title: "Uphold the dispute of attestation #7", summary: "Attestation #7 is rejected: it does not count." });
    expect(s({ kind: "resolve_dispute", id: 7, uphold: false })).toBe("Attestation #7 counts after all.");
    expect(s({ kind: "set_need_status", id: 3, status: "fulfilled" })).toBe("Mark need #3 (Fresh bread) fulfilled.");
    expect(s({ kind: "set_need_factors", id: 3, impact: "2", capacity_building: true })).toBe("Need #3: impact 2, builds capacity.");
  });

  it("the commons: a resource listed, a listing paused or withdrawn, a dispute resolved", () => {
    expect(say({ kind: "commons_list", listing: TOOLS }, CTX)).toEqual({
      title: "Commons: list Tool library",
      summary: "List the holon's Tool library (garden) in the commons at 20 AFLOW a day; payments go back to the pool.",
      detail: "list a resource “Tool library” in category garden, unit day, price 20000000 base units, a full refund with 2 d of notice, 50% later.",
    });
    expect(say({ kind: "commons_list", listing: { ...TOOLS, unit: "item", stock: 12, refund: null, price: "2500000" } }, CTX).summary).toBe(
      "List the holon's Tool library (garden) in the commons at 2.5 AFLOW each, 12 in stock; payments go back to the pool.",
    );
    expect(s({ kind: "commons_status", listing: 1, status: "pause" }, { ...CTX, listings: { 1: "Tool library" } })).toBe(
      "Pause listing #1 (Tool library) in the commons: it takes no bookings or purchases until resumed.",
    );
    expect(say({ kind: "commons_status", listing: 2, status: "withdraw" }, CTX).title).toBe("Commons: withdraw listing #2");
    expect(s({ kind: "commons_resolve", purchase: 4, refund: "5000000" })).toBe("Purchase #4: 5 AFLOW back to the buyer, the rest to the provider.");
    // Read back from a proposal: the commons by name, the listing in words.
    const p = proposalFor({ kind: "commons_list", listing: TOOLS }, CTX);
    expect(p.title).toBe("Commons: list Tool library");
    const d = decodeMsg(p.msgs[0], CTX);
    expect(d.contract).toBe("Commons (the holon's resources and members' offers)");
    expect(d.action).toEqual({ kind: "commons_list", listing: TOOLS });
    expect(d.words).toBe("List the holon's Tool library (garden) in the commons at 20 AFLOW a day; payments go back to the pool.");
  });

  it("membership: add, remove, re-weigh", () => {
    expect(s({ kind: "update_members", add: [{ addr: DANA, weight: 1 }], remove: [] })).toBe("Members: add wasm1dana0…00000 (weight 1).");
    expect(s({ kind: "update_members", add: [], remove: [JORDAN] })).toBe("Members: remove jordan.");
    expect(s({ kind: "update_members", add: [{ addr: ALEX, weight: 2 }], remove: [JORDAN] })).toBe("Members: alex's weight 1 → 2, remove jordan.");
    expect(say({ kind: "update_members", add: [], remove: [JORDAN] }, CTX).title).toBe("Members: remove jordan");
  });
});

describe("a proposal's messages read back", () => {
  it("names the contract and says what changes", () => {
    const p = proposalFor({ kind: "set_policy", policy: NEED }, CTX);
    const d = decodeMsg(p.msgs[0], CTX);
    expect(d.contract).toBe("Distributor (payouts, policy, treasury, accepted holons)");
    expect(d.key).toBe("distributor");
    expect(d.words).toBe("From cycle 4: model need, childcare ×2, garden ×0.5.");
    expect(d.action).toEqual({ kind: "set_policy", policy: NEED });
    expect(d.json).toEqual({ wasm: { execute: { contract_addr: A.distributor, funds: [], msg: { set_policy: { policy: NEED } } } } });
    // A decided proposal says what it did, not what it would change now.
    expect(decodeMsg(p.msgs[0], { ...CTX, policy: null, nextCycle: undefined }, { decided: true }).words).toBe(
      "A new policy version (model need, childcare ×2, garden ×0.5, reserve 0%, baseline 0%, no cap per member), applied from the cycle after the one in which the proposal is executed.",
    );
    const g = decodeMsg(proposalFor({ kind: "update_members", add: [], remove: [JORDAN] }, CTX).msgs[0], CTX);
    expect([g.contract, g.words]).toEqual(["Members' group (who is a member, and their weight)", "Members: remove jordan."]);
  });

  it("messages the page did not make", () => {
    const b64 = (x: unknown) => toBase64(toUtf8(JSON.stringify(x)));
    const exec = (contract: string, msg: unknown, funds: unknown[] = []) => ({ wasm: { execute: { contract_addr: contract, msg: b64(msg), funds } } });
    expect(decodeMsg(exec(A.distributor, { update_ownership: { transfer_ownership: { new_owner: ALEX, expiry: null } } }), CTX).words).toBe(
      "hand its ownership to alex (who must accept it)",
    );
    expect(decodeMsg(exec(A.registry, { update_ownership: "renounce_ownership" }), CTX).words).toMatch(/^renounce its ownership/);
    expect(decodeMsg(exec(A.distributor, { close_cycle: {} }), CTX).words).toBe("close cycle");
    const other = decodeMsg(exec(BETA_DIST, { fund: { memo: null } }, [{ denom: "ucredit", amount: "5" }]), CTX);
    expect([other.contract, other.key, other.words]).toEqual(["Contract Holon Beta", null, "fund (sending 5 ucredit)"]);
    expect(decodeMsg({ wasm: { execute: { contract_addr: A.token, msg: "not base64 json", funds: [] } } }, CTX).words).toBe("a message the page cannot read");
    expect(decodeMsg({ wasm: { migrate: { contract_addr: A.distributor, new_code_id: 12, msg: b64({}) } } }, CTX)).toMatchObject({
      key: "distributor", words: "migrate it to code 12",
    });
    expect(decodeMsg({ wasm: { update_admin: { contract_addr: A.group, admin: ALEX } } }, CTX).words).toBe("make alex its admin (who may migrate it)");
    expect(decodeMsg({ bank: { send: { to_address: JORDAN, amount: [{ denom: "ucredit", amount: "10" }] } } }, CTX).words).toBe("send 10 ucredit to jordan");
    expect(decodeMsg({ stargate: { type_url: "/cosmos.feegrant.v1beta1.MsgGrantAllowance", value: "" } }, CTX).words).toBe(
      "a stargate message the page cannot read",
    );
  });
});

describe("votes and the rule a proposal passes by", () => {
  // Five members of weight 1; threshold 51 %, quorum 50 % (the default holon file).
  const T: ThresholdResponse = { threshold_quorum: { threshold: "0.51", quorum: "0.5", total_weight: 5 } };
  const v = (voter: string, vote: VoteInfo["vote"], weight = 1): VoteInfo => ({ proposal_id: 1, voter, vote, weight });

  it("counts as cw3 does: ceil(weight × share)", () => {
    expect(votesNeeded(5, "0.51")).toBe(3);
    expect(votesNeeded(5, "0.5")).toBe(3);
    expect(votesNeeded(4, "0.5")).toBe(2);
    expect(votesNeeded(15, "0.5")).toBe(8);
    expect(votesNeeded(3, "0.333")).toBe(1);
    expect(votesNeeded(3, "0.334")).toBe(2);
    expect(votesNeeded(420, "0.999")).toBe(420);
    expect(votesNeeded(7, "0")).toBe(0);
    expect(votesNeeded(7, "1")).toBe(7);
  });

  it("the proposer's yes, then two yes and a no pass it", () => {
    let votes = [v(ALEX, "yes")];
    expect(yesMissing(T, tally(votes))).toBe(2);
    votes = [...votes, v(JORDAN, "yes"), v("casey", "no")];
    expect(tally(votes)).toEqual({ yes: 2, no: 1, abstain: 0, veto: 0 });
    expect(yesMissing(T, tally(votes))).toBe(1);
    votes = [...votes, v("riley", "yes")];
    expect(yesMissing(T, tally(votes))).toBe(0);
    // Abstentions lower the yes needed; the quorum still counts them.
    expect(yesMissing(T, tally([v(ALEX, "yes"), v(JORDAN, "abstain", 2)]))).toBe(1);
    expect(yesMissing({ absolute_count: { weight: 3, total_weight: 5 } }, tally(votes))).toBe(0);
    expect(yesMissing({ absolute_percentage: { percentage: "0.6", total_weight: 5 } }, tally([v(ALEX, "yes")]))).toBe(2);
  });

  it("says the rule", () => {
    expect(thresholdWords(T)).toBe("3 yes of 5 (51%, abstentions aside), with at least 3 voting (quorum 50%)");
    expect(thresholdWords({ absolute_count: { weight: 3, total_weight: 5 } })).toBe("3 yes of 5");
    expect(thresholdWords({ absolute_percentage: { percentage: "0.6", total_weight: 5 } })).toBe("3 yes of 5 (60%, abstentions aside)");
    expect(ruleWords(T)).toMatch(/^A proposal passes when at least 50% of the members' weight has voted \(the quorum\) and 51% of the votes cast/);
  });

  it("says the time left by the chain's clock", () => {
    const now = Date.UTC(2026, 0, 1);
    const at = (ms: number) => ({ at_time: (BigInt(ms) * 1_000_000n).toString() });
    expect(timeLeft(at(now + 7 * 86400_000), now, 100)).toEqual({ text: "7 d 0 h left", seconds: 604800, ended: false });
    expect(timeLeft(at(now + 65_000), now, 100)).toEqual({ text: "1:05 left", seconds: 65, ended: false });
    expect(timeLeft(at(now - 1), now, 100)).toMatchObject({ text: "voting has ended", ended: true });
    expect(timeLeft({ at_height: 130 }, now, 100).text).toBe("until block 130 (30 blocks left)");
    expect(timeLeft({ at_height: 100 }, now, 100).ended).toBe(true);
    expect(timeLeft({ never: {} }, now, 100).text).toBe("no end");
  });
});

describe("reading the multisig: pages to the end", () => {
  it("follows list_proposals page after page", async () => {
    const all = Array.from({ length: 65 }, (_, i) => ({ id: i + 1 }));
    const asked: unknown[] = [];
    const q = async (contract: string, msg: unknown) => {
      asked.push([contract, msg]);
      const { start_after, limit } = (msg as { list_proposals: { start_after: number | null; limit: number } }).list_proposals;
      return { proposals: all.filter((p) => p.id > (start_after ?? 0)).slice(0, limit) };
    };
    const got = await listAllProposals(q, A.governance);
    expect(got.map((p) => p.id)).toEqual(all.map((p) => p.id));
    expect(asked).toEqual([
      [A.governance, { list_proposals: { start_after: null, limit: 30 } }],
      [A.governance, { list_proposals: { start_after: 30, limit: 30 } }],
      [A.governance, { list_proposals: { start_after: 60, limit: 30 } }],
    ]);
  });

  it("a full last page costs one more (empty) read", async () => {
    const pages: number[][] = [];
    const got = await allPages(async (after: number | undefined, limit) => {
      pages.push([after ?? 0, limit]);
      const start = after ?? 0;
      return start >= 60 ? [] : Array.from({ length: limit }, (_, i) => start + i + 1);
    }, (x) => x, { limit: 30 });
    expect(got).toHaveLength(60);
    expect(pages).toEqual([[0, 30], [30, 30], [60, 30]]);
  });

  it("follows list_votes by voter", async () => {
    const voters = Array.from({ length: 31 }, (_, i) => `wasm1voter${String(i).padStart(2, "0")}`);
    const q = async (_: string, msg: unknown) => {
      const { proposal_id, start_after, limit } = (msg as { list_votes: { proposal_id: number; start_after: string | null; limit: number } }).list_votes;
      expect(proposal_id).toBe(9);
      const rest = voters.filter((x) => start_after === null || x > start_after).slice(0, limit);
      return { votes: rest.map((voter) => ({ proposal_id, voter, vote: "yes", weight: 1 })) };
    };
    const got = await listAllVotes(q, A.governance, 9);
    expect(got.map((x) => x.voter)).toEqual(voters);
  });

  it("says what an executed proposal did, from its events", () => {
    const res = {
      events: [
        { type: "execute", attributes: [{ key: "_contract_address", value: A.governance }] },
        { type: "wasm", attributes: [{ key: "action", value: "execute" }, { key: "proposal_id", value: "1" }] },
        { type: "wasm", attributes: [{ key: "action", value: "set_policy" }, { key: "version", value: "2" }, { key: "from_cycle", value: "5" }] },
      ],
    };
    expect(executedWords(res)).toEqual(["policy version 2 applies from cycle 5"]);
    expect(executedWords({})).toEqual([]);
  });
});
