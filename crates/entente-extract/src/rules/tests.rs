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

/// The surfaces `tidy_span` makes of the tokens from the one starting `from` to the one ending `to`.
fn tidied(text: &str, from: &str, to: &str, kind: EntityKind) -> Vec<(String, EntityKind)> {
    let tokens = tokenize(text);
    let start = tokens.iter().position(|t| text[t.range.start..].starts_with(from)).unwrap();
    let end = tokens.iter().rposition(|t| text[..t.range.end].ends_with(to)).unwrap() + 1;
    let mut out = Vec::new();
    tidy_span(text, &tokens, start..end, kind, 1.0, &mut out);
    out.into_iter()
        .map(|(r, k, _)| (text[tokens[r.start].range.start..tokens[r.end - 1].range.end].to_owned(), k))
        .collect()
}

#[test]
fn tidied_spans_stop_at_lines_datelines_and_possessives() {
    use EntityKind::*;
    let text = "said Dmitriy Peskov.\nThe meeting";
    assert_eq!(tidied(text, "Dmitriy", "The", Per), [("Dmitriy Peskov".to_owned(), Per)]);
    let text = "KIEV - Ukraine's President Volodymyr Zelenskiy met";
    assert_eq!(
        tidied(text, "KIEV", "Zelenskiy", Misc),
        [("KIEV".to_owned(), Misc), ("Ukraine".to_owned(), Misc), ("Volodymyr Zelenskiy".to_owned(), Per)]
    );
    // A title of a work keeps its dash; a full stop stays after an abbreviation.
    for dash in ["-", "–", "—"] {
        let text = format!("played Call of Duty : Black Ops {dash} Declassified today");
        assert_eq!(
            tidied(&text, "Call", "Declassified", Misc),
            [(format!("Call of Duty : Black Ops {dash} Declassified"), Misc)]
        );
    }
    let text = "Warner Bros. recherche un éditeur";
    assert_eq!(tidied(text, "Warner", ".", Org), [("Warner Bros.".to_owned(), Org)]);
    let text = "He met Bush. Then";
    assert_eq!(tidied(text, "Bush", ".", Per), [("Bush".to_owned(), Per)]);
    // A dash standing for punctuation ends a name; a title's full stop is not part of one.
    let text = "allied with Bin Laden-- then you";
    assert_eq!(tidied(text, "Bin", "then", Per), [("Bin Laden".to_owned(), Per)]);
    let text = "Nawaz Sharif— Musharraf said";
    assert_eq!(
        tidied(text, "Nawaz", "Musharraf", Per),
        [("Nawaz Sharif".to_owned(), Per), ("Musharraf".to_owned(), Per)]
    );
    let text = "in 1999, Gen. Pervez Musharraf made";
    assert_eq!(tidied(text, "Gen", "Musharraf", Per), [("Pervez Musharraf".to_owned(), Per)]);
    let text = "the Jean-Pierre Raffarin government";
    assert_eq!(tidied(text, "Jean", "Raffarin", Per), [("Jean-Pierre Raffarin".to_owned(), Per)]);
    // "Première Guerre mondiale" is not a title before a name.
    let text = "la Première Guerre mondiale";
    assert_eq!(tidied(text, "Première", "mondiale", Misc), [("Première Guerre mondiale".to_owned(), Misc)]);
}

#[test]
fn tidied_spans_leave_out_titles_days_and_what_follows_a_preposition() {
    use EntityKind::*;
    // A title of several words is left out whole, and its first word alone is no name.
    let text = "la Première ministre Élisabeth Borne a parlé";
    assert_eq!(tidied(text, "Première", "Borne", Misc), [("Élisabeth Borne".to_owned(), Per)]);
    let text = "le Premier ministre Gabriel Attal a parlé";
    assert!(tidied(text, "Premier", "Premier", Loc).is_empty());
    let text = "Iranian Foreign Minister Abbas Araghchi wrote";
    assert_eq!(
        tidied(text, "Iranian", "Araghchi", Misc),
        [("Iranian".to_owned(), Misc), ("Abbas Araghchi".to_owned(), Per)]
    );
    let text = "la tempête Ciarán a provoqué";
    assert_eq!(tidied(text, "Ciarán", "Ciarán", Per), [("Ciarán".to_owned(), Misc)]);
    let text = "then Prince said";
    assert_eq!(tidied(text, "Prince", "Prince", Per), [("Prince".to_owned(), Per)]);
    // The day something happened is not part of the name before it.
    let text = "devant l'Assemblée nationale jeudi, alors";
    assert_eq!(tidied(text, "Assemblée", "jeudi", Org), [("Assemblée nationale".to_owned(), Org)]);
    let text = "the song Gloomy Sunday was";
    assert_eq!(tidied(text, "Gloomy", "Sunday", Misc), [("Gloomy Sunday".to_owned(), Misc)]);
    // A preposition that never stands inside a name ends it; the next name starts at a capital.
    let text = "la Première ministre Élisabeth Borne devant l'Assemblée nationale, alors";
    assert_eq!(
        tidied(text, "Première", "nationale", Misc),
        [("Élisabeth Borne".to_owned(), Per), ("Assemblée nationale".to_owned(), Misc)]
    );
}
