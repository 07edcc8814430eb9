//! Migration rules shared by every contract: only the same contract, only forward.

use cosmwasm_std::{StdError, Storage};
use thiserror::Error;

#[derive(Error, Debug, PartialEq)]
pub enum MigrateError {
    #[error("{0}")]
    Std(#[from] StdError),

    #[error("cannot migrate from contract {stored:?} to {expected:?}")]
    WrongContract { stored: String, expected: String },

    #[error("cannot migrate from version {stored} to older or equal version {new}")]
    NotAnUpgrade { stored: String, new: String },

    #[error("invalid version {0:?}")]
    BadVersion(String),
}

/// Checks that the stored cw2 version is `name` at a strictly older version than
/// `new_version`, then stores the new version.
pub fn ensure_upgrade(
    storage: &mut dyn Storage,
    name: &str,
    new_version: &str,
) -> Result<(), MigrateError> {
    let stored = cw2::get_contract_version(storage)?;
    if stored.contract != name {
        return Err(MigrateError::WrongContract {
            stored: stored.contract,
            expected: name.to_string(),
        });
    }
    let parse =
        |v: &str| semver::Version::parse(v).map_err(|_| MigrateError::BadVersion(v.to_string()));
    if parse(&stored.version)? >= parse(new_version)? {
        return Err(MigrateError::NotAnUpgrade {
            stored: stored.version,
            new: new_version.to_string(),
        });
    }
    cw2::set_contract_version(storage, name, new_version)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use cosmwasm_std::testing::MockStorage;

    #[test]
    fn only_forward_and_same_name() {
        let mut s = MockStorage::new();
        cw2::set_contract_version(&mut s, "crates.io:a", "0.2.0").unwrap();
        assert!(matches!(
            ensure_upgrade(&mut s, "crates.io:b", "0.3.0"),
            Err(MigrateError::WrongContract { .. })
        ));
        assert!(matches!(
            ensure_upgrade(&mut s, "crates.io:a", "0.1.0"),
            Err(MigrateError::NotAnUpgrade { .. })
        ));
        assert!(matches!(
            ensure_upgrade(&mut s, "crates.io:a", "0.2.0"),
            Err(MigrateError::NotAnUpgrade { .. })
        ));
        ensure_upgrade(&mut s, "crates.io:a", "0.3.0").unwrap();
        assert_eq!(cw2::get_contract_version(&s).unwrap().version, "0.3.0");
    }
}
