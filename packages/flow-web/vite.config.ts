/// <reference types="vitest/config" />
// Vite config of the members' web app.
//
// The generated TypeScript client (packages/flow-client/src) is imported from source through
// the `@cw-flow/client` alias; its own imports of @cosmjs/* resolve to this package's
// node_modules (`dedupe`), so there is one CosmJS (0.38.1) in the bundle.
//
// `vite` (dev) also serves the localnet's deployment files written by scripts/deploy.mjs:
//   /deployment.json           the holon named by FLOW_DEPLOYMENT (a slug or a file path;
//                              default holon-alpha)
//   /deployments/<slug>.json   any holon of FLOW_DEPLOYMENTS_DIR (default
//                              ../../deployments/cw-flow-local)
//   /deployments/index.json    the list of them
// A static host (and `vite preview`) serves whatever is copied into dist/ instead:
// dist/deployment.json and dist/deployments/ (scripts/web-e2e.sh does that).
//
// `vite build` writes dist/build-info.json: the sha256 of every file of the bundle and of the
// whole bundle (buildInfo below), so a release can record the web app it ships beside the
// contracts' checksums.
import { createHash } from "node:crypto";
import { existsSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { basename, isAbsolute, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { defineConfig, type Plugin } from "vite";

const here = fileURLToPath(new URL(".", import.meta.url));

function deploymentFiles(): Plugin {
  const dir = resolve(here, process.env.FLOW_DEPLOYMENTS_DIR ?? "../../deployments/cw-flow-local");
  const chosen = process.env.FLOW_DEPLOYMENT ?? "holon-alpha";
  const chosenFile = chosen.endsWith(".json")
    ? isAbsolute(chosen) ? chosen : resolve(process.cwd(), chosen)
    : join(dir, `${chosen}.json`);
  const holons = () =>
    existsSync(dir)
      ? readdirSync(dir).filter((f) => f.endsWith(".json") && f !== "codes.json" && f !== "index.json")
      : [];
  return {
    name: "flow-deployment-files",
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        const url = (req.url ?? "").split("?")[0];
        let file: string | null = null;
        let body: string | null = null;
        if (url === "/deployment.json") file = chosenFile;
        else if (url === "/deployments/index.json")
          body = JSON.stringify(holons().map((f) => ({ slug: basename(f, ".json"), url: `/deployments/${f}` })));
        else if (/^\/deployments\/[a-z0-9_-]+\.json$/i.test(url)) file = join(dir, basename(url));
        if (file && existsSync(file)) body = readFileSync(file, "utf8");
        if (body === null) return next();
        res.setHeader("content-type", "application/json");
        res.setHeader("cache-control", "no-store");
        res.end(body);
      });
    },
  };
}

/**
 * dist/build-info.json after a build: {files: {path: sha256}, bundle_sha256}. The bundle's hash
 * is the sha256 of the lines "<sha256>  <path>\n" sorted by path, what
 * `cd dist && sha256sum <the files> | sort -k2 | sha256sum` prints; the deployment files a host
 * adds beside it later are not part of it.
 */
export function bundleHash(files: Record<string, string>): string {
  const lines = Object.keys(files)
    .sort()
    .map((f) => `${files[f]}  ${f}\n`)
    .join("");
  return createHash("sha256").update(lines).digest("hex");
}

function buildInfo(): Plugin {
  let outDir = "dist";
  return {
    name: "flow-build-info",
    apply: "build",
    configResolved(c) {
      outDir = resolve(c.root, c.build.outDir);
    },
    writeBundle(_options, bundle) {
      const files: Record<string, string> = {};
      for (const name of Object.keys(bundle).sort())
        files[name] = createHash("sha256").update(readFileSync(join(outDir, name))).digest("hex");
      const info = { files, bundle_sha256: bundleHash(files) };
      writeFileSync(join(outDir, "build-info.json"), `${JSON.stringify(info, null, 2)}\n`);
      console.log(`build-info.json: bundle sha256 ${info.bundle_sha256} (${Object.keys(files).length} files)`);
    },
  };
}

export default defineConfig({
  plugins: [deploymentFiles(), buildInfo()],
  resolve: {
    alias: {
      "@cw-flow/client": resolve(here, "../flow-client/src"),
      // @chain-registry/keplr (the Keplr and Leap adapters' chain-info helper) needs one
      // function of @keplr-wallet/cosmos; the package itself is 299 kB gzip (src/shims).
      "@keplr-wallet/cosmos": resolve(here, "src/shims/keplr-cosmos.ts"),
    },
    dedupe: [
      "@cosmjs/amino",
      "@cosmjs/cosmwasm-stargate",
      "@cosmjs/encoding",
      "@cosmjs/proto-signing",
      "@cosmjs/stargate",
      "cosmjs-types",
    ],
  },
  server: { host: "127.0.0.1", port: 5173, fs: { allow: [resolve(here, "..")] } },
  preview: { host: "127.0.0.1", port: 4173 },
  build: { target: "es2022", chunkSizeWarningLimit: 2000, sourcemap: false },
  test: { include: ["src/**/*.test.ts"], environment: "node" },
});
