import { chainRegistryChainToKeplr } from "@chain-registry/keplr";
import { fromBech32, toBech32 } from "@cosmjs/encoding";
import { describe, expect, it } from "vitest";

import { checkDeployment } from "./chain";
import { REGISTRY_CHAINS, WALLET_OPTIONS, chainDescription, chooseChain, deploymentChain, walletList } from "./wallet";

const local = checkDeployment(
  {
    holon: "Holon Alpha",
    chain_id: "cw-flow-local",
    rpc: "http://127.0.0.1:26657",
    gas_prices: "0.0025stake",
    addresses: {
      group: "wasm1asvgm5x6dm2k2m59pu6t750l0eqswddh8pjulqwe3kvk25tz9g4qp7v6ru",
      registry: "wasm1dlgyqlh6glr0fhadn9yjf6rv9a5m7lze9ze74mlwem62xcf8m9hs359r70",
      distributor: "wasm10rj6gcd55fh2405p69swef3feyaqw07dsrqwxnq7grffu55uvcksua4lzw",
      token: "wasm1asqz2l6jh7472ur8u5zrqnvdq2vyeyej832en9h5z5f9sy3x8jkqmxvvnq",
      attestation: "wasm1p6pgarh53fd6zr3atejajvr6lh3w0fdsvh8s00gs8jc85xmr0mpster47d",
    },
  },
  "x",
);
// The same holon's addresses as a Juno holon would have them (bech32 "juno").
const juno = checkDeployment(
  {
    ...local,
    chain_id: "juno-1",
    rpc: "https://rpc.example.org",
    gas_prices: "0.075ujuno",
    bech32_prefix: "juno",
    addresses: Object.fromEntries(Object.entries(local.addresses).map(([k, a]) => [k, toBech32("juno", fromBech32(a, 90).data, 90)])),
  },
  "x",
);

describe("the chain description", () => {
  it("for a localnet is made from the deployment file, and the wallet layer turns it into Keplr's", () => {
    const c = deploymentChain(local);
    expect(c.source).toBe("deployment");
    expect(c.chain.chain_id).toBe("cw-flow-local");
    expect(c.chain.bech32_prefix).toBe("wasm");
    expect(c.chain.apis?.rpc?.[0].address).toBe("http://127.0.0.1:26657");
    expect(c.chain.apis?.rest?.[0].address).toBe("http://127.0.0.1:1317");
    expect(c.chain.fees?.fee_tokens[0]).toMatchObject({ denom: "stake", low_gas_price: 0.0025 });
    const keplr = chainRegistryChainToKeplr(c.chain as never, [c.assetList as never]);
    expect(keplr.chainId).toBe("cw-flow-local");
    expect(keplr.rpc).toBe("http://127.0.0.1:26657");
    expect(keplr.bech32Config!.bech32PrefixAccAddr).toBe("wasm");
    expect(keplr.bech32Config!.bech32PrefixValAddr).toBe("wasmvaloper");
    expect(keplr.bip44.coinType).toBe(118);
    expect(keplr.feeCurrencies[0]).toMatchObject({ coinMinimalDenom: "stake", coinDenom: "STAKE", coinDecimals: 6 });
    expect(keplr.feeCurrencies[0].gasPriceStep?.low).toBe(0.0025);
    expect(keplr.features).toContain("cosmwasm");
  });

  it("for a known chain comes from the chain registry, with the deployment's RPC first", async () => {
    expect(Object.keys(REGISTRY_CHAINS)).toContain("juno-1");
    const c = await chainDescription(juno);
    expect(c.source).toBe("registry");
    expect(c.chain.chain_name).toBe("juno");
    expect(c.chain.pretty_name).toBe("Juno");
    expect(c.chain.slip44).toBe(118);
    expect(c.chain.apis?.rpc?.[0].address).toBe("https://rpc.example.org");
    expect(c.chain.apis!.rpc!.length).toBeGreaterThan(1);
    expect(c.assetList.assets.some((a) => a.base === "ujuno")).toBe(true);
  });

  it("falls back to the deployment file for a chain the registry lacks, or when the prefix does not match", async () => {
    expect((await chainDescription(local)).source).toBe("deployment");
    const entry = await REGISTRY_CHAINS["juno-1"]();
    // A deployment claiming juno-1 with wasm1… addresses is not the registry's Juno.
    expect(chooseChain({ ...juno, bech32_prefix: "wasm" }, entry).source).toBe("deployment");
    expect(chooseChain(juno, entry).source).toBe("registry");
    expect(chooseChain(juno, null).source).toBe("deployment");
  });
});

