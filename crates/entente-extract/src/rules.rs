use std::collections::HashSet;
use std::ops::Range;
use std::sync::Arc;

use entente_core::{EntityKind, Extraction, Extractor, Lang, Mention, NormalizedText};

use crate::gazetteer::{Gazetteer, GazetteerMatch, fold};
use crate::lexicon::{CONNECTORS, FUNCTION_WORDS, ORG_HEADS, PERSON_CUES};
use crate::tokens::{Token, TokenKind, tokenize};
use crate::{numbers, quotes};

/// The rule-and-gazetteer extractor. See the crate documentation.
#[derive(Debug, Clone)]
pub struct RuleExtractor {
    gazetteer: Arc<Gazetteer>,
    /// Find capitalized names the gazetteer does not know.
    capitalized: bool,
    /// Find numerals.
    values: bool,
    /// Find quotations.
    quotes: bool,
}

impl RuleExtractor {
    /// An extractor with `gazetteer`, and every rule on.
    pub fn new(gazetteer: Arc<Gazetteer>) -> RuleExtractor {
        RuleExtractor { gazetteer, capitalized: true, values: true, quotes: true }
    }

    /// Turns the capitalized-sequence rule on or off (then only gazetteer names are found).
    pub fn with_capitalized(mut self, on: bool) -> RuleExtractor {
        self.capitalized = on;
        self
    }

    /// Turns numeral extraction on or off.
    pub fn with_values(mut self, on: bool) -> RuleExtractor {
        self.values = on;
        self
    }

    /// Turns quotation extraction on or off.
    pub fn with_quotes(mut self, on: bool) -> RuleExtractor {
        self.quotes = on;
        self
    }
}

fn is_word(t: &Token) -> bool {
    t.kind == TokenKind::Word
}

fn starts_upper(s: &str) -> bool {
    s.chars().next().is_some_and(char::is_uppercase)
}

fn is_all_caps(s: &str) -> bool {
    s.chars().any(char::is_alphabetic) && !s.chars().any(char::is_lowercase)
}

fn lower_in(word: &str, list: &[&str]) -> bool {
    let lower = word.to_lowercase();
    list.contains(&lower.as_str())
}

/// Byte ranges of lines whose capitalization says nothing: Title-Case headlines and lines in
/// capitals.
fn uninformative_lines(text: &str, tokens: &[Token]) -> Vec<Range<usize>> {
    let mut lines = Vec::new();
    let mut line_start = 0;
    for line in text.split_inclusive('\n') {
        let range = line_start..line_start + line.len();
        line_start = range.end;
        let words: Vec<&str> = tokens
            .iter()
            .filter(|t| is_word(t) && t.range.start >= range.start && t.range.end <= range.end)
            .map(|t| &text[t.range.clone()])
            .filter(|w| !w.ends_with('\''))
            .collect();
        if words.len() < 4 {
            continue;
        }
        let capitalized = words.iter().filter(|w| starts_upper(w)).count();
        let caps = words.iter().filter(|w| is_all_caps(w)).count();
        let function_capitalized = words.iter().skip(1).any(|w| starts_upper(w) && lower_in(w, FUNCTION_WORDS));
        let title_case = capitalized * 5 >= words.len() * 4 && function_capitalized;
        if title_case || caps * 5 >= words.len() * 4 {
            lines.push(range);
        }
    }
    lines
}

impl Extractor for RuleExtractor {
    fn extract(&self, normalized: &NormalizedText<'_>, lang: &Lang, out: &mut Extraction) {
        let text = normalized.as_str();
        let tokens = tokenize(text);
        let folded = fold(text);
        let mut hits: Vec<GazetteerMatch> = Vec::new();
        self.gazetteer.find(text, &folded, &mut hits);
        let mut mentions: Vec<Mention> = hits
            .iter()
            .map(|hit| {
                let entry = &self.gazetteer.entries()[hit.entry];
                Mention { byte_range: hit.range.clone(), kind: entry.kind, score: 0.9, kb_key: Some(entry.key.clone()) }
            })
            .collect();
        if self.capitalized {
            capitalized_names(text, &tokens, &hits, &mut mentions);
        }
        mentions.sort_by_key(|m| m.byte_range.start);
        out.mentions.extend(mentions);
        if self.values {
            numbers::find(text, lang, &tokens, &mut out.values);
        }
        if self.quotes {
            quotes::find(text, &out.mentions, &mut out.quotes);
        }
    }
}

