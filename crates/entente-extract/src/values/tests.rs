use entente_core::Lang;

use super::*;

/// Runs `find` and returns `(text, dim, value as text)` for each value.
fn check(
    lang: &str,
    reference: Option<&str>,
    translated_from: Option<&str>,
    text: &str,
    expected: &[(&str, &str, &str)],
) {
    let lang = Lang::parse(lang).unwrap();
    let from = translated_from.map(|t| Lang::parse(t).unwrap());
    let context = ExtractContext { lang: &lang, reference_time: reference, translated_from: from.as_ref() };
    let mut out = Vec::new();
    find(text, &context, Direction::Past, &mut out);
    let got: Vec<(String, String, String)> = out
        .iter()
        .map(|v| {
            let shown = match &v.data {
                ValueData::Numeral { value } => format!("{value}"),
                ValueData::Quantity { value, unit, approximate } => {
                    format!("{value} {unit}{}", approximate.then_some(" ~").unwrap_or(""))
                }
                ValueData::Duration { value, unit, .. } => format!("{value} {unit}"),
                ValueData::Time { value, .. } => value.clone(),
                ValueData::TimeInterval { from, to } => {
                    let year =
                        |p: &Option<entente_core::TimePoint>| p.as_ref().map_or("", |p| &p.value[..4]).to_owned();
                    format!("{}..{}", year(from), year(to))
                }
                ValueData::Measure { extent: entente_core::Extent::Exact(a), .. } => format!("{} {}", a.value, a.unit),
                other => format!("{other:?}"),
            };
            (text[v.byte_range.clone()].to_owned(), v.data.dim().to_owned(), shown)
        })
        .collect();
    let expected: Vec<(String, String, String)> =
        expected.iter().map(|(a, b, c)| (a.to_string(), b.to_string(), c.to_string())).collect();
    assert_eq!(got, expected, "{text:?}");
}

const REF: Option<&str> = Some("2022-01-12");

#[test]
fn french_seed_values() {
    check(
        "fr",
        REF,
        None,
        "totalisait 2 030 soldats et 250 matériels militaires.",
        &[
            ("2 030 soldats", "quantity", "2030 soldats"),
            ("250 matériels militaires", "quantity", "250 matériels militaires"),
        ],
    );
    check(
        "fr",
        REF,
        None,
        "le pays de 19 millions d'habitants, avec près de 10 000 personnes arrêtées",
        &[
            ("19 millions d'habitants", "quantity", "19000000 habitants"),
            ("près de 10 000 personnes", "quantity", "10000 personnes ~"),
        ],
    );
    check(
        "fr",
        REF,
        None,
        "Mardi, un retrait dans deux jours et complet dans 10 jours, citant Reuters le 12 janvier.",
        &[
            ("Mardi", "time", "2022-01-11T00:00:00.000+00:00"),
            ("deux jours", "duration", "2 day"),
            ("10 jours", "duration", "10 day"),
            ("12 janvier", "time", "2022-01-12T00:00:00.000+00:00"),
        ],
    );
    check(
        "fr",
        REF,
        None,
        "il y a 3 jours, le 14 juillet 2021",
        &[
            ("il y a 3 jours", "time", "2022-01-09T00:00:00.000+00:00"),
            ("14 juillet 2021", "time", "2021-07-14T00:00:00.000+00:00"),
        ],
    );
}

#[test]
fn english_seed_values() {
    check(
        "en",
        REF,
        None,
        "On Tuesday, according to Reuters on January 12, it totaled 2,030 soldiers and 250 pieces of military equipment.",
        &[
            ("Tuesday", "time", "2022-01-11T00:00:00.000+00:00"),
            ("January 12", "time", "2022-01-12T00:00:00.000+00:00"),
            ("2,030 soldiers", "quantity", "2030 soldiers"),
            ("250 pieces of military equipment", "quantity", "250 pieces of military equipment"),
        ],
    );
    check(
        "en",
        REF,
        None,
        "19 million inhabitants, with nearly 10,000 people arrested, within two days",
        &[
            ("19 million inhabitants", "quantity", "19000000 inhabitants"),
            ("nearly 10,000 people", "quantity", "10000 people ~"),
            ("two days", "duration", "2 day"),
        ],
    );
}

#[test]
fn translation_aware_numbers() {
    // An Indonesian outlet's English: "2.030 troops" is two thousand thirty.
    check(
        "en",
        REF,
        Some("id"),
        "a total of 2.030 troops and 10.000 people",
        &[("2.030 troops", "quantity", "2030 troops"), ("10.000 people", "quantity", "10000 people")],
    );
    // Measures take fractions.
    check("en", REF, None, "2.030 kilograms", &[("2.030 kilograms", "quantity", "2030 gram")]);
    // Never misread "1.5 million".
    check("en", REF, Some("id"), "1.5 million people", &[("1.5 million people", "quantity", "1500000 people")]);
}

