//! News sentences written for these tests (no corpus's): titles, days, prepositions between
//! names, people and organisations the knowledge base knows by one word, a Title-Case headline,
//! a headline in capitals, institutions, clubs, wire slugs, and dates without a reference time.

use crate::{assert_spans_exact, entente, records};

/// The `(mention, type)` pairs of each record, in text order.
fn mentions(record: &serde_json::Value) -> Vec<(String, String)> {
    let mut found: Vec<(u64, String, String)> = record["entities"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|e| {
            e["mentions"].as_array().unwrap().iter().map(move |m| {
                let start = m["char_start"].as_u64().unwrap();
                (start, m["text"].as_str().unwrap().to_owned(), e["type"].as_str().unwrap().to_owned())
            })
        })
        .collect();
    found.sort();
    found.into_iter().map(|(_, text, kind)| (text, kind)).collect()
}

/// Runs the binary on `docs` (text, expected `(mention, type)` pairs), checks every record's
/// spans and mentions, and returns the records.
fn run_and_check(docs: &[(&str, &[(&str, &str)])]) -> Vec<serde_json::Value> {
    let input: String = docs
        .iter()
        .enumerate()
        .map(|(i, (text, _))| format!("{}\n", serde_json::json!({"id": format!("news-{i}"), "text": text})))
        .collect();
    let output = entente(&["run", "--stdin-format", "jsonl", "-"], input.as_bytes());
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let records = records(&output);
    assert_eq!(records.len(), docs.len());
    for (record, (text, expected)) in records.iter().zip(docs) {
        assert_spans_exact(text, record);
        let expected: Vec<(String, String)> = expected.iter().map(|(m, k)| (m.to_string(), k.to_string())).collect();
        assert_eq!(mentions(record), expected, "in {text:?}");
    }
    records
}

/// Runs the binary on one text and returns its record, its spans checked.
fn run_one(text: &str) -> serde_json::Value {
    let input = format!("{}\n", serde_json::json!({"id": "one", "text": text}));
    let output = entente(&["run", "--stdin-format", "jsonl", "-"], input.as_bytes());
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let record = records(&output).remove(0);
    assert_spans_exact(text, &record);
    record
}

#[test]
fn titles_days_and_prepositions_stay_out_of_names() {
    let docs = [
        (
            "« Nous ne laisserons pas faire », a déclaré jeudi la Première ministre Élisabeth Borne devant \
             l'Assemblée nationale, alors que la CGT et FO appellent à une nouvelle journée de grève.",
            &[("Élisabeth Borne", "PER"), ("Assemblée nationale", "ORG"), ("CGT", "ORG"), ("FO", "ORG")][..],
        ),
        ("Le Premier ministre Gabriel Attal a annoncé jeudi de nouvelles mesures.", &[("Gabriel Attal", "PER")][..]),
        (
            "Trump met with Xi at the summit, the White House said.",
            &[("Trump", "PER"), ("Xi", "PER"), ("White House", "ORG")][..],
        ),
        (
            "The Federal Reserve held rates steady, with Chair Jerome Powell saying it was in no hurry.",
            &[("Federal Reserve", "ORG"), ("Jerome Powell", "PER")][..],
        ),
        // A dateline in capitals, and the agency after it, as the knowledge base knows them.
        (
            "NEW YORK (AP) — Stocks fell on Tuesday as the Federal Reserve held rates.",
            &[("NEW YORK", "LOC"), ("AP", "ORG"), ("Federal Reserve", "ORG")][..],
        ),
        // A storm's name is no person's.
        (
            "Selon Météo-France, la tempête Ciarán a provoqué des rafales en Bretagne.",
            &[("Météo-France", "ORG"), ("Ciarán", "MISC"), ("Bretagne", "LOC")][..],
        ),
        // A headline in Title Case is read in sentence case ("Apple Unveils New iPhone" was one
        // organisation).
        (
            "Apple Unveils New iPhone As Sales Slow In China, Analysts Say",
            &[("Apple", "ORG"), ("iPhone", "MISC"), ("China", "LOC")][..],
        ),
    ];
    let records = run_and_check(&docs);
    // The quotation's speaker is the minister, and her title is no rank.
    let first = &records[0];
    assert_eq!(first["quotes"][0]["speaker"], "per:elisabeth-borne");
    assert!(first["values"].as_array().unwrap().iter().all(|v| v["dim"] != "ordinal"), "{}", first["values"]);
}

