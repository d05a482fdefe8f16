use rustc_hash::FxHashMap as HashMap;
use std::sync::LazyLock;

use entente_core::{Edit, Lang, NormalizedText, Normalizer};

/// Repairs Title-Case lines into sentence case: in French a machine-translation artefact ("Les
/// Troupes De La Coalition Dirigée Par La Russie …"), in English the headline style ("Apple
/// Unveils New iPhone As Sales Slow In China"); both fool taggers, which read a capital as a sign
/// of a name.
///
/// The decision comes from evidence: first the document itself, then a case lexicon learnt from
/// the shipped training corpora (`data/case-LANG.tsv`, built by `tools/build_case_lexicon.py`:
/// words written in lower case, or capitalized, at least 90 % of the time past a sentence start,
/// and words written in lower case at least 60 % of the time):
/// - a line is Title Case when at least 80 % of its words (four or more; "14,000" is one) are
///   capitalized and at least two of them, past the first, and three in five of the capitalized
///   ones that are no known name, are written in lower case elsewhere in the document or in the
///   corpus (a list of names is not: "Past Guests of Honor include Gene Wolfe, Frank Kelly Freas,
///   …"). A word the corpus writes in lower case only most of the time ("Company") counts half,
///   a verb or plural the corpus lacks counts as its stem does ("Seizes": "seize"), acronyms in
///   capitals do not count ("RSF"), and one in three will do when a preposition or article
///   past the first word is capitalized;
/// - in such a line, a capitalized word keeps its capital when it is the line's first word, is
///   written in capitals ("OTAN"), appears capitalized inside a sentence elsewhere in the
///   document ("Russie"), or, never written in lower case in the document, is a capitalized word
///   in the corpus ("Tokaïev"), or is part of a known name given with
///   [`TitleCaseNormalizer::with_names`] ("South Korea", "Le Pen"); every other word is
///   lower-cased ("Troupes", "Quitteront").
///
/// Only the configured languages are repaired.
/// Each change keeps the byte length of the character, so nothing moves.
#[derive(Debug, Clone)]
pub struct TitleCaseNormalizer {
    languages: Vec<String>,
    corpus: bool,
    /// Known names as written, words joined by single spaces; see [`Self::with_names`].
    names: std::sync::Arc<rustc_hash::FxHashSet<Box<str>>>,
}

/// Longest known name, in words, that a repaired line is searched for.
const NAME_WORDS: usize = 4;

impl TitleCaseNormalizer {
    /// A normalizer repairing lines of texts in these languages (primary subtags, e.g. `fr`),
    /// with the corpus evidence on.
    pub fn new(languages: Vec<String>) -> TitleCaseNormalizer {
        TitleCaseNormalizer { languages, corpus: true, names: Default::default() }
    }

    /// Names whose words keep their capitals in a repaired line, as a knowledge base writes
    /// them ("South Korea", "Le Pen", "Xi"): in "Trump Says He Will Meet Xi In South Korea",
    /// "Xi" and "South" are common words to the case lexicon. Names that do not start with a
    /// capital, or have more than four words, are left out.
    pub fn with_names<'a>(mut self, names: impl IntoIterator<Item = &'a str>) -> TitleCaseNormalizer {
        let names = names
            .into_iter()
            .filter(|n| n.starts_with(char::is_uppercase) && n.split(' ').count() <= NAME_WORDS)
            .map(Box::from)
            .collect();
        self.names = std::sync::Arc::new(names);
        self
    }

    /// For each word of a line, whether it is part of a known name there: longest name first,
    /// its words separated by single spaces.
    fn in_known_names(&self, text: &str, ws: &[(usize, &str)]) -> Vec<bool> {
        let mut known = vec![false; ws.len()];
        if self.names.is_empty() {
            return known;
        }
        let mut i = 0;
        while i < ws.len() {
            let longest = (1..=NAME_WORDS.min(ws.len() - i)).rev().find(|&n| {
                let (start, last) = (ws[i].0, ws[i + n - 1]);
                let surface = &text[start..last.0 + last.1.len()];
                let letters: usize = ws[i..i + n].iter().map(|(_, w)| w.len()).sum();
                surface.len() == letters + n - 1 && self.names.contains(surface)
            });
            match longest {
                Some(n) => {
                    known[i..i + n].iter_mut().for_each(|k| *k = true);
                    i += n;
                }
                None => i += 1,
            }
        }
        known
    }

    /// Turns the corpus evidence on or off (then only the document decides).
    pub fn with_corpus(mut self, on: bool) -> TitleCaseNormalizer {
        self.corpus = on;
        self
    }
}

