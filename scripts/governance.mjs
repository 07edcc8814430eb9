#!/usr/bin/env node
// A holon governed by its members (scripts/deploy.mjs's default): every steward action is a
// proposal to the members' cw3-flex-multisig. A member proposes it (their yes vote comes with
// it), the members vote with their group weight, and anyone executes it once it has passed;
// the multisig then sends the action to the holon's contract as their owner.
//
//   node scripts/governance.mjs propose DEPLOYMENT --title TEXT --action JSON [--action JSON ...]
//                                       [--description TEXT]
//                                       [--add-member ADDRESS[:WEIGHT] ...] [--remove-member ADDRESS ...]
//   node scripts/governance.mjs vote    DEPLOYMENT PROPOSAL_ID yes|no|abstain|veto
//   node scripts/governance.mjs execute DEPLOYMENT PROPOSAL_ID
//   node scripts/governance.mjs close   DEPLOYMENT PROPOSAL_ID     (an expired, failed one)
//   node scripts/governance.mjs list    DEPLOYMENT [PROPOSAL_ID]   (status, votes, actions)
//
// DEPLOYMENT: a deployment file (deployments/<chain-id>/<holon>.json) or, on the localnet, a
// holon's slug. An action is one steward message for one of the holon's contracts, keyed by
// the contract: {"distributor": {"set_policy": {"policy": {...}}}}, {"registry":
// {"set_category": {...}}}, {"attestation": {"resolve_dispute": {...}}}, {"group":
// {"update_members": {"add": [...], "remove": [...]}}}, {"token": {...}}; or any CosmosMsg
// as the multisig sends it ({"wasm": {"migrate": {...}}}, {"bank": {...}}). --action @FILE
// reads the JSON from FILE. --add-member and --remove-member write the group's update_members;
// where the holon pays its members' gas and the multisig is the fee granter (the deployment's
// fee_granter is its governance), the same proposal grants the new member the holon's
// allowance and revokes the leaving member's (CosmosMsg::Any of MsgGrantAllowance /
// MsgRevokeAllowance, sent by the multisig; scripts/feegrant.mjs). Where an account is the
// granter, it grants and revokes with scripts/feegrant.mjs once the proposal has passed.
//
// Signing (the member who proposes or votes; anyone executes):
//   --key NAME, --mnemonic-file FILE, --keyring-home DIR, --accounts FILE: as scripts/deploy.mjs
//   --node URL, --gas-prices PRICE: default the deployment's own rpc and gas_prices
//   --prefix PREFIX, --coin-type N: default the deployment's bech32_prefix and coin_type (a
//                          mnemonic's key is m/44'/N'/0'/0/0), else the localnet's
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

import { CosmWasmClient, SigningCosmWasmClient } from "@cosmjs/cosmwasm-stargate";
import { GasPrice } from "@cosmjs/stargate";

import { LOCALNET, loadDeployment, readAccounts, signerFrom } from "./accounts.mjs";
import { allowance, anyAction, grantMsg, revokeMsg } from "./feegrant.mjs";
import { close, describeMessage, execute, multisigOf, proposal, proposals, propose, vote } from "./proposals.mjs";

export {
  PARTS,
  close,
  describeMessage,
  execute,
  multisigOf,
  proposal,
  proposals,
  propose,
  proposeMessage,
  stewardMessage,
  vote,
  wasmExecute,
} from "./proposals.mjs";

/**
 * A membership change as proposal actions: the group's update_members, and, where the members'
 * multisig is the holon's fee granter, a grant of the holon's allowance to each new member and
 * a revoke of each leaving member's. `add`: addresses or {addr, weight}. `granted` (a Set of
 * addresses, when known: grantedOf) are those who hold the multisig's allowance now: a
 * re-weighed member keeps theirs (the chain refuses a second grant to the same grantee), and
 * only a held allowance is revoked (revoking none fails the whole proposal).
 */