#[test]
fn coordinated_parties_titles_inside_names_and_speakers_before_quotations() {
    let docs = [
        // Two parties joined by "et de": two organisations, both known.
        (
            "Les députés du Rassemblement national et de La France insoumise ont voté la motion de censure.",
            &[("Rassemblement national", "ORG"), ("La France insoumise", "ORG")][..],
        ),
        // The person named before the quotation spoke it; the one after it did not.
        (
            "La députée Mathilde Panot a dénoncé « un passage en force » du gouvernement de Sébastien Lecornu.",
            &[("Mathilde Panot", "PER"), ("Sébastien Lecornu", "PER")][..],
        ),
        // A title inside a run of capitalized words.
        (
            "Police in Sydney arrested two men, New South Wales Police Commissioner Karen Webb said.",
            &[("Sydney", "LOC"), ("New South Wales", "LOC"), ("Karen Webb", "PER")][..],
        ),
        // A name in camel case survives the headline's repair; the newspaper is known.
        (
            "Microsoft And OpenAI Agree New Deal As Investors Cheer Cloud Growth",
            &[("Microsoft", "ORG"), ("OpenAI", "ORG")][..],
        ),
        (
            "Boris Johnson has joined a hedge fund, the Financial Times reported.",
            &[("Boris Johnson", "PER"), ("Financial Times", "ORG")][..],
        ),
    ];
    let records = run_and_check(&docs);
    assert_eq!(records[1]["quotes"][0]["speaker"], "per:mathilde-panot");
}

#[test]
fn wire_copy_with_a_headline_a_dateline_and_quotations() {
    let english = "Fed Signals Pause After Third Rate Cut Of The Year\n\n\
                   WASHINGTON, Dec 10 (Reuters) - The Federal Reserve lowered its benchmark rate on Wednesday.\n\n\
                   \"We are well positioned to wait,\" Powell told a news conference.";
    let french = "La ministre de la Culture Rachida Dati a réagi. « Ce gouvernement n'a plus de majorité », \
                  a-t-elle déclaré. Le président du groupe, Boris Vallaud, a indiqué autre chose.";
    let input: String = [("en", english), ("fr", french)]
        .iter()
        .map(|(id, text)| format!("{}\n", serde_json::json!({"id": id, "text": text})))
        .collect();
    let output = entente(&["run", "--stdin-format", "jsonl", "-"], input.as_bytes());
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let records = records(&output);
    let expected: [&[(&str, &str)]; 2] = [
        &[("Fed", "ORG"), ("WASHINGTON", "LOC"), ("Reuters", "ORG"), ("Federal Reserve", "ORG"), ("Powell", "PER")],
        &[("Rachida Dati", "PER"), ("Boris Vallaud", "PER")],
    ];
    let speakers = ["Powell", "Rachida Dati"];
    for (((record, text), expected), speaker_name) in records.iter().zip([english, french]).zip(expected).zip(speakers)
    {
        assert_spans_exact(text, record);
        let found = mentions(record);
        // Not a place: the dateline's date; not an organisation: the minister's portfolio.
        let expected: Vec<(String, String)> = expected.iter().map(|(m, k)| (m.to_string(), k.to_string())).collect();
        assert_eq!(found, expected, "in {text:?}");
        // Each quotation is its speaker's: Powell's, then the minister's, not Vallaud's.
        let speaker = record["quotes"][0]["speaker"].as_str().expect("a speaker");
        let entity = record["entities"].as_array().unwrap().iter().find(|e| e["id"] == speaker).unwrap();
        assert_eq!(entity["mentions"][0]["text"], speaker_name);
    }
}

