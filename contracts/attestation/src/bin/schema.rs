//! Writes the JSON schema of the attestation contract into `schema/attestation/` at the top of the
//! workspace: `attestation.json` (the whole API) and `raw/*.json` (one file per message and query
//! response), the layout `@cosmwasm/ts-codegen` reads. `scripts/schema.sh` runs every one.

use std::fs;
use std::path::{Path, PathBuf};

use cosmwasm_schema::generate_api;
use flow_types::attestation::{ExecuteMsg, InstantiateMsg, MigrateMsg, QueryMsg};

const CONTRACT: &str = "attestation";

fn main() {
    let api = generate_api! {
        instantiate: InstantiateMsg,
        execute: ExecuteMsg,
        query: QueryMsg,
        migrate: MigrateMsg,
    }
    .render();

    let out_dir: PathBuf = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../schema")
        .join(CONTRACT);
    fs::create_dir_all(out_dir.join("raw")).expect("create the schema directory");
    let out_dir = fs::canonicalize(out_dir).expect("the schema directory exists");
    let raw_dir = out_dir.join("raw");
    // Whatever an older message set left behind goes first.
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
        out_dir.join(format!("{CONTRACT}.json")),
        api.to_string().expect("render the API"),
    );
    for (file, json) in api.to_schema_files().expect("render the schema files") {
        write(raw_dir.join(file), json);
    }
}