#[test]
fn without_reference_relative_dates_are_not_resolved() {
    check(
        "fr",
        None,
        None,
        "Mardi, le 12 janvier 2022",
        &[("Mardi, le 12 janvier 2022", "time", "2022-01-12T00:00:00.000+00:00")],
    );
    // A date that needs the reference gives no value, and its numbers are no numerals (it was
    // read against 1970: "from 13 to 15 July" in 1969).
    check("en", None, None, "The festival runs from 13 to 15 July in Avignon.", &[]);
    check(
        "fr",
        None,
        None,
        "Le sommet aura lieu du 2 au 4 décembre avec 300 soldats.",
        &[("300 soldats", "quantity", "300 soldats")],
    );
    check("en", None, None, "In 1990 he left.", &[("In 1990", "time", "1990-01-01T00:00:00.000+00:00")]);
    // A day and month, or a clock time with its mark, hide their numbers too ("2" was a numeral).
    check(
        "fr",
        None,
        None,
        "Le sommet aura lieu le 2 décembre, et jeudi à 15 heures les 27 ministres voteront.",
        &[("27 ministres", "quantity", "27 ministres")],
    );
    check(
        "en",
        None,
        None,
        "On March 3, 12 people were hurt; at 9 am 300 workers struck.",
        &[("12 people", "quantity", "12 people"), ("300 workers", "quantity", "300 workers")],
    );
    check("en", None, None, "BEIJING, Nov 3 (Xinhua) -- Talks began.", &[]);
    // Digits alone are too often no date: "le 2", "at 9" keep their numerals, and "24 heures"
    // without "à" counts hours.
    check("fr", None, None, "Il est arrivé le 2.", &[("2", "numeral", "2")]);
    check(
        "fr",
        None,
        None,
        "Ouvert 24 heures sur 24.",
        &[("24 heures", "duration", "24 hour"), ("24", "numeral", "24")],
    );
}

#[test]
fn digits_glued_to_a_names_letters_are_no_numerals() {
    // "TF1" gave the numeral 1, "M6" the numeral 6.
    check(
        "fr",
        REF,
        None,
        "TF1 a racheté M6 pour 600 millions d'euros.",
        &[("600 millions d'euros", "amount_of_money", "600000000 EUR")],
    );
}

#[test]
fn rupiahs_are_money() {
    // Indonesian outlets' English: "Rp" and a decimal comma ("Rp 15,6 trillion" was a numeral).
    check(
        "en",
        REF,
        Some("id"),
        "The program cost Rp 15,6 trillion and Rp15 million.",
        &[
            ("Rp 15,6 trillion", "amount_of_money", "15600000000000 IDR"),
            ("Rp15 million", "amount_of_money", "15000000 IDR"),
        ],
    );
    // Rupiah amounts have no decimals: a full stop before three digits groups thousands, in
    // any text; and so it does before a collective noun.
    check(
        "en",
        REF,
        None,
        "The rupiah strengthened to Rp16.620 per dollar as 1.500 personnel were deployed.",
        &[("Rp16.620", "amount_of_money", "16620 IDR"), ("1.500 personnel", "quantity", "1500 personnel")],
    );
}

#[test]
fn a_year_before_a_comma_is_a_year() {
    // "2024," was a numeral: the comma is glued to the year.
    check(
        "en",
        None,
        None,
        "In 2024, 5 firms closed.",
        &[("In 2024", "time", "2024-01-01T00:00:00.000+00:00"), ("5 firms", "quantity", "5 firms")],
    );
    check("fr", None, None, "Gregor Mendel (1822 - 1884), botaniste.", &[("1822 - 1884", "time", "1822..1885")]);
    // A decimal, a range written tight and a percentage are no years.
    check("fr", None, None, "Un indice de 2024,5 points.", &[("2024,5 points", "quantity", "2024.5 points")]);
    // A repeated year is two times, not one: "1978 – 1980, 1980 – 1982".
    check(
        "en",
        None,
        None,
        "every 2 years (1978 – 1980, 1980 – 1982)",
        &[
            ("2 years", "duration", "2 year"),
            ("1978 – 1980", "time", "1978..1981"),
            ("1980 – 1982", "time", "1980..1983"),
        ],
    );
}

#[test]
fn an_unaccented_a_is_at_only_before_a_clock_time() {
    // "il a 2 chats" was "at 2" (14:00), and the cats were lost.
    check("fr", REF, None, "Il a 2 chats.", &[("2 chats", "quantity", "2 chats")]);
    check("fr", REF, None, "rdv a 15h30 devant la mairie", &[("a 15h30", "time", "2022-01-11T15:30:00.000+00:00")]);
}

