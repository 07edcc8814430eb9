//! Writing a contract's JSON schema where the tooling expects it (host only, for the
//! contracts' `schema` bins): `schema/<contract>/<contract>.json` (the whole API) and
//! `schema/<contract>/raw/*.json` (one file per message and query response), the layout
//! `@cosmwasm/ts-codegen` reads. `scripts/schema.sh` runs every contract's bin.

use std::fs;
use std::path::{Path, PathBuf};

/// Writes `api` into `schema/<contract>/` at the top of the workspace, replacing whatever an
/// older message set left there. `manifest_dir` is the contract crate's
/// `env!("CARGO_MANIFEST_DIR")`.
pub fn write(manifest_dir: &str, contract: &str, api: cosmwasm_schema::Api) {
    let api = api.render();
    let out_dir: PathBuf = Path::new(manifest_dir).join("../../schema").join(contract);
    fs::create_dir_all(out_dir.join("raw")).expect("create the schema directory");
    let out_dir = fs::canonicalize(out_dir).expect("the schema directory exists");
    let raw_dir = out_dir.join("raw");
    for dir in [&out_dir, &raw_dir] {
        for entry in fs::read_dir(dir).expect("read the schema directory") {
            let path = entry.expect("a directory entry").path();
            if path.extension().is_some_and(|ext| ext == "json") {
                fs::remove_file(&path).expect("remove an old schema file");
            }
        }
    }
    let write = |path: PathBuf, json: String| {
        fs::write(&path, json + "\n").expect("write a schema file");
        println!("wrote {}", path.display());
    };
    write(
        out_dir.join(format!("{contract}.json")),
        api.to_string().expect("render the API"),
    );
    for (file, json) in api.to_schema_files().expect("render the schema files") {
        write(raw_dir.join(file), json);
    }
}
