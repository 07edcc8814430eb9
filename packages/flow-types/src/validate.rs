//! Input checks shared by every contract, so that a bound reads the same everywhere.

use cosmwasm_std::Decimal;
use thiserror::Error;

#[derive(Error, Debug, PartialEq)]
pub enum ValidationError {
    #[error("{field} must not be empty")]
    Empty { field: String },

    #[error("{field} is too long: {len} bytes, at most {max}")]
    TooLong {
        field: String,
        len: usize,
        max: usize,
    },

    #[error("{field} must be a slug of 1 to {max} characters a-z, 0-9, '-' or '_', got {value:?}")]
    NotASlug {
        field: String,
        value: String,
        max: usize,
    },

    #[error("{field} must be between {min} and {max}, got {value}")]
    OutOfRange {
        field: String,
        value: String,
        min: String,
        max: String,
    },
}

/// A required text of at most `max` bytes, not blank.
pub fn text(field: &str, value: &str, max: usize) -> Result<(), ValidationError> {
    if value.trim().is_empty() {
        return Err(ValidationError::Empty {
            field: field.into(),
        });
    }
    optional_text(field, value, max)
}

/// An optional text (may be empty) of at most `max` bytes.
pub fn optional_text(field: &str, value: &str, max: usize) -> Result<(), ValidationError> {
    if value.len() > max {
        return Err(ValidationError::TooLong {
            field: field.into(),
            len: value.len(),
            max,
        });
    }
    Ok(())
}

/// A short identifier: lower-case ASCII letters, digits, `-` and `_`.
pub fn slug(field: &str, value: &str, max: usize) -> Result<(), ValidationError> {
    let ok = !value.is_empty()
        && value.len() <= max
        && value
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_');
    if ok {
        Ok(())
    } else {
        Err(ValidationError::NotASlug {
            field: field.into(),
            value: value.chars().take(80).collect(),
            max,
        })
    }
}

/// A Decimal within `[min, max]`.
pub fn decimal_in(
    field: &str,
    value: Decimal,
    min: Decimal,
    max: Decimal,
) -> Result<(), ValidationError> {
    if value < min || value > max {
        return Err(ValidationError::OutOfRange {
            field: field.into(),
            value: value.to_string(),
            min: min.to_string(),
            max: max.to_string(),
        });
    }
    Ok(())
}

/// An integer within `[min, max]`.
pub fn int_in(field: &str, value: u64, min: u64, max: u64) -> Result<(), ValidationError> {
    if value < min || value > max {
        return Err(ValidationError::OutOfRange {
            field: field.into(),
            value: value.to_string(),
            min: min.to_string(),
            max: max.to_string(),
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bounds_name_the_field() {
        assert_eq!(
            text("title", "  ", 10).unwrap_err().to_string(),
            "title must not be empty"
        );
        assert!(text("title", "bread", 10).is_ok());
        assert!(text("title", "breadbreadbread", 10).is_err());
        assert!(slug("id", "child-care_2", 32).is_ok());
        assert!(slug("id", "Childcare", 32).is_err());
        assert!(slug("id", "", 32).is_err());
        assert!(decimal_in(
            "impact",
            Decimal::percent(1100),
            Decimal::zero(),
            Decimal::percent(1000)
        )
        .is_err());
        assert!(int_in("n", 5, 1, 5).is_ok());
    }
}
