//! Reddit: no real thread `.json` is in the corpus (the real ones are kept back), so this
//! checks the other half of detection: no real file of another format is taken for Reddit,
//! Discourse or Disqus, and every file in `discourse/` and `disqus/` is claimed by its own.

use relate_import::{Input, detect};

/// Every file in the corpus, as `format/file` paths.
fn corpus_files() -> Vec<String> {
    let root = crate::corpus("");
    let mut out = Vec::new();
    for dir in std::fs::read_dir(&root).expect("corpus").flatten() {
        if !dir.path().is_dir() {
            continue;
        }
        let format = dir.file_name().to_string_lossy().into_owned();
        for file in std::fs::read_dir(dir.path()).expect("format folder").flatten() {
            if file.path().is_file() {
                out.push(format!("{format}/{}", file.file_name().to_string_lossy()));
            }
        }
    }
    out.sort();
    out
}

#[test]
fn reddit_discourse_and_disqus_claim_only_their_own_files() {
    let files = corpus_files();
    assert!(files.len() > 20, "{files:?}");
    for path in files {
        let input = Input::from_path(&crate::corpus(&path)).expect("readable");
        let detected = detect(&input).map(|i| i.id());
        let folder = path.split('/').next().unwrap_or_default();
        for id in ["reddit", "discourse", "disqus"] {
            if folder == id {
                assert_eq!(detected, Some(id), "{path}");
            } else {
                assert_ne!(detected, Some(id), "{path} taken for {id}");
            }
        }
    }
}