export function membershipActions(d, { add = [], remove = [] } = {}, granted = null) {
  const adding = add.map((a) => (typeof a === "string" ? { addr: a, weight: 1 } : a));
  const actions = [{ group: { update_members: { add: adding, remove } } }];
  if (multisigPaysFees(d)) {
    for (const { addr } of adding)
      if (!granted?.has(addr)) actions.push(anyAction(grantMsg(d.fee_granter, addr, d.fee_allowance)));
    for (const addr of remove) if (!granted || granted.has(addr)) actions.push(anyAction(revokeMsg(d.fee_granter, addr)));
  }
  return actions;
}

const multisigPaysFees = (d) => Boolean(d.fee_granter && d.fee_granter === d.governance && d.fee_allowance);

/** Of `addresses`, those that hold deployment `d`'s fee granter's allowance now (a Set). */
export async function grantedOf(clientOrRpc, d, addresses) {
  const held = new Set();
  if (!multisigPaysFees(d)) return held;
  for (const addr of addresses) if (await allowance(clientOrRpc, d.fee_granter, addr)) held.add(addr);
  return held;
}

// ---------------------------------------------------------------------------- command line

function parseArgs(argv) {
  const flags = {
    "--title": "title",
    "--description": "description",
    "--node": "node",
    "--gas-prices": "gasPrices",
    "--key": "key",
    "--mnemonic-file": "mnemonicFile",
    "--keyring-home": "keyringHome",
    "--keyring-backend": "keyringBackend",
    "--prefix": "prefix",
    "--coin-type": "coinType",
    "--accounts": "accounts",
  };
  const opts = { actions: [], args: [], add: [], remove: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--help" || a === "-h") return { help: true };
    const [flag, inline] = a.includes("=") && a.startsWith("--") ? a.split(/=(.*)/s, 2) : [a, undefined];
    if (flag === "--action") {
      let v = inline ?? argv[++i];
      if (v === undefined) throw new Error("--action needs a JSON value");
      if (v.startsWith("@")) v = readFileSync(v.slice(1), "utf8");
      try {
        opts.actions.push(JSON.parse(v));
      } catch (e) {
        throw new Error(`--action is not JSON: ${e.message}`);
      }
    } else if (flag === "--add-member" || flag === "--remove-member") {
      const v = inline ?? argv[++i];
      if (v === undefined) throw new Error(`${flag} needs an address`);
      if (flag === "--remove-member") opts.remove.push(v);
      else {
        const [addr, weight = "1"] = v.split(":");
        if (!/^\d+$/.test(weight)) throw new Error(`--add-member ${v}: the weight must be a whole number`);
        opts.add.push({ addr, weight: Number(weight) });
      }
    } else if (flags[flag]) {
      const v = inline ?? argv[++i];
      if (v === undefined) throw new Error(`${flag} needs a value`);
      opts[flags[flag]] = v;
    } else if (a.startsWith("--")) {
      throw new Error(`unknown option ${a}`);
    } else {
      opts.args.push(a);
    }
  }
  return opts;
}

