import { describe, expect, it } from "vitest";

import {
  AmountError, formatDecimal, formatDuration, formatShare, formatTokens, isZero, looksLikeAddress, mulFloor,
  parseDecimal, parseTokens, parseWhole, shortAddr,
} from "./format";

describe("whole numbers typed in a form", () => {
  it("takes digits within the bounds and says what is wrong otherwise", () => {
    expect(parseWhole(" 3 ", "co-signs", 1, 5)).toBe(3);
    expect(parseWhole("86400", "window", 0, 31_536_000)).toBe(86_400);
    expect(() => parseWhole("0", "co-signs", 1, 5)).toThrow("The co-signs must be between 1 and 5.");
    expect(() => parseWhole("2.5", "co-signs", 1, 5)).toThrow("The co-signs must be a whole number.");
    expect(() => parseWhole("-1", "window", 0, 10)).toThrow(AmountError);
    expect(() => parseWhole("99999999999999999999", "window", 0, 10)).toThrow("between 0 and 10");
  });
});

describe("token amounts", () => {
  it("shows the seed's payouts as a member reads them", () => {
    expect(formatTokens("625000000", 6)).toBe("625");
    expect(formatTokens("1562500000", 6)).toBe("1,562.5");
    expect(formatTokens("312500000", 6)).toBe("312.5");
    expect(formatTokens("2343750000", 6)).toBe("2,343.75");
    expect(formatTokens("156250000", 6)).toBe("156.25");
    expect(formatTokens("5000000000", 6)).toBe("5,000");
    expect(formatTokens(1n, 6)).toBe("0.000001");
    expect(formatTokens("0", 6)).toBe("0");
    expect(formatTokens("1234567", 0)).toBe("1,234,567");
    expect(formatTokens("2343750001", 6, 2)).toBe("2,343.75");
  });

  it("reads what a person types, exactly", () => {
    expect(parseTokens("5000", 6)).toBe(5_000_000_000n);
    expect(parseTokens("1,562.5", 6)).toBe(1_562_500_000n);
    expect(parseTokens(" 0.000001 ", 6)).toBe(1n);
    expect(parseTokens(".5", 6)).toBe(500_000n);
    expect(parseTokens("12.", 6)).toBe(12_000_000n);
    expect(() => parseTokens("0.0000001", 6)).toThrow(AmountError);
    expect(() => parseTokens("ten", 6)).toThrow(/amount like/);
    expect(() => parseTokens("-1", 6)).toThrow(AmountError);
    expect(() => parseTokens("", 6)).toThrow(AmountError);
  });

  it("round-trips", () => {
    for (const v of ["1", "999999", "1000000", "123456789012345678901234567890"]) {
      expect(parseTokens(formatTokens(v, 6), 6)).toBe(BigInt(v));
    }
  });

  it("exchanges at a decimal rate with the distributor's rounding", () => {
    expect(mulFloor(100_000_000n, "2")).toBe(200_000_000n);
    expect(mulFloor(3n, "0.5")).toBe(1n);
    expect(mulFloor(1n, "0.999999999999999999")).toBe(0n);
  });
});

describe("decimals and shares", () => {
  it("shows contract decimals shortly", () => {
    expect(formatDecimal("16")).toBe("16");
    expect(formatDecimal("0.5")).toBe("0.5");
    expect(formatDecimal("168.000000000000000001")).toBe("168");
    expect(formatDecimal("1234.56789")).toBe("1,234.5678");
    expect(isZero("0")).toBe(true);
    expect(isZero("0.000")).toBe(true);
    expect(isZero("0.1")).toBe(false);
  });

  it("shows shares as percentages", () => {
    expect(formatShare("0.125")).toBe("12.5%");
    expect(formatShare("0.46875")).toBe("46.87%");
    expect(formatShare("1")).toBe("100%");
    expect(formatShare("0")).toBe("0%");
    expect(formatShare("0.03125", 1)).toBe("3.1%");
  });

  it("parses decimals as the contracts take them", () => {
    expect(parseDecimal("2")).toBe("2");
    expect(parseDecimal("0.50")).toBe("0.5");
    expect(parseDecimal("007")).toBe("7");
    expect(() => parseDecimal("1e3")).toThrow(AmountError);
    expect(() => parseDecimal("0.1234567890123456789")).toThrow(AmountError);
  });
});

describe("addresses and time", () => {
  it("shortens addresses and checks their shape", () => {
    const a = "wasm1q062um4fdnke0p8v5n8wnvgwjveqqkxcymj6s6";
    expect(shortAddr(a)).toBe("wasm1q062u…mj6s6");
    expect(looksLikeAddress(a, "wasm")).toBe(true);
    expect(looksLikeAddress("alex", "wasm")).toBe(false);
    expect(looksLikeAddress(a, "cosmos")).toBe(false);
  });

  it("says how long is left", () => {
    expect(formatDuration(34)).toBe("0:34");
    expect(formatDuration(65)).toBe("1:05");
    expect(formatDuration(3 * 3600 + 12 * 60)).toBe("3 h 12 min");
    expect(formatDuration(30 * 86400)).toBe("30 d 0 h");
    expect(formatDuration(-5)).toBe("0:00");
  });
});
