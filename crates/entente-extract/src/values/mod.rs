//! Values: numerals, quantities ("2 030 soldats"), durations ("deux jours") and dates ("12
//! janvier", "mardi"), in Duckling's dimensions, resolved against the document's reference time.
//!
//! News conventions where Duckling has none: a weekday or a day without a year names the closest
//! such day *not after* the reference date, plus one month of tolerance for day-month dates
//! (articles report what happened); Duckling picks the next one.

use std::ops::Range;

use chrono::{FixedOffset, NaiveDate};
use entente_core::{ExtractContext, MeasureDim, Value, ValueData};

use grammar::Toks;

use crate::lexicon::{MONTHS_EN, MONTHS_FR, is_function_word};
use crate::numbers::{self, Number};

/// Words before a number that make it approximate.
const APPROXIMATE: &[&str] = &[
    "près de",
    "environ",
    "quelque",
    "presque",
    "plus de",
    "moins de",
    "nearly",
    "about",
    "around",
    "almost",
    "some",
    "approximately",
    "roughly",
    "more than",
    "less than",
    "over",
    "under",
];
/// Languages that group thousands with `.`: "2.030" translated from them is two thousand thirty.
const DOT_GROUPING: &[&str] = &["id", "ms", "de", "nl", "es", "it", "pt", "ro", "tr", "da", "el", "pl", "cs", "fr"];

/// A word of the text: byte range and lower-case form.
struct Word<'t> {
    range: Range<usize>,
    lower: &'t str,
}

/// Up to `max` words of `text` from byte `from` on, with their lower-case forms from `lowered`
/// ([`grammar::lowered`]); a word that `from` cuts is skipped.
fn words_from<'t>(text: &str, lowered: &'t str, from: usize, max: usize) -> Vec<Word<'t>> {
    let mut out = Vec::new();
    let mut start = None;
    // Skip the rest of a word that started before `from`.
    let mut skipping = text[..from].ends_with(char::is_alphanumeric);
    for (at, c) in text[from..].char_indices().map(|(at, c)| (from + at, c)).chain(std::iter::once((text.len(), ' '))) {
        if skipping {
            if c.is_alphanumeric() || c == '\'' {
                continue;
            }
            skipping = false;
        }
        if out.len() == max {
            break;
        }
        // An elided article is a word of its own, apostrophe included ("d'habitants").
        if c == '\''
            && let Some(s) = start
            && crate::lexicon::ELISIONS.contains(&&lowered[s..at])
        {
            out.push(Word { range: s..at + 1, lower: &lowered[s..at + 1] });
            start = None;
            continue;
        }
        let inside = c.is_alphanumeric() || (c == '\'' && start.is_some());
        match (inside, start) {
            (true, None) => start = Some(at),
            (false, Some(s)) => {
                let w = text[s..at].trim_end_matches('\'');
                out.push(Word { range: s..s + w.len(), lower: &lowered[s..s + w.len()] });
                start = None;
            }
            _ => {}
        }
    }
    out
}

/// The reference date and UTC offset of a document, from an ISO 8601 date or date-time.
pub fn reference(reference_time: Option<&str>) -> Option<(NaiveDate, FixedOffset)> {
    let r = time::reference(reference_time)?;
    Some((r.now.date(), r.offset))
}

fn month_of(word: &str) -> Option<u32> {
    let i = MONTHS_FR.iter().position(|m| *m == word).or_else(|| MONTHS_EN.iter().position(|m| *m == word))?;
    Some(i as u32 + 1)
}

/// Finds values in `text` and pushes them, in text order, into `out`; incomplete dates resolve
/// in `direction`.
pub fn find(text: &str, context: &ExtractContext<'_>, direction: Direction, out: &mut Vec<Value>) {
    find_folded(text, &crate::gazetteer::fold(text), context, direction, out);
}

/// [`find`] for a caller that has `lowered`, the [`fold`](crate::gazetteer::fold) of `text`.
///
/// A value does not run across a blank line ("le 15" ending a paragraph and "juillet" opening
/// the next are not a date), so each paragraph is read on its own; this also keeps the
/// grammar's memory to that of the longest paragraph, not of the whole text.
pub(crate) fn find_folded(
    text: &str,
    lowered: &str,
    context: &ExtractContext<'_>,
    direction: Direction,
    out: &mut Vec<Value>,
) {
    for paragraph in paragraphs(text) {
        let first = out.len();
        let at = paragraph.start;
        find_in_paragraph(&text[paragraph.clone()], &lowered[paragraph], context, direction, out);
        for value in &mut out[first..] {
            value.byte_range = value.byte_range.start + at..value.byte_range.end + at;
        }
    }
}

