//! Writes the JSON schema of the commons into `schema/commons/` (see `flow_types::schema`).

use cosmwasm_schema::generate_api;
use flow_types::commons::{ExecuteMsg, InstantiateMsg, MigrateMsg, QueryMsg};

fn main() {
    let api = generate_api! {
        instantiate: InstantiateMsg,
        execute: ExecuteMsg,
        query: QueryMsg,
        migrate: MigrateMsg,
    };
    flow_types::schema::write(env!("CARGO_MANIFEST_DIR"), "commons", api);
}
