//! Writes the JSON schema of the need-registry into `schema/need-registry/` (see `flow_types::schema`).

use cosmwasm_schema::generate_api;
use flow_types::registry::{ExecuteMsg, InstantiateMsg, MigrateMsg, QueryMsg};

fn main() {
    let api = generate_api! {
        instantiate: InstantiateMsg,
        execute: ExecuteMsg,
        query: QueryMsg,
        migrate: MigrateMsg,
    };
    flow_types::schema::write(env!("CARGO_MANIFEST_DIR"), "need-registry", api);
}
