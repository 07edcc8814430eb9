// `deploy.mjs --chain NAME`: the chain's facts from the pinned chain registry (scripts/chains.mjs),
// offline. Real registry entries resolve to the exact chain id, prefix, coin type, fee denom and
// gas price (the values of chain-registry 1.69.674, as its chain.json files say); an unknown
// name lists close matches; a node of another chain is refused before anything is signed (a
// stub CometBFT node on 127.0.0.1 answers `status`); a mnemonic's key is derived with the
// chain's coin type. Needs no localnet: `node --test scripts/e2e/00-chains.test.mjs`.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import assert from "node:assert/strict";

import { Bip39, EnglishMnemonic, Secp256k1, Slip10, Slip10Curve, Ripemd160, Sha256, stringToPath } from "@cosmjs/crypto";
import { toBech32 } from "@cosmjs/encoding";

import { LOCALNET, ROOT, signerFrom } from "../accounts.mjs";
import { ChainError, REGISTRY_VERSION, chainSettings, resolveChain, sourceCommit } from "../chains.mjs";
import { deploy, loadHolonFile } from "../deploy.mjs";

// BIP-39's test mnemonic (never a real key).
const MNEMONIC = "abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about";

test("the registry is the pinned chain-registry, the same version packages/flow-web pins", () => {
  assert.equal(REGISTRY_VERSION, "1.69.674");
  const scripts = JSON.parse(readFileSync(join(ROOT, "scripts/package.json"), "utf8"));
  const web = JSON.parse(readFileSync(join(ROOT, "packages/flow-web/package.json"), "utf8"));
  assert.equal(scripts.dependencies["chain-registry"], "1.69.674");
  assert.equal(web.dependencies["chain-registry"] ?? web.devDependencies?.["chain-registry"], "1.69.674");
});

test("real registry entries resolve to their chain id, prefix, coin type, fee denom, gas price, endpoints and explorer", () => {
  assert.deepEqual(resolveChain("osmosistestnet"), {
    chain_name: "osmosistestnet",
    pretty_name: "Osmosis Testnet",
    network_type: "testnet",
    chain_id: "osmo-test-5",
    bech32_prefix: "osmo",
    coin_type: 118,
    fee_denom: "uosmo",
    gas_prices: "0.025uosmo",
    rpc: "https://rpc.osmotest5.osmosis.zone",
    rest: "https://lcd.osmotest5.osmosis.zone",
    explorer: "https://mintscan.io/osmosis-testnet/txs/{hash}",
  });
  assert.deepEqual(resolveChain("neutrontestnet"), {
    chain_name: "neutrontestnet",
    pretty_name: "Neutron Testnet",
    network_type: "testnet",
    chain_id: "pion-1",
    bech32_prefix: "neutron",
    coin_type: 118,
    fee_denom: "untrn",
    gas_prices: "0.0053untrn",
    rpc: "https://rpc-falcron.pion-1.ntrn.tech",
    rest: "https://rest-falcron.pion-1.ntrn.tech",
    explorer: "https://explorer.rs-testnet.polypore.xyz/pion-1/tx/{hash}",
  });
  assert.deepEqual(resolveChain("junotestnet"), {
    chain_name: "junotestnet",
    pretty_name: "Juno Testnet",
    network_type: "testnet",
    chain_id: "uni-7",
    bech32_prefix: "juno",
    coin_type: 118,
    fee_denom: "ujunox",
    gas_prices: "0.0045ujunox",
    rpc: "https://juno-testnet-rpc.polkachu.com",
    rest: "https://juno-testnet-api.polkachu.com",
    explorer: "https://explorer.stavr.tech/Juno-Testnet/txs/{hash}",
  });
  // Coin types other than 118: Terra's 330, Coreum's (TX) 990.
  const terra = resolveChain("terra2testnet");
  assert.deepEqual(
    [terra.chain_id, terra.bech32_prefix, terra.coin_type, terra.fee_denom, terra.gas_prices, terra.rpc],
    ["pisco-1", "terra", 330, "uluna", "0.015uluna", "https://pisco-rpc.terra.dev:443"],
  );
  const coreum = resolveChain("coreumtestnet");
  assert.deepEqual(
    [coreum.chain_id, coreum.bech32_prefix, coreum.coin_type, coreum.fee_denom, coreum.gas_prices],
    ["coreum-testnet-1", "testcore", 990, "utestcore", "0.0625utestcore"],
  );
  // A gas price of 1.5e12 is written out for CosmJS's GasPrice (no exponent).
  assert.equal(resolveChain("archwaytestnet").gas_prices, "1500000000000aconst");
  // A mainnet entry resolves the same way.
  const juno = resolveChain("juno");
  assert.deepEqual([juno.chain_id, juno.bech32_prefix, juno.coin_type, juno.fee_denom], ["juno-1", "juno", 118, "ujuno"]);
});

