// Numbers, amounts, addresses and times as a member reads them. Pure functions (unit-tested).

/** Base units (a cw20 amount string) as tokens: 1562500000 with 6 decimals → "1,562.5". */
export function formatTokens(base: string | bigint | number, decimals: number, maxFraction = decimals): string {
  let v = BigInt(base);
  const neg = v < 0n;
  if (neg) v = -v;
  const unit = 10n ** BigInt(decimals);
  const whole = v / unit;
  let frac = decimals > 0 ? (v % unit).toString().padStart(decimals, "0") : "";
  if (maxFraction < decimals) frac = frac.slice(0, maxFraction);
  frac = frac.replace(/0+$/, "");
  const grouped = whole.toString().replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return `${neg ? "-" : ""}${grouped}${frac ? "." + frac : ""}`;
}

export class AmountError extends Error {}

/** What a person types ("1,562.5", "0.25") as base units; refuses more decimals than the token has. */
export function parseTokens(text: string, decimals: number): bigint {
  const s = text.trim().replace(/[,_\s]/g, "");
  if (!/^\d+(\.\d*)?$|^\.\d+$/.test(s)) throw new AmountError("Enter an amount like 100 or 12.5.");
  const [whole, frac = ""] = s.split(".");
  if (frac.length > decimals)
    throw new AmountError(`At most ${decimals} decimal place${decimals === 1 ? "" : "s"}.`);
  return BigInt(whole || "0") * 10n ** BigInt(decimals) + BigInt(frac.padEnd(decimals, "0") || "0");
}

/** A cosmwasm Decimal string ("16", "0.5", "168.000000000000000001") for display: at most `max` fraction digits. */
export function formatDecimal(d: string, max = 4): string {
  const [whole, frac = ""] = d.split(".");
  const f = frac.slice(0, max).replace(/0+$/, "");
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return f ? `${grouped}.${f}` : grouped;
}

/** A Decimal share (0.3125) as a percentage ("31.25%"). */
export function formatShare(d: string, max = 2): string {
  const [whole, frac = ""] = d.split(".");
  const digits = (whole + frac.padEnd(18, "0")).replace(/^0+(?=\d)/, "");
  // d × 100 with 18 fraction digits → shift the point by 2.
  const scaled = BigInt(digits || "0"); // d × 10^18
  const pct = scaled * 100n; // × 10^18
  const unit = 10n ** 18n;
  const w = pct / unit;
  const f = (pct % unit).toString().padStart(18, "0").slice(0, max).replace(/0+$/, "");
  return `${w}${f ? "." + f : ""}%`;
}

/** Whether a decimal string is zero. */
export const isZero = (d: string | undefined | null) => !d || /^0+(\.0*)?$/.test(d);

/** A Decimal as typed by a person: "2", "0.5". Returns the normalised string or throws. */
export function parseDecimal(text: string, what = "value"): string {
  const s = text.trim();
  if (!/^\d+(\.\d{1,18})?$/.test(s)) throw new AmountError(`The ${what} must be a number like 1 or 0.5.`);
  const [w, f = ""] = s.split(".");
  const whole = w.replace(/^0+(?=\d)/, "");
  const frac = f.replace(/0+$/, "");
  return frac ? `${whole}.${frac}` : whole;
}

/** A whole number typed by a person, within [min, max]. Returns it or throws. */
export function parseWhole(text: string, what: string, min: number, max: number): number {
  const s = text.trim();
  if (!/^\d+$/.test(s)) throw new AmountError(`The ${what} must be a whole number.`);
  const n = Number(s);
  if (!Number.isSafeInteger(n) || n < min || n > max) {
    throw new AmountError(`The ${what} must be between ${min.toLocaleString("en-US")} and ${max.toLocaleString("en-US")}.`);
  }
  return n;
}

/** wasm1qqqq…xyz6 */
export function shortAddr(addr: string, head = 10, tail = 5): string {
  if (!addr || addr.length <= head + tail + 1) return addr;
  return `${addr.slice(0, head)}…${addr.slice(-tail)}`;
}

/** Seconds as "2 d 4 h", "3 h 12 min", "4:05". */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  const d = Math.floor(s / 86400);
  const h = Math.floor((s % 86400) / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  if (d > 0) return `${d} d ${h} h`;
  if (h > 0) return `${h} h ${m} min`;
  return `${m}:${String(sec).padStart(2, "0")}`;
}

/** Seconds in the largest unit that divides them: "30 days", "12 hours", "90 s". */
export const wholeDuration = (s: number) => (s % 86_400 === 0 ? `${s / 86_400} days` : s % 3_600 === 0 ? `${s / 3_600} hours` : `${s} s`);

/** A contract Timestamp (nanoseconds since the epoch, a string) as a Date. */
export const nanosToDate = (nanos: string): Date => new Date(Number(BigInt(nanos) / 1_000_000n));

export function formatTime(nanos: string | null | undefined): string {
  if (!nanos) return "—";
  const d = nanosToDate(nanos);
  return d.toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" });
}

/** floor(amount × rate) for a Decimal rate, as the distributor computes an exchange. */
export function mulFloor(amount: bigint, rate: string): bigint {
  const [w, f = ""] = rate.split(".");
  const scaled = BigInt(w + f.padEnd(18, "0").slice(0, 18));
  return (amount * scaled) / 10n ** 18n;
}

/** The bech32 prefix of an address ("wasm1…" → "wasm"). */
export const bech32Prefix = (addr: string): string => addr.slice(0, addr.lastIndexOf("1"));

/** A loosely valid bech32 address of the given prefix (the chain checks it for real). */
export const looksLikeAddress = (s: string, prefix: string) =>
  new RegExp(`^${prefix}1[02-9ac-hj-np-z]{38,90}$`).test(s.trim());
