import { createRequire } from "node:module";

import { chainRegistryChainToKeplr } from "@chain-registry/keplr";
import { describe, expect, it } from "vitest";

import { Bech32Address } from "./keplr-cosmos";

// The original, read past the alias (vite.config.ts points @keplr-wallet/cosmos at the shim).
const require = createRequire(import.meta.url);
const original = require("../../node_modules/@keplr-wallet/cosmos/build/bech32/index.js") as { Bech32Address: typeof Bech32Address };

describe("the @keplr-wallet/cosmos shim (Bech32Address.defaultBech32Config only)", () => {
  it("gives the prefixes @keplr-wallet/cosmos 0.12.28 gives, for any chain and any option", () => {
    for (const prefix of ["wasm", "juno", "neutron", "osmo", "terra", "stars"]) {
      expect(Bech32Address.defaultBech32Config(prefix)).toEqual(original.Bech32Address.defaultBech32Config(prefix));
      expect(Bech32Address.defaultBech32Config(prefix, "v", "c", "p", "o")).toEqual(original.Bech32Address.defaultBech32Config(prefix, "v", "c", "p", "o"));
    }
  });

  it("is what @chain-registry/keplr uses in the bundle: the Keplr chain info it makes has the chain's prefixes", () => {
    const info = chainRegistryChainToKeplr({ chain_name: "x", chain_id: "x-1", bech32_prefix: "juno", slip44: 118 } as never, []);
    expect(info.bech32Config).toEqual({
      bech32PrefixAccAddr: "juno",
      bech32PrefixAccPub: "junopub",
      bech32PrefixValAddr: "junovaloper",
      bech32PrefixValPub: "junovaloperpub",
      bech32PrefixConsAddr: "junovalcons",
      bech32PrefixConsPub: "junovalconspub",
    });
  });
});
