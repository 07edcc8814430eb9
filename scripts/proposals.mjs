// The members' proposals, as a library: a steward action as the CosmosMsg the members'
// cw3-flex-multisig sends, and propose / vote / execute / close / read proposals. Imported by
// scripts/governance.mjs (its command line), scripts/deploy.mjs (--upgrade) and
// scripts/feegrant.mjs (renew); it imports none of them.
import { toBase64, toUtf8 } from "@cosmjs/encoding";

/** The holon's contracts an action may address, by the key it is written under. */
export const PARTS = ["group", "registry", "attestation", "distributor", "token"];
/** The CosmosMsg kinds passed through as they are. */
const COSMOS_MSGS = ["wasm", "bank", "staking", "distribution", "stargate", "any", "ibc", "gov", "custom"];

/** A wasm execute message as a CosmosMsg (what the multisig sends). */
export function wasmExecute(contract, msg, funds = []) {
  return { wasm: { execute: { contract_addr: contract, msg: toBase64(toUtf8(JSON.stringify(msg))), funds } } };
}

/**
 * One steward action as the CosmosMsg the multisig will send: `{distributor: {set_policy:
 * {...}}}` (or `{distributor: {...}, funds: [...]}`) for one of the holon's contracts
 * (deployment `d`), or a CosmosMsg as it is.
 */
export function stewardMessage(d, action) {
  if (!action || typeof action !== "object" || Array.isArray(action))
    throw new Error(`an action is an object like {"distributor": {"set_policy": {...}}}, got ${JSON.stringify(action)}`);
  const { funds = [], ...rest } = action;
  const keys = Object.keys(rest);
  if (keys.length !== 1)
    throw new Error(`an action names one contract (${PARTS.join(", ")}) or one CosmosMsg kind, got ${keys.join(", ") || "none"}`);
  const [key] = keys;
  if (COSMOS_MSGS.includes(key)) return action;
  if (!PARTS.includes(key)) throw new Error(`unknown contract "${key}" (known: ${PARTS.join(", ")}, or a CosmosMsg)`);
  const contract = d.addresses?.[key];
  if (!contract) throw new Error(`the deployment has no ${key} address`);
  return wasmExecute(contract, rest[key], funds);
}

/**
 * The multisig's Propose message for `actions` (one or a list): `{propose: {title,
 * description, msgs, latest}}`. `latest` (a cw-utils Expiration) may only shorten the
 * multisig's voting period.
 */
export function proposeMessage(d, actions, { title, description = "", latest = null } = {}) {
  if (!title) throw new Error("a proposal needs a title");
  const list = Array.isArray(actions) ? actions : [actions];
  if (list.length === 0) throw new Error("a proposal needs at least one action");
  return { propose: { title, description, msgs: list.map((a) => stewardMessage(d, a)), latest } };
}

/** The members' multisig of deployment `d`; refuses a holon governed by one address. */
export function multisigOf(d) {
  if (d.governance_kind !== "members")
    throw new Error(
      `${d.holon ?? "this holon"} is governed by ${d.governance} (governance_kind ${d.governance_kind ?? "address"}), ` +
        "not by its members' multisig: its governance signs steward actions directly",
    );
  return d.governance;
}

// The first value of a wasm event attribute of the multisig.
function multisigAttr(res, multisig, key) {
  for (const e of res.events) {
    if (!e.type.startsWith("wasm")) continue;
    if (!e.attributes.some((a) => a.key === "_contract_address" && a.value === multisig)) continue;
    const a = e.attributes.find((a) => a.key === key);
    if (a) return a.value;
  }
  throw new Error(`no ${key} from the multisig in tx ${res.transactionHash}`);
}

/**
 * `who` ({client, address}: a signing client and its address) proposes `actions` to the
 * members of deployment `d`. Returns {id, status, res}: the proposal's id, its status after
 * the proposer's own yes ("open", or "passed" when that alone passes it), the tx result.
 */
export async function propose(who, d, actions, opts, fee = "auto") {
  const multisig = multisigOf(d);
  const res = await who.client.execute(who.address, multisig, proposeMessage(d, actions, opts), fee);
  return {
    id: Number(multisigAttr(res, multisig, "proposal_id")),
    status: multisigAttr(res, multisig, "status").toLowerCase(),
    res,
  };
}

/** `who` votes yes, no, abstain or veto on proposal `id`; returns {status, res}. */
export async function vote(who, d, id, choice = "yes", fee = "auto") {
  if (!["yes", "no", "abstain", "veto"].includes(choice)) throw new Error(`a vote is yes, no, abstain or veto, not ${choice}`);
  const multisig = multisigOf(d);
  const res = await who.client.execute(who.address, multisig, { vote: { proposal_id: Number(id), vote: choice } }, fee);
  return { status: multisigAttr(res, multisig, "status").toLowerCase(), res };
}

/** Anyone executes passed proposal `id`: the multisig sends its messages. Returns the tx result. */
export async function execute(who, d, id, fee = "auto") {
  return who.client.execute(who.address, multisigOf(d), { execute: { proposal_id: Number(id) } }, fee);
}

/** Anyone closes proposal `id` once it expired without passing. */
export async function close(who, d, id, fee = "auto") {
  return who.client.execute(who.address, multisigOf(d), { close: { proposal_id: Number(id) } }, fee);
}

/** Proposal `id` as the multisig answers (cw3 ProposalResponse), with its ballots. */
export async function proposal(client, d, id) {
  const multisig = multisigOf(d);
  const p = await client.queryContractSmart(multisig, { proposal: { proposal_id: Number(id) } });
  const { votes } = await client.queryContractSmart(multisig, { list_votes: { proposal_id: Number(id), limit: 30 } });
  return { ...p, votes };
}

/** Every proposal, oldest first (cw3 ProposalResponse each). */
export async function proposals(client, d) {
  const multisig = multisigOf(d);
  const all = [];
  for (;;) {
    const { proposals: page } = await client.queryContractSmart(multisig, {
      list_proposals: { start_after: all.at(-1)?.id ?? null, limit: 30 },
    });
    all.push(...page);
    if (page.length < 30) return all;
  }
}

/** One CosmosMsg of a proposal in short words: "distributor set_policy {...}". */
export function describeMessage(d, msg) {
  const exec = msg.wasm?.execute;
  if (!exec) return JSON.stringify(msg);
  const part = PARTS.find((p) => d.addresses?.[p] === exec.contract_addr) ?? exec.contract_addr;
  const inner = JSON.parse(Buffer.from(exec.msg, "base64").toString("utf8"));
  const [name] = Object.keys(inner);
  return `${part} ${name} ${JSON.stringify(inner[name])}`;
}
