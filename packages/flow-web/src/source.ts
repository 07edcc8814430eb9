// Where the page may read its holon's deployment file from. The file names the contracts every
// button signs for, so a link must not point a holon's own page at someone else's contracts:
// `?deployment=URL` loads only a file of this site (same origin), or one the site lists in its
// allow-list, `deployments.json` served beside the page:
//   ["https://holons.example.org/deployments/beta.json", {"url": "…", "name": "…"}, …]

/** The allow-list's file, beside the page. */
export const ALLOW_LIST = "deployments.json";

export type Source = { ok: true; url: string } | { ok: false; url: string; reason: string };

/** The deployment file the address asks for: ?deployment=URL, ?holon=SLUG, else deployment.json. */
export function requestedSource(search: string): { url: string; explicit: boolean } {
  const p = new URLSearchParams(search);
  const url = p.get("deployment");
  if (url) return { url, explicit: true };
  const holon = p.get("holon");
  if (holon && /^[a-z0-9_-]+$/i.test(holon)) return { url: `deployments/${holon}.json`, explicit: false };
  return { url: "deployment.json", explicit: false };
}

/** The URLs an allow-list file names (strings, or objects with a `url`); anything else is ignored. */
export function allowListUrls(doc: unknown): string[] {
  const list = Array.isArray(doc) ? doc : Array.isArray((doc as { deployments?: unknown })?.deployments) ? (doc as { deployments: unknown[] }).deployments : [];
  return list
    .map((x) => (typeof x === "string" ? x : typeof (x as { url?: unknown })?.url === "string" ? (x as { url: string }).url : null))
    .filter((x): x is string => x !== null);
}

/**
 * Whether the page at `pageHref` may load the deployment file at `requested`: a file of the
 * page's own origin, or one `allowed` names (resolved against the page, compared exactly).
 * Only http(s) files are ever loaded.
 */
export function checkSource(requested: string, pageHref: string, allowed: string[]): Source {
  let url: URL;
  try {
    url = new URL(requested, pageHref);
  } catch {
    return { ok: false, url: requested, reason: `“${requested}” is not an address the page can read a holon from.` };
  }
  const page = new URL(pageHref);
  if (url.protocol !== "https:" && url.protocol !== "http:")
    return { ok: false, url: requested, reason: `The page reads a holon only from a web address (http or https), not from “${requested}”.` };
  if (url.origin === page.origin) return { ok: true, url: url.href };
  const listed = allowed.some((a) => {
    try {
      return new URL(a, pageHref).href === url.href;
    } catch {
      return false;
    }
  });
  if (listed) return { ok: true, url: url.href };
  return {
    ok: false,
    url: url.href,
    reason:
      `This page did not load the holon from ${url.href}: it reads a holon only from its own site (${page.origin}) ` +
      `or from an address the site lists in ${ALLOW_LIST}, and that one is not listed. ` +
      `A link can otherwise point this page at contracts that are not the holon's: nothing was read from them.`,
  };
}

/**
 * The deployment file this page loads: checked against the site's allow-list when it is not
 * of this site (the allow-list is read only then).
 */
export async function deploymentSource(
  search: string,
  pageHref: string,
  fetchJson: (url: string) => Promise<unknown> = async (url) => {
    const res = await fetch(url, { cache: "no-store" });
    if (!res.ok) return [];
    return res.json();
  },
): Promise<Source> {
  const { url } = requestedSource(search);
  const first = checkSource(url, pageHref, []);
  if (first.ok) return first;
  let allowed: string[] = [];
  try {
    allowed = allowListUrls(await fetchJson(new URL(ALLOW_LIST, pageHref).href));
  } catch {
    // no allow-list: only this site's files
  }
  return checkSource(url, pageHref, allowed);
}
