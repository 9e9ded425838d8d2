//! Random secrets handed to users (session cookies, one-time links, API tokens) and the
//! hashes under which the database keeps them.

use sha2::{Digest, Sha256};

use crate::error::AppError;

/// 256 random bits from the operating system, as 64 hex digits.
pub fn new_secret() -> Result<String, AppError> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).map_err(|error| AppError::internal("random secret", error))?;
    Ok(hex(&bytes))
}

/// Secrets are long and random, so a fast hash is enough: it cannot be brute-forced.
pub fn hash_secret(secret: &str) -> String {
    hex(&Sha256::digest(secret.as_bytes()))
}

fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write;
    bytes
        .iter()
        .fold(String::with_capacity(bytes.len() * 2), |mut out, byte| {
            let _ = write!(out, "{byte:02x}");
            out
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_are_long_and_different_every_time() {
        let first = new_secret().expect("secret");
        let second = new_secret().expect("secret");
        assert_eq!(first.len(), 64);
        assert_ne!(first, second);
    }

    #[test]
    fn the_stored_hash_is_not_the_secret_but_is_stable() {
        let secret = "abc";
        assert_ne!(hash_secret(secret), secret);
        assert_eq!(hash_secret(secret), hash_secret(secret));
        assert_eq!(
            hash_secret(secret),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}
