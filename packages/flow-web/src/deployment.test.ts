import { describe, expect, it } from "vitest";

import { DeploymentError, checkDeployment, coinTypeOf, explorerTxUrl, feeDenomOf, isExplorerTemplate, prefixOf } from "./deployment";

const BASE = {
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
};
const HASH = "9F0CFD3D3B00C4668ABD7D92C587F05C9B0DB8807CC28DC2B00D1E10233785A2";

describe("the deployment file's chain facts", () => {
  it("as scripts/deploy.mjs writes them: chain_name, bech32_prefix, coin_type, fee_denom, rest, explorer, source_commit", () => {
    const d = checkDeployment(
      {
        ...BASE,
        chain_name: "cw-flow localnet",
        bech32_prefix: "wasm",
        coin_type: 118,
        fee_denom: "stake",
        rest: "http://127.0.0.1:1317",
        explorer: "https://explorer.example/tx/{hash}",
        source_commit: "5209a5a",
      },
      "deployment.json",
    );
    expect(prefixOf(d)).toBe("wasm");
    expect(coinTypeOf(d)).toBe(118);
    expect(feeDenomOf(d)).toBe("stake");
    expect(explorerTxUrl(d, HASH)).toBe(`https://explorer.example/tx/${HASH}`);
    expect(d.source_commit).toBe("5209a5a");
  });

  it("defaults: coin type 118, the gas price's denom, the addresses' prefix, no explorer link", () => {
    const d = checkDeployment(BASE, "deployment.json");
    expect(coinTypeOf(d)).toBe(118);
    expect(feeDenomOf(d)).toBe("stake");
    expect(prefixOf(d)).toBe("wasm");
    expect(explorerTxUrl(d, HASH)).toBeNull();
    expect(coinTypeOf(checkDeployment({ ...BASE, coin_type: 330 }, "x"))).toBe(330);
  });

  it("refuses facts that contradict the file or are not what they claim", () => {
    expect(() => checkDeployment({ ...BASE, coin_type: "118" }, "d.json")).toThrow(DeploymentError);
    expect(() => checkDeployment({ ...BASE, coin_type: -1 }, "d.json")).toThrow(/coin_type -1 is not a SLIP-44 coin type/);
    expect(() => checkDeployment({ ...BASE, coin_type: 1.5 }, "d.json")).toThrow(/not a SLIP-44 coin type/);
    expect(() => checkDeployment({ ...BASE, bech32_prefix: "juno" }, "d.json")).toThrow("d.json: the holon's addresses are not juno1… addresses (bech32_prefix juno)");
    expect(() => checkDeployment({ ...BASE, bech32_prefix: "Wasm" }, "d.json")).toThrow(/is not a bech32 prefix/);
    expect(() => checkDeployment({ ...BASE, fee_denom: "ujuno" }, "d.json")).toThrow("d.json: fee_denom ujuno is not the denom of gas_prices 0.0025stake");
  });

  it("an explorer link only from an http(s) template with {hash}, and only for a hash", () => {
    expect(isExplorerTemplate("https://www.mintscan.io/juno/tx/{hash}")).toBe(true);
    expect(isExplorerTemplate("http://localhost:8080/tx/{hash}?net=local")).toBe(true);
    expect(isExplorerTemplate("https://explorer.example/tx/")).toBe(false);
    expect(isExplorerTemplate("javascript:alert('{hash}')")).toBe(false);
    expect(isExplorerTemplate(42)).toBe(false);
    // A bad template is left out (the page works without links), not fatal.
    const d = checkDeployment({ ...BASE, explorer: "javascript:alert('{hash}')" }, "x");
    expect(d.explorer).toBeUndefined();
    expect(explorerTxUrl(d, HASH)).toBeNull();
    expect(explorerTxUrl({ explorer: "https://e.example/tx/{hash}" }, "not a hash\"><script>")).toBeNull();
  });
});
