use super::*;
use crate::GazetteerEntry;

fn gazetteer() -> Arc<Gazetteer> {
    let entry = |alias: &str, kind, key: &str| GazetteerEntry {
        alias: alias.into(),
        fold_initial: false,
        kind,
        key: key.into(),
        prior: 0.5,
        demonym: false,
    };
    Arc::new(Gazetteer::new(vec![
        entry("Russie", EntityKind::Loc, "loc:russia"),
        entry("Kazakhstan", EntityKind::Loc, "loc:kazakhstan"),
        entry("États-Unis", EntityKind::Loc, "loc:united-states"),
        entry("Reuters", EntityKind::Org, "org:reuters"),
    ]))
}

/// Extracts from `text` and returns `(surface, label)` pairs.
fn check(text: &str, expected: &[(&str, &str)]) {
    let mut out = Extraction::default();
    let fr = entente_core::Lang::parse("fr").unwrap();
    let context = ExtractContext { lang: &fr, reference_time: None, translated_from: None };
    RuleExtractor::new(gazetteer()).extract(&NormalizedText::new(text), &context, &mut out);
    let got: Vec<(&str, &str)> = out.mentions.iter().map(|m| (&text[m.byte_range.clone()], m.kind.label())).collect();
    assert_eq!(got, expected, "in {text:?}");
}

#[test]
fn title_case_headline_needs_evidence() {
    check(
        "Les Troupes De La Coalition Dirigée Par La Russie Quitteront Le Kazakhstan Dans Deux Jours\n\
         Les troupes de la coalition sont en Russie et au Kazakhstan.",
        &[("Russie", "LOC"), ("Kazakhstan", "LOC"), ("Russie", "LOC"), ("Kazakhstan", "LOC")],
    );
}

#[test]
fn people_orgs_and_sentence_starts() {
    check(
        "Le président kazakh Kassym-Jomart Tokayev a parlé. Tokayev a cité Reuters.",
        &[("Kassym-Jomart Tokayev", "PER"), ("Tokayev", "PER"), ("Reuters", "ORG")],
    );
    check(
        "Les troupes de l'Organisation du Traité de sécurité collective (OTSC) partent.",
        &[("Organisation du Traité", "ORG"), ("OTSC", "ORG")],
    );
    check("Par ailleurs, le porte-parole Ned Price a parlé.", &[("Ned Price", "PER")]);
}

#[test]
fn dateline_in_capitals() {
    check("JAKARTA - Le Kazakhstan a dit.", &[("JAKARTA", "MISC"), ("Kazakhstan", "LOC")]);
}
