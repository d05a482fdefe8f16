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
fn a_number_inside_a_name_is_no_numeral() {
    let g = Arc::new(Gazetteer::new(vec![GazetteerEntry {
        alias: "CAC 40".into(),
        fold_initial: false,
        kind: EntityKind::Misc,
        key: "misc:cac-40".into(),
        prior: 0.5,
        demonym: false,
    }]));
    let text = "Le CAC 40 a gagné 2 points.";
    let mut out = Extraction::default();
    let fr = entente_core::Lang::parse("fr").unwrap();
    let context = ExtractContext { lang: &fr, reference_time: None, translated_from: None };
    RuleExtractor::new(g).extract(&NormalizedText::new(text), &context, &mut out);
    assert!(out.mentions.iter().any(|m| &text[m.byte_range.clone()] == "CAC 40"));
    let values: Vec<&str> = out.values.iter().map(|v| &text[v.byte_range.clone()]).collect();
    assert_eq!(values, ["2 points"]);
}

#[test]
fn dateline_in_capitals() {
    check("JAKARTA - Le Kazakhstan a dit.", &[("JAKARTA", "MISC"), ("Kazakhstan", "LOC")]);
}

/// Gazetteer hits of the given kinds at the first occurrence of each name in `text`.
fn known_hits(text: &str, names: &[(&str, EntityKind)]) -> Vec<(GazetteerMatch, EntityKind)> {
    names
        .iter()
        .map(|&(name, kind)| {
            let at = text.find(name).unwrap();
            (GazetteerMatch { range: at..at + name.len(), entry: 0 }, kind)
        })
        .collect()
}

/// The token range from the first token starting `from` to the last one ending `to`.
fn token_range(text: &str, tokens: &[Token], from: &str, to: &str) -> Range<usize> {
    let start = tokens.iter().position(|t| text[t.range.start..].starts_with(from)).unwrap();
    let end = tokens.iter().rposition(|t| text[..t.range.end].ends_with(to)).unwrap() + 1;
    start..end
}

/// The surfaces and types of token spans.
fn surfaces(text: &str, tokens: &[Token], spans: Vec<(Range<usize>, EntityKind, f32)>) -> Vec<(String, EntityKind)> {
    spans
        .into_iter()
        .map(|(r, k, _)| (text[tokens[r.start].range.start..tokens[r.end - 1].range.end].to_owned(), k))
        .collect()
}

/// The surfaces `tidy_span` makes of the tokens from the one starting `from` to the one ending `to`.
fn tidied(text: &str, from: &str, to: &str, kind: EntityKind) -> Vec<(String, EntityKind)> {
    let tokens = tokenize(text);
    let mut out = Vec::new();
    tidy_span(text, &tokens, token_range(text, &tokens, from, to), kind, 1.0, &mut out);
    surfaces(text, &tokens, out)
}

/// The surfaces of `parts` (first word, last word, kind) once `step` has corrected them.
fn corrected_by(
    text: &str,
    parts: &[(&str, &str, EntityKind)],
    step: impl Fn(&str, &[Token], &mut Vec<(Range<usize>, EntityKind, f32)>),
) -> Vec<(String, EntityKind)> {
    let tokens = tokenize(text);
    let mut spans: Vec<(Range<usize>, EntityKind, f32)> =
        parts.iter().map(|&(a, b, kind)| (token_range(text, &tokens, a, b), kind, 1.0)).collect();
    step(text, &tokens, &mut spans);
    surfaces(text, &tokens, spans)
}

