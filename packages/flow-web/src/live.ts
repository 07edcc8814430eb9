// Keeping the page current without hammering the node: the page reads the chain again when a
// block with transactions is committed (a CometBFT websocket subscription to
// tm.event='NewBlock' on ws://<rpc>/websocket), and only when the socket is down does it poll,
// backing off exponentially while the node refuses (HTTP 429, 5xx, a timeout). Never more
// than one read is in flight; requests during a read are folded into one read after it.

/** The part of a WebSocket this module uses (the browser's, or a test's). */
export interface SocketLike {
  onopen: ((ev: unknown) => void) | null;
  onmessage: ((ev: { data: unknown }) => void) | null;
  onclose: ((ev: unknown) => void) | null;
  onerror: ((ev: unknown) => void) | null;
  send(data: string): void;
  close(): void;
}

export interface LiveOptions {
  /** Reads the chain; resolves true when the read succeeded. */
  refresh: () => Promise<boolean>;
  /** The node's websocket (from its RPC address), or null to only poll. */
  wsUrl: string | null;
  makeSocket?: (url: string) => SocketLike;
  /** Polling interval while the node answers (ms). */
  pollMs?: number;
  /** The longest wait between reads (and between socket attempts) when the node refuses (ms). */
  maxMs?: number;
  /** The shortest time between two reads (ms). */
  minGapMs?: number;
  /** Whether the page is on show (a hidden tab neither polls nor reads on blocks). */
  visible?: () => boolean;
  now?: () => number;
}

/** ws(s)://host:port/websocket of an RPC address (http → ws, https → wss). */
export function websocketUrl(rpc: string): string | null {
  try {
    const u = new URL(rpc);
    if (u.protocol !== "http:" && u.protocol !== "https:") return null;
    u.protocol = u.protocol === "https:" ? "wss:" : "ws:";
    u.pathname = `${u.pathname.replace(/\/+$/, "")}/websocket`;
    u.search = "";
    u.hash = "";
    return u.href;
  } catch {
    return null;
  }
}

/** The subscription request CometBFT's websocket takes. */
export const SUBSCRIBE = JSON.stringify({ jsonrpc: "2.0", method: "subscribe", id: "cw-flow-blocks", params: { query: "tm.event='NewBlock'" } });

/** What a websocket message says: a new block (with its number of txs), the subscription's answer, an error. */
export function parseMessage(data: unknown): { kind: "block"; height: number; txs: number } | { kind: "subscribed" } | { kind: "error"; message: string } | null {
  let m: { id?: unknown; result?: { data?: { type?: string; value?: { block?: { header?: { height?: string }; data?: { txs?: unknown[] | null } } } } }; error?: { message?: string; data?: string } };
  try {
    m = JSON.parse(String(data));
  } catch {
    return null;
  }
  if (m.error) return { kind: "error", message: m.error.data || m.error.message || "error" };
  const d = m.result?.data;
  if (d?.type === "tendermint/event/NewBlock") {
    const block = d.value?.block;
    return { kind: "block", height: Number(block?.header?.height ?? 0), txs: block?.data?.txs?.length ?? 0 };
  }
  if (m.id === "cw-flow-blocks" && m.result && !m.result.data) return { kind: "subscribed" };
  return null;
}

export class Live {
  mode: "socket" | "poll" = "poll";
  /** Reads started, blocks seen, and the wait before the next poll (for tests and the footer). */
  reads = 0;
  blocks = 0;
  delayMs: number;
  private failures = 0;
  private running = false;
  private pending = false;
  private lastStart = -Infinity;
  private pollTimer: ReturnType<typeof setTimeout> | null = null;
  private laterTimer: ReturnType<typeof setTimeout> | null = null;
  private socketTimer: ReturnType<typeof setTimeout> | null = null;
  private socket: SocketLike | null = null;
  private socketFailures = 0;
  private stopped = false;
  private readonly o: Required<Omit<LiveOptions, "wsUrl">> & { wsUrl: string | null };

  constructor(opts: LiveOptions) {
    this.o = {
      pollMs: 5_000,
      maxMs: 60_000,
      minGapMs: 1_000,
      visible: () => true,
      now: () => Date.now(),
      makeSocket: (url) => new WebSocket(url) as unknown as SocketLike,
      ...opts,
    };
    this.delayMs = this.o.pollMs;
  }

