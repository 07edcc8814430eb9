// The distribution of one cycle across members: plain SVG bars (the largest shares, the rest
// in one bar), and a table of every member's share with its total.
import { html, nothing, svg } from "lit-html";

import { formatShare, formatTokens } from "../format";
import { decimals, me, nameOf, symbol } from "../store";
import { shortAddr } from "../format";

export interface Bar {
  addr: string;
  amount: string;
}

/** How many members get a bar of their own; the others share one. */
export const CHART_BARS = 24;

const byAmount = (a: Bar, b: Bar) => (BigInt(b.amount) > BigInt(a.amount) ? 1 : BigInt(b.amount) < BigInt(a.amount) ? -1 : 0);
export const sumOf = (rows: Bar[]) => rows.reduce((s, r) => s + BigInt(r.amount), 0n);

/** The bars drawn: the CHART_BARS largest shares, and one bar for all the others (their sum). */
export function chartBars(rows: Bar[], bars = CHART_BARS): (Bar & { others?: number })[] {
  const sorted = [...rows].sort(byAmount);
  if (sorted.length <= bars) return sorted;
  const rest = sorted.slice(bars - 1);
  return [...sorted.slice(0, bars - 1), { addr: "", amount: sumOf(rest).toString(), others: rest.length }];
}

/**
 * Each bar's length as a fraction of the bar's full width, all to one scale: a member's share
 * over the largest single share. The "others" bar stands for many members, so it is drawn as
 * their average share on that same scale (never longer than the smallest member shown with a
 * bar of their own); their sum is in its tooltip and `data-amount`. Fractions to 1/10,000.
 */
export function barScale(shown: (Bar & { others?: number })[]): { fraction: number; each: bigint }[] {
  const each = shown.map((r) => (r.others ? BigInt(r.amount) / BigInt(r.others) : BigInt(r.amount)));
  const max = each.reduce((m, v) => (v > m ? v : m), 0n);
  return each.map((v) => ({ fraction: max > 0n ? Number((v * 10_000n) / max) / 10_000 : 0, each: v }));
}

const labelOf = (addr: string) => (addr === me() ? "you" : nameOf(addr) ?? shortAddr(addr, 8, 3));

export function distributionChart(rows: Bar[], caption: string) {
  const shown = chartBars(rows);
  const total = sumOf(rows);
  const scale = barScale(shown);
  const rowH = 26;
  const labelW = 78;
  const valueW = 96;
  const W = 360;
  const barW = W - labelW - valueW;
  const H = Math.max(1, shown.length) * rowH + 4;
  const you = me();
  return html`<figure class="chart" data-testid="distribution-chart" data-total=${total.toString()} data-members=${rows.length}>
    <svg viewBox="0 0 ${W} ${H}" width="100%" role="img" aria-label=${caption}>
      ${shown.map((r, i) => {
        const v = BigInt(r.amount);
        const { fraction: w, each } = scale[i];
        const y = i * rowH + 2;
        const label = r.others ? `${r.others} others` : labelOf(r.addr);
        const share = total > 0n ? formatShare(ratio(v, total), 1) : "0%";
        const title = r.others
          ? `${label}: ${formatTokens(v, decimals())} ${symbol()} in all (${share}), ${formatTokens(each, decimals())} each on average (the bar)`
          : `${label}: ${formatTokens(v, decimals())} ${symbol()} (${share})`;
        return svg`<g data-member=${r.others ? "others" : r.addr} data-amount=${r.amount} data-others=${r.others ?? nothing}
            data-each=${each.toString()} data-width=${w}>
          <text x="0" y=${y + 16} class="chart-label">${label}</text>
          <rect x=${labelW} y=${y + 4} width=${Math.max(w * barW, each > 0n ? 2 : 0)} height=${rowH - 9} rx="3"
            class=${r.others ? "bar bar-others" : r.addr === you ? "bar bar-you" : "bar"}><title>${title}</title></rect>
          <text x=${W} y=${y + 16} text-anchor="end" class="chart-value">${r.others ? `avg ${formatTokens(each, decimals(), 2)}` : formatTokens(v, decimals(), 2)}</text>
        </g>`;
      })}
    </svg>
    <figcaption>${caption}${shown.at(-1)?.others ? ` The last bar is the other ${shown.at(-1)!.others} members' average share (their sum in its tooltip); every bar is to the same scale.` : ""}</figcaption>
  </figure>`;
}

/**
 * Every member's share, largest first, with the total; of a closed cycle beside its budget
 * (what rounding down left over stays in the treasury).
 */
export function distributionTable(rows: Bar[], budget: string | null) {
  const sorted = [...rows].filter((r) => r.amount !== "0").sort(byAmount);
  const total = sumOf(rows);
  const left = budget !== null ? BigInt(budget) - total : null;
  const you = me();
  return html`<details class="dist-table" data-testid="distribution-table" data-total=${total.toString()} data-rows=${sorted.length} ?open=${sorted.length <= 30}>
    <summary>Every share (${sorted.length} member${sorted.length === 1 ? "" : "s"})</summary>
    <div class="table-wrap"><table class="table compact">
      <thead><tr><th>Member</th><th class="num">${symbol()}</th><th class="num">Share</th></tr></thead>
      <tbody>${sorted.map(
        (r) => html`<tr data-member=${r.addr} data-amount=${r.amount} class=${r.addr === you ? "you" : ""}>
          <td>${labelOf(r.addr)}</td><td class="num">${formatTokens(r.amount, decimals())}</td>
          <td class="num">${total > 0n ? formatShare(ratio(BigInt(r.amount), total), 2) : "—"}</td></tr>`,
      )}</tbody>
      <tfoot>
        <tr><th>Total</th><th class="num" data-testid="distribution-total" data-base-units=${total.toString()}>${formatTokens(total, decimals())}</th><th></th></tr>
        ${budget !== null
          ? html`<tr><td>Budget of the cycle</td><td class="num" data-testid="distribution-budget" data-base-units=${budget}>${formatTokens(budget, decimals())}</td><td></td></tr>
              ${left !== null && left !== 0n
                ? html`<tr><td>Left by rounding down (stays in the treasury)</td><td class="num" data-testid="distribution-left" data-base-units=${left.toString()}>${formatTokens(left, decimals())}</td><td></td></tr>`
                : nothing}`
          : nothing}
      </tfoot>
    </table></div>
  </details>`;
}

/** a / b as an 18-decimal string, for formatShare. */
function ratio(a: bigint, b: bigint): string {
  const scaled = (a * 10n ** 18n) / b;
  const s = scaled.toString().padStart(19, "0");
  return `${s.slice(0, -18)}.${s.slice(-18)}`;
}
