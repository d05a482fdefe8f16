//! The SQLite store: idempotent writes, cross-language queries, and a run killed mid-batch.

use std::process::{Command, Stdio};
use std::time::Duration;

use entente_driver::store::Store;

use crate::{entente, records, root};

#[test]
fn query_finds_both_languages_and_reruns_are_idempotent() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("news.db");
    let db = db.to_str().unwrap();
    for _ in 0..2 {
        let output = entente(&["run", "--store", db, "examples/seed-fr.txt", "examples/seed-en.txt"], b"");
        assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    }
    assert_eq!(Store::open(dir.path().join("news.db").as_path()).unwrap().count_documents().unwrap(), 2);
    for text in ["OTSC", "CSTO", "Poutine", "Putin", "Tokaïev"] {
        let output = entente(&["query", "--store", db, text], b"");
        assert!(output.status.success());
        let hits = records(&output);
        let ids: Vec<&str> = hits.iter().map(|h| h["id"].as_str().unwrap()).collect();
        assert_eq!(ids, ["examples/seed-en.txt", "examples/seed-fr.txt"], "{text}");
    }
    let output = entente(&["query", "--store", db, "Zanzibar"], b"");
    assert!(records(&output).is_empty());
}

#[test]
fn killed_run_leaves_a_consistent_store_that_a_rerun_completes() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("batch.jsonl");
    let seed = std::fs::read_to_string(root().join("examples/seed-fr.txt")).unwrap();
    let lines: String = (0..600)
        .map(|i| serde_json::json!({"id": format!("doc-{i:05}"), "text": seed, "lang": "fr"}).to_string() + "\n")
        .collect();
    std::fs::write(&input, lines).unwrap();
    let db = dir.path().join("news.db");
    let mut child = Command::new(env!("CARGO_BIN_EXE_entente"))
        .args(["run", "--store", db.to_str().unwrap(), input.to_str().unwrap()])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    // Kill it (SIGKILL on Unix) as soon as some documents are stored.
    let started = std::time::Instant::now();
    loop {
        std::thread::sleep(Duration::from_millis(20));
        let stored = Store::open_read_only(&db).and_then(|s| s.count_documents()).unwrap_or(0);
        if stored >= 5 || started.elapsed() > Duration::from_secs(60) {
            break;
        }
    }
    child.kill().unwrap();
    child.wait().unwrap();
    let partial = Store::open(&db).unwrap().count_documents().unwrap();
    assert!(partial < 600, "the run finished before it was killed ({partial} documents); the test proves nothing");
    let output = entente(&["run", "--store", db.to_str().unwrap(), input.to_str().unwrap()], b"");
    assert!(output.status.success());
    assert_eq!(Store::open(&db).unwrap().count_documents().unwrap(), 600);
}
