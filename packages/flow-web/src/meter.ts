// How many queries the page sends: a counter around the read-only chain client, by kind (the
// smart query's variant, or the client method), exposed as `window.__flowQueries` for the
// browser tests and for anyone curious (in the console).
import type { CosmWasmClient } from "@cosmjs/cosmwasm-stargate";

export interface QueryCount {
  total: number;
  byKind: Record<string, number>;
  /** Starts counting again from zero. */
  reset(): void;
}

declare global {
  interface Window {
    __flowQueries?: QueryCount;
  }
}

export function newCount(): QueryCount {
  const c: QueryCount = {
    total: 0,
    byKind: {},
    reset() {
      c.total = 0;
      c.byKind = {};
    },
  };
  return c;
}

/** The methods of CosmWasmClient that ask the node (each one request). */
const METHODS = ["queryContractSmart", "queryContractRaw", "getContract", "getBlock", "getHeight", "getBalance", "getAccount", "getSequence", "getCodeDetails", "getTx"] as const;

/** Counts every request `client` sends into `count` (the client is changed in place and returned). */
export function countQueries<C extends CosmWasmClient>(client: C, count: QueryCount): C {
  const target = client as unknown as Record<string, (...args: unknown[]) => unknown>;
  for (const m of METHODS) {
    const orig = target[m];
    if (typeof orig !== "function") continue;
    target[m] = function (this: unknown, ...args: unknown[]) {
      const kind = m === "queryContractSmart" ? Object.keys((args[1] as object) ?? {})[0] ?? m : m;
      count.total++;
      count.byKind[kind] = (count.byKind[kind] ?? 0) + 1;
      return orig.apply(client, args);
    };
  }
  return client;
}