describe("the chain facts the deployment file gives (scripts/deploy.mjs: bech32_prefix, coin_type, fee_denom, rest, explorer)", () => {
  it("a chain of coin type 330 with its own explorer and REST: the wallet is told, and the registry's entry is not used when it says otherwise", async () => {
    const d = checkDeployment(
      { ...juno, coin_type: 330, fee_denom: "ujuno", rest: "https://rest.example.org", explorer: "https://explorer.example/juno/tx/{hash}", chain_name: "Juno (test)" },
      "x",
    );
    const c = deploymentChain(d);
    expect(c.chain.slip44).toBe(330);
    expect(c.chain.bech32_prefix).toBe("juno");
    expect(c.chain.pretty_name).toBe("Juno (test)");
    expect(c.chain.apis?.rest?.[0].address).toBe("https://rest.example.org");
    expect(c.chain.fees?.fee_tokens[0].denom).toBe("ujuno");
    expect(c.chain.explorers).toEqual([{ kind: "explorer", url: "https://explorer.example", tx_page: "https://explorer.example/juno/tx/${txHash}" }]);
    const keplr = chainRegistryChainToKeplr(c.chain as never, [c.assetList as never]);
    expect(keplr.bip44.coinType).toBe(330);
    expect(keplr.bech32Config!.bech32PrefixAccAddr).toBe("juno");
    // The registry's Juno is coin type 118: a deployment saying 330 gets its own description.
    const entry = await REGISTRY_CHAINS["juno-1"]();
    expect(chooseChain(d, entry).source).toBe("deployment");
    expect(chooseChain({ ...d, coin_type: 118 }, entry).source).toBe("registry");
  });

  it("without coin_type: 118", () => {
    expect(deploymentChain(local).chain.slip44).toBe(118);
    expect(deploymentChain(local).chain.explorers).toBeUndefined();
  });
});

describe("the wallet list", () => {
  const none = () => false;
  it("lists Keplr, Leap and Cosmostation with links to install; phone wallets only with a WalletConnect project id", () => {
    const list = walletList({ present: none });
    expect(list.map((w) => w.id)).toEqual(["keplr-extension", "leap-extension", "cosmostation-extension"]);
    expect(list.every((w) => !w.installed && w.install.startsWith("https://"))).toBe(true);
    expect(walletList({ present: none, walletConnectProjectId: "  " }).some((w) => w.kind === "phone")).toBe(false);
    const wc = walletList({ present: none, walletConnectProjectId: "abc123" });
    expect(wc.filter((w) => w.kind === "phone").map((w) => w.id)).toEqual(["leap-cosmos-mobile", "cosmostation-mobile"]);
  });

  it("marks the extensions this browser has (window.keplr, window.leap, window.cosmostation)", () => {
    const list = walletList({ present: (g) => g === "leap", walletConnectProjectId: "abc" });
    expect(list.filter((w) => w.installed).map((w) => w.name)).toEqual(["Leap"]);
    // A phone wallet is never "installed" here.
    expect(list.filter((w) => w.kind === "phone").every((w) => !w.installed)).toBe(true);
    expect(new Set(WALLET_OPTIONS.map((w) => w.id)).size).toBe(WALLET_OPTIONS.length);
  });
});