async function main() {
  let opts;
  try {
    opts = parseArgs(process.argv.slice(2));
    if (!opts.help && opts.args.length < 2) throw new Error("give a command and a deployment");
  } catch (e) {
    console.error(`governance: ${e.message}`);
    opts = { help: true, bad: true };
  }
  if (opts.help) {
    const text = readFileSync(fileURLToPath(import.meta.url), "utf8").split("\n");
    const end = text.findIndex((l) => l.startsWith("import"));
    console.log(text.slice(1, end).map((l) => l.replace(/^\/\/ ?/, "")).join("\n"));
    process.exit(opts.bad ? 2 : 0);
  }
  const [command, dep, ...rest] = opts.args;
  const d = loadDeployment(dep);
  multisigOf(d);
  const node = opts.node ?? d.rpc;
  let client;
  let address = null;
  if (command === "list") {
    client = await CosmWasmClient.connect(node);
  } else {
    const prefix = opts.prefix ?? d.bech32_prefix ?? LOCALNET.prefix;
    if (opts.coinType !== undefined && !/^\d+$/.test(opts.coinType))
      throw new Error(`--coin-type is a slip44 number (118 for most Cosmos chains), got "${opts.coinType}"`);
    const coinType = opts.coinType !== undefined ? Number(opts.coinType) : d.coin_type;
    const wallet = await signerFrom({ ...opts, prefix, coinType }, readAccounts(opts.accounts ?? LOCALNET.accounts));
    [{ address }] = await wallet.getAccounts();
    client = await SigningCosmWasmClient.connectWithSigner(node, wallet, {
      gasPrice: GasPrice.fromString(opts.gasPrices ?? d.gas_prices),
      broadcastPollIntervalMs: 300,
    });
  }
  const who = { client, address };
  const id = () => {
    if (!/^\d+$/.test(rest[0] ?? "")) throw new Error(`${command} needs a proposal id`);
    return Number(rest[0]);
  };
  try {
    switch (command) {
      case "propose": {
        const change = { add: opts.add, remove: opts.remove };
        const touched = [...opts.add.map((a) => (typeof a === "string" ? a : a.addr)), ...opts.remove];
        const members = touched.length ? membershipActions(d, change, await grantedOf(client, d, touched)) : [];
        const p = await propose(who, d, [...opts.actions, ...members], { title: opts.title, description: opts.description });
        console.log(`proposal ${p.id} (${p.status}), proposed by ${address}, tx ${p.res.transactionHash}`);
        if (members.length && d.fee_granter && d.fee_granter !== d.governance)
          console.log(
            `the holon pays its members' gas from ${d.fee_granter}: once it has passed, the granter runs ` +
              `node scripts/feegrant.mjs ${opts.add.length ? `grant ${dep} ${opts.add.map((a) => a.addr).join(" ")}` : ""}` +
              `${opts.add.length && opts.remove.length ? " and " : ""}${opts.remove.length ? `revoke ${dep} ${opts.remove.join(" ")}` : ""}`,
          );
        break;
      }
      case "vote": {
        const v = await vote(who, d, id(), rest[1] ?? "yes");
        console.log(`${address} voted ${rest[1] ?? "yes"} on proposal ${id()}: now ${v.status}, tx ${v.res.transactionHash}`);
        break;
      }
      case "execute": {
        const res = await execute(who, d, id());
        console.log(`proposal ${id()} executed by ${address}, tx ${res.transactionHash}`);
        break;
      }
      case "close": {
        const res = await close(who, d, id());
        console.log(`proposal ${id()} closed, tx ${res.transactionHash}`);
        break;
      }
      case "list": {
        const list = rest.length ? [await proposal(client, d, id())] : await proposals(client, d);
        const threshold = await client.queryContractSmart(d.governance, { threshold: {} });
        console.log(`${d.holon}: governance ${d.governance} ${JSON.stringify(threshold)}`);
        const name = (addr) => d.members?.find((m) => m.address === addr)?.name ?? addr;
        const expires = (e) =>
          e.at_time ? new Date(Number(BigInt(e.at_time) / 1_000_000n)).toISOString() : e.at_height ? `at height ${e.at_height}` : "never";
        for (const p of list) {
          console.log(`\n#${p.id} ${p.status}: ${p.title} (by ${name(p.proposer)}, voting until ${expires(p.expires)})`);
          if (p.description) console.log(`  ${p.description}`);
          for (const m of p.msgs) console.log(`  - ${describeMessage(d, m)}`);
          for (const v of p.votes ?? []) console.log(`  ${name(v.voter)}: ${v.vote} (weight ${v.weight})`);
        }
        break;
      }
      default:
        throw new Error(`unknown command ${command} (propose, vote, execute, close, list)`);
    }
  } finally {
    client.disconnect();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  try {
    await main();
  } catch (e) {
    console.error(`governance: ${e.message}`);
    process.exit(1);
  }
}
