import { describe, expect, it } from "vitest";
import type { CosmWasmClient } from "@cosmjs/cosmwasm-stargate";

import { countQueries, newCount } from "./meter";

describe("countQueries", () => {
  it("counts each request by the smart query's variant or the method", async () => {
    const fake = {
      async queryContractSmart(_addr: string, msg: object) {
        return { asked: Object.keys(msg)[0] };
      },
      async getBlock() {
        return { header: {} };
      },
    } as unknown as CosmWasmClient;
    const c = newCount();
    const client = countQueries(fake, c);
    expect(await client.queryContractSmart("wasm1x", { list_members: { limit: 30 } })).toEqual({ asked: "list_members" });
    await client.queryContractSmart("wasm1x", { list_members: { limit: 30, start_after: "a" } });
    await client.queryContractSmart("wasm1y", { payouts: { cycle: 1 } });
    await client.getBlock();
    expect(c.total).toBe(4);
    expect(c.byKind).toEqual({ list_members: 2, payouts: 1, getBlock: 1 });
    c.reset();
    expect(c.total).toBe(0);
    expect(c.byKind).toEqual({});
  });
});
