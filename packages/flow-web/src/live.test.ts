import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

import { Live, SUBSCRIBE, type SocketLike, parseMessage, websocketUrl } from "./live";

class FakeSocket implements SocketLike {
  onopen: SocketLike["onopen"] = null;
  onmessage: SocketLike["onmessage"] = null;
  onclose: SocketLike["onclose"] = null;
  onerror: SocketLike["onerror"] = null;
  sent: string[] = [];
  closed = false;
  send(d: string) {
    this.sent.push(d);
  }
  close() {
    if (this.closed) return;
    this.closed = true;
    this.onclose?.({});
  }
  open() {
    this.onopen?.({});
  }
  msg(o: unknown) {
    this.onmessage?.({ data: JSON.stringify(o) });
  }
  subscribed() {
    this.msg({ jsonrpc: "2.0", id: "cw-flow-blocks", result: {} });
  }
  block(height: number, txs: number) {
    this.msg({
      jsonrpc: "2.0",
      id: "cw-flow-blocks",
      result: { query: "tm.event='NewBlock'", data: { type: "tendermint/event/NewBlock", value: { block: { header: { height: String(height) }, data: { txs: Array(txs).fill("dHg=") } } } } },
    });
  }
}

/** A refresh whose reads the test ends by hand (to see what happens while one is in flight). */
function reads(result = true) {
  const open: ((ok: boolean) => void)[] = [];
  let started = 0;
  let ok = result;
  const refresh = () =>
    new Promise<boolean>((resolve) => {
      started++;
      open.push(resolve);
    });
  return {
    refresh,
    get started() {
      return started;
    },
    set ok(v: boolean) {
      ok = v;
    },
    async finishAll() {
      while (open.length) open.shift()!(ok);
      await Promise.resolve();
      await Promise.resolve();
    },
  };
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe("websocketUrl / parseMessage", () => {
  it("turns the RPC address into its websocket", () => {
    expect(websocketUrl("http://127.0.0.1:26657")).toBe("ws://127.0.0.1:26657/websocket");
    expect(websocketUrl("https://rpc.example.org/")).toBe("wss://rpc.example.org/websocket");
    expect(websocketUrl("https://example.org/rpc/")).toBe("wss://example.org/rpc/websocket");
    expect(websocketUrl("nonsense")).toBeNull();
  });

  it("reads CometBFT's NewBlock events and the subscription's answer", () => {
    const s = new FakeSocket();
    let last: unknown;
    s.onmessage = (e) => (last = parseMessage(e.data));
    s.block(7, 2);
    expect(last).toEqual({ kind: "block", height: 7, txs: 2 });
    s.subscribed();
    expect(last).toEqual({ kind: "subscribed" });
    s.msg({ jsonrpc: "2.0", id: "cw-flow-blocks", error: { code: -32603, message: "Internal error", data: "max_subscriptions_per_client 5 reached" } });
    expect(last).toEqual({ kind: "error", message: "max_subscriptions_per_client 5 reached" });
    expect(parseMessage("not json")).toBeNull();
  });
});

describe("Live", () => {
  it("subscribes to new blocks and reads only after a block with transactions; no polling meanwhile", async () => {
    const r = reads();
    const sockets: FakeSocket[] = [];
    const live = new Live({ refresh: r.refresh, wsUrl: "ws://node/websocket", makeSocket: () => (sockets.push(new FakeSocket()), sockets.at(-1)!) });
    live.start();
    sockets[0].open();
    expect(sockets[0].sent).toEqual([SUBSCRIBE]);
    sockets[0].subscribed();
    expect(live.mode).toBe("socket");
    await vi.advanceTimersByTimeAsync(60_000);
    expect(r.started).toBe(0); // no polling
    sockets[0].block(10, 0);
    expect(r.started).toBe(0);
    sockets[0].block(11, 3);
    expect(r.started).toBe(1);
    live.stop();
  });

  it("never runs two reads at once: blocks during a read become one read after it", async () => {
    const r = reads();
    const s = new FakeSocket();
    const live = new Live({ refresh: r.refresh, wsUrl: "ws://x", makeSocket: () => s, minGapMs: 0 });
    live.start();
    s.open();
    s.subscribed();
    s.block(1, 1);
    s.block(2, 1);
    s.block(3, 1);
    s.block(4, 1);
    expect(r.started).toBe(1);
    await r.finishAll();
    expect(r.started).toBe(2);
    await r.finishAll();
    expect(r.started).toBe(2);
    live.stop();
  });

  it("keeps a gap between reads when blocks come fast", async () => {
    const r = reads();
    const s = new FakeSocket();
    const live = new Live({ refresh: r.refresh, wsUrl: "ws://x", makeSocket: () => s, minGapMs: 1_000 });
    live.start();
    s.open();
    s.subscribed();
    s.block(1, 1);
    await r.finishAll();
    s.block(2, 1);
    expect(r.started).toBe(1);
    await vi.advanceTimersByTimeAsync(999);
    expect(r.started).toBe(1);
    await vi.advanceTimersByTimeAsync(2);
    expect(r.started).toBe(2);
    live.stop();
  });

  it("polls when the socket fails, backing off while the node refuses, and back to 5 s when it answers", async () => {
    const r = reads(false);
    const live = new Live({
      refresh: r.refresh,
      wsUrl: "ws://x",
      makeSocket: () => {
        throw new Error("refused");
      },
      pollMs: 5_000,
      maxMs: 60_000,
    });
    live.start();
    expect(live.mode).toBe("poll");
    const startedAt: number[] = [];
    let seen = 0;
    for (let t = 0; t <= 200_000; t += 500) {
      await vi.advanceTimersByTimeAsync(500);
      if (r.started > seen) {
        seen = r.started;
        startedAt.push(t + 500);
        await r.finishAll();
      }
    }
    const gaps = startedAt.slice(1).map((t, i) => t - startedAt[i]);
    // 5 s, then 10, 20, 40, 60, 60… (each refusal doubles the wait, up to a minute)
    expect(startedAt[0]).toBe(5_000);
    expect(gaps.slice(0, 4)).toEqual([10_000, 20_000, 40_000, 60_000]);
    r.ok = true;
    const before = r.started;
    await vi.advanceTimersByTimeAsync(60_000);
    await r.finishAll();
    expect(r.started).toBe(before + 1);
    expect(live.delayMs).toBe(5_000);
    live.stop();
  });

  it("falls back to polling when an open socket closes, reads at once, and tries the socket again later", async () => {
    const r = reads();
    const sockets: FakeSocket[] = [];
    const live = new Live({ refresh: r.refresh, wsUrl: "ws://x", makeSocket: () => (sockets.push(new FakeSocket()), sockets.at(-1)!), pollMs: 5_000 });
    live.start();
    sockets[0].open();
    sockets[0].subscribed();
    expect(live.mode).toBe("socket");
    sockets[0].close();
    expect(live.mode).toBe("poll");
    expect(r.started).toBe(1);
    await r.finishAll();
    await vi.advanceTimersByTimeAsync(5_000);
    expect(r.started).toBe(2);
    await r.finishAll();
    await vi.advanceTimersByTimeAsync(5_000);
    expect(sockets.length).toBe(2); // reconnected after 10 s
    sockets[1].open();
    sockets[1].subscribed();
    expect(live.mode).toBe("socket");
    const n = r.started;
    await r.finishAll();
    await vi.advanceTimersByTimeAsync(30_000);
    expect(r.started).toBe(n);
    live.stop();
  });

  it("closes a socket the node answers with an error (e.g. too many subscriptions) and polls", async () => {
    const r = reads();
    const s = new FakeSocket();
    const live = new Live({ refresh: r.refresh, wsUrl: "ws://x", makeSocket: () => s });
    live.start();
    s.open();
    s.msg({ jsonrpc: "2.0", id: "cw-flow-blocks", error: { code: -32603, message: "max_subscriptions_per_client reached" } });
    expect(s.closed).toBe(true);
    expect(live.mode).toBe("poll");
    live.stop();
  });
});
