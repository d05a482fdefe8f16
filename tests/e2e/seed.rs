//! The reference article, in French and English.

use serde_json::Value;

use crate::{assert_spans_exact, entente, records, root};

fn gold() -> Value {
    let text = std::fs::read_to_string(root().join("examples/gold.json")).expect("gold.json");
    serde_json::from_str(&text).expect("gold.json is JSON")
}

#[test]
fn seed_articles_give_one_record_each_with_places_and_exact_offsets() {
    let output = entente(&["run", "examples/seed-fr.txt", "examples/seed-en.txt"], b"");
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let records = records(&output);
    assert_eq!(records.len(), 2);
    let gold = gold();
    for (record, gold_doc) in records.iter().zip(gold["documents"].as_array().unwrap()) {
        let file = gold_doc["doc"].as_str().unwrap();
        let text = std::fs::read_to_string(root().join("examples").join(file)).unwrap();
        assert_eq!(record["status"], "ok");
        assert_eq!(record["schema_version"], 1);
        assert_eq!(record["language"]["tag"], gold_doc["lang"], "{file}");
        assert_spans_exact(&text, record);
        let found: Vec<(&str, &str)> = record["entities"]
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|e| {
                e["mentions"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(move |m| (m["text"].as_str().unwrap(), e["type"].as_str().unwrap()))
            })
            .collect();
        for entity in gold_doc["entities"].as_array().unwrap().iter().filter(|e| e["type"] == "LOC") {
            for mention in entity["mentions"].as_array().unwrap() {
                let mention = mention.as_str().unwrap();
                assert!(found.iter().any(|(t, _)| *t == mention), "{file}: place {mention} not found in {found:?}");
            }
        }
    }
}

#[test]
fn french_and_english_share_entity_ids() {
    let output = entente(&["run", "examples/seed-fr.txt", "examples/seed-en.txt"], b"");
    let records = records(&output);
    let gold = gold();
    let docs = gold["documents"].as_array().unwrap();
    // The id of the entity one of whose mentions is one of `surfaces`.
    let id_of = |record: &Value, surfaces: &Value| -> Option<String> {
        let surfaces: Vec<&str> = surfaces.as_array().unwrap().iter().map(|s| s.as_str().unwrap()).collect();
        record["entities"].as_array().unwrap().iter().find_map(|e| {
            let hit = e["mentions"].as_array().unwrap().iter().any(|m| surfaces.contains(&m["text"].as_str().unwrap()));
            hit.then(|| e["id"].as_str().unwrap().to_owned())
        })
    };
    for (fr, en) in docs[0]["entities"].as_array().unwrap().iter().zip(docs[1]["entities"].as_array().unwrap()) {
        assert_eq!(fr["canonical"], en["canonical"]);
        let fr_id = id_of(&records[0], &fr["mentions"]);
        let en_id = id_of(&records[1], &en["mentions"]);
        assert!(fr_id.is_some(), "{} not found in French", fr["canonical"]);
        assert_eq!(fr_id, en_id, "{}", fr["canonical"]);
    }
    let csto = records[0]["entities"].as_array().unwrap().iter().find(|e| e["id"] == "org:csto").expect("CSTO");
    assert_eq!(csto["canonical"], "Collective Security Treaty Organization");
    assert_eq!(csto["names"]["fr"], "Organisation du traité de sécurité collective");
}

#[test]
fn jsonl_from_stdin_with_given_language() {
    let input = "{\"id\":\"a\",\"text\":\"Le Kremlin et l’OTSC.\",\"lang\":\"fr\"}\n{\"id\":\"b\",\"text\":\"The Kremlin and the CSTO.\"}\n";
    let output = entente(&["run", "--stdin-format", "jsonl", "-"], input.as_bytes());
    let records = records(&output);
    assert_eq!(records.len(), 2);
    assert_eq!(records[0]["language"]["source"], "given");
    assert_eq!(records[1]["language"]["tag"], "en");
    for r in &records {
        let ids: Vec<&str> = r["entities"].as_array().unwrap().iter().map(|e| e["id"].as_str().unwrap()).collect();
        assert_eq!(ids, ["org:kremlin", "org:csto"]);
    }
}