/// How the corpus writes a word past a sentence start.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Case {
    /// In lower case at least 90 % of the time.
    Lower,
    /// In lower case at least 60 % of the time, not 90 % ("company", "worth": names use them).
    MostlyLower,
    /// Capitalized at least 90 % of the time.
    Capital,
}

/// Case lexicons by language: lower-case form to how the corpus writes it.
fn case_lexicon(lang: &str) -> Option<&'static HashMap<&'static str, Case>> {
    fn parse(data: &'static str) -> HashMap<&'static str, Case> {
        let case = |c: &str| match c {
            "l" => Case::Lower,
            "m" => Case::MostlyLower,
            _ => Case::Capital,
        };
        data.lines().filter_map(|l| l.split_once('\t')).map(|(w, c)| (w, case(c))).collect()
    }
    static FR: LazyLock<HashMap<&'static str, Case>> = LazyLock::new(|| parse(include_str!("../data/case-fr.tsv")));
    static EN: LazyLock<HashMap<&'static str, Case>> = LazyLock::new(|| parse(include_str!("../data/case-en.tsv")));
    match lang {
        "fr" => Some(&FR),
        "en" => Some(&EN),
        _ => None,
    }
}

/// How the corpus writes `lower`; for an English verb or plural it lacks, how it writes the
/// stem ("seizes", "reshuffles" are rare in the corpus, "seize", "reshuffle" are not). A stem
/// only tells of lower case: "Jones" is no "jone".
fn corpus_case(corpus: &HashMap<&'static str, Case>, lower: &str) -> Option<Case> {
    if let Some(&case) = corpus.get(lower) {
        return Some(case);
    }
    let stem = |suffix: &str| lower.strip_suffix(suffix).filter(|s| s.len() >= 3).and_then(|s| corpus.get(s).copied());
    stem("s").or_else(|| stem("es")).filter(|&case| case != Case::Capital)
}

/// The words of a line: byte offset (in the whole text) and text. A word is a run of letters and
/// digits with inner apostrophes and hyphens ("Jusqu'à", "États-Unis").
fn words(line: &str, offset: usize) -> impl Iterator<Item = (usize, &str)> {
    let bytes = line.as_bytes();
    // The character at `at` and its length, read on the ASCII fast path.
    let char_at = move |at: usize| -> (char, usize) {
        if bytes[at] < 0x80 {
            (bytes[at] as char, 1)
        } else {
            let c = line[at..].chars().next().unwrap_or(' ');
            (c, c.len_utf8())
        }
    };
    let mut pos = 0;
    std::iter::from_fn(move || {
        while pos < bytes.len() {
            let (c, len) = char_at(pos);
            if c.is_alphanumeric() {
                break;
            }
            pos += len;
        }
        if pos >= bytes.len() {
            return None;
        }
        let start = pos;
        while pos < bytes.len() {
            let (c, len) = char_at(pos);
            // A comma or full stop between digits groups them: "14,000" is one word.
            let grouping = matches!(c, ',' | '.')
                && bytes[pos - 1].is_ascii_digit()
                && bytes.get(pos + 1).is_some_and(u8::is_ascii_digit);
            if !(c.is_alphanumeric() || grouping || matches!(c, '\'' | '-' | '\u{2019}')) {
                break;
            }
            pos += len;
        }
        Some((offset + start, line[start..pos].trim_end_matches(['\'', '-', '\u{2019}'])))
    })
}

/// Prepositions, articles and conjunctions, which only Title Case capitalizes past a line's
/// first word.
fn is_function_word(word: &str) -> bool {
    const WORDS: &[&str] = &[
        "in", "on", "at", "to", "for", "of", "with", "and", "as", "by", "from", "the", "a", "an", "or", "into", "de",
        "du", "des", "la", "le", "les", "et", "à", "au", "aux", "en", "pour", "sur", "dans", "par", "avec", "ou", "un",
        "une",
    ];
    word.chars().count() <= 5 && WORDS.contains(&word.to_lowercase().as_str())
}

fn capitalized(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

/// True for a word with a capital right after a lower-case letter ("OpenAI", "McDonald",
/// "YouTube"): a name, whatever line it is on.
fn camel_case(word: &str) -> bool {
    word.chars().zip(word.chars().skip(1)).any(|(a, b)| a.is_lowercase() && b.is_uppercase())
}

fn all_caps(word: &str) -> bool {
    word.chars().filter(|c| c.is_alphabetic()).count() >= 2 && !word.chars().any(char::is_lowercase)
}

/// What the rest of the document says about a capitalized word of a candidate line.
struct Evidence<'e> {
    /// Written in lower case somewhere.
    lower: bool,
    /// Lines where it is capitalized inside a sentence.
    inner_capital_lines: &'e [usize],
}

impl Normalizer for TitleCaseNormalizer {
    fn name(&self) -> &'static str {
        "titlecase"
    }

    fn normalize(&self, text: &mut NormalizedText<'_>, lang: &Lang) {
        if !self.languages.iter().any(|l| l == lang.primary()) {
            return;
        }
        let current = text.as_str();
        // Fast path: most texts have no line that is even mostly capitalized.
        let maybe = current.lines().any(|line| {
            let (mut n, mut caps) = (0usize, 0usize);
            for w in line.split_whitespace() {
                if w.chars().next().is_some_and(char::is_alphabetic) {
                    n += 1;
                    caps += usize::from(capitalized(w));
                }
            }
            n >= 4 && caps * 5 >= n * 4
        });
        if !maybe {
            return;
        }
        // Every word, once, and where each line's words start.
        let mut all: Vec<(usize, &str)> = Vec::with_capacity(current.len() / 5);
        let mut line_starts: Vec<usize> = Vec::new();
        let mut at = 0;
        for line in current.split_inclusive('\n') {
            line_starts.push(all.len());
            all.extend(words(line, at));
            at += line.len();
        }
        line_starts.push(all.len());
        let line_words = |index: usize| &all[line_starts[index]..line_starts[index + 1]];
        // Candidate lines: four words or more, at least 80 % capitalized, and not half in capitals
        // or more (where a one-letter word such as "À" would be lowered: "SURVIT à UNE MOTION").
        let in_capitals = |ws: &[(usize, &str)]| {
            let long = ws.iter().filter(|(_, w)| w.chars().count() >= 2);
            let (n, caps) = long.fold((0, 0), |(n, caps), (_, w)| (n + 1, caps + usize::from(all_caps(w))));
            caps * 2 > n
        };
        let candidates: Vec<(usize, &[(usize, &str)])> = (0..line_starts.len() - 1)
            .map(|index| (index, line_words(index)))
            .filter(|(_, ws)| {
                let n_capitalized = ws.iter().filter(|(_, w)| capitalized(w)).count();
                ws.len() >= 4 && n_capitalized * 5 >= ws.len() * 4 && !in_capitals(ws)
            })
            .collect();
        if candidates.is_empty() {
            return;
        }
        let corpus = if self.corpus { case_lexicon(lang.primary()) } else { None };
        // Evidence is gathered for the capitalized words of candidate lines only: by lower-case
        // form (written so somewhere) and by form (capitalized inside a sentence somewhere).
        let mut by_lower: HashMap<String, bool> = HashMap::default();
        let mut by_form: HashMap<&str, Vec<usize>> = HashMap::default();
        // Each capitalized word of a candidate line, lower-cased once, and what the corpus says.
        let mut forms: HashMap<&str, (String, Option<Case>)> = HashMap::default();
        for (_, ws) in &candidates {
            for &(_, w) in ws.iter().filter(|(_, w)| capitalized(w)) {
                forms.entry(w).or_insert_with(|| {
                    let lower = w.to_lowercase();
                    let says = corpus.and_then(|c| corpus_case(c, &lower));
                    by_lower.entry(lower.clone()).or_insert(false);
                    (lower, says)
                });
                by_form.entry(w).or_default();
            }
        }
        for line_index in 0..line_starts.len() - 1 {
            for (i, &(start, w)) in line_words(line_index).iter().enumerate() {
                if !capitalized(w) {
                    if let Some(seen) = by_lower.get_mut(w) {
                        *seen = true;
                    }
                } else if i > 0
                    && let Some(found) = by_form.get_mut(w)
                {
                    let before = current[..start].trim_end();
                    if !before.ends_with(['.', '!', '?', ':', '«', '"', '\u{201C}', '-', '\u{2014}']) {
                        found.push(line_index);
                    }
                }
            }
        }
        let evidence = |w: &str| Evidence {
            lower: forms.get(w).and_then(|(lower, _)| by_lower.get(lower.as_str())).copied().unwrap_or(false),
            inner_capital_lines: by_form.get(w).map_or(&[][..], Vec::as_slice),
        };
        let corpus_says = |w: &str| forms.get(w).and_then(|(_, says)| *says);
        let mut edits = Vec::new();
        for &(line_index, ws) in &candidates {
            // Known names are no evidence either way ("North America" in "Starbucks Closes Stores
            // Across North America").
            let known = self.in_known_names(current, ws);
            // Acronyms in capitals are no evidence either way ("Sudan's RSF Seizes El Fasher").
            let capitalized_past_first = ws[1..]
                .iter()
                .zip(&known[1..])
                .filter(|((_, w), known)| capitalized(w) && !all_caps(w) && !**known)
                .count();
            // In halves: a word mostly in lower case in the corpus counts half ("Company").
            let lower_evidence_halves: usize = ws[1..]
                .iter()
                .filter(|(_, w)| capitalized(w))
                .map(|(_, w)| match corpus_says(w) {
                    _ if evidence(w).lower => 2,
                    Some(Case::Lower) => 2,
                    Some(Case::MostlyLower) => 1,
                    _ => 0,
                })
                .sum();
            // Most of a headline's capitalized words are common words; most of a list of names'
            // are not ("Past Guests of Honor include Gene Wolfe, Frank Kelly Freas, …"). A
            // capitalized preposition or article past the first word is Title Case by itself
            // (a list of names writes "of" and "de" in lower case): then one in three will do
            // ("Prabowo Meets Albanese In Canberra, Discusses Defence Cooperation", where
            // "Discusses" and "Cooperation" are in no lexicon).
            let function_capitalized = ws[1..].iter().any(|(_, w)| capitalized(w) && is_function_word(w));
            let (share, of) = if function_capitalized { (1, 3) } else { (3, 5) };
            if lower_evidence_halves < 4 || lower_evidence_halves * of < capitalized_past_first * share * 2 {
                continue;
            }
            for (&(start, w), known) in ws.iter().zip(known).skip(1) {
                if !capitalized(w) || all_caps(w) || camel_case(w) || known {
                    continue;
                }
                let e = evidence(w);
                // Capitalized inside a sentence, in another line than this one.
                let evidence_elsewhere = e.inner_capital_lines.iter().any(|&i| i != line_index);
                // Never lower case here, and a capitalized word in the corpus: a name ("Tokaïev").
                let corpus_name = !e.lower && corpus_says(w) == Some(Case::Capital);
                if evidence_elsewhere || corpus_name {
                    continue;
                }
                let first = w.chars().next().unwrap_or(' ');
                let mut lower_first = first.to_lowercase();
                if let (Some(l), None) = (lower_first.next(), lower_first.next())
                    && l.len_utf8() == first.len_utf8()
                {
                    edits.push(Edit::new(start..start + first.len_utf8(), l.to_string()));
                }
            }
        }
        text.apply(&edits);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn repair(text: &str, lang: &str) -> String {
        let mut t = NormalizedText::new(text);
        TitleCaseNormalizer::new(vec!["fr".into()]).normalize(&mut t, &Lang::parse(lang).unwrap());
        t.as_str().to_owned()
    }

    #[test]
    fn seed_headline_is_repaired_from_document_evidence() {
        let text = "Les Troupes De La Coalition Dirigée Par La Russie Quitteront Le Kazakhstan Dans Deux Jours, \
                    Les États-Unis Surveillent Jusqu'à La Fin\n\
                    Les troupes de la coalition dirigée par la Russie sont au Kazakhstan, dit-on aux États-Unis. \
                    Elles partiront dans deux jours, jusqu'à la fin le 12.";
        let first_line = repair(text, "fr").lines().next().unwrap().to_owned();
        assert_eq!(
            first_line,
            "Les troupes de la coalition dirigée par la Russie quitteront le Kazakhstan dans deux jours, \
             les États-Unis surveillent jusqu'à la fin"
        );
    }

    #[test]
    fn corpus_evidence_finds_title_case_without_document_evidence_and_keeps_names() {
        // Nothing else in the document: the corpus knows "président", "visite", "le" are lower
        // case and "Tokaïev"-like names capitalized.
        let text = "Le Président Français Visite Le Kazakhstan Et La Russie\nFin.";
        assert_eq!(
            repair(text, "fr").lines().next().unwrap(),
            "Le président français visite le Kazakhstan et la Russie"
        );
        let mut t = NormalizedText::new(text);
        TitleCaseNormalizer::new(vec!["fr".into()]).with_corpus(false).normalize(&mut t, &Lang::parse("fr").unwrap());
        assert_eq!(t.as_str(), text, "without the corpus there is no evidence");
    }

    #[test]
    fn english_headlines_are_repaired_and_lists_of_names_kept() {
        let repair_en = |text: &str| {
            let mut t = NormalizedText::new(text);
            TitleCaseNormalizer::new(vec!["en".into()]).normalize(&mut t, &Lang::parse("en").unwrap());
            t.as_str().to_owned()
        };
        // An English headline with a capitalized preposition needs one word in three with
        // lower-case evidence ("Discusses" and "Cooperation" are in no lexicon); its names,
        // capitalized in the body, keep their capitals.
        let headline = "Prabowo Meets Albanese In Canberra, Discusses Defence Cooperation\n\
                        President Prabowo held a meeting with Prime Minister Anthony Albanese in Canberra.";
        assert_eq!(
            repair_en(headline).lines().next().unwrap(),
            "Prabowo meets Albanese in Canberra, discusses defence cooperation"
        );
        assert_eq!(
            repair_en("Apple Unveils New iPhone As Sales Slow In China, Analysts Say"),
            "Apple unveils new iPhone as sales slow in China, analysts say"
        );
        // A name in camel case stays as it is.
        assert_eq!(
            repair_en("Microsoft And OpenAI Agree New Deal As Investors Cheer Cloud Growth"),
            "Microsoft and OpenAI agree new deal as investors cheer cloud growth"
        );
        // Without a capitalized function word, three in five: words that names also use count
        // half ("Company", "Worth"), a grouped number is one word, known names do not count.
        assert_eq!(
            repair_en("Nvidia Becomes First Company Worth $5 Trillion"),
            "Nvidia becomes first company worth $5 trillion"
        );
        assert_eq!(repair_en("Amazon Cuts 14,000 Corporate Jobs"), "Amazon cuts 14,000 corporate jobs");
        let repair_known = |text: &str| {
            let mut t = NormalizedText::new(text);
            TitleCaseNormalizer::new(vec!["en".into()])
                .with_names(["North America", "El Fasher"])
                .normalize(&mut t, &Lang::parse("en").unwrap());
            t.as_str().to_owned()
        };
        assert_eq!(
            repair_known("Starbucks Closes Stores Across North America"),
            "Starbucks closes stores across North America"
        );
        // A verb the corpus lacks counts by its stem ("Seizes": "seize"); an acronym in
        // capitals is no evidence either way.
        assert_eq!(
            repair_known("Sudan's RSF Seizes El Fasher, Ending 18-Month Siege"),
            "Sudan's RSF seizes El Fasher, ending 18-Month siege"
        );
        let board = "Board Members Include Sarah Connor, James Holden, Naomi Nagata";
        assert_eq!(repair_en(board), board);
        // A list of names, a few of which are common words too ("Will", "Hope", "Long").
        let names = "Speakers: Will Kowalczyk, Hope Berglund, Ida Long, Grace Solheim, Marek Dvorak, \
                     Helena Vasquez, Jonas Lindqvist and Petra Novak.";
        assert_eq!(repair_en(names), names);
    }

    #[test]
    fn known_names_keep_their_capitals() {
        let repair_with = |text: &str, lang: &str, names: &[&str]| {
            let mut t = NormalizedText::new(text);
            TitleCaseNormalizer::new(vec![lang.into()])
                .with_names(names.iter().copied())
                .normalize(&mut t, &Lang::parse(lang).unwrap());
            t.as_str().to_owned()
        };
        let headline = "Trump Says He Will Meet Xi In South Korea Next Month";
        assert_eq!(repair_with(headline, "en", &[]), "Trump says he will meet xi in south Korea next month");
        let names = ["Xi", "South Korea", "Korea"];
        assert_eq!(repair_with(headline, "en", &names), "Trump says he will meet Xi in South Korea next month");
        // A name's words must be next to each other, with one space between them.
        let apart = "Trump Says South And North Korea Will Meet Next Month";
        assert_eq!(repair_with(apart, "en", &names), "Trump says south and north Korea will meet next month");
        let headline = "Le Pen Condamnée : Le Rassemblement National Dénonce Une Décision Politique";
        assert_eq!(
            repair_with(headline, "fr", &["Le Pen", "Rassemblement National", "rassemblement national"]),
            "Le Pen condamnée : le Rassemblement National dénonce une décision politique"
        );
    }

    #[test]
    fn ordinary_lines_and_other_languages_are_kept() {
        let text = "Vladimir Poutine Et Emmanuel Macron\nIls ont parlé.";
        assert_eq!(repair(text, "fr"), text, "no lower-case evidence: not treated as Title Case");
        let english = "Russia-Led Coalition Troops To Leave\nthe troops to leave the coalition";
        assert_eq!(repair(english, "en"), english);
        assert_eq!(repair("Le Kazakhstan.", "fr"), "Le Kazakhstan.");
        // A line in capitals is no Title Case: its one-letter words were lowered ("SURVIT à UNE").
        let capitals = "LE GOUVERNEMENT SURVIT À UNE MOTION DE CENSURE
Le gouvernement a survécu à une motion.";
        assert_eq!(repair(capitals, "fr"), capitals);
    }
}