#[test]
fn a_m_without_its_last_full_stop_ends_the_text() {
    // Found by fuzzing: "a.m" at the end of a text was read as four tokens, past its end.
    check("en", REF, None, "1A.m", &[("1A.m", "time", "2022-01-11T01:00:00.000+00:00")]);
    check("en", REF, None, "at 7 p.m. sharp", &[("7 p.m.", "time", "2022-01-11T19:00:00.000+00:00")]);
}

#[test]
fn reference_offsets_are_kept() {
    check(
        "en",
        Some("2013-02-12T04:30:00.000-02:00"),
        None,
        "tomorrow",
        &[("tomorrow", "time", "2013-02-13T00:00:00.000-02:00")],
    );
}

#[test]
fn values_do_not_run_across_a_blank_line() {
    // "30\n\nLe" was read as 30 Lesotho loti, "14\n\njuillet 2021" as one date.
    check(
        "fr",
        REF,
        None,
        "Il a payé 30\n\nLe lendemain",
        &[("30", "numeral", "30"), ("lendemain", "time", "2022-01-13T00:00:00.000+00:00")],
    );
    check(
        "fr",
        REF,
        None,
        "né le 14\n \njuillet 2021",
        &[("14", "time", "2021-12-14T00:00:00.000+00:00"), ("juillet 2021", "time", "2021-07-01T00:00:00.000+00:00")],
    );
    // A single line break is no paragraph's end.
    check("fr", REF, None, "né le 14 juillet\n2021", &[("14 juillet\n2021", "time", "2021-07-14T00:00:00.000+00:00")]);
}

#[test]
fn millions_of_euros_are_money() {
    check(
        "fr",
        REF,
        None,
        "un plan de 3 millions d'euros",
        &[("3 millions d'euros", "amount_of_money", "3000000 EUR")],
    );
    check(
        "fr",
        REF,
        None,
        "1,5 milliard de dollars pour 2 millions de personnes",
        &[
            ("1,5 milliard de dollars", "amount_of_money", "1500000000 $"),
            ("2 millions de personnes", "quantity", "2000000 personnes"),
        ],
    );
}

#[test]
fn a_title_is_not_a_rank() {
    check("fr", REF, None, "la Première ministre a parlé", &[]);
    check("fr", REF, None, "le premier ministre a parlé", &[]);
    check("fr", REF, None, "sa première visite", &[("première", "ordinal", "Ordinal { value: 1.0 }")]);
    // Inside a name.
    check("fr", REF, None, "Liverpool a remporté la Premier League.", &[]);
    check("en", REF, None, "under the First Amendment, he said", &[]);
    check("en", REF, None, "First, he left.", &[("First", "ordinal", "Ordinal { value: 1.0 }")]);
}

#[test]
fn a_full_stop_after_a_full_name_ends_the_sentence() {
    check("en", REF, None, "He arrived on Thursday. Then", &[("Thursday", "time", "2022-01-06T00:00:00.000+00:00")]);
    check("fr", REF, None, "Il est arrivé jeudi. Puis", &[("jeudi", "time", "2022-01-06T00:00:00.000+00:00")]);
    check("en", REF, None, "He left on Thu. 6 Jan", &[("Thu. 6 Jan", "time", "2022-01-06T00:00:00.000+00:00")]);
}

#[test]
fn a_decimal_comma_in_translated_english_but_not_in_a_list() {
    check("en", None, None, "reached 1,56 percent", &[("1,56 percent", "quantity", "1.56 percent")]);
    check(
        "en",
        None,
        None,
        "a list 1,2,3 and more",
        &[("1", "numeral", "1"), ("2", "numeral", "2"), ("3", "numeral", "3")],
    );
}

#[test]
fn a_hyphen_between_numbers_is_no_minus_sign() {
    check("en", None, None, "Real Madrid beat Barcelona 2-1 at home", &[("2", "numeral", "2"), ("1", "numeral", "1")]);
    check("en", None, None, "the index was -1.", &[("-1", "numeral", "-1")]);
    // Nor does the second number count what follows it.
    check("fr", None, None, "victoire 4-0 face à l'Ukraine", &[("4", "numeral", "4"), ("0", "numeral", "0")]);
}