#[test]
fn seed_values_match_gold_in_both_languages() {
    let output =
        entente(&["run", "--reference-time", "2022-01-12", "examples/seed-fr.txt", "examples/seed-en.txt"], b"");
    assert!(output.status.success());
    let records = records(&output);
    let gold = gold();
    for (record, gold_doc) in records.iter().zip(gold["documents"].as_array().unwrap()) {
        let text = std::fs::read_to_string(root().join("examples").join(gold_doc["doc"].as_str().unwrap())).unwrap();
        assert_spans_exact(&text, record);
        let values = record["values"].as_array().unwrap();
        for expected in gold_doc["values"].as_array().unwrap() {
            let dim = expected["dim"].as_str().unwrap();
            let found = values.iter().any(|v| {
                let value = &v["value"];
                v["dim"] == dim
                    && match dim {
                        "time" => {
                            value["value"].as_str().is_some_and(|t| t.starts_with(expected["value"].as_str().unwrap()))
                        }
                        "duration" => {
                            let days: f64 = expected["value"]
                                .as_str()
                                .unwrap()
                                .trim_matches(|c| c == 'P' || c == 'D')
                                .parse()
                                .unwrap();
                            value["unit"] == "day" && value["value"].as_f64() == Some(days)
                        }
                        _ => {
                            value["value"].as_f64() == expected["value"].as_f64()
                                && value["unit"] == expected["unit"]
                                && value["approximate"].as_bool().unwrap_or(false)
                                    == expected["approximate"].as_bool().unwrap_or(false)
                        }
                    }
            });
            assert!(found, "{}: {expected} not found in {values:?}", gold_doc["doc"]);
        }
    }
}

#[test]
fn headlines_are_repaired_in_the_normalized_text() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("normalized.toml");
    let default = std::fs::read_to_string(root().join("config/default.toml")).unwrap();
    std::fs::write(&config, format!("{default}\n[output]\nnormalized_text = true\n")).unwrap();
    let output = entente(&["run", "-c", config.to_str().unwrap(), "examples/seed-fr.txt", "examples/seed-en.txt"], b"");
    let records = records(&output);
    let gold = gold();
    let expected = gold["documents"][0]["headline_sentence_case"].as_str().unwrap().replace('\u{2019}', "'");
    let repaired = records[0]["normalized_text"].as_str().unwrap().lines().next().unwrap().to_owned();
    assert_eq!(repaired, expected);
    // The English headline too, its names kept (the tagger reads a capital as a sign of a name,
    // whatever the house style); the record's offsets and mention texts are the original's.
    let english = records[1]["normalized_text"].as_str().unwrap().lines().next().unwrap().to_owned();
    assert_eq!(
        english,
        "Russia-Led coalition troops to leave Kazakhstan within two days, United States to watch until the end"
    );
}

#[test]
fn demonyms_point_at_their_country() {
    let output = entente(&["run", "examples/seed-fr.txt", "examples/seed-en.txt"], b"");
    let records = records(&output);
    let gold = gold();
    let country_id = |canonical: &str| match canonical {
        "Kazakhstan" => "loc:kazakhstan",
        "Russia" => "loc:russia",
        other => panic!("no id for {other} in this test"),
    };
    for (record, gold_doc) in records.iter().zip(gold["documents"].as_array().unwrap()) {
        let found: Vec<(&str, &str)> = record["demonyms"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| (d["text"].as_str().unwrap(), d["country"].as_str().unwrap()))
            .collect();
        for expected in gold_doc["demonyms"].as_array().unwrap() {
            let pair = (expected["text"].as_str().unwrap(), country_id(expected["country"].as_str().unwrap()));
            assert!(found.contains(&pair), "{}: {pair:?} not in {found:?}", gold_doc["doc"]);
        }
    }
}

#[test]
fn sentences_of_the_seed_articles_slice_the_original() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("sentences.toml");
    let default = std::fs::read_to_string(root().join("config/default.toml")).unwrap();
    std::fs::write(&config, format!("{default}\n[output]\nsentences = true\n")).unwrap();
    let output = entente(&["run", "-c", config.to_str().unwrap(), "examples/seed-fr.txt", "examples/seed-en.txt"], b"");
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    for (record, file) in records(&output).iter().zip(["seed-fr.txt", "seed-en.txt"]) {
        let text = std::fs::read_to_string(root().join("examples").join(file)).unwrap();
        let sentences = record["sentences"].as_array().expect("sentences");
        assert!(sentences.len() >= 8, "{file}: {} sentences", sentences.len());
        let mut last = 0;
        for s in sentences {
            let (start, end) = (s["byte_start"].as_u64().unwrap() as usize, s["byte_end"].as_u64().unwrap() as usize);
            assert!(start >= last && start < end, "{file}: {start}..{end} after {last}");
            let piece = &text[start..end];
            assert_eq!(piece.trim(), piece);
            assert!(!piece.contains('\n'), "{file}: a sentence spans lines: {piece:?}");
            last = end;
        }
        // The first sentence is the headline line.
        let first = &sentences[0];
        let headline = text.lines().next().unwrap().trim_end();
        assert_eq!(
            &text[first["byte_start"].as_u64().unwrap() as usize..first["byte_end"].as_u64().unwrap() as usize],
            headline
        );
    }
}