  /** Starts listening for blocks (polling until the subscription answers). */
  start() {
    this.stopped = false;
    this.schedulePoll();
    this.openSocket();
  }

  stop() {
    this.stopped = true;
    for (const t of [this.pollTimer, this.laterTimer, this.socketTimer]) if (t) clearTimeout(t);
    this.pollTimer = this.laterTimer = this.socketTimer = null;
    const s = this.socket;
    this.socket = null;
    if (s) {
      s.onclose = s.onerror = s.onmessage = s.onopen = null;
      s.close();
    }
  }

  /** Asks for a read: now, or after the one in flight, or once the wait after a refusal is over. */
  request(): void {
    if (this.stopped) return;
    if (this.running) {
      this.pending = true;
      return;
    }
    const wait = this.lastStart + (this.failures ? this.delayMs : this.o.minGapMs) - this.o.now();
    if (wait > 0) {
      this.pending = true;
      if (!this.laterTimer)
        this.laterTimer = setTimeout(() => {
          this.laterTimer = null;
          if (this.pending) {
            this.pending = false;
            this.request();
          }
        }, wait);
      return;
    }
    void this.run();
  }

  private async run() {
    this.running = true;
    this.pending = false;
    this.lastStart = this.o.now();
    this.reads++;
    let ok = false;
    try {
      ok = await this.o.refresh();
    } catch {
      ok = false;
    }
    this.running = false;
    if (ok) {
      this.failures = 0;
      this.delayMs = this.o.pollMs;
    } else {
      this.failures++;
      this.delayMs = Math.min(this.o.maxMs, this.o.pollMs * 2 ** this.failures);
    }
    if (this.pending) this.request();
    // While polling, the next poll waits the (new) interval from the end of this read.
    if (this.mode === "poll" && !this.stopped) this.schedulePoll();
  }

  private schedulePoll() {
    if (this.pollTimer) clearTimeout(this.pollTimer);
    this.pollTimer = null;
    if (this.stopped || this.mode === "socket") return;
    this.pollTimer = setTimeout(() => {
      this.pollTimer = null;
      if (this.mode === "socket" || this.stopped) return;
      if (this.o.visible()) this.request();
      this.schedulePoll();
    }, this.delayMs);
  }

  private openSocket() {
    if (!this.o.wsUrl || this.stopped) return;
    let s: SocketLike;
    try {
      s = this.o.makeSocket(this.o.wsUrl);
    } catch {
      this.socketDown();
      return;
    }
    this.socket = s;
    s.onopen = () => s.send(SUBSCRIBE);
    s.onmessage = (ev) => {
      const m = parseMessage(ev.data);
      if (!m) return;
      if (m.kind === "subscribed") {
        this.mode = "socket";
        this.socketFailures = 0;
        if (this.pollTimer) clearTimeout(this.pollTimer);
        this.pollTimer = null;
      } else if (m.kind === "block") {
        this.mode = "socket";
        this.blocks++;
        // A block without transactions changes nothing the page shows (the countdown is local).
        if (m.txs > 0 && this.o.visible()) this.request();
      } else if (m.kind === "error") {
        // e.g. "max_subscriptions_per_client reached" or a node that refuses subscriptions
        s.close();
      }
    };
    s.onerror = () => s.close();
    s.onclose = () => {
      if (this.socket === s) this.socketDown();
    };
  }

  /** The socket failed or closed: poll (with backoff) and try the socket again later. */
  private socketDown() {
    this.socket = null;
    if (this.stopped) return;
    const wasSocket = this.mode === "socket";
    this.mode = "poll";
    this.socketFailures++;
    if (wasSocket) this.request(); // what happened while the socket was down
    if (!this.pollTimer && !this.running) this.schedulePoll();
    const wait = Math.min(this.o.maxMs * 5, this.o.pollMs * 2 ** this.socketFailures);
    if (this.socketTimer) clearTimeout(this.socketTimer);
    this.socketTimer = setTimeout(() => {
      this.socketTimer = null;
      this.openSocket();
    }, wait);
  }
}
