// The distribution of one cycle across members: plain SVG bars.
import { html, svg } from "lit-html";

import { formatShare, formatTokens } from "../format";
import { decimals, me, nameOf, symbol } from "../store";
import { shortAddr } from "../format";

export interface Bar {
  addr: string;
  amount: string;
}

export function distributionChart(rows: Bar[], caption: string) {
  const sorted = [...rows].sort((a, b) => (BigInt(b.amount) > BigInt(a.amount) ? 1 : BigInt(b.amount) < BigInt(a.amount) ? -1 : 0));
  const total = sorted.reduce((s, r) => s + BigInt(r.amount), 0n);
  const max = sorted.reduce((m, r) => (BigInt(r.amount) > m ? BigInt(r.amount) : m), 0n);
  const rowH = 26;
  const labelW = 78;
  const valueW = 96;
  const W = 360;
  const barW = W - labelW - valueW;
  const H = Math.max(1, sorted.length) * rowH + 4;
  const you = me();
  return html`<figure class="chart" data-testid="distribution-chart">
    <svg viewBox="0 0 ${W} ${H}" width="100%" role="img" aria-label=${caption}>
      ${sorted.map((r, i) => {
        const v = BigInt(r.amount);
        const w = max > 0n ? Number((v * 10_000n) / max) / 10_000 : 0;
        const y = i * rowH + 2;
        const label = r.addr === you ? "you" : nameOf(r.addr) ?? shortAddr(r.addr, 8, 3);
        const share = total > 0n ? formatShare(ratio(v, total), 1) : "0%";
        return svg`<g data-member=${r.addr} data-amount=${r.amount}>
          <text x="0" y=${y + 16} class="chart-label">${label}</text>
          <rect x=${labelW} y=${y + 4} width=${Math.max(w * barW, v > 0n ? 2 : 0)} height=${rowH - 9} rx="3"
            class=${r.addr === you ? "bar bar-you" : "bar"}><title>${label}: ${formatTokens(v, decimals())} ${symbol()} (${share})</title></rect>
          <text x=${W} y=${y + 16} text-anchor="end" class="chart-value">${formatTokens(v, decimals(), 2)}</text>
        </g>`;
      })}
    </svg>
    <figcaption>${caption}</figcaption>
  </figure>`;
}

/** a / b as an 18-decimal string, for formatShare. */
function ratio(a: bigint, b: bigint): string {
  const scaled = (a * 10n ** 18n) / b;
  const s = scaled.toString().padStart(19, "0");
  return `${s.slice(0, -18)}.${s.slice(-18)}`;
}
