//! Reports of one event from different outlets, in French and English, each spelling foreign
//! names its own way (`examples/cluster/`): one id per real-world entity across all of them.

use std::collections::{BTreeMap, BTreeSet};

use crate::{entente, records};

/// Each real-world entity of the Kazakh president's visit, as the reports write it.
const KAZAKH_VISIT: &[&[&str]] = &[
    &["Kassym-Jomart Tokaïev", "Tokaïev", "Kassym-Jomart Tokayev", "Tokayev", "Kassym-Zhomart Tokaev"],
    &["Vladimir Poutine", "Vladimir Putin", "Putin"],
    &["Dmitri Peskov", "Dmitry Peskov", "Dmitriy Peskov", "Peskov"],
    &["Sergueï Lavrov", "Sergei Lavrov", "Sergey Lavrov"],
    &["Kremlin"],
    &["Moscou", "MOSCOU", "Moscow", "MOSCOW"],
    &["OTSC", "Organisation du traité de sécurité collective", "CSTO", "Collective Security Treaty Organization"],
    &["Kazakhstan"],
];

/// And of the visit to Kyiv.
const KYIV_VISIT: &[&[&str]] = &[
    &["Volodymyr Zelensky", "Zelensky", "Volodymyr Zelenskyy", "Zelenskyy", "Volodymyr Zelenskiy", "Zelenskiy"],
    &["Antony Blinken", "Blinken"],
    &["Kiev", "KIEV", "Kyiv", "KYIV"],
    &["Zaporijjia", "Zaporizhzhia", "Zaporizhia"],
    &["AIEA", "IAEA", "International Atomic Energy Agency"],
    &["Rafael Grossi"],
    &["OTAN", "NATO"],
    &["ONU", "UN", "United Nations"],
    &["Ukraine", "Ukrainian"],
    &["U.S."],
];

/// And of the visit to Jerusalem.
const JERUSALEM_VISIT: &[&[&str]] = &[
    &["Benyamin Netanyahou", "Benjamin Netanyahu", "Netanyahou", "Netanyahu"],
    &["Antony Blinken", "Blinken"],
    &["Mahmoud Abbas"],
    &["António Guterres", "Antonio Guterres"],
    &["Jérusalem", "JÉRUSALEM", "Jerusalem", "JERUSALEM"],
    &["Cisjordanie", "West Bank"],
    &["Autorité palestinienne", "Palestinian Authority"],
    &["Hamas"],
    &["ONU", "UN"],
];

#[test]
fn reports_from_several_outlets_give_one_id_per_entity() {
    check_cluster(&["kz-afp-fr.txt", "kz-rts-fr.txt", "kz-reuters-en.txt", "kz-antara-en.txt"], KAZAKH_VISIT);
    check_cluster(&["ua-afp-fr.txt", "ua-ap-en.txt", "ua-reuters-en.txt"], KYIV_VISIT);
    check_cluster(&["me-afp-fr.txt", "me-reuters-en.txt"], JERUSALEM_VISIT);
}

/// Runs the reports `files` and checks that each group of `entities` has one id of its own.
fn check_cluster(files: &[&str], entities: &[&[&str]]) {
    let files: Vec<String> = files.iter().map(|f| format!("examples/cluster/{f}")).collect();
    let args: Vec<&str> = std::iter::once("run").chain(files.iter().map(String::as_str)).collect();
    let output = entente(&args, b"");
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    // Mention text -> the ids it was given, in any report.
    let mut ids: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for record in records(&output) {
        assert_eq!(record["status"], "ok", "{record}");
        for entity in record["entities"].as_array().unwrap() {
            for mention in entity["mentions"].as_array().unwrap() {
                let text = mention["text"].as_str().unwrap().to_owned();
                ids.entry(text).or_default().insert(entity["id"].as_str().unwrap().to_owned());
            }
        }
    }
    let mut seen_ids = BTreeSet::new();
    for surfaces in entities {
        let mut group = BTreeSet::new();
        for surface in *surfaces {
            let found = ids.get(*surface).unwrap_or_else(|| panic!("{surface} not found; found {ids:?}"));
            group.extend(found.iter().cloned());
        }
        assert_eq!(group.len(), 1, "{surfaces:?} got several ids: {group:?}");
        let id = group.into_iter().next().unwrap();
        assert!(seen_ids.insert(id.clone()), "{id} given to two entities");
    }
}