#[test]
fn institutions_clubs_courts_and_lines_in_capitals() {
    let docs = [
        // A known name the tagger read as two; a known place after "à".
        (
            "Le Conseil de sécurité de l'ONU se réunira à New York, puis la finale de la Ligue des champions à Munich.",
            &[
                ("Conseil de sécurité de l'ONU", "ORG"),
                ("New York", "LOC"),
                ("Ligue des champions", "MISC"),
                ("Munich", "LOC"),
            ][..],
        ),
        // A party "de" its leader; a court "of" its country, across its adjective.
        (
            "Le Parti socialiste d'Olivier Faure salue la décision de la Cour suprême du Brésil.",
            &[("Parti socialiste", "ORG"), ("Olivier Faure", "PER"), ("Cour suprême du Brésil", "ORG")][..],
        ),
        // A club named for its city.
        ("Hier soir, les San Antonio Spurs ont battu Denver.", &[("San Antonio Spurs", "ORG"), ("Denver", "LOC")][..]),
        // A minister right after the portfolio.
        (
            "Coordinating Minister for Economic Affairs Airlangga Hartarto said the economy grew.",
            &[("Airlangga Hartarto", "PER")][..],
        ),
        // A headline in capitals keeps its one-letter words, and its head takes no name in.
        (
            "LE GOUVERNEMENT DE SÉBASTIEN LECORNU SURVIT À UNE MOTION DE CENSURE\nLe Parti socialiste s'est abstenu.",
            &[("SÉBASTIEN LECORNU", "PER"), ("Parti socialiste", "ORG")][..],
        ),
        // "de la République" after a title is the title's.
        (
            "Le procureur de la République Laure Beccuau a saisi la mission Artemis II.",
            &[("Laure Beccuau", "PER"), ("Artemis II", "MISC")][..],
        ),
    ];
    run_and_check(&docs);
}

#[test]
fn appositions_verbs_weapons_storms_and_opening_nationalities() {
    let docs = [
        // A company in apposition; a generation's letter.
        (
            "Rho Motion, a London-based consultancy, said Gen Z buyers drove EV sales.",
            &[("Rho Motion", "ORG"), ("London", "LOC")][..],
        ),
        // An organisation "de" a known person; a verb after a known organisation.
        (
            "La Cour des comptes alerte sur la Commission d'Ursula von der Leyen.",
            &[("Cour des comptes", "ORG"), ("Commission", "ORG"), ("Ursula von der Leyen", "PER")][..],
        ),
        // Weapons and aircraft; a storm; lower-case words after an English name.
        (
            "The RAF scrambled two Typhoon jets as Tropical Storm Kalmaegi hit the Novi Sad railway station.",
            &[("RAF", "ORG"), ("Typhoon", "MISC"), ("Storm Kalmaegi", "MISC"), ("Novi Sad", "LOC")][..],
        ),
        // A nationality word opening a sentence (its mention is "other", its entity the country).
        (
            "Israeli troops killed three people in southern Lebanon, the health ministry said.",
            &[("Israeli", "LOC"), ("Lebanon", "LOC")][..],
        ),
    ];
    run_and_check(&docs);
}

#[test]
fn headlines_slugs_members_titles_and_quotations() {
    let docs = [
        // A Title-Case headline without a function word; a wire slug before a headline.
        ("Nvidia Becomes First Company Worth $5 Trillion", &[("Nvidia", "ORG")][..]),
        ("BRIEF-Airbus Says Delivered 67 Aircraft In October", &[("Airbus", "ORG")][..]),
        // Members of a party are no part of its name.
        (
            "Prime Minister Keir Starmer faces a rebellion from Labour MPs, the BBC reported.",
            &[("Keir Starmer", "PER"), ("Labour", "ORG"), ("BBC", "ORG")][..],
        ),
        // A known organisation that the tagger ran past with lower-case words after "de".
        (
            "Amnesty International accuse les Forces de soutien rapide de crimes de guerre au Darfour.",
            &[("Amnesty International", "ORG"), ("Forces de soutien rapide", "ORG"), ("Darfour", "LOC")][..],
        ),
        ("La cyberattaque contre France Travail a touché 43 millions de personnes.", &[("France Travail", "ORG")][..]),
        // A nationality word before a title; a reported sentence in quotation marks is no title.
        (
            "Apple CEO Tim Cook met Chinese Vice Premier He Lifeng in Beijing.",
            &[("Apple", "ORG"), ("Tim Cook", "PER"), ("Chinese", "LOC"), ("He Lifeng", "PER"), ("Beijing", "LOC")][..],
        ),
        ("\"It's a tragedy,\" a witness who declined to be named told AFP.", &[("AFP", "ORG")][..]),
    ];
    run_and_check(&docs);
}

