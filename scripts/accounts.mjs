// The chain's basics every script shares: where the repository and the localnet live, and
// the signers and addresses of named accounts (the localnet's test keys, a mnemonic file or a
// wasmd keyring). deploy.mjs re-exports them; feegrant.mjs imports them from here, so that
// deploy.mjs (which grants fees at deploy) and feegrant.mjs do not import each other.
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { homedir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

import { stringToPath } from "@cosmjs/crypto";
import { fromHex } from "@cosmjs/encoding";
import { DirectSecp256k1HdWallet, DirectSecp256k1Wallet } from "@cosmjs/proto-signing";

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
export const CACHE_DIR =
  process.env.CW_FLOW_CACHE ||
  join(process.env.XDG_CACHE_HOME || join(homedir(), ".cache"), "cw-flow");
export const LOCALNET_HOME = process.env.LOCALNET_HOME || join(CACHE_DIR, "localnet");
export const LOCALNET = {
  node: `http://127.0.0.1:${process.env.LOCALNET_RPC_PORT || 26657}`,
  chainId: process.env.LOCALNET_CHAIN_ID || "cw-flow-local",
  gasPrices: "0.0025stake",
  accounts: join(LOCALNET_HOME, "accounts.json"),
  prefix: "wasm",
  coinType: 118, // slip44: wasmd's keys (m/44'/118'/0'/0/0)
};

/** The localnet's named accounts, or {} when there is no such file. */
export function readAccounts(file = LOCALNET.accounts) {
  if (!file || !existsSync(file)) return {};
  const doc = JSON.parse(readFileSync(file, "utf8"));
  return Object.fromEntries(doc.accounts.map((a) => [a.name, a]));
}

export async function walletFromAccount(account, prefix = LOCALNET.prefix) {
  return DirectSecp256k1Wallet.fromKey(fromHex(account.private_key), prefix);
}

/**
 * The deployer's (or a member's) wallet from --mnemonic-file, --keyring-home or --key. A
 * mnemonic derives the key at m/44'/COIN'/0'/0/0 with the chain's slip44 coin type
 * (opts.coinType, default the localnet's 118).
 */
export async function signerFrom(opts, accounts) {
  if (opts.mnemonicFile) {
    const mnemonic = readFileSync(opts.mnemonicFile, "utf8").trim();
    const coinType = opts.coinType ?? LOCALNET.coinType;
    return DirectSecp256k1HdWallet.fromMnemonic(mnemonic, {
      prefix: opts.prefix,
      hdPaths: [stringToPath(`m/44'/${coinType}'/0'/0/0`)],
    });
  }
  const name = opts.key ?? "steward";
  if (opts.keyringHome) {
    const wasmd = process.env.WASMD || join(CACHE_DIR, "wasmd-v0.61.14", "wasmd");
    const hex = execFileSync(
      existsSync(wasmd) ? wasmd : "wasmd",
      ["keys", "export", name, "--unarmored-hex", "--unsafe", "--keyring-backend", opts.keyringBackend ?? "test", "--home", opts.keyringHome],
      { input: "y\n", encoding: "utf8", env: { ...process.env, LD_LIBRARY_PATH: [dirname(wasmd), process.env.LD_LIBRARY_PATH].filter(Boolean).join(":") } },
    ).trim().split("\n").at(-1);
    if (!/^[0-9a-f]{64}$/.test(hex)) throw new Error(`wasmd keys export ${name} gave no private key`);
    return DirectSecp256k1Wallet.fromKey(fromHex(hex), opts.prefix);
  }
  const account = accounts[name];
  if (account && !account.private_key)
    throw new Error(`the accounts file has no key for "${name}": use --mnemonic-file or --keyring-home`);
  if (!account)
    throw new Error(
      `no key named "${name}": give --mnemonic-file FILE, or --accounts FILE with that name ` +
        `(the localnet's is made by scripts/localnet.sh start)`,
    );
  return walletFromAccount(account, opts.prefix);
}

// A holon-file name ("alex") or a bech32 address.
export function resolveAddress(nameOrAddr, accounts, prefix, what) {
  if (nameOrAddr.startsWith(`${prefix}1`) && nameOrAddr.length > 38) return nameOrAddr;
  const a = accounts[nameOrAddr];
  if (!a) throw new Error(`${what} "${nameOrAddr}" is neither a ${prefix}1... address nor a named account (--accounts)`);
  return a.address;
}

/** A deployment file: a path, or a holon's slug on the localnet (deployments/<chain-id>/<slug>.json). */
export function loadDeployment(arg) {
  if (existsSync(arg)) return JSON.parse(readFileSync(arg, "utf8"));
  const file = join(ROOT, "deployments", LOCALNET.chainId, `${arg}.json`);
  if (existsSync(file)) return JSON.parse(readFileSync(file, "utf8"));
  throw new Error(`no deployment file ${arg} (nor ${file})`);
}