test("an unknown name lists close matches; a chain id names its registry entry; an ethsecp256k1 chain is refused", () => {
  const tail = ". A chain that is not in the registry deploys with explicit flags: --chain-id, --node, --prefix, --coin-type, --gas-prices";
  assert.throws(() => resolveChain("osmosis-testnet"), {
    name: "Error",
    message: `no chain "osmosis-testnet" in the chain registry (chain-registry 1.69.674); close matches: osmosistestnet, osmosis, cosmoshubtestnet, cosstestnet, desmostestnet, evmostestnet${tail}`,
  });
  assert.throws(() => resolveChain("neutrontest"), {
    message: `no chain "neutrontest" in the chain registry (chain-registry 1.69.674); close matches: neutrontestnet, neutron, tron${tail}`,
  });
  assert.throws(() => resolveChain("osmo-test-5"), {
    message: `no chain "osmo-test-5" in the chain registry (chain-registry 1.69.674); "osmo-test-5" is the chain id of osmosistestnet: give --chain osmosistestnet${tail}`,
  });
  assert.throws(() => resolveChain("qqqqqqqqqqqq"), {
    message: `no chain "qqqqqqqqqqqq" in the chain registry (chain-registry 1.69.674)${tail}`,
  });
  assert.throws(() => resolveChain("mantrachaintestnet2"), {
    message: "the chain registry's mantrachaintestnet2 (chain-registry 1.69.674) signs with ethsecp256k1 keys; the deployer's signer (CosmJS) makes secp256k1 keys only",
  });
  assert.throws(() => resolveChain("nope"), ChainError);
});

test("the deploy's settings: the localnet by default, the registry with --chain, explicit flags over both", () => {
  assert.deepEqual(chainSettings({}), {
    chain_name: null,
    chain_id: null,
    bech32_prefix: "wasm",
    coin_type: 118,
    gas_prices: "0.0025stake",
    fee_denom: "stake",
    rpc: LOCALNET.node,
    rest: null,
    explorer: null,
    localnet: true,
  });
  const s = chainSettings({ chain: "junotestnet", node: "http://127.0.0.1:36657", gasPrices: "0.003ujunox" });
  assert.deepEqual(
    [s.chain_name, s.chain_id, s.bech32_prefix, s.coin_type, s.fee_denom, s.gas_prices, s.rpc, s.rest, s.localnet],
    ["junotestnet", "uni-7", "juno", 118, "ujunox", "0.003ujunox", "http://127.0.0.1:36657", "https://juno-testnet-api.polkachu.com", false],
  );
  // A chain that is not in the registry, by explicit flags.
  assert.deepEqual(
    chainSettings({
      chainId: "mychain-1", node: "http://127.0.0.1:36657", prefix: "my", coinType: "529", gasPrices: "0.1umy",
      rest: "http://127.0.0.1:1317", explorer: "https://explorer.example/my/tx/{hash}",
    }),
    {
      chain_name: null, chain_id: "mychain-1", bech32_prefix: "my", coin_type: 529, fee_denom: "umy",
      gas_prices: "0.1umy", rpc: "http://127.0.0.1:36657", rest: "http://127.0.0.1:1317",
      explorer: "https://explorer.example/my/tx/{hash}", localnet: false,
    },
  );
  assert.throws(() => chainSettings({ chain: "osmosistestnet", chainId: "osmosis-1" }), {
    message: "--chain osmosistestnet is chain id osmo-test-5 in the registry, not --chain-id osmosis-1",
  });
  assert.throws(() => chainSettings({ coinType: "x" }), { message: '--coin-type must be a slip44 number like 118, got "x"' });
  assert.throws(() => chainSettings({ explorer: "https://x/tx" }), {
    message: "--explorer must be a tx page template with {hash}, got https://x/tx",
  });
});