#[test]
fn teams_titles_of_organisations_lists_before_acronyms_and_line_breaks() {
    let docs = [
        // A known place before a team's singular name is a club.
        (
            "The Oklahoma City Thunder beat the Denver Nuggets 112-104.",
            &[("Oklahoma City Thunder", "ORG"), ("Denver Nuggets", "ORG")][..],
        ),
        // A title of a known organisation or place, then the holder's name.
        (
            "Le tribunal a condamné l'ancien patron de Renault Carlos Ghosn.",
            &[("Renault", "ORG"), ("Carlos Ghosn", "PER")][..],
        ),
        (
            "\"We will keep coordinating,\" Governor of DKI Jakarta Pramono Anung said.",
            &[("DKI Jakarta", "LOC"), ("Pramono Anung", "PER")][..],
        ),
        (
            "Le président de la Fédération française de football Philippe Diallo a reconduit Didier Deschamps.",
            &[("Fédération française de football", "ORG"), ("Philippe Diallo", "PER"), ("Didier Deschamps", "PER")][..],
        ),
        // A list before an acronym's organisation; a US party's word before a name.
        (
            "The Head of the Meteorology, Climatology and Geophysics Agency (BMKG) urged residents to stay alert.",
            &[("Meteorology, Climatology and Geophysics Agency", "ORG"), ("BMKG", "ORG")][..],
        ),
        ("Democrat Abigail Spanberger won the race.", &[("Abigail Spanberger", "PER")][..]),
        // One letter before a paragraph break is no person ("X." was one, and "Selon Bercy").
        (
            "« Ce budget est un matraquage fiscal », a dénoncé Marine Le Pen sur X.\n\nSelon Bercy, le déficit se creuse.",
            &[("Marine Le Pen", "PER"), ("Bercy", "ORG")][..],
        ),
    ];
    run_and_check(&docs);
    // French and English names of a US state link to one entity.
    let both = run_and_check(&[
        ("Le gouverneur de Californie a signé la loi.", &[("Californie", "LOC")][..]),
        ("The governor of California signed the bill.", &[("California", "LOC")][..]),
    ]);
    let id = |r: &serde_json::Value| r["entities"][0]["id"].as_str().unwrap().to_owned();
    assert_eq!(id(&both[0]), "loc:california");
    assert_eq!(id(&both[1]), "loc:california");
}

#[test]
fn designations_scales_and_phrases_in_quotation_marks() {
    let text = "Lockheed Martin F-35 fighter jets cost more. Traffic reached 4,1 million passengers. \
                Macron hosted a meeting of the \"coalition of the willing\" in London.";
    let record = run_one(text);
    let values: Vec<(&str, f64)> = record["values"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| (v["text"].as_str().unwrap(), v["value"]["value"].as_f64().unwrap()))
        .collect();
    // "35 fighter" was a quantity; 4,1 million was 4,099,999.9999999995.
    assert_eq!(values, [("4,1 million passengers", 4_100_000.0)]);
    // A phrase used as a noun after an article is no quotation.
    assert_eq!(record["quotes"].as_array().unwrap().len(), 0);
    let names: Vec<(String, String)> = mentions(&record);
    assert!(names.contains(&("Lockheed Martin".to_owned(), "ORG".to_owned())), "{names:?}");
    assert!(names.contains(&("F-35".to_owned(), "MISC".to_owned())), "{names:?}");
}

#[test]
fn dates_without_a_reference_time_leave_no_numerals() {
    let text =
        "Le sommet aura lieu le 2 décembre, et jeudi à 15 heures les 27 ministres voteront. In 2024, 5 firms closed.";
    let record = run_one(text);
    let values: Vec<(&str, &str)> = record["values"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| (v["text"].as_str().unwrap(), v["dim"].as_str().unwrap()))
        .collect();
    // "2" and "15" were numerals, "15 heures" a duration and "2024" a numeral.
    assert_eq!(values, [("27 ministres", "quantity"), ("In 2024", "time"), ("5 firms", "quantity")]);
}
