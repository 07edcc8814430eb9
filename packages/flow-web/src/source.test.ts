import { describe, expect, it } from "vitest";

import { allowListUrls, checkSource, deploymentSource, requestedSource } from "./source";

const PAGE = "https://alpha.example.org/app/?deployment=x#/flow";

describe("requestedSource", () => {
  it("reads ?deployment=, ?holon= and the default", () => {
    expect(requestedSource("?deployment=https://x.org/d.json")).toEqual({ url: "https://x.org/d.json", explicit: true });
    expect(requestedSource("?holon=holon-beta")).toEqual({ url: "deployments/holon-beta.json", explicit: false });
    expect(requestedSource("?holon=../../evil")).toEqual({ url: "deployment.json", explicit: false });
    expect(requestedSource("")).toEqual({ url: "deployment.json", explicit: false });
  });
});

describe("checkSource", () => {
  it("loads a file of the page's own site, relative or absolute", () => {
    expect(checkSource("deployments/beta.json", PAGE, [])).toEqual({ ok: true, url: "https://alpha.example.org/app/deployments/beta.json" });
    expect(checkSource("/other/holon.json", PAGE, [])).toMatchObject({ ok: true, url: "https://alpha.example.org/other/holon.json" });
    expect(checkSource("https://alpha.example.org/x.json", PAGE, [])).toMatchObject({ ok: true });
  });

  it("refuses another site's file in plain words", () => {
    const s = checkSource("https://evil.example.com/holon.json", PAGE, []);
    expect(s.ok).toBe(false);
    if (!s.ok) {
      expect(s.reason).toContain("did not load the holon from https://evil.example.com/holon.json");
      expect(s.reason).toContain("its own site (https://alpha.example.org)");
      expect(s.reason).toContain("deployments.json");
    }
  });

  it("refuses a look-alike: another port, another scheme, a subdomain, user info", () => {
    for (const u of [
      "https://alpha.example.org:8443/d.json",
      "http://alpha.example.org/d.json",
      "https://alpha.example.org.evil.com/d.json",
      "https://evil.com@alpha.example.org.evil.com/d.json",
      "//evil.example.com/d.json",
    ])
      expect(checkSource(u, PAGE, []).ok, u).toBe(false);
  });

  it("never loads a non-web address, listed or not", () => {
    for (const u of ["javascript:alert(1)", "data:application/json,{}", "file:///etc/passwd"]) {
      expect(checkSource(u, PAGE, [u]).ok, u).toBe(false);
    }
  });

  it("loads another site's file the site lists, exactly", () => {
    const allowed = ["https://beta.example.net/deployments/beta.json"];
    expect(checkSource("https://beta.example.net/deployments/beta.json", PAGE, allowed)).toMatchObject({ ok: true });
    expect(checkSource("https://beta.example.net/deployments/other.json", PAGE, allowed).ok).toBe(false);
    expect(checkSource("https://beta.example.net/deployments/beta.json?x=1", PAGE, allowed).ok).toBe(false);
  });
});

describe("allowListUrls", () => {
  it("takes strings and objects with a url, in a list or under deployments", () => {
    expect(allowListUrls(["https://a/x.json", { url: "https://b/y.json", name: "B" }, 3, null, { slug: "c" }])).toEqual([
      "https://a/x.json",
      "https://b/y.json",
    ]);
    expect(allowListUrls({ deployments: ["https://a/x.json"] })).toEqual(["https://a/x.json"]);
    expect(allowListUrls({ nope: 1 })).toEqual([]);
    expect(allowListUrls(null)).toEqual([]);
  });
});

describe("deploymentSource", () => {
  it("reads the allow-list only for another site's file", async () => {
    const asked: string[] = [];
    const fetchJson = async (url: string) => {
      asked.push(url);
      return ["https://beta.example.net/b.json"];
    };
    expect(await deploymentSource("?holon=beta", PAGE, fetchJson)).toMatchObject({ ok: true });
    expect(asked).toEqual([]);
    expect(await deploymentSource("?deployment=https%3A%2F%2Fbeta.example.net%2Fb.json", PAGE, fetchJson)).toMatchObject({ ok: true });
    expect(asked).toEqual(["https://alpha.example.org/app/deployments.json"]);
    expect((await deploymentSource("?deployment=https://evil.example.com/b.json", PAGE, fetchJson)).ok).toBe(false);
  });

  it("refuses another site's file when there is no allow-list", async () => {
    const s = await deploymentSource("?deployment=https://beta.example.net/b.json", PAGE, async () => {
      throw new Error("404");
    });
    expect(s.ok).toBe(false);
  });
});