test("a mnemonic's key is derived with the chain's coin type", async () => {
  const dir = mkdtempSync(join(tmpdir(), "cw-flow-chains-"));
  try {
    const file = join(dir, "mnemonic");
    writeFileSync(file, MNEMONIC + "\n");
    const addressOf = async (prefix, coinType) => {
      const [{ address }] = await (await signerFrom({ mnemonicFile: file, prefix, coinType }, {})).getAccounts();
      return address;
    };
    // The well-known cosmos address of this mnemonic at m/44'/118'/0'/0/0, with osmo's prefix.
    assert.equal(await addressOf("cosmos", 118), "cosmos19rl4cm2hmr8afy4kldpxz3fka4jguq0auqdal4");
    assert.equal(await addressOf("cosmos", undefined), "cosmos19rl4cm2hmr8afy4kldpxz3fka4jguq0auqdal4");
    // Terra's 330, derived by hand (SLIP-10, secp256k1, RIPEMD-160 of SHA-256 of the key).
    const seed = await Bip39.mnemonicToSeed(new EnglishMnemonic(MNEMONIC));
    const { privkey } = Slip10.derivePath(Slip10Curve.Secp256k1, seed, stringToPath("m/44'/330'/0'/0/0"));
    const pub = Secp256k1.compressPubkey((await Secp256k1.makeKeypair(privkey)).pubkey);
    const terra = toBech32("terra", new Ripemd160().update(new Sha256(pub).digest()).digest());
    const { bech32_prefix, coin_type } = resolveChain("terra2testnet");
    assert.equal(await addressOf(bech32_prefix, coin_type), terra);
    assert.notEqual(await addressOf("terra", 118), terra);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

// ------------------------------------------------------------------ a stub node of another chain

/** A CometBFT 0.38 RPC on 127.0.0.1 that only answers `status`, as chain `network`. */
async function stubNode(network) {
  const status = {
    node_info: {
      protocol_version: { p2p: "8", block: "11", app: "0" },
      id: "0123456789abcdef0123456789abcdef01234567",
      listen_addr: "tcp://127.0.0.1:26656",
      network,
      version: "0.38.17",
      channels: "40202122233038606100",
      moniker: "stub",
      other: { tx_index: "on", rpc_address: "tcp://127.0.0.1:26657" },
    },
    sync_info: {
      latest_block_hash: "AB".repeat(32),
      latest_app_hash: "CD".repeat(32),
      latest_block_height: "100",
      latest_block_time: "2026-01-01T00:00:00.000000000Z",
      catching_up: false,
    },
    validator_info: {
      address: "EF".repeat(20),
      pub_key: { type: "tendermint/PubKeyEd25519", value: Buffer.alloc(32, 1).toString("base64") },
      voting_power: "10",
    },
  };
  const server = createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      let id = 0;
      let method = "";
      try {
        ({ id, method } = JSON.parse(body));
      } catch {}
      res.setHeader("content-type", "application/json");
      res.end(JSON.stringify(method === "status"
        ? { jsonrpc: "2.0", id, result: status }
        : { jsonrpc: "2.0", id, error: { code: -32601, message: `the stub answers status only, not ${method}` } }));
    });
  });
  await new Promise((r) => server.listen(0, "127.0.0.1", r));
  return { url: `http://127.0.0.1:${server.address().port}`, close: () => new Promise((r) => server.close(r)) };
}

let dir;
let mnemonicFile;
before(() => {
  dir = mkdtempSync(join(tmpdir(), "cw-flow-chains-"));
  mnemonicFile = join(dir, "mnemonic");
  writeFileSync(mnemonicFile, MNEMONIC + "\n");
});
after(() => rmSync(dir, { recursive: true, force: true }));

test("deploy --chain refuses a node of another chain, naming both chain ids, before it signs anything", async () => {
  const node = await stubNode("cw-flow-e2e");
  try {
    const holon = loadHolonFile(join(ROOT, "scripts/holons/holon-alpha.toml"));
    await assert.rejects(
      deploy(holon, { chain: "osmosistestnet", node: node.url, mnemonicFile, out: join(dir, "never.json"), log: () => {} }),
      {
        name: "Error",
        message:
          `--chain osmosistestnet is chain id osmo-test-5 in the chain registry (chain-registry 1.69.674), ` +
          `but the node at ${node.url} is chain cw-flow-e2e: give the right --node, or the right chain`,
      },
    );
    // --chain-id (a chain off the registry) is checked the same way.
    await assert.rejects(
      deploy(holon, { chainId: "mychain-1", node: node.url, prefix: "my", gasPrices: "0.1umy", mnemonicFile, log: () => {} }),
      { message: `--chain-id mychain-1, but the node at ${node.url} is chain cw-flow-e2e: give the right --node, or the right chain` },
    );
  } finally {
    await node.close();
  }
});

test("deploy --chain uses no localnet account: a localnet member's wasm1 address is refused on osmo-test-5", async () => {
  const node = await stubNode("osmo-test-5");
  try {
    const holon = loadHolonFile(join(ROOT, "scripts/holons/holon-alpha.toml"));
    const opts = { chain: "osmosistestnet", node: node.url, mnemonicFile, out: join(dir, "never.json"), log: () => {} };
    // No --accounts: the holon's names ("alex") are nobody on that chain.
    await assert.rejects(deploy(holon, opts), {
      message: /^(member|governance) "\w+" is neither a osmo1\.\.\. address nor a named account \(--accounts\)$/,
    });
    // --accounts naming localnet addresses: refused, naming the chain's prefix.
    const accounts = join(dir, "accounts.json");
    const wasmAddr = "wasm1qqqsyqcyq5rqwzqfpg9scrgwpugpzysn3n3j0e";
    const names = [...new Set([...holon.members.map((m) => m.addr), "steward"])];
    writeFileSync(accounts, JSON.stringify({ accounts: names.map((name) => ({ name, address: wasmAddr })) }));
    await assert.rejects(deploy(holon, { ...opts, accounts }), {
      message: new RegExp(`^(member \\w+|governance) is ${wasmAddr}, not an address of osmo-test-5 \\(prefix osmo\\): give its osmo1… address$`),
    });
  } finally {
    await node.close();
  }
});

test("source_commit: git HEAD, with -dirty when contracts/ or packages/ have uncommitted changes", () => {
  assert.match(sourceCommit(), /^[0-9a-f]{40}(-dirty)?$/);
  assert.equal(sourceCommit(tmpdir()), null);
});
