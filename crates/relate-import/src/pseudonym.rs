//! Stable participant keys that reveal nothing: a keyed SHA-256 over what identifies a guest
//! (usually the e-mail address), with a secret that lives in the workspace database. The same
//! person gets the same key on every re-import into the same database, but a key cannot be
//! checked against a list of known e-mail addresses without the secret.

use sha2::{Digest, Sha256};

#[derive(Clone)]
pub struct Pseudonymizer {
    secret: Vec<u8>,
}

impl Pseudonymizer {
    pub fn new(secret: &[u8]) -> Pseudonymizer {
        Pseudonymizer { secret: secret.to_vec() }
    }

    /// Returns 24 hex digits derived from the secret and `parts`.
    pub fn key(&self, parts: &[&str]) -> String {
        let mut hasher = Sha256::new();
        hasher.update(&self.secret);
        for part in parts {
            hasher.update([0u8]);
            hasher.update(part.as_bytes());
        }
        let digest = hasher.finalize();
        digest.iter().take(12).map(|b| format!("{b:02x}")).collect()
    }
}

impl std::fmt::Debug for Pseudonymizer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Pseudonymizer(<secret>)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_stable_per_secret_and_hide_the_input() {
        let a = Pseudonymizer::new(b"one");
        let b = Pseudonymizer::new(b"two");
        assert_eq!(a.key(&["ben@example.org"]), a.key(&["ben@example.org"]));
        assert_ne!(a.key(&["ben@example.org"]), b.key(&["ben@example.org"]));
        assert!(!a.key(&["ben@example.org"]).contains("ben"));
        assert_eq!(a.key(&["x"]).len(), 24);
    }
}
