//! Helpers shared by the end-to-end tests: run the `relate` binary against a fresh database.

#![allow(dead_code, unreachable_pub, clippy::new_without_default)]

use std::path::{Path, PathBuf};
use std::process::Command;

pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

pub struct Workspace {
    pub dir: tempfile::TempDir,
    /// The database every command uses; `relate.db` in `dir` unless a test points elsewhere.
    pub db: PathBuf,
}

impl Workspace {
    pub fn new() -> Workspace {
        let dir = tempfile::tempdir().expect("temp dir");
        let db = dir.path().join("relate.db");
        Workspace { dir, db }
    }

    pub fn db(&self) -> PathBuf {
        self.db.clone()
    }

    pub fn relate(&self, args: &[&str]) -> Run {
        let out = Command::new(env!("CARGO_BIN_EXE_relate"))
            .arg("--db")
            .arg(self.db())
            .args(args)
            .current_dir(self.dir.path())
            .env_remove("RELATE_DB")
            .output()
            .expect("run relate");
        Run {
            code: out.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        }
    }

    /// Runs relate and insists on success.
    pub fn ok(&self, args: &[&str]) -> Run {
        let run = self.relate(args);
        assert_eq!(run.code, 0, "relate {args:?} failed:\n{}\n{}", run.stdout, run.stderr);
        run
    }

    pub fn json(&self, args: &[&str]) -> serde_json::Value {
        let run = self.ok(args);
        serde_json::from_str(&run.stdout).expect("valid JSON on stdout")
    }
}

pub fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

pub fn fixture(path: &str) -> String {
    repo().join("fixtures").join(path).display().to_string()
}

/// Every value stored under `key` anywhere in the tree.
pub fn find_all<'a>(value: &'a serde_json::Value, key: &str, out: &mut Vec<&'a serde_json::Value>) {
    match value {
        serde_json::Value::Object(map) => {
            for (k, v) in map {
                if k == key {
                    out.push(v);
                }
                find_all(v, key, out);
            }
        }
        serde_json::Value::Array(items) => items.iter().for_each(|v| find_all(v, key, out)),
        _ => {}
    }
}

/// The single value under `key` anywhere in the tree; fails if it is missing or repeated.
pub fn the<'a>(value: &'a serde_json::Value, key: &str) -> &'a serde_json::Value {
    let mut found = Vec::new();
    find_all(value, key, &mut found);
    assert_eq!(found.len(), 1, "key {key:?} must appear exactly once, found {}", found.len());
    found[0]
}

/// Bytes of the database and its WAL, for privacy checks.
pub fn database_bytes(db: &Path) -> Vec<u8> {
    let mut bytes = std::fs::read(db).unwrap_or_default();
    for suffix in ["-wal", "-shm"] {
        bytes.extend(std::fs::read(format!("{}{suffix}", db.display())).unwrap_or_default());
    }
    bytes
}

pub fn contains(haystack: &[u8], needle: &str) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle.as_bytes())
}
