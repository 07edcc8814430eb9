import { describe, expect, it } from "vitest";

import { type Bar, CHART_BARS, barScale, chartBars, sumOf } from "./chart";

const addr = (i: number) => `wasm1member${String(i).padStart(4, "0")}`;

describe("the distribution chart: every bar to the same scale", () => {
  it("a few members: one bar each, the largest full width, the others in proportion", () => {
    const rows: Bar[] = [
      { addr: addr(1), amount: "400" },
      { addr: addr(2), amount: "100" },
      { addr: addr(3), amount: "300" },
    ];
    const shown = chartBars(rows);
    expect(shown.map((r) => r.amount)).toEqual(["400", "300", "100"]);
    expect(barScale(shown)).toEqual([
      { fraction: 1, each: 400n },
      { fraction: 0.75, each: 300n },
      { fraction: 0.25, each: 100n },
    ]);
  });

  it("a thousand members: the 'others' bar is their average share on the members' scale, not their sum dwarfing every member", () => {
    // 300 contributors of 1,000 tokens each, but for five larger shares.
    const rows: Bar[] = Array.from({ length: 300 }, (_, i) => ({ addr: addr(i), amount: i < 5 ? String(5_000 - i * 500) : "1000" }));
    const shown = chartBars(rows);
    expect(shown).toHaveLength(CHART_BARS);
    const others = shown.at(-1)!;
    expect(others.others).toBe(300 - (CHART_BARS - 1));
    expect(others.amount).toBe(String(277 * 1000));
    // The bars still total the distribution exactly.
    expect(sumOf(shown)).toBe(sumOf(rows));
    const scale = barScale(shown);
    // The largest share (5,000) is full width; a 1,000 share is a fifth of it; so is the others' average.
    expect(scale[0]).toEqual({ fraction: 1, each: 5000n });
    expect(scale[5]).toEqual({ fraction: 0.2, each: 1000n });
    expect(scale.at(-1)).toEqual({ fraction: 0.2, each: 1000n });
    // Every bar's length is its value over one and the same maximum.
    for (let i = 0; i < shown.length; i++) expect(scale[i].fraction).toBe(Number((scale[i].each * 10_000n) / 5000n) / 10_000);
    // Before, the others' sum (277,000) set the scale: a member's 1,000 drew 0.36% of it (2 px).
    expect(Number((1000n * 10_000n) / 277_000n) / 10_000).toBeLessThan(0.004);
  });

  it("the others' average is never longer than the smallest member with a bar of their own", () => {
    const rows: Bar[] = Array.from({ length: 100 }, (_, i) => ({ addr: addr(i), amount: String(1000 - i * 7) }));
    const shown = chartBars(rows);
    const scale = barScale(shown);
    expect(scale.at(-1)!.fraction).toBeLessThanOrEqual(scale.at(-2)!.fraction);
    expect(Math.max(...scale.map((s) => s.fraction))).toBe(1);
  });

  it("nothing distributed: no bar", () => {
    expect(barScale(chartBars([{ addr: addr(1), amount: "0" }]))).toEqual([{ fraction: 0, each: 0n }]);
    expect(barScale([])).toEqual([]);
  });
});
