// Hash routes: #/needs, #/attest … (the query string keeps the deployment choice).
import { ROUTES, type Route, state, update } from "./store";

export function routeFromHash(hash: string): { route: Route; params: URLSearchParams } {
  const [path, query = ""] = hash.replace(/^#\/?/, "").split("?");
  const route = (ROUTES.find((r) => r.id === path)?.id ?? "holon") as Route;
  return { route, params: new URLSearchParams(query) };
}

export function go(route: Route) {
  if (state.route === route) return;
  location.hash = `#/${route}`;
}

export function onRoute(handler: () => void) {
  window.addEventListener("hashchange", () => {
    const { route, params } = routeFromHash(location.hash);
    const c = params.get("c");
    update({ route, ...(c !== null ? { needFilter: c } : {}) });
    handler();
  });
}
