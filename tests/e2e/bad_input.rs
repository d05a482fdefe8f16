//! Bad input never crashes and never vanishes: N documents in, N records out, in order.

use std::fs;

use crate::{entente, records};

#[test]
fn five_inputs_give_five_records_and_exit_zero() {
    let dir = tempfile::tempdir().unwrap();
    let jsonl = dir.path().join("batch.jsonl");
    fs::write(
        &jsonl,
        "{\"id\":\"good-1\",\"text\":\"Vladimir Poutine est à Moscou.\"}\n{not json\n{\"id\":\"empty\",\"text\":\"\"}\n",
    )
    .unwrap();
    let bad_utf8 = dir.path().join("latin1.txt");
    fs::write(&bad_utf8, b"Caf\xe9 \xe0 Paris").unwrap();
    let good = dir.path().join("good.txt");
    fs::write(&good, "Title line\nJoe Biden spoke in Washington.").unwrap();
    let paths = [jsonl.to_str().unwrap(), bad_utf8.to_str().unwrap(), good.to_str().unwrap()];
    let output = entente(&["run", paths[0], paths[1], paths[2]], b"");
    assert_eq!(output.status.code(), Some(0), "{}", String::from_utf8_lossy(&output.stderr));
    let records = records(&output);
    let summary: Vec<(String, String)> = records
        .iter()
        .map(|r| (r["id"].as_str().unwrap().to_owned(), r["status"].as_str().unwrap().to_owned()))
        .collect();
    let jsonl_line2 = format!("{}:2", paths[0]);
    assert_eq!(
        summary,
        [
            ("good-1".into(), "ok".into()),
            (jsonl_line2, "error".into()),
            ("empty".into(), "ok".into()),
            (paths[1].to_owned(), "error".into()),
            (paths[2].to_owned(), "ok".into()),
        ]
    );
    assert_eq!(records[1]["error"]["kind"], "malformed_json");
    assert_eq!(records[3]["error"]["kind"], "invalid_utf8");
    assert!(records[2]["entities"].as_array().unwrap().is_empty());
    assert_eq!(records[4]["title"], "Title line");
}

#[test]
fn binary_missing_and_directory_inputs() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join("sub")).unwrap();
    fs::write(dir.path().join("sub/b.txt"), "Le Kazakhstan.").unwrap();
    fs::write(dir.path().join("a.txt"), "La Russie.").unwrap();
    fs::write(dir.path().join("z.bin.txt"), [0u8, 159, 146, 150, 0, 1]).unwrap();
    fs::write(dir.path().join("ignored.csv"), "x").unwrap();
    let missing = dir.path().join("missing.txt");
    let output = entente(&["run", dir.path().to_str().unwrap(), missing.to_str().unwrap()], b"");
    assert_eq!(output.status.code(), Some(0));
    let records = records(&output);
    let kinds: Vec<String> = records
        .iter()
        .map(|r| {
            r["error"]["kind"]
                .as_str()
                .map_or_else(|| r["id"].as_str().unwrap().rsplit('/').next().unwrap().to_owned(), str::to_owned)
        })
        .collect();
    assert_eq!(kinds, ["a.txt", "b.txt", "binary", "io"]);
}

#[test]
fn oversized_document_is_an_error_record() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("small.toml");
    let default = fs::read_to_string(crate::root().join("config/default.toml")).unwrap();
    fs::write(&config, format!("{default}\n[input]\nmax_document_bytes = 10\n")).unwrap();
    let output = entente(&["run", "-c", config.to_str().unwrap(), "-"], "Un texte bien trop long.".as_bytes());
    let records = records(&output);
    assert_eq!(records.len(), 1);
    assert_eq!(records[0]["error"]["kind"], "too_large");
}

#[test]
fn output_is_the_same_on_one_thread_and_on_four() {
    let dir = tempfile::tempdir().unwrap();
    let jsonl = dir.path().join("batch.jsonl");
    let seed = fs::read_to_string(crate::root().join("examples/seed-en.txt")).unwrap();
    let mut lines = String::new();
    for n in 0..60 {
        match n % 7 {
            3 => lines.push_str("{broken\n"),
            5 => lines.push_str(&format!("{{\"id\":\"short-{n}\",\"text\":\"La Russie et l'OTSC.\"}}\n")),
            _ => lines.push_str(
                &serde_json::json!({"id": format!("doc-{n}"), "text": &seed[..(n * 37) % seed.len()]}).to_string(),
            ),
        }
        if !lines.ends_with('\n') {
            lines.push('\n');
        }
    }
    fs::write(&jsonl, lines).unwrap();
    let one = entente(&["run", "-j", "1", jsonl.to_str().unwrap()], b"");
    let four = entente(&["run", "-j", "4", jsonl.to_str().unwrap()], b"");
    assert_eq!(one.status.code(), Some(0));
    assert_eq!(records(&one).len(), 60);
    assert_eq!(String::from_utf8_lossy(&one.stdout), String::from_utf8_lossy(&four.stdout));
}

#[test]
fn soak_reports_throughput_and_memory() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("soak.db");
    let output = entente(&["soak", "-n", "300", "-j", "2", "--store", db.to_str().unwrap()], b"");
    assert_eq!(output.status.code(), Some(0), "{}", String::from_utf8_lossy(&output.stderr));
    let summary: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(summary["documents"], 300);
    assert_eq!(summary["errors"], 0);
    assert!(summary["documents_per_second"].as_f64().unwrap() > 0.0);
    assert!(summary["peak_rss_kib"].as_u64().unwrap() > 0);
    assert_eq!(summary["samples"].as_array().unwrap().len(), 10);
    let stored = entente_driver::store::Store::open_read_only(&db).unwrap().count_documents().unwrap();
    assert_eq!(stored, 300);
}