proptest::proptest! {
    /// Paragraphs are the text's non-blank stretches between blank lines, in order.
    #[test]
    fn paragraphs_are_the_runs_of_lines_that_are_not_blank(text in "([ab \t\u{a0}]|\n|\r\n){0,40}") {
        let found: Vec<Range<usize>> = paragraphs(&text).collect();
        let mut covered = 0;
        for p in &found {
            proptest::prop_assert!(p.start >= covered && p.start < p.end);
            // Between paragraphs: whitespace, with a blank line unless at the text's start.
            let gap = &text[covered..p.start];
            proptest::prop_assert!(gap.trim().is_empty());
            if covered > 0 {
                proptest::prop_assert!(gap.split('\n').count() >= 3, "{:?} between paragraphs", gap);
            }
            let lines: Vec<&str> = text[p.clone()].split('\n').collect();
            proptest::prop_assert!(lines.iter().all(|l| !l.trim().is_empty()), "{:?}", &text[p.clone()]);
            covered = p.end;
        }
        proptest::prop_assert!(text[covered..].trim().is_empty());
    }
}

mod no_panics {
    use super::*;
    use proptest::prelude::*;

    /// Pieces that make the grammar work hard: numbers, units, months, connectors.
    fn piece() -> impl Strategy<Value = String> {
        prop_oneof![
            "[0-9]{1,14}",
            Just("99999999999999999999".to_owned()),
            prop::sample::select(vec![
                "in", "dans", "ago", "il y a", "days", "jours", "years", "months", "from", "to", "au", "du", "-", "/",
                ".", ",", ":", "h", "pm", "last", "next", "prochain", "mardi", "Tuesday", "March", "mars", "$", "€",
                "km", "grams", "de", "and", "et", "quatre", "vingt", "million", "k", "M", "'", "\"", "Q", "1er",
                "third", "quarter", "half", "past", "tonight", "l'", "d'ici",
            ])
            .prop_map(str::to_owned),
            "\\PC{0,3}",
        ]
    }

    proptest! {
        #[test]
        fn values_never_panic_and_spans_are_valid(
            pieces in prop::collection::vec(piece(), 0..12),
            glue in prop::collection::vec(prop::sample::select(vec!["", " ", "  "]), 12),
            future in any::<bool>(),
            french in any::<bool>(),
        ) {
            let text: String = pieces.iter().zip(glue.iter()).map(|(p, g)| format!("{p}{g}")).collect();
            let lang = Lang::parse(if french { "fr" } else { "en" }).unwrap();
            for reference in [Some("2013-02-12T04:30:00-02:00"), Some("0001-01-01"), Some("9999-12-31"), None] {
                let context = ExtractContext { lang: &lang, reference_time: reference, translated_from: None };
                let mut out = Vec::new();
                let direction = if future { Direction::Future } else { Direction::Past };
                find(&text, &context, direction, &mut out);
                for v in &out {
                    prop_assert!(text.get(v.byte_range.clone()).is_some(), "{:?} in {:?}", v.byte_range, text);
                }
            }
        }
    }
}

#[test]
fn feasts_fall_on_their_days() {
    let lang = Lang::parse("en").unwrap();
    let context = ExtractContext { lang: &lang, reference_time: Some("2024-01-01"), translated_from: None };
    for (text, day) in [
        ("easter", "2024-03-31"),
        ("Easter Monday", "2024-04-01"),
        ("Pentecost", "2024-05-19"),
        ("thanksgiving", "2024-11-28"),
        ("MLK day", "2024-01-15"),
        ("King's Day 2014", "2014-04-26"),
        ("orthodox easter 2024", "2024-05-05"),
        // Jewish feasts from their eve, as Duckling gives them.
        ("yom kippur 2024", "2024-10-11"),
        ("tu bishvat 2024", "2024-01-24"),
    ] {
        let mut out = Vec::new();
        find(text, &context, Direction::Future, &mut out);
        match out.as_slice() {
            [Value { data: ValueData::Time { value, grain: "day" }, .. }] => {
                assert!(value.starts_with(day), "{text}: {value}")
            }
            other => panic!("{text}: {other:?}"),
        }
    }
}

#[test]
fn hebrew_feasts_spanning_days_are_intervals() {
    let lang = Lang::parse("en").unwrap();
    let context = ExtractContext { lang: &lang, reference_time: Some("2024-01-01"), translated_from: None };
    for (text, from, to) in [
        ("rosh hashanah 2024", "2024-10-02", "2024-10-05"),
        ("Hanukkah 2024", "2024-12-25", "2025-01-02"),
        ("passover 2024", "2024-04-22", "2024-04-30"),
    ] {
        let mut out = Vec::new();
        find(text, &context, Direction::Future, &mut out);
        match out.as_slice() {
            [Value { data: ValueData::TimeInterval { from: Some(f), to: Some(t) }, .. }] => {
                assert!(f.value.starts_with(from) && t.value.starts_with(to), "{text}: {f:?} {t:?}")
            }
            other => panic!("{text}: {other:?}"),
        }
    }
}