/// The paragraphs of `text`: byte ranges of its runs of lines that are not blank (blank: only
/// whitespace), each from its first line's start to its last line's end (line feed excluded).
pub(crate) fn paragraphs(text: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    let mut at = 0;
    std::iter::from_fn(move || {
        let mut start = None;
        let mut end = at;
        while at < text.len() {
            let line_start = at;
            let line_end = text[at..].find('\n').map_or(text.len(), |k| at + k);
            at = if line_end < text.len() { line_end + 1 } else { text.len() };
            let blank = text[line_start..line_end].trim().is_empty();
            match (blank, start) {
                (false, None) => {
                    start = Some(line_start);
                    end = line_end;
                }
                (false, Some(_)) => end = line_end,
                (true, Some(_)) => break,
                (true, None) => {}
            }
        }
        start.map(|s| s..end)
    })
}

/// Values of one paragraph (see [`find_folded`]).
fn find_in_paragraph(
    text: &str,
    lowered: &str,
    context: &ExtractContext<'_>,
    direction: Direction,
    out: &mut Vec<Value>,
) {
    // The counted-noun rules below need digits; most sentences have none.
    let has_digits = text.bytes().any(|b| b.is_ascii_digit());
    let mut found: Vec<Value> = Vec::new();
    // While quantities are still being added, `taken` tells whether a range overlaps one.
    let mut taken = crate::ranges::Taken::default();

    // The grammar first: times, money, distances, measures, durations, ordinals.
    let toks = grammar::tokenize(text, lowered);
    let french = context.lang.primary() == "fr";
    let span = |r: &Range<usize>| toks[r.start].range.start..toks[r.end - 1].range.end;
    let r = time::reference(context.reference_time).unwrap_or_else(time::Reference::unknown);
    // A candidate without data is a time read without a reference: it only takes its span.
    let mut candidates: Vec<(Range<usize>, Option<ValueData>)> = Vec::new();
    time::find(&toks, &r, french, direction, &mut candidates);
    let mut i = 0;
    while i < toks.len() {
        if !grammar::may_start_amount(&toks, i) {
            i += 1;
            continue;
        }
        let mut best: Option<(usize, ValueData)> = None;
        let mut consider = |end: usize, data: ValueData| {
            if end > i && best.as_ref().is_none_or(|b| end > b.0) {
                best = Some((end, data));
            }
        };
        let dims = if grammar::amount_near(&toks, i) {
            &[MeasureDim::Money, MeasureDim::Distance, MeasureDim::Quantity][..]
        } else {
            &[]
        };
        for &dim in dims {
            if let Some((extent, end)) = grammar::measured(&toks, i, french, dim) {
                consider(end, ValueData::Measure { dim, extent });
            }
        }
        if let Some(d) = grammar::duration(&toks, i, french) {
            consider(d.end, ValueData::Duration { value: d.value, unit: d.unit, seconds: d.seconds });
        }
        if let Some((value, end)) = grammar::ordinal(&toks, i, french) {
            consider(end, ValueData::Ordinal { value });
        }
        match best {
            Some((end, data)) => {
                candidates.push((i..end, Some(data)));
                i = end;
            }
            None => i += 1,
        }
    }
    // Where a time and an amount overlap, the longer wins ("10-20 dollars" is money, not 20 October).
    candidates.sort_by_key(|(r, _)| (std::cmp::Reverse(r.len()), r.start));
    // Times read without a reference: no value, but their numbers are no numerals.
    let mut unread_times: Vec<Range<usize>> = Vec::new();
    for (range, data) in candidates {
        let bytes = span(&range);
        if !taken.overlaps(&bytes) {
            taken.add(bytes.clone());
            match data {
                Some(data) => found.push(Value { byte_range: bytes, data }),
                None => unread_times.push(bytes),
            }
        }
    }

    // Numbers in digits, for the counted nouns ("2 030 soldats"); numbers in words are the
    // grammar's.
    let mut numbers: Vec<Number> = Vec::new();
    if has_digits {
        numbers::find(text, context.lang, &mut numbers);
    }
    let digits = |n: &Number| text[n.range.clone()].starts_with(|c: char| c.is_ascii_digit());
    for number in numbers {
        if taken.overlaps(&number.range) {
            continue;
        }
        // The second number of a score or range ("4-0 face à l'Ukraine") counts nothing.
        let before = &text.as_bytes()[..number.range.start];
        if before.len() >= 2
            && matches!(before[before.len() - 1], b'-' | b'/')
            && before[before.len() - 2].is_ascii_digit()
        {
            continue;
        }
        // The few words after the number: the counted noun and its complement.
        let words = words_from(text, lowered, number.range.end, 8);
        let first_at = |at: usize| words.partition_point(|w| w.range.start < at);
        let mut next = Some(0).filter(|&i| i < words.len());
        // "19 millions d'habitants", "2 millions de personnes", "3 million of them" is rare.
        if let Some(i) = next
            && matches!(words[i].lower, "d'" | "de")
            && text[number.range.clone()].ends_with(|c: char| c.is_alphabetic())
        {
            next = Some(i + 1).filter(|&j| j < words.len());
        }
        let next_word = next.map(|i| &words[i]).filter(|w| {
            let gap = text[number.range.end..w.range.start].trim();
            gap.is_empty() || matches!(gap.to_lowercase().as_str(), "d'" | "de")
        });
        let mut value = number.value;
        // A time unit is not a counted noun; durations and "il y a 3 jours" are the grammar's.
        if next_word.is_some_and(|w| grammar::DURATION_INDEX.contains_key(w.lower)) {
            continue;
        }
        if !digits(&number) {
            continue;
        }
        // Quantities: a number and the noun it counts.
        if let Some(noun) = next_word.filter(|w| is_count_noun(text, w)) {
            let (unit, end) = unit_phrase(text, &words, first_at(noun.range.start));
            if number.three_decimals && (translated_with_dots(context) || is_counted_plural(noun.lower)) {
                value = (value * 1000.0).round();
            }
            let before = tail_lowercase(text, number.range.start);
            let approximate_marker = APPROXIMATE.iter().find(|m| {
                before.ends_with(*m) && {
                    let cut = before.len() - m.len();
                    cut == 0 || !before[..cut].ends_with(char::is_alphanumeric)
                }
            });
            let start = match approximate_marker {
                Some(m) => text[..number.range.start].trim_end().len() - m.len(),
                None => number.range.start,
            };
            taken.add(start..end);
            found.push(Value {
                byte_range: start..end,
                data: ValueData::Quantity { value, unit, approximate: approximate_marker.is_some() },
            });
            continue;
        }
        // Plain numerals are left to the grammar below, which reads signs, scales and fractions.
    }
    // Numbers in words and the rest of the digits: "thirty three", "quatre-vingt-dix", "1/5".
    // What is found so far does not overlap: sorted by start, the ends are sorted too, and a
    // binary search tells whether a range is taken.
    let mut covered: Vec<Range<usize>> = found.iter().map(|v| v.byte_range.clone()).chain(unread_times).collect();
    covered.sort_by_key(|r| r.start);
    let covered_by_found = |r: &Range<usize>| {
        let k = covered.partition_point(|c| c.end <= r.start);
        covered.get(k).is_some_and(|c| c.start < r.end)
    };
    let mut i = 0;
    while i < toks.len() {
        // Digits glued to the letters of a name are part of it: "TF1", "M6", "A320", "G7".
        let in_a_name = toks[i].kind == grammar::Kind::Digits
            && !toks[i].spaced
            && i > 0
            && toks[i - 1].kind == grammar::Kind::Word
            && toks[i - 1].cap;
        if in_a_name || covered_by_found(&toks[i].range) {
            i += 1;
            continue;
        }
        if let Some(n) = grammar::number_ext(&toks, i, french)
            // An article is not a number: "un retrait", "a day", "one of them".
            && !(n.words && n.end == i + 1 && matches!(toks.w(i), "un" | "une" | "one" | "a" | "an"))
        {
            let mut value = n.value;
            let mut end = n.end;
            if !n.words
                && toks.w(end) == "/"
                && toks.glued(end)
                && let Some(d) = toks.get(end + 1).filter(|d| d.kind == grammar::Kind::Digits && !d.spaced)
                && let Ok(d) = d.lower.parse::<f64>()
                && d != 0.0
            {
                value /= d;
                end += 2;
            }
            let range = span(&(i..end));
            if !covered_by_found(&range) {
                found.push(Value { byte_range: range, data: ValueData::Numeral { value } });
            }
            i = end;
        } else {
            i += 1;
        }
    }
    found.sort_by_key(|v| v.byte_range.start);
    out.extend(found);
}