#[test]
fn tidied_spans_stop_at_lines_datelines_and_possessives() {
    use EntityKind::*;
    let text = "said Dmitriy Peskov.\nThe meeting";
    assert_eq!(tidied(text, "Dmitriy", "The", Per), [("Dmitriy Peskov".to_owned(), Per)]);
    // One letter before a line break is no person, and a grammar word opening the line is no
    // part of the name after it.
    let text = "a dénoncé Marine Le Pen sur X.\n\nSelon Bercy, le déficit";
    assert_eq!(tidied(text, "X", "Bercy", Per), [("Bercy".to_owned(), Per)]);
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
    let text = "Le Premier ministre Sébastien Lecornu a annoncé";
    assert!(tidied(text, "Le", "Premier", Org).is_empty());
    let text = "and Justice Sonia Sotomayor dissented";
    assert_eq!(tidied(text, "Justice", "Sotomayor", Per), [("Sonia Sotomayor".to_owned(), Per)]);
    // Right after a portfolio the tagger left out, a name is the minister's.
    let text = "Coordinating Minister for Economic Affairs Airlangga Hartarto said";
    assert_eq!(tidied(text, "Airlangga", "Hartarto", Org), [("Airlangga Hartarto".to_owned(), Per)]);
    let text = "the President of the United States Donald Trump said";
    assert_eq!(tidied(text, "United", "States", Loc), [("United States".to_owned(), Loc)]);
    let text = "Iranian Foreign Minister Abbas Araghchi wrote";
    assert_eq!(
        tidied(text, "Iranian", "Araghchi", Misc),
        [("Iranian".to_owned(), Misc), ("Abbas Araghchi".to_owned(), Per)]
    );
    let text = "la tempête Ciarán a provoqué";
    assert_eq!(tidied(text, "Ciarán", "Ciarán", Per), [("Ciarán".to_owned(), Misc)]);
    // "de la République" after a title is part of the title; what follows "de" keeps its type.
    let text = "le procureur de la République Laure Beccuau a requis";
    assert_eq!(tidied(text, "République", "Beccuau", Org), [("Laure Beccuau".to_owned(), Per)]);
    let text = "le procureur de la République de Paris a requis";
    assert_eq!(tidied(text, "République", "Paris", Loc), [("Paris".to_owned(), Loc)]);
    let text = "le président de la République a parlé";
    assert!(tidied(text, "République", "République", Org).is_empty());
    // A name does not end with an article in lower case.
    let text = "présenté en Conseil des ministres un projet de loi";
    assert_eq!(tidied(text, "Conseil", "un", Org), [("Conseil des ministres".to_owned(), Org)]);
    // A party and state tag in parentheses is no name.
    let text = "Sen. Elizabeth Warren (D-Mass.) said";
    assert!(tidied(text, "D-Mass", ".", Org).is_empty());
    let text = "Sen. Bernie Sanders, I-Vt., introduced";
    assert!(tidied(text, "I-Vt", "I-Vt", Org).is_empty());
    let text = "Sen. Lindsey Graham, R-S.C., and Gov. Gavin Newsom";
    assert!(tidied(text, "R-S", "C", Org).is_empty());
    let text = "racheter la start-up Perplexity pour";
    assert_eq!(tidied(text, "Perplexity", "Perplexity", Per), [("Perplexity".to_owned(), Org)]);
    // The company word may stand before a French adjective, not before a verb and a preposition.
    let text = "L'entreprise bretonne Biocoop a racheté";
    assert_eq!(tidied(text, "Biocoop", "Biocoop", Per), [("Biocoop".to_owned(), Org)]);
    let text = "l'association Robin des Bois a porté plainte";
    assert_eq!(tidied(text, "Robin", "Bois", Misc), [("Robin des Bois".to_owned(), Org)]);
    let text = "l'enseigne Jennyfer, qui emploie 999 salariés";
    assert_eq!(tidied(text, "Jennyfer", "Jennyfer", Per), [("Jennyfer".to_owned(), Org)]);
    // A storm named so ("une tempête baptisée Amy").
    let text = "une tempête baptisée Amy a provoqué des inondations";
    assert_eq!(tidied(text, "Amy", "Amy", Per), [("Amy".to_owned(), Misc)]);
    // A disease is "other"; where an outbreak is stays a place.
    let text = "la fin de l'épidémie d'Ebola en RDC";
    assert_eq!(tidied(text, "Ebola", "Ebola", Loc), [("Ebola".to_owned(), Misc)]);
    let text = "the Zika virus spread";
    assert_eq!(tidied(text, "Zika", "Zika", Loc), [("Zika".to_owned(), Misc)]);
    let text = "the Wuhan outbreak spread";
    assert_eq!(tidied(text, "Wuhan", "Wuhan", Loc), [("Wuhan".to_owned(), Loc)]);
    // A program's name is no person's.
    let text = "the maker of the Claude chatbot said";
    assert_eq!(tidied(text, "Claude", "Claude", Per), [("Claude".to_owned(), Misc)]);
    // A festival's name is "other"; after "de", the place it is in keeps its type.
    let text = "le festival des Vieilles Charrues a accueilli";
    assert_eq!(tidied(text, "Vieilles", "Charrues", Loc), [("Vieilles Charrues".to_owned(), Misc)]);
    let text = "le festival de Cannes a accueilli";
    assert_eq!(tidied(text, "Cannes", "Cannes", Loc), [("Cannes".to_owned(), Loc)]);
    let text = "l'entreprise dirigée par Anne Dupont";
    assert_eq!(tidied(text, "Anne", "Dupont", Per), [("Anne Dupont".to_owned(), Per)]);
    // A company's head before "de" or "of"; not a general's, nor the mayor's town.
    let text = "l'ancien directeur général d'Orpea a été";
    assert_eq!(tidied(text, "Orpea", "Orpea", Loc), [("Orpea".to_owned(), Org)]);
    let text = "the chief executive of Lengow said";
    assert_eq!(tidied(text, "Lengow", "Lengow", Loc), [("Lengow".to_owned(), Org)]);
    let text = "le procureur général de Paris a requis";
    assert_eq!(tidied(text, "Paris", "Paris", Loc), [("Paris".to_owned(), Loc)]);
    let text = "le maire de Perpignan a suspendu";
    assert_eq!(tidied(text, "Perpignan", "Perpignan", Loc), [("Perpignan".to_owned(), Loc)]);
    // A last word that only companies end with; a trophy named for a person.
    let text = "BRUSSELS/KYIV, Dec 1 (Reuters) - European";
    assert!(tidied(text, "Dec", "Dec", Loc).is_empty());
    let text = "the vote passed, Senate Majority Leader John Thune said.";
    assert_eq!(tidied(text, "Senate", "Thune", Per), [("Senate".to_owned(), Org), ("John Thune".to_owned(), Per)]);
    let text = "according to the Hazard Mitigation Center today";
    assert_eq!(tidied(text, "Hazard", "Center", Per), [("Hazard Mitigation Center".to_owned(), Org)]);
    let text = "racheté par Francisco Partners en";
    assert_eq!(tidied(text, "Francisco", "Partners", Per), [("Francisco Partners".to_owned(), Org)]);
    let text = "le record du Trophée Jules-Verne tombe";
    assert_eq!(tidied(text, "Trophée", "Jules-Verne", Per), [("Trophée Jules-Verne".to_owned(), Misc)]);
    // A score is no part of a name.
    let text = "Monaco a battu le PSG 1-0 au stade.";
    assert_eq!(tidied(text, "PSG", "1", Org), [("PSG".to_owned(), Org)]);
    let text = "the Xbox 360 sold well";
    assert_eq!(tidied(text, "Xbox", "360", Misc), [("Xbox 360".to_owned(), Misc)]);
    // A sign-off's role is no name.
    let text = "Reporting by Jane Doe; Editing by Toby Chopra";
    assert!(tidied(text, "Editing", "Editing", Per).is_empty());
    // A title's first word after a place, a party's member before a name.
    let text = "UK Foreign Secretary Yvette Cooper met";
    assert_eq!(tidied(text, "UK", "Foreign", Loc), [("UK".to_owned(), Loc)]);
    let text = "Metropolitan Police Commissioner Mark Rowley said";
    assert_eq!(tidied(text, "Metropolitan", "Police", Org), [("Metropolitan Police".to_owned(), Org)]);
    let text = "trailing Democrat Mikie Sherrill in";
    assert_eq!(
        tidied(text, "Democrat", "Sherrill", Per),
        [("Democrat".to_owned(), Misc), ("Mikie Sherrill".to_owned(), Per)]
    );
    // A wire headline's source after a dash is no part of a name; a company word makes "other" a
    // company.
    let text = "in Japanese startup Sakana AI - sources";
    assert_eq!(tidied(text, "Sakana", "sources", Misc), [("Sakana AI".to_owned(), Org)]);
    // A name after "new" is a product's.
    let text = "a dévoilé la nouvelle Twingo électrique";
    assert_eq!(tidied(text, "Twingo", "Twingo", Per), [("Twingo".to_owned(), Misc)]);
    // A name's particles after a title.
    let text = "by Supreme Court Justice Alexandre de Moraes.";
    assert_eq!(
        tidied(text, "Supreme", "Moraes", Org),
        [("Supreme Court".to_owned(), Org), ("Alexandre de Moraes".to_owned(), Per)]
    );
    let text = "European Commission President Ursula von der Leyen said";
    assert_eq!(
        tidied(text, "European", "Ursula", Org),
        [("European Commission".to_owned(), Org), ("Ursula".to_owned(), Per)]
    );
    // A title with a portfolio inside a span.
    let text = "Tropical Storm Kalmaegi killed at least 100 people";
    assert_eq!(tidied(text, "Storm", "Kalmaegi", Per), [("Storm Kalmaegi".to_owned(), Misc)]);
    let text = "The US National Hurricane Center said";
    assert_eq!(tidied(text, "National", "Center", Loc), [("National Hurricane Center".to_owned(), Loc)]);
    let text = "a indiqué le secrétaire au Trésor Scott Bessent.";
    assert_eq!(tidied(text, "Trésor", "Bessent", Org), [("Scott Bessent".to_owned(), Per)]);
    let text = "Meanwhile, Indonesian Minister of Foreign Affairs Sugiono met";
    assert_eq!(
        tidied(text, "Indonesian", "Sugiono", Misc),
        [("Indonesian".to_owned(), Misc), ("Sugiono".to_owned(), Per)]
    );
    // A company in apposition is a company; a noun after "firm" makes it an adjective.
    let text = "Rho Motion, a London-based consultancy, said sales rose.";
    assert_eq!(tidied(text, "Rho", "Motion", Per), [("Rho Motion".to_owned(), Org)]);
    let text = "Mistral, une start-up française, a levé";
    assert_eq!(tidied(text, "Mistral", "Mistral", Loc), [("Mistral".to_owned(), Org)]);
    let text = "Entre Vailly et Berry-au-Bac, un groupe de mitrailleuses";
    assert_eq!(tidied(text, "Berry-au-Bac", "Berry-au-Bac", Loc), [("Berry-au-Bac".to_owned(), Loc)]);
    let text = "Jane Doe, a firm believer in markets, said";
    assert_eq!(tidied(text, "Jane", "Doe", Per), [("Jane Doe".to_owned(), Per)]);
    let text = "Jane Doe, a spokeswoman for the bank, said";
    assert_eq!(tidied(text, "Jane", "Doe", Per), [("Jane Doe".to_owned(), Per)]);
    // An acronym of a common noun is no name; one of a name is.
    assert_eq!(tidied("extend the VAT incentive", "VAT", "VAT", Org), []);
    assert_eq!(tidied("la hausse du PIB", "PIB", "PIB", Org), []);
    assert_eq!(tidied("la hausse du FMI", "FMI", "FMI", Org), [("FMI".to_owned(), Org)]);
    // A generation's letter is no name.
    for (text, from) in [("Gen Z voters swung", "Z"), ("Gen Z voters swung", "Gen"), ("la génération Z vote", "Z")] {
        assert_eq!(tidied(text, from, "Z", Per), []);
    }
    // A weapon's name is no place's.
    let text = "pour discuter des missiles Tomahawk.";
    assert_eq!(tidied(text, "Tomahawk", "Tomahawk", Loc), [("Tomahawk".to_owned(), Misc)]);
    // A rank of several words is left out whole.
    let text = "spokesman Brigadier General Kristomei Sianturi said";
    assert_eq!(tidied(text, "Brigadier", "Sianturi", Per), [("Kristomei Sianturi".to_owned(), Per)]);
    let text = "le tour du monde à bord de Sodebo Ultim";
    assert_eq!(tidied(text, "Sodebo", "Ultim", Per), [("Sodebo Ultim".to_owned(), Misc)]);
    let text = "la Nasa a reporté la mission Artemis II";
    assert_eq!(tidied(text, "Artemis", "II", Per), [("Artemis II".to_owned(), Misc)]);
    // A title inside a span: a place before it keeps the span's type; a nationality is "other".
    let text = "Sydney, New South Wales Police Commissioner Karen Webb said";
    assert_eq!(tidied(text, "New", "Webb", Loc), [("New South Wales".to_owned(), Loc), ("Karen Webb".to_owned(), Per)]);
    let text = "South Korean President Lee Jae-myung said";
    assert_eq!(
        tidied(text, "South", "myung", Per),
        [("South Korean".to_owned(), Misc), ("Lee Jae-myung".to_owned(), Per)]
    );
    let text = "the Apollo Gallery, French Culture Minister Rachida Dati said";
    assert_eq!(tidied(text, "French", "Dati", Misc), [("French".to_owned(), Misc), ("Rachida Dati".to_owned(), Per)]);
    let text = "Apple Chief Executive Tim Cook met";
    assert_eq!(tidied(text, "Executive", "Cook", Per), [("Tim Cook".to_owned(), Per)]);
    // A minister's portfolio is no part of the name after it; "l'État" is an institution.
    let text = "la ministre de la Culture Rachida Dati a inauguré";
    assert_eq!(tidied(text, "Culture", "Dati", Org), [("Rachida Dati".to_owned(), Per)]);
    let text = "la secrétaire d'État au Numérique Clara Chappaz a dit";
    assert_eq!(tidied(text, "Numérique", "Chappaz", Loc), [("Clara Chappaz".to_owned(), Per)]);
    let text = "le garde des Sceaux Gérald Darmanin a dit";
    assert_eq!(tidied(text, "Sceaux", "Darmanin", Misc), [("Gérald Darmanin".to_owned(), Per)]);
    let text = "Minister of Foreign Affairs Sugiono said";
    assert_eq!(tidied(text, "Foreign", "Sugiono", Org), [("Sugiono".to_owned(), Per)]);
    let text = "le ministre de l'Économie a dit";
    assert!(tidied(text, "Économie", "Économie", Misc).is_empty());
    let text = "le chef de l'État a dit";
    assert_eq!(tidied(text, "État", "État", Loc), [("État".to_owned(), Org)]);
    // A dateline's date is no place; a name stops at a verb of speech.
    let text = "WASHINGTON, Dec 10 (Reuters) - The";
    assert!(tidied(text, "Dec", "10", Loc).is_empty());
    let text = "\"We will wait,\" Powell told a news conference.";
    assert_eq!(tidied(text, "Powell", "conference", Misc), [("Powell".to_owned(), Per)]);
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

/// Splits of `spans` (first and last token texts, type) by `split_coordinated`, with the
/// gazetteer hits `names` (first and last token texts).
fn coordinated(text: &str, span: (&str, &str), names: &[(&str, &str, EntityKind)]) -> Vec<(String, EntityKind)> {
    coordinated_as(text, span, EntityKind::Org, names)
}

/// [`coordinated`] with a span the tagger called `kind`.
fn coordinated_as(
    text: &str,
    span: (&str, &str),
    kind: EntityKind,
    names: &[(&str, &str, EntityKind)],
) -> Vec<(String, EntityKind)> {
    let tokens = tokenize(text);
    let typed: Vec<(GazetteerMatch, EntityKind)> = names
        .iter()
        .map(|&(a, b, kind)| {
            let r = token_range(text, &tokens, a, b);
            (GazetteerMatch { range: tokens[r.start].range.start..tokens[r.end - 1].range.end, entry: 0 }, kind)
        })
        .collect();
    let mut spans = vec![(token_range(text, &tokens, span.0, span.1), kind, 1.0)];
    split_coordinated(text, &tokens, &typed, &mut spans);
    surfaces(text, &tokens, spans)
}

#[test]
fn two_known_names_joined_by_and_are_two_mentions() {
    use EntityKind::*;
    let text = "les députés du Rassemblement national et de La France insoumise ont voté";
    let names = [("Rassemblement", "national", Org), ("La", "insoumise", Org)];
    assert_eq!(
        coordinated(text, ("Rassemblement", "insoumise"), &names),
        [("Rassemblement national".to_owned(), Org), ("La France insoumise".to_owned(), Org)]
    );
    let text = "talks between France and Germany ended";
    let names = [("France", "France", Loc), ("Germany", "Germany", Loc)];
    assert_eq!(
        coordinated(text, ("France", "Germany"), &names),
        [("France".to_owned(), Loc), ("Germany".to_owned(), Loc)]
    );
    let text = "an Air India Boeing 787 crashed";
    let names = [("Air", "India", Org), ("Boeing", "Boeing", Org)];
    assert_eq!(
        coordinated(text, ("Air", "Boeing"), &names),
        [("Air India".to_owned(), Org), ("Boeing".to_owned(), Org)]
    );
    let text = "the sale of Lockheed Martin F-35 jets";
    let names = [("Lockheed", "Martin", Org), ("F", "35", Misc)];
    assert_eq!(
        coordinated(text, ("Lockheed", "35"), &names),
        [("Lockheed Martin".to_owned(), Org), ("F-35".to_owned(), Misc)]
    );
    let text = "the Fiji Labour Party won";
    let names = [("Fiji", "Fiji", Loc), ("Labour", "Party", Org)];
    assert_eq!(coordinated(text, ("Fiji", "Party"), &names), [("Fiji Labour Party".to_owned(), Org)]);
    // One side unknown: a name of its own ("Procter and Gamble", "ministère de l'Éducation et
    // de la Jeunesse").
    let text = "shares of Procter and Gamble rose";
    assert_eq!(
        coordinated(text, ("Procter", "Gamble"), &[("Procter", "Procter", Per)]),
        [("Procter and Gamble".to_owned(), Org)]
    );
}

#[test]
fn a_name_and_the_known_place_it_is_in_are_two_mentions() {
    use EntityKind::*;
    let text = "la finale de la Ligue des champions à Munich samedi";
    let names = [("Munich", "Munich", Loc)];
    assert_eq!(
        coordinated(text, ("Ligue", "Munich"), &names),
        [("Ligue des champions".to_owned(), Org), ("Munich".to_owned(), Loc)]
    );
    // In English, "in" and "at" split only after a known name ("Murder in Paris" is a title).
    let text = "the World Economic Forum in Davos opens";
    let names = [("World", "Forum", Org), ("Davos", "Davos", Loc)];
    assert_eq!(
        coordinated(text, ("World", "Davos"), &names),
        [("World Economic Forum".to_owned(), Org), ("Davos".to_owned(), Loc)]
    );
    let text = "the film Murder in Paris opens";
    assert_eq!(
        coordinated(text, ("Murder", "Paris"), &[("Paris", "Paris", Loc)]),
        [("Murder in Paris".to_owned(), Org)]
    );
}

#[test]
fn a_known_organisation_of_a_person_is_two_mentions() {
    use EntityKind::*;
    let text = "le Parti socialiste d'Olivier Faure réclame";
    let names = [("Parti", "socialiste", Org)];
    assert_eq!(
        coordinated(text, ("Parti", "Faure"), &names),
        [("Parti socialiste".to_owned(), Org), ("Olivier Faure".to_owned(), Per)]
    );
    // A place after "de" stays in the name, and so does a single word.
    let text = "le Parti communiste de Grande Bretagne et le Parti socialiste de Lille";
    let names = [("Parti", "communiste", Org), ("Grande", "Bretagne", Loc)];
    assert_eq!(
        coordinated(text, ("Parti", "Bretagne"), &names),
        [("Parti communiste de Grande Bretagne".to_owned(), Org)]
    );
    let names = [("Parti", "socialiste", Org)];
    let text = "le Parti socialiste de Lille";
    assert_eq!(coordinated(text, ("Parti", "Lille"), &names), [("Parti socialiste de Lille".to_owned(), Org)]);
    // An unknown organisation "de" a known person, in running text.
    let text = "contre la Commission d'Ursula von der Leyen déposée";
    let names = [("Ursula", "Leyen", Per)];
    assert_eq!(
        coordinated(text, ("Commission", "Leyen"), &names),
        [("Commission".to_owned(), Org), ("Ursula von der Leyen".to_owned(), Per)]
    );
    // One unknown word "de" a known person is the person's.
    let text = "Le Gouvernement De Sébastien Lecornu Survit";
    let names = [("Sébastien", "Lecornu", Per)];
    assert_eq!(coordinated(text, ("Gouvernement", "Lecornu"), &names), [("Sébastien Lecornu".to_owned(), Per)]);
    // A known party before a person's name, in a span the tagger called a person's.
    let person = |text: &str, from: &str, to: &str, known: &[(&str, &str, EntityKind)]| {
        coordinated_as(text, (from, to), Per, known)
    };
    let text = "le député LR Olivier Marleix a voté";
    assert_eq!(
        person(text, "LR", "Marleix", &[("LR", "LR", Org)]),
        [("LR".to_owned(), Org), ("Olivier Marleix".to_owned(), Per)]
    );
    // A title of a known place, then the holder's name.
    let governor = "Governor of Central Java Ahmad Luthfi inspected";
    assert_eq!(
        person(governor, "Central", "Luthfi", &[("Central", "Java", Loc)]),
        [("Central Java".to_owned(), Loc), ("Ahmad Luthfi".to_owned(), Per)]
    );
    // Spans the tagger called an organisation: text, span, known names, expected.
    type Case<'a> = (&'a str, (&'a str, &'a str), &'a [(&'a str, &'a str, EntityKind)], &'a [(&'a str, EntityKind)]);
    let organisations: [Case; 8] = [
        // A title of a known organisation, then the holder's name.
        (
            "l'ancien patron de Renault Carlos Ghosn a été condamné",
            ("Renault", "Ghosn"),
            &[("Renault", "Renault", Org)],
            &[("Renault", Org), ("Carlos Ghosn", Per)],
        ),
        // Not a name the knowledge base knows whole, nor without a title.
        (
            "shares of Air France KLM Group fell",
            ("Air", "Group"),
            &[("Air", "France", Org)],
            &[("Air France KLM Group", Org)],
        ),
        // A title, an organisation written the French way and the holder's name; not after
        // "and" or "of" in English, nor without a title.
        (
            "le président de la Fédération française de football Philippe Diallo a dit",
            ("Fédération", "Diallo"),
            &[],
            &[("Fédération française de football", Org), ("Philippe Diallo", Per)],
        ),
        (
            "officiated by Minister of Culture, Community and Youth Grace Fu.",
            ("Community", "Fu"),
            &[],
            &[("Community and Youth Grace Fu", Org)],
        ),
        (
            "la Fédération française de football Club Amateur a dit",
            ("Fédération", "Amateur"),
            &[],
            &[("Fédération française de football Club Amateur", Org)],
        ),
        // A nationality before a person's name, in English after a lower-case word; not after
        // an article.
        (
            "the crew included Canadian Jeremy Hansen and others",
            ("Canadian", "Hansen"),
            &[("Canadian", "Canadian", Misc)],
            &[("Canadian", Misc), ("Jeremy Hansen", Per)],
        ),
        (
            "shares of the Canadian Pacific Kansas City fell",
            ("Canadian", "City"),
            &[("Canadian", "Canadian", Misc)],
            &[("Canadian Pacific Kansas City", Org)],
        ),
        // A nationality before a person's name after "l'"; not before an organisation's head.
        (
            "propriété de l'Américain John Textor, le club",
            ("Américain", "Textor"),
            &[("Américain", "Américain", Misc)],
            &[("Américain", Misc), ("John Textor", Per)],
        ),
    ];
    for (text, span, known, expected) in organisations {
        let expected: Vec<(String, EntityKind)> = expected.iter().map(|&(t, k)| (t.to_owned(), k)).collect();
        assert_eq!(coordinated_as(text, span, Org, known), expected, "{text}");
    }
    let afi = "la liste de l'American Film Institute qui";
    assert_eq!(
        coordinated_as(afi, ("American", "Institute"), Org, &[("American", "American", Misc)]),
        [("American Film Institute".to_owned(), Org)]
    );
    // A nationality before a person's name.
    let japanese = "Le Japonais Shohei Ohtani a signé";
    assert_eq!(
        person(japanese, "Japonais", "Ohtani", &[("Japonais", "Japonais", Misc)]),
        [("Japonais".to_owned(), Misc), ("Shohei Ohtani".to_owned(), Per)]
    );
    let war = "during the American Civil War";
    assert_eq!(
        coordinated_as(war, ("American", "War"), Misc, &[("American", "American", Misc)]),
        [("American Civil War".to_owned(), Misc)]
    );
    // Not a person named for a known name, nor an unknown first word.
    assert_eq!(person(text, "LR", "Marleix", &[]), [("LR Olivier Marleix".to_owned(), Per)]);
}

#[test]
fn a_known_name_the_tagger_read_in_part_is_read_whole() {
    let entry = |alias: &str, kind, key: &str| GazetteerEntry {
        alias: alias.into(),
        fold_initial: false,
        kind,
        key: key.into(),
        prior: 0.5,
        demonym: false,
    };
    let g = Gazetteer::new(vec![entry("La France insoumise", EntityKind::Org, "org:lfi")]);
    let model = crate::tagger::embedded("fr").unwrap();
    let text = "Les élus de La France insoumise ont voté.";
    let tokens = tokenize(text);
    let mut hits = Vec::new();
    g.find(text, &fold(text), &mut hits);
    // The tagger alone reads "La France" (a place) or less.
    let (_, prepared) = crate::tagger::prepare(&g, None, text);
    let raw: Vec<&str> = model
        .tag(&prepared, tokens.len())
        .into_iter()
        .map(|(r, _, _)| &text[tokens[r.start].range.start..tokens[r.end - 1].range.end])
        .collect();
    assert!(!raw.contains(&"La France insoumise"), "{raw:?}");
    let found = tagged_names(false, &g, &model, None, text, &tokens, &hits);
    let got: Vec<(&str, EntityKind)> = found.iter().map(|m| (&text[m.byte_range.clone()], m.kind)).collect();
    assert_eq!(got, [("La France insoumise", EntityKind::Org)]);
    // A known name the tagger read as two is one.
    let g = Gazetteer::new(vec![entry("UN Security Council", EntityKind::Org, "org:unsc")]);
    let model = crate::tagger::embedded("en").unwrap();
    let text = "Yesterday the UN Security Council met in New York.";
    let tokens = tokenize(text);
    let mut hits = Vec::new();
    g.find(text, &fold(text), &mut hits);
    let (_, prepared) = crate::tagger::prepare(&g, None, text);
    assert!(model.tag(&prepared, tokens.len()).len() >= 3, "the tagger alone reads UN and Security Council");
    let found = tagged_names(true, &g, &model, None, text, &tokens, &hits);
    let got: Vec<(&str, EntityKind)> = found.iter().map(|m| (&text[m.byte_range.clone()], m.kind)).collect();
    assert_eq!(got, [("UN Security Council", EntityKind::Org), ("New York", EntityKind::Loc)]);
}

#[test]
fn a_span_after_an_organisations_head_takes_it_in() {
    use EntityKind::*;
    let spans_of = |text: &str, from: &str, to: &str, kind: EntityKind| {
        let tokens = tokenize(text);
        let mut spans = vec![(token_range(text, &tokens, from, to), kind, 1.0)];
        extend_to_org_heads(text, &tokens, &mut spans);
        surfaces(text, &tokens, spans)
    };
    let text = "taxes rose, the Office for Budget Responsibility said";
    assert_eq!(spans_of(text, "Budget", "Responsibility", Per), [("Office for Budget Responsibility".to_owned(), Org)]);
    let text = "Bank of Japan Governor Kazuo Ueda said";
    assert_eq!(spans_of(text, "Japan", "Japan", Loc), [("Bank of Japan".to_owned(), Org)]);
    let text = "He joined the National Institute of Health in 1990";
    assert_eq!(spans_of(text, "Health", "Health", Misc), [("National Institute of Health".to_owned(), Org)]);
    // Not after a head in lower case, nor after "Union".
    let text = "le ministère de la Défense a dit";
    assert_eq!(spans_of(text, "Défense", "Défense", Org), [("Défense".to_owned(), Org)]);
    let text = "the Union of Soviet Socialist Republics was";
    assert_eq!(spans_of(text, "Soviet", "Republics", Loc), [("Soviet Socialist Republics".to_owned(), Loc)]);
    // A head read alone takes in the capitalized words before it, not a title or a sentence's
    // article.
    let text = "said Chinese Foreign Ministry spokesperson Lin Jian";
    assert_eq!(spans_of(text, "Ministry", "Ministry", Org), [("Chinese Foreign Ministry".to_owned(), Org)]);
    let text = "The Ministry said";
    assert_eq!(spans_of(text, "Ministry", "Ministry", Org), [("Ministry".to_owned(), Org)]);
    // Nor after a head in capitals, where every word has one.
    let text = "LE GOUVERNEMENT DE SÉBASTIEN LECORNU SURVIT";
    assert_eq!(spans_of(text, "SÉBASTIEN", "LECORNU", Per), [("SÉBASTIEN LECORNU".to_owned(), Per)]);
}

#[test]
fn a_french_institutions_head_joins_the_name_it_is_of() {
    use EntityKind::*;
    let joined = |text: &str, parts: &[(&str, &str, EntityKind)]| corrected_by(text, parts, join_french_institutions);
    let text = "condamné par la Cour suprême du Brésil hier";
    assert_eq!(
        joined(text, &[("Cour", "Cour", Org), ("Brésil", "Brésil", Loc)]),
        [("Cour suprême du Brésil".to_owned(), Org)]
    );
    let text = "le Tribunal administratif de Paris a jugé";
    assert_eq!(
        joined(text, &[("Tribunal", "Tribunal", Org), ("Paris", "Paris", Loc)]),
        [("Tribunal administratif de Paris".to_owned(), Org)]
    );
    // A head alone takes in an institutional adjective, not a verb.
    let text = "condamné par la Cour suprême hier";
    assert_eq!(joined(text, &[("Cour", "Cour", Org)]), [("Cour suprême".to_owned(), Org)]);
    let text = "la Cour juge que";
    assert_eq!(joined(text, &[("Cour", "Cour", Org)]), [("Cour".to_owned(), Org)]);
    // Not across a function word, nor from a word that is no institution's head.
    let text = "la Cour et le gouvernement du Brésil";
    assert_eq!(
        joined(text, &[("Cour", "Cour", Org), ("Brésil", "Brésil", Loc)]),
        [("Cour".to_owned(), Org), ("Brésil".to_owned(), Loc)]
    );
    let text = "Marie prête des livres de Hugo";
    assert_eq!(
        joined(text, &[("Marie", "Marie", Per), ("Hugo", "Hugo", Per)]),
        [("Marie".to_owned(), Per), ("Hugo".to_owned(), Per)]
    );
}

#[test]
fn head_nouns_and_quotation_marks_retype_spans() {
    use EntityKind::*;
    let retyped = |text: &str, from: &str, to: &str, kind: EntityKind, places: &[&str]| {
        let tokens = tokenize(text);
        let places: Vec<(&str, EntityKind)> = places.iter().map(|p| (*p, Loc)).collect();
        let typed = known_hits(text, &places);
        let mut spans = vec![(token_range(text, &tokens, from, to), kind, 1.0)];
        correct_extent_and_type(text, &tokens, &typed, &mut spans);
        spans[0].1
    };
    assert_eq!(retyped("said Chinese Foreign Ministry spokesperson Mao", "Chinese", "Ministry", Misc, &[]), Org);
    assert_eq!(retyped("The Jakarta Post reported", "Jakarta", "Post", Loc, &[]), Org);
    // A known place, a union of states, a room.
    assert_eq!(retyped("in the West Bank today", "West", "Bank", Loc, &["West Bank"]), Loc);
    assert_eq!(retyped("the Soviet Union fell", "Soviet", "Union", Loc, &[]), Loc);
    assert_eq!(retyped("in the Oval Office today", "Oval", "Office", Loc, &[]), Loc);
    // "Other" ending in a place's head is a place, unless a title; " & " makes a company.
    assert_eq!(retyped("in Sydney's Bondi Beach today", "Bondi", "Beach", Misc, &[]), Loc);
    assert_eq!(retyped("his song At the River was", "At", "River", Misc, &[]), Misc);
    assert_eq!(retyped("shares of Procter & Gamble rose", "Procter", "Gamble", Misc, &[]), Org);
    assert_eq!(retyped("Hot R&B charts", "Hot", "B", Misc, &[]), Misc);
    // A name between an acronym in parentheses and a verb of speech is who spoke.
    let text = "Head of the Agency (BNPB) Suharyanto said that";
    assert_eq!(retyped(text, "Suharyanto", "Suharyanto", Org, &[]), Per);
    let text = "The Head of the Jakarta Health Office, Ani Ruspitawati, stated that";
    assert_eq!(retyped(text, "Ani", "Ruspitawati", Loc, &[]), Per);
    assert_eq!(retyped(text, "Jakarta", "Office", Loc, &[]), Org);
    // A known name between commas stays what it is; a room keeps its head.
    let text = "The minister, New York, said";
    assert_eq!(retyped(text, "New", "York", Loc, &["New York"]), Loc);
    assert_eq!(retyped("in the Oval Office today", "Oval", "Office", Loc, &[]), Loc);
    // A known place and a plural or a sport: a club or a company named for its city.
    assert_eq!(retyped("les San Antonio Spurs ont gagné", "San", "Spurs", Loc, &["San Antonio"]), Org);
    assert_eq!(retyped("le Paris Basketball a perdu", "Paris", "Basketball", Loc, &["Paris"]), Org);
    assert_eq!(retyped("in Washington Heights today", "Washington", "Heights", Loc, &["Washington"]), Loc);
    // A congress read as a place is a party; read as "other", an event.
    assert_eq!(retyped("the Trinamool Congress would contest", "Trinamool", "Congress", Loc, &[]), Org);
    assert_eq!(retyped("the Eucharistic Congress opened", "Eucharistic", "Congress", Misc, &[]), Misc);
    // A known place and a team's singular name ("Thunder", "Heat").
    let thunder = "the Oklahoma City Thunder won";
    assert_eq!(retyped(thunder, "Oklahoma", "Thunder", Loc, &["Oklahoma City", "Oklahoma"]), Org);
    assert_eq!(retyped("the Miami Heat lost", "Miami", "Heat", Loc, &["Miami"]), Org);
    assert_eq!(retyped("à Lyon Part-Dieu hier", "Lyon", "Part-Dieu", Loc, &["Lyon"]), Loc);
    // An organisation's head and "of": an organisation, but for a union or a competition.
    assert_eq!(retyped("The Bureau of Labor Statistics said", "Bureau", "Statistics", Loc, &[]), Org);
    assert_eq!(retyped("la Banque de France a dit", "Banque", "France", Loc, &[]), Org);
    assert_eq!(retyped("The Indonesian Ministry of Health said", "Indonesian", "Health", Misc, &[]), Org);
    assert_eq!(retyped("the Union of Soviet Socialist Republics", "Union", "Republics", Loc, &[]), Loc);
    assert_eq!(retyped("la Ligue des champions de l'UEFA", "Ligue", "UEFA", Misc, &[]), Misc);
    // A known place before a local office is a place; an organisation, or an unknown word, stays.
    assert_eq!(retyped("said Chicago Mayor Brandon Johnson", "Chicago", "Chicago", Org, &["Chicago"]), Loc);
    assert_eq!(retyped("said Chelsea coach Enzo Maresca", "Chelsea", "Chelsea", Org, &["Chelsea"]), Org);
    assert_eq!(retyped("said Acme Mayor John Smith", "Acme", "Acme", Org, &[]), Org);
    // A name right after a title is a person's; not an organisation, a nationality or a name
    // with a head.
    assert_eq!(retyped("Jakarta Governor Pramono Anung said", "Pramono", "Anung", Loc, &[]), Per);
    assert_eq!(retyped("le corps de la jeune Lola dans un bois", "Lola", "Lola", Loc, &[]), Per);
    assert_eq!(retyped("to coach SaiPa for three seasons", "SaiPa", "SaiPa", Org, &[]), Org);
    assert_eq!(retyped("its patron Assyrian god", "Assyrian", "Assyrian", Misc, &[]), Misc);
    assert_eq!(retyped("former King County auditor", "County", "County", Loc, &[]), Loc);
    assert_eq!(retyped("Bishop Garrigan High School is", "Garrigan", "School", Misc, &[]), Misc);
    // A law, a treaty or a competition is "other".
    assert_eq!(
        retyped("to force a Game 5 in the American League Division Series.", "American", "Series", Org, &[]),
        Misc
    );
    assert_eq!(retyped("shares of Epic Games rose", "Epic", "Games", Org, &[]), Org);
    assert_eq!(retyped("under the Digital Services Act today", "Digital", "Act", Org, &[]), Misc);
    assert_eq!(retyped("the Paris Agreement on climate", "Paris", "Agreement", Loc, &["Paris"]), Misc);
    // A title in quotation marks after a word for a work.
    assert_eq!(retyped("pour son film « Emilia Perez ».", "Emilia", "Perez", Org, &[]), Misc);
    assert_eq!(retyped("selon « Le Monde », hier", "Le", "Monde", Org, &[]), Org);
}

#[test]
fn datelines_are_capitals_at_a_line_start_before_an_agency_a_dash_or_a_comma() {
    let at = |text: &str, word: &str| {
        let start = text.find(word).unwrap();
        is_dateline(text, &(start..start + word.len()))
    };
    assert!(at("ATHÈNES (AFP) - Des pompiers", "ATHÈNES"));
    assert!(at("Titre\n\nWASHINGTON, Dec 10 (Reuters) - The", "WASHINGTON"));
    assert!(at("KYIV - Russian forces", "KYIV"));
    assert!(!at("Le NYSE (Bourse) a", "NYSE"));
    assert!(!at("Athènes (AFP) - Des", "Athènes"));
}

#[test]
fn a_legal_form_joins_a_name_and_a_common_noun_leaves_a_known_one() {
    use EntityKind::*;
    let corrected = |text: &str, from: &str, to: &str, kind: EntityKind, known: &[(&str, EntityKind)]| {
        let tokens = tokenize(text);
        let typed = known_hits(text, known);
        let mut spans = vec![(token_range(text, &tokens, from, to), kind, 1.0)];
        correct_extent_and_type(text, &tokens, &typed, &mut spans);
        surfaces(text, &tokens, spans)
    };
    // A law the tagger missed whole is found from its head word, not alone or in another
    // span.
    assert_eq!(
        corrected_by("The Inflation Reduction Act was signed", &[], untagged_laws),
        [("Inflation Reduction Act".to_owned(), Misc)]
    );
    assert!(corrected_by("The Act was repealed", &[], untagged_laws).is_empty());
    assert_eq!(
        corrected_by("the Senate Clean Act", &[("Senate", "Senate", Org)], untagged_laws),
        [("Senate".to_owned(), Org)]
    );
    // A law's head word alone names nothing.
    assert!(tidied("The Act was repealed", "Act", "Act", Misc).is_empty());
    // A law's name takes in the capitalized words the tagger cut before its last one.
    let text = "The Affordable Care Act subsidies expire";
    assert_eq!(corrected(text, "Act", "Act", Per, &[]), [("Affordable Care Act".to_owned(), Misc)]);
    // A US party's word before a person's name is no part of it; the party's own names keep it.
    let text = "Democrat Abigail Spanberger won the race";
    assert_eq!(corrected(text, "Democrat", "Spanberger", Org, &[]), [("Abigail Spanberger".to_owned(), Per)]);
    let text = "the Democratic National Committee said";
    assert_eq!(
        corrected(text, "Democratic", "Committee", Org, &[]),
        [("Democratic National Committee".to_owned(), Org)]
    );
    let text = "the Republican Revolutionary Guard fired";
    assert_eq!(corrected(text, "Republican", "Guard", Org, &[]), [("Republican Revolutionary Guard".to_owned(), Org)]);
    // "The" before a known name at a sentence's start, not before a nationality word.
    let text = "The Bank of England, which cut rates";
    let known = [("Bank of England", Org)];
    assert_eq!(corrected(text, "The", "England", Org, &known), [("Bank of England".to_owned(), Org)]);
    let text = "Le Kremlin a démenti";
    assert_eq!(corrected(text, "Le", "Kremlin", Org, &[("Kremlin", Org)]), [("Kremlin".to_owned(), Org)]);
    let text = "Le Havre a gagné";
    let known = [("Le Havre", Loc), ("Havre", Loc)];
    assert_eq!(corrected(text, "Le", "Havre", Loc, &known), [("Le Havre".to_owned(), Loc)]);
    let text = "The Australian reported";
    assert_eq!(
        corrected(text, "The", "Australian", Org, &[("Australian", Misc)]),
        [("The Australian".to_owned(), Org)]
    );
    let text = "said PT Pertamina would increase supply";
    assert_eq!(corrected(text, "Pertamina", "Pertamina", Per, &[]), [("PT Pertamina".to_owned(), Org)]);
    let text = "a rapporté l'agence Antara hier";
    assert_eq!(corrected(text, "agence", "Antara", Org, &[("Antara", Org)]), [("Antara".to_owned(), Org)]);
    // Before a place, the common noun may be part of the name.
    let text = "dans la basilique Saint-Denis hier";
    assert_eq!(
        corrected(text, "basilique", "Saint-Denis", Loc, &[("Saint-Denis", Loc)]),
        [("basilique Saint-Denis".to_owned(), Loc)]
    );
    // A French street or square takes in its head word; not "à la place de" a person, nor a
    // ranking.
    let text = "ont manifesté place de la République samedi";
    assert_eq!(corrected(text, "République", "République", Org, &[]), [("place de la République".to_owned(), Loc)]);
    let text = "au 115, rue Lecourbe.";
    assert_eq!(corrected(text, "Lecourbe", "Lecourbe", Loc, &[]), [("rue Lecourbe".to_owned(), Loc)]);
    let text = "entrant à la place de Łukasz Piszczek.";
    assert_eq!(corrected(text, "Łukasz", "Piszczek", Per, &[]), [("Łukasz Piszczek".to_owned(), Per)]);
    let text = "la quatrième place des Trois Jours de La Panne";
    assert_eq!(corrected(text, "Trois", "Panne", Misc, &[]), [("Trois Jours de La Panne".to_owned(), Misc)]);
    let text = "la deuxième rue de Paris";
    assert_eq!(corrected(text, "Paris", "Paris", Loc, &[]), [("Paris".to_owned(), Loc)]);
    let text = "le pont de Melun";
    assert_eq!(corrected(text, "Melun", "Melun", Loc, &[]), [("Melun".to_owned(), Loc)]);
    // The verb after a known organisation is no part of it; a known longer name stays whole,
    // and a place keeps its adjective.
    let text = "La Cour des comptes alerte sur le déficit";
    let known = [("Cour des comptes", Org)];
    assert_eq!(corrected(text, "Cour", "alerte", Org, &known), [("Cour des comptes".to_owned(), Org)]);
    let text = "La Cour des comptes pointe la dérive des dépenses de l'assurance maladie.";
    assert_eq!(corrected(text, "Cour", "maladie", Org, &known), [("Cour des comptes".to_owned(), Org)]);
    let text = "accuse les Forces de soutien rapide de crimes de guerre.";
    let known = [("Forces de soutien rapide", Org)];
    assert_eq!(corrected(text, "Forces", "guerre", Org, &known), [("Forces de soutien rapide".to_owned(), Org)]);
    let text = "aux Jeux olympiques d'été de 2008.";
    let known = [("Jeux olympiques", Misc)];
    assert_eq!(corrected(text, "Jeux", "2008", Misc, &known), [("Jeux olympiques d'été de 2008".to_owned(), Misc)]);
    let text = "la Commission européenne a infligé";
    let known = [("Commission", Org), ("Commission européenne", Org)];
    assert_eq!(corrected(text, "Commission", "européenne", Org, &known), [("Commission européenne".to_owned(), Org)]);
    let text = "en Amérique latine hier";
    let known = [("Amérique", Loc)];
    assert_eq!(corrected(text, "Amérique", "latine", Loc, &known), [("Amérique latine".to_owned(), Loc)]);
}

#[test]
fn a_city_that_plays_in_a_sentence_with_a_score_is_its_club() {
    use EntityKind::*;
    let entry = |alias: &str, key: &str, demonym: bool| GazetteerEntry {
        alias: alias.into(),
        fold_initial: false,
        kind: if demonym { Misc } else { Loc },
        key: key.into(),
        prior: 0.5,
        demonym,
    };
    let g = Gazetteer::new(vec![
        entry("Nantes", "loc:nantes", false),
        entry("Lens", "loc:lens", false),
        entry("France", "loc:france", false),
        entry("français", "loc:france", true),
    ]);
    let clubs = |text: &str| {
        let tokens = tokenize(text);
        let mut mentions: Vec<Mention> = ["Nantes", "Lens", "France"]
            .iter()
            .filter_map(|name| text.find(name).map(|at| (name, at)))
            .map(|(name, at)| Mention {
                byte_range: at..at + name.len(),
                kind: Loc,
                score: 0.8,
                kb_key: Some(format!("loc:{}", name.to_lowercase())),
            })
            .collect();
        mentions.sort_by_key(|m| m.byte_range.start);
        clubs_named_for_their_city(text, &tokens, &g, &mut mentions);
        mentions.iter().map(|m| (text[m.byte_range.clone()].to_owned(), m.kind)).collect::<Vec<_>>()
    };
    assert_eq!(clubs("Nantes a battu Lens 2-1 samedi."), [("Nantes".to_owned(), Org), ("Lens".to_owned(), Org)]);
    // Where the match was, a country, and a sentence without a score stay places.
    assert_eq!(clubs("Nantes a gagné 2-1 à Lens."), [("Nantes".to_owned(), Org), ("Lens".to_owned(), Loc)]);
    assert_eq!(clubs("Nantes a gagné face à Lens (2-1)."), [("Nantes".to_owned(), Org), ("Lens".to_owned(), Org)]);
    assert_eq!(clubs("La France a battu Nantes 3-0."), [("France".to_owned(), Loc), ("Nantes".to_owned(), Org)]);
    assert_eq!(clubs("Nantes a battu Lens. Il pleuvait 2-1."), [("Nantes".to_owned(), Loc), ("Lens".to_owned(), Loc)]);
}

#[test]
fn one_capitalized_word_after_a_title_is_a_person() {
    let found = |text: &str, existing: &[&str]| {
        let tokens = tokenize(text);
        let mut mentions: Vec<Mention> = existing
            .iter()
            .map(|name| {
                let at = text.find(name).unwrap();
                Mention { byte_range: at..at + name.len(), kind: EntityKind::Per, score: 0.8, kb_key: None }
            })
            .collect();
        names_after_titles(text, &tokens, &mut mentions);
        mentions.iter().map(|m| &text[m.byte_range.clone()]).collect::<Vec<_>>().join("|")
    };
    assert_eq!(found("le roi Charles III et la reine Camilla sont là", &["Charles III"]), "Charles III|Camilla");
    // Not a word a mention holds, a grammar word, or the first of several capitalized words.
    assert_eq!(found("la reine Camilla est là", &["Camilla"]), "Camilla");
    assert_eq!(found("le président Le Pen", &[]), "");
    assert_eq!(found("the president Joe Biden", &[]), "");
}

#[test]
fn an_acronym_that_is_a_grammar_word_in_a_line_in_capitals_is_the_word() {
    let entry = |alias: &str, kind, key: &str| GazetteerEntry {
        alias: alias.into(),
        fold_initial: false,
        kind,
        key: key.into(),
        prior: 0.5,
        demonym: false,
    };
    let g = Gazetteer::new(vec![entry("UN", EntityKind::Org, "org:un"), entry("AU", EntityKind::Org, "org:au")]);
    let model = crate::tagger::embedded("fr").unwrap();
    let found = |text: &str| {
        let tokens = tokenize(text);
        let mut hits = Vec::new();
        g.find(text, &fold(text), &mut hits);
        let names = tagged_names(false, &g, &model, None, text, &tokens, &hits);
        names.iter().map(|m| text[m.byte_range.clone()].to_owned()).collect::<Vec<_>>()
    };
    let headline = "MACRON APPELLE À UN CESSEZ-LE-FEU IMMÉDIAT AU LIBAN\nLe président a parlé.";
    assert!(!found(headline).iter().any(|m| m == "UN" || m == "AU"), "{:?}", found(headline));
    // In an ordinary line, the acronym is the organisation.
    assert!(found("Le Conseil de sécurité de l'UN a voté.").iter().any(|m| m == "UN"));
}

#[test]
fn person_spans_around_name_particles_are_one_name() {
    let joined = |text: &str, parts: &[(&str, &str, EntityKind)]| corrected_by(text, parts, join_name_particles);
    use EntityKind::*;
    let text = "President Ursula von der Leyen said";
    assert_eq!(
        joined(text, &[("Ursula", "Ursula", Per), ("Leyen", "Leyen", Per)]),
        [("Ursula von der Leyen".to_owned(), Per)]
    );
    // Not a place and a person, nor across another word.
    let text = "Paris de Jean Dupont";
    assert_eq!(
        joined(text, &[("Paris", "Paris", Loc), ("Jean", "Dupont", Per)]),
        [("Paris".to_owned(), Loc), ("Jean Dupont".to_owned(), Per)]
    );
    let text = "Marie et Jean";
    assert_eq!(
        joined(text, &[("Marie", "Marie", Per), ("Jean", "Jean", Per)]),
        [("Marie".to_owned(), Per), ("Jean".to_owned(), Per)]
    );
    // A nickname in quotation marks inside a person's name, twice in a text; not a quoted
    // word after a name that no surname follows.
    let text = "le rappeur Sean « Diddy » Combs et Dahvin \"DaHv\" Daniels sont là";
    assert_eq!(
        joined(text, &[("Sean", "Sean", Per), ("Combs", "Combs", Misc), ("Dahvin", "Dahvin", Per)]),
        [("Sean « Diddy » Combs".to_owned(), Per), ("Dahvin \"DaHv\" Daniels".to_owned(), Per)]
    );
    let text = "Jean Dupont \"Paris\" a dit";
    assert_eq!(joined(text, &[("Jean", "Dupont", Per)]), [("Jean Dupont".to_owned(), Per)]);
}

#[test]
fn an_english_nationality_word_that_french_writes_for_the_country_is_other() {
    let entry = |demonym: bool| GazetteerEntry {
        alias: "Argentine".into(),
        fold_initial: false,
        kind: if demonym { EntityKind::Misc } else { EntityKind::Loc },
        key: "loc:argentina".into(),
        prior: 0.5,
        demonym,
    };
    let g = Gazetteer::new(vec![entry(false), entry(true)]);
    let kind_of_argentine = |english: bool, text: &str| {
        let model = crate::tagger::embedded(if english { "en" } else { "fr" }).unwrap();
        let tokens = tokenize(text);
        let mut hits = Vec::new();
        g.find(text, &fold(text), &mut hits);
        let found = tagged_names(english, &g, &model, None, text, &tokens, &hits);
        found.iter().find(|m| &text[m.byte_range.clone()] == "Argentine").map(|m| m.kind)
    };
    assert_eq!(kind_of_argentine(true, "Argentine President Javier Milei met reporters."), Some(EntityKind::Misc));
    assert_eq!(kind_of_argentine(false, "L'équipe a quitté l'Argentine hier."), Some(EntityKind::Loc));
}

#[test]
fn english_names_end_at_their_last_capitalized_word() {
    let text = "the Novi Sad railway station collapse; Ludwig van met Bashar al-Assad at the Museum of modern art; \
                Lee Teng-hui and the Philadelphia 76ers saw \"Catch the flow\" with Labour MPs";
    let parts = [
        ("Novi", "station", EntityKind::Loc),
        ("Ludwig", "van", EntityKind::Per),
        ("Bashar", "al-Assad", EntityKind::Per),
        ("Museum", "art", EntityKind::Org),
        ("Lee", "hui", EntityKind::Per),
        ("Philadelphia", "ers", EntityKind::Org),
        ("Catch", "flow", EntityKind::Misc),
        ("Labour", "MPs", EntityKind::Org),
    ];
    let corrected = corrected_by(text, &parts, |text, tokens, spans| drop_lower_case_tails(text, tokens, spans));
    let names: Vec<String> = corrected.into_iter().map(|(s, _)| s).collect();
    assert_eq!(
        names,
        [
            "Novi Sad",
            "Ludwig van",
            "Bashar al-Assad",
            "Museum",
            "Lee Teng-hui",
            "Philadelphia 76ers",
            "Catch the flow",
            "Labour"
        ]
    );
}

#[test]
fn french_streets_the_tagger_missed_are_places() {
    let text = "interdit la manifestation place de la Nation, rue de la Paix et avenue V'an; la quatrième place des \
                Trois Jours";
    let found = corrected_by(text, &[], untagged_streets);
    assert_eq!(found, [("Nation".to_owned(), EntityKind::Loc), ("Paix".to_owned(), EntityKind::Loc)]);
}

#[test]
fn an_organisation_defined_by_an_acronym_takes_in_its_pieces() {
    use EntityKind::*;
    let text = "according to the Volcanology and Geological Hazard Mitigation Center (PVMBG) today";
    let parts = [("Volcanology", "Volcanology", Misc), ("Hazard", "Center", Org)];
    assert_eq!(
        corrected_by(text, &parts, join_names_before_acronyms),
        [("Volcanology and Geological Hazard Mitigation Center".to_owned(), Org)]
    );
    // Not an article, nor another organisation before "and".
    let text = "The Badminton World Federation (BWF) is";
    let parts = [("Badminton", "Federation", Org)];
    assert_eq!(
        corrected_by(text, &parts, join_names_before_acronyms),
        [("Badminton World Federation".to_owned(), Org)]
    );
    let text = "In this movie Google and Amazon (GOOGLEZON ) create";
    let parts = [("Google", "Google", Org), ("Amazon", "Amazon", Org)];
    assert_eq!(
        corrected_by(text, &parts, join_names_before_acronyms),
        [("Google".to_owned(), Org), ("Amazon".to_owned(), Org)]
    );
    // Before an organisation's head, a list joined by commas and "and" is one name, whatever
    // the tagger called its one-word pieces.
    let text = "The Head of the Meteorology, Climatology and Geophysics Agency (BMKG) urged";
    let parts =
        [("Meteorology", "Meteorology", Misc), ("Climatology", "Climatology", Per), ("Geophysics", "Agency", Org)];
    assert_eq!(
        corrected_by(text, &parts, join_names_before_acronyms),
        [("Meteorology, Climatology and Geophysics Agency".to_owned(), Org)]
    );
    // Not a comma without "and", nor without a head.
    let text = "In Jakarta, Google Cloud (GC) said";
    let parts = [("Jakarta", "Jakarta", Loc), ("Google", "Cloud", Org)];
    assert_eq!(
        corrected_by(text, &parts, join_names_before_acronyms),
        [("Jakarta".to_owned(), Loc), ("Google Cloud".to_owned(), Org)]
    );
}