/// Adds capitalized sequences that no gazetteer hit covers.
fn capitalized_names(text: &str, tokens: &[Token], hits: &[GazetteerMatch], mentions: &mut Vec<Mention>) {
    let flat = uninformative_lines(text, tokens);
    let in_flat = |t: &Token| flat.iter().any(|r| r.contains(&t.range.start));
    let covered = |t: &Token| hits.iter().any(|h| h.range.start < t.range.end && t.range.start < h.range.end);

    // Evidence from the informative parts of the document.
    let mut capitalized_mid: HashSet<&str> = HashSet::new();
    let mut lower_forms: HashSet<&str> = HashSet::new();
    for t in tokens.iter().filter(|t| is_word(t) && !in_flat(t)) {
        let w = &text[t.range.clone()];
        if starts_upper(w) {
            if !t.sentence_start {
                capitalized_mid.insert(w);
            }
        } else {
            lower_forms.insert(w);
        }
    }

    let name_worthy = |t: &Token| -> bool {
        if !is_word(t) || covered(t) {
            return false;
        }
        let w = &text[t.range.clone()];
        if !starts_upper(w) || lower_in(w, FUNCTION_WORDS) || lower_in(w, PERSON_CUES) {
            return false;
        }
        if in_flat(t) {
            return capitalized_mid.contains(w)
                || (is_all_caps(w) && w.chars().count() >= 2 && !flat_is_caps(text, t, &flat));
        }
        if t.sentence_start {
            return !lower_forms.contains(w.to_lowercase().as_str()) || is_all_caps(w);
        }
        true
    };

    let mut found: Vec<(Range<usize>, usize, usize)> = Vec::new(); // (bytes, first token, last token)
    let mut i = 0;
    while i < tokens.len() {
        if !name_worthy(&tokens[i]) {
            i += 1;
            continue;
        }
        let first = i;
        let mut last = i;
        let mut j = i + 1;
        while j < tokens.len() {
            let t = &tokens[j];
            if name_worthy(t) && adjacent(text, &tokens[j - 1], t) {
                last = j;
                j += 1;
                continue;
            }
            // Connectors inside a name: "Organisation du Traité", "Bank of England".
            let mut k = j;
            while k < tokens.len()
                && is_word(&tokens[k])
                && !in_flat(&tokens[k])
                && !starts_upper(&text[tokens[k].range.clone()])
                && lower_in(&text[tokens[k].range.clone()], CONNECTORS)
                && adjacent(text, &tokens[k - 1], &tokens[k])
            {
                k += 1;
            }
            if k > j && k < tokens.len() && name_worthy(&tokens[k]) && adjacent(text, &tokens[k - 1], &tokens[k]) {
                last = k;
                j = k + 1;
                continue;
            }
            break;
        }
        found.push((tokens[first].range.start..tokens[last].range.end, first, last));
        i = last + 1;
    }

    let start_len = mentions.len();
    for (range, first, last) in &found {
        let words: Vec<&str> =
            tokens[*first..=*last].iter().filter(|t| is_word(t)).map(|t| &text[t.range.clone()]).collect();
        let acronym = words.len() == 1 && is_all_caps(words[0]) && (2..=6).contains(&words[0].chars().count());
        let full_name = (2..=3).contains(&words.len()) && words.iter().all(|w| starts_upper(w) && !is_all_caps(w));
        let kind = if acronym || words.iter().any(|w| lower_in(w, ORG_HEADS)) {
            EntityKind::Org
        } else if full_name || person_cue_before(text, tokens, *first) {
            EntityKind::Per
        } else {
            EntityKind::Misc
        };
        mentions.push(Mention { byte_range: range.clone(), kind, score: 0.5, kb_key: None });
    }
    // A single word that ends a person's name found here is that person's surname.
    let surnames: HashSet<&str> = mentions[start_len..]
        .iter()
        .filter(|m| m.kind == EntityKind::Per)
        .filter_map(|m| text[m.byte_range.clone()].rsplit(' ').next())
        .collect();
    let surnames: HashSet<String> = surnames.into_iter().map(str::to_owned).collect();
    for m in &mut mentions[start_len..] {
        if m.kind == EntityKind::Misc && surnames.contains(&text[m.byte_range.clone()]) {
            m.kind = EntityKind::Per;
        }
    }
}

/// True when the line holding `t` is in capitals (no word of it is evidence).
fn flat_is_caps(text: &str, t: &Token, flat: &[Range<usize>]) -> bool {
    flat.iter().find(|r| r.contains(&t.range.start)).is_some_and(|r| {
        let line = &text[r.clone()];
        let letters = line.chars().filter(|c| c.is_alphabetic()).count();
        let upper = line.chars().filter(|c| c.is_uppercase()).count();
        upper * 5 >= letters * 4
    })
}

/// True when only one space separates two tokens on the same line.
fn adjacent(text: &str, a: &Token, b: &Token) -> bool {
    let gap = &text[a.range.end..b.range.start];
    gap == " " || (gap.is_empty() && text[a.range.clone()].ends_with('\''))
}

/// True when a title or role word stands shortly before token `first`, in the same sentence.
fn person_cue_before(text: &str, tokens: &[Token], first: usize) -> bool {
    let mut seen = 0;
    for t in tokens[..first].iter().rev() {
        let w = &text[t.range.clone()];
        if t.kind == TokenKind::Punct {
            if matches!(w, "." | "!" | "?" | "«" | "»" | "\"" | "“" | "”" | ";" | ":") {
                return false;
            }
            continue;
        }
        if lower_in(w, PERSON_CUES) {
            return true;
        }
        seen += 1;
        if seen >= 6 {
            return false;
        }
    }
    false
}

#[cfg(test)]
mod tests;