/// The last 40 bytes or so of `text[..end]`, trimmed and lower case: what precedes a number
/// ("près de", "il y a") without copying the whole text before it.
fn tail_lowercase(text: &str, end: usize) -> String {
    let mut start = end.saturating_sub(40);
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    text[start..end].trim_end().to_lowercase()
}

/// A plural or collective noun of things counted one by one ("troops", "people",
/// "personnel"), which cannot take a fraction, unlike measures ("2.030 kilograms").
fn is_counted_plural(noun: &str) -> bool {
    const MEASURES: &[&str] = &[
        "grams",
        "kilograms",
        "kilos",
        "tons",
        "tonnes",
        "pounds",
        "ounces",
        "meters",
        "metres",
        "kilometers",
        "kilometres",
        "miles",
        "feet",
        "inches",
        "liters",
        "litres",
        "gallons",
        "barrels",
        "percent",
        "points",
        "dollars",
        "euros",
        "degrees",
        "hours",
        "seconds",
        "minutes",
        "acres",
        "hectares",
    ];
    // Collective nouns count people or animals one by one too ("1.500 personnel").
    const COLLECTIVES: &[&str] = &["people", "personnel", "staff", "police", "cattle", "livestock", "poultry", "crew"];
    (noun.ends_with('s') || COLLECTIVES.contains(&noun)) && !MEASURES.contains(&noun)
}

fn translated_with_dots(context: &ExtractContext<'_>) -> bool {
    context.lang.primary() == "en" && context.translated_from.is_some_and(|l| DOT_GROUPING.contains(&l.primary()))
}

/// A lower-case word that can be counted: not a grammar word, a month or a unit sign.
fn is_count_noun(text: &str, w: &Word) -> bool {
    let surface = &text[w.range.clone()];
    surface.chars().next().is_some_and(char::is_lowercase)
        && surface.chars().all(char::is_alphabetic)
        && surface.chars().count() >= 3
        && !is_function_word(w.lower)
        && month_of(w.lower).is_none()
        && !matches!(
            w.lower,
            "millions"
                | "million"
                | "milliards"
                | "milliard"
                | "billion"
                | "billions"
                | "point"
                | "lakh"
                | "lakhs"
                | "lkh"
                | "lkhs"
                | "crore"
                | "crores"
                | "dozen"
                | "dozens"
        )
}

/// The counted noun phrase starting at word `i`: the noun, an adjective after it (not a
/// participle: "10 000 personnes arrêtées" counts "personnes"), or an "of" complement
/// ("250 pieces of military equipment"). Returns the phrase and its end.
fn unit_phrase(text: &str, words: &[Word], i: usize) -> (String, usize) {
    let mut end = words[i].range.end;
    let glued = |a: usize, b: usize| words.get(b).is_some_and(|w| text[words[a].range.end..w.range.start] == *" ");
    if words.get(i + 1).is_some_and(|w| w.lower == "of") && glued(i, i + 1) {
        let mut j = i + 2;
        while j < words.len() && j <= i + 4 && glued(j - 1, j) && is_count_noun(text, &words[j]) {
            end = words[j].range.end;
            j += 1;
        }
        if j == i + 2 {
            end = words[i].range.end;
        }
    } else if let Some(next) = words.get(i + 1)
        && glued(i, i + 1)
        && is_count_noun(text, next)
        && !is_participle(next.lower)
        && next.lower.ends_with(['s', 'x'])
        && words[i].lower.ends_with(['s', 'x'])
    {
        end = next.range.end;
    }
    (text[words[i].range.start..end].to_owned(), end)
}

fn is_participle(word: &str) -> bool {
    ["é", "ée", "és", "ées", "ed", "ing", "is", "ies", "ues", "us"].iter().any(|s| word.ends_with(s))
}

mod grammar;
#[cfg(test)]
mod tests;
mod time;
pub(crate) use time::month_number;

pub use time::Direction;
