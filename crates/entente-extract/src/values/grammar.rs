//! The value grammar's tokens and its number, ordinal, money, distance, measure and duration
//! rules, for French and English.
//!
//! Text is cut into words, digit runs and single punctuation characters, each knowing whether
//! space came before it, so "3pm", "15h30", "US$3" and "2018Q4" split where letters meet digits.
//! Rules are functions from a token position to a value and the position after it; the caller
//! keeps the longest match at each position.

use std::ops::Range;
use std::sync::LazyLock;

use entente_core::{Amount, Extent, MeasureDim};
use rustc_hash::FxHashSet as HashSet;

/// A token of the value grammar.
#[derive(Debug, Clone)]
pub struct Tok<'t> {
    /// Byte range in the text.
    pub range: Range<usize>,
    /// Lower-case text: the same range of the document's [`lowered`] text.
    pub lower: &'t str,
    /// What the token is.
    pub kind: Kind,
    /// True when whitespace (or the start of the text) comes right before it.
    pub spaced: bool,
    /// True when it starts with an upper-case letter.
    pub cap: bool,
    /// What the word may start, as [`flag`] bits, looked up once.
    pub flags: u16,
    /// [`number_ext`] at this token, once computed (the language is fixed per text).
    pub number: std::cell::OnceCell<Option<Num>>,
    /// [`number`] at this token, once computed: many rules ask for it.
    pub plain_number: std::cell::OnceCell<Option<Num>>,
    /// [`duration`] at this token, once computed.
    pub duration: std::cell::OnceCell<Option<Dur>>,
}

/// Bits of [`Tok::flags`].
pub mod flag {
    /// A number written in words may start here.
    pub const NUMBER: u16 = 1;
    /// Money, a measure, a duration or a range of them may start here.
    pub const AMOUNT: u16 = 2;
    /// A time expression may start here.
    pub const TIME: u16 = 4;
    /// A frequent word that starts time expressions only before a stronger sign.
    pub const CONNECTOR: u16 = 8;
    /// An ordinal word.
    pub const ORDINAL: u16 = 16;
    /// The first token of a currency name.
    pub const CURRENCY: u16 = 32;
    /// The first token of a distance, measure or duration unit.
    pub const UNIT: u16 = 64;
    /// An article that is also the number one ("a", "un"): a weak sign of a value.
    pub const ARTICLE: u16 = 128;
    /// A word that joins the two sides of a range: "-", "to", "au", "et"…
    pub const JOIN: u16 = 256;
    /// A word that names a part of the day, or ends a phrase that does ("morning", "soir",
    /// "lunch", "work" in "after work").
    pub const PART: u16 = 512;
}

/// Flags of every word the grammar knows, by lower-case form.
static WORD_FLAGS: LazyLock<rustc_hash::FxHashMap<&'static str, u16>> = LazyLock::new(|| {
    let mut map = rustc_hash::FxHashMap::default();
    let mut add = |words: &mut dyn Iterator<Item = &'static str>, bit: u16| {
        for w in words {
            *map.entry(w).or_insert(0) |= bit;
        }
    };
    add(&mut NUMBER_FIRSTS.iter().copied(), flag::NUMBER);
    add(&mut AMOUNT_STARTS.iter().copied(), flag::AMOUNT);
    add(&mut super::time::start_words(), flag::TIME);
    add(&mut super::time::CONNECTORS.iter().copied(), flag::CONNECTOR);
    add(&mut ORDINAL_WORDS.iter().copied(), flag::ORDINAL);
    add(&mut CURRENCY_FIRSTS.iter().copied(), flag::CURRENCY);
    add(&mut UNIT_FIRSTS.iter().copied(), flag::UNIT);
    add(&mut ["a", "an", "un", "une"].into_iter(), flag::ARTICLE);
    add(&mut super::time::RANGE_JOINERS.iter().copied(), flag::JOIN);
    add(&mut super::time::PART_OF_DAY_WORDS.iter().copied(), flag::PART);
    map
});

/// The flags of a lower-case token.
fn flags_of(lower: &str) -> u16 {
    let mut flags = WORD_FLAGS.get(lower).copied().unwrap_or(0);
    // Listed ordinal words have their flag already; French ones are made on any number.
    if flags & flag::ORDINAL == 0 && (lower.ends_with("ième") || lower.ends_with("ieme")) {
        flags |= flag::ORDINAL | flag::AMOUNT;
    }
    flags
}

/// Token kinds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Letters (with an inner apostrophe: "o'clock", "aujourd'hui").
    Word,
    /// ASCII digits.
    Digits,
    /// One other character.
    Punct,
}

/// Cuts `text` into grammar tokens, each with its lower-case form from `lowered` (which is
/// [`fold`](crate::gazetteer::fold)`(text)`). A French elided article ("d'", "l'") is a word of its own.
pub fn tokenize<'t>(text: &'t str, lowered: &'t str) -> Vec<Tok<'t>> {
    debug_assert_eq!(text.len(), lowered.len());
    let bytes = text.as_bytes();
    let n = bytes.len();
    // The character at `at` (not ASCII) and its length.
    let wide = |at: usize| -> (char, usize) {
        let c = text[at..].chars().next().unwrap_or('\u{FFFD}');
        (c, c.len_utf8())
    };
    // The end of the word whose letters run from `start` to `end`: letters, and apostrophes
    // between letters unless what comes before is an elided article ("d'", "l'").
    let word_end = |start: usize, mut end: usize| -> usize {
        while end < n {
            let b = bytes[end];
            if b.is_ascii_alphabetic() {
                end += 1;
            } else if b == b'\'' {
                let letter_after = match bytes.get(end + 1) {
                    Some(a) if a.is_ascii_alphabetic() => true,
                    Some(a) if *a >= 0x80 => wide(end + 1).0.is_alphabetic(),
                    _ => false,
                };
                if !letter_after || crate::lexicon::ELISIONS.contains(&&lowered[start..end]) {
                    break;
                }
                end += 1;
            } else if b >= 0x80 {
                let (c, len) = wide(end);
                if !c.is_alphabetic() {
                    break;
                }
                end += len;
            } else {
                break;
            }
        }
        // An elision keeps its apostrophe: "d'", "l'".
        if bytes.get(end) == Some(&b'\'') && crate::lexicon::ELISIONS.contains(&&lowered[start..end]) {
            end += 1;
        }
        end
    };
    let mut out: Vec<Tok<'_>> = Vec::with_capacity(n / 5 + 1);
    let mut spaced = true;
    let mut at = 0;
    while at < n {
        let b = bytes[at];
        let (kind, cap, end) = if b < 0x80 {
            if b.is_ascii_whitespace() || b == 0x0B {
                spaced = true;
                at += 1;
                continue;
            }
            if b.is_ascii_digit() {
                let mut end = at + 1;
                while end < n && bytes[end].is_ascii_digit() {
                    end += 1;
                }
                (Kind::Digits, false, end)
            } else if b.is_ascii_alphabetic() {
                (Kind::Word, b.is_ascii_uppercase(), word_end(at, at + 1))
            } else {
                (Kind::Punct, false, at + 1)
            }
        } else {
            let (c, len) = wide(at);
            if c.is_whitespace() {
                spaced = true;
                at += len;
                continue;
            }
            if c.is_alphabetic() {
                (Kind::Word, c.is_uppercase(), word_end(at, at + len))
            } else {
                (Kind::Punct, false, at + len)
            }
        };
        let lower = &lowered[at..end];
        let flags = if kind == Kind::Digits { 0 } else { flags_of(lower) };
        out.push(Tok {
            range: at..end,
            lower,
            kind,
            spaced,
            cap,
            flags,
            number: std::cell::OnceCell::new(),
            plain_number: std::cell::OnceCell::new(),
            duration: std::cell::OnceCell::new(),
        });
        spaced = false;
        at = end;
    }
    out
}

/// Token helpers.
pub trait Toks {
    /// The lower-case text of token `i`, or "" past the end.
    fn w(&self, i: usize) -> &str;
    /// True when token `i` is one of `words`.
    fn is(&self, i: usize, words: &[&str]) -> bool {
        let w = self.w(i);
        words.iter().any(|x| same(x, w))
    }
    /// True when token `i` exists and follows the previous one without space.
    fn glued(&self, i: usize) -> bool;
    /// True when the tokens from `i` on are `words`, in order.
    fn phrase(&self, i: usize, words: &[&str]) -> bool {
        words.iter().enumerate().all(|(k, w)| same(self.w(i + k), w))
    }
}

/// String equality for the grammar's short words: lengths first, then the bytes in line (a call
/// to `memcmp` costs more than comparing a few bytes).
#[inline]
fn same(a: &str, b: &str) -> bool {
    a.len() == b.len() && a.bytes().zip(b.bytes()).all(|(x, y)| x == y)
}

impl Toks for [Tok<'_>] {
    fn w(&self, i: usize) -> &str {
        self.get(i).map_or("", |t| t.lower)
    }
    fn glued(&self, i: usize) -> bool {
        self.get(i).is_some_and(|t| !t.spaced)
    }
}

fn is_digits(t: &[Tok], i: usize) -> bool {
    t.get(i).is_some_and(|t| t.kind == Kind::Digits)
}

/// A number found at a position.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Num {
    /// The value.
    pub value: f64,
    /// Token position after it.
    pub end: usize,
    /// True when written in words ("twenty"), false with digits.
    pub words: bool,
}

const UNITS_EN: &[(&str, f64)] = &[
    ("zero", 0.0),
    ("one", 1.0),
    ("two", 2.0),
    ("three", 3.0),
    ("four", 4.0),
    ("five", 5.0),
    ("six", 6.0),
    ("seven", 7.0),
    ("eight", 8.0),
    ("nine", 9.0),
    ("ten", 10.0),
    ("eleven", 11.0),
    ("twelve", 12.0),
    ("thirteen", 13.0),
    ("fourteen", 14.0),
    ("fifteen", 15.0),
    ("sixteen", 16.0),
    ("seventeen", 17.0),
    ("eighteen", 18.0),
    ("nineteen", 19.0),
];
const TENS_EN: &[(&str, f64)] = &[
    ("twenty", 20.0),
    ("thirty", 30.0),
    ("forty", 40.0),
    ("fourty", 40.0),
    ("fifty", 50.0),
    ("sixty", 60.0),
    ("seventy", 70.0),
    ("eighty", 80.0),
    ("ninety", 90.0),
];
const UNITS_FR: &[(&str, f64)] = &[
    ("zéro", 0.0),
    ("zero", 0.0),
    ("un", 1.0),
    ("une", 1.0),
    ("deux", 2.0),
    ("trois", 3.0),
    ("quatre", 4.0),
    ("cinq", 5.0),
    ("six", 6.0),
    ("sept", 7.0),
    ("huit", 8.0),
    ("neuf", 9.0),
    ("dix", 10.0),
    ("onze", 11.0),
    ("douze", 12.0),
    ("treize", 13.0),
    ("quatorze", 14.0),
    ("quinze", 15.0),
    ("seize", 16.0),
];
const TENS_FR: &[(&str, f64)] =
    &[("vingt", 20.0), ("vingts", 20.0), ("trente", 30.0), ("quarante", 40.0), ("cinquante", 50.0), ("soixante", 60.0)];
/// Scale words and their factors.
const SCALES: &[(&str, f64)] = &[
    ("thousand", 1e3),
    ("thousands", 1e3),
    ("mille", 1e3),
    ("mil", 1e3),
    ("k", 1e3),
    ("lakh", 1e5),
    ("lakhs", 1e5),
    ("lac", 1e5),
    ("lacs", 1e5),
    ("lkh", 1e5),
    ("lkhs", 1e5),
    ("million", 1e6),
    ("millions", 1e6),
    ("crore", 1e7),
    ("crores", 1e7),
    ("cr", 1e7),
    ("koti", 1e7),
    ("kr", 1e7),
    ("billion", 1e9),
    ("billions", 1e9),
    ("milliard", 1e9),
    ("milliards", 1e9),
    ("bn", 1e9),
    ("trillion", 1e12),
    ("trillions", 1e12),
];

fn lookup(table: &[(&str, f64)], word: &str) -> Option<f64> {
    table.iter().find(|(w, _)| *w == word).map(|&(_, v)| v)
}

/// A number at token `i`: digits with the grouping and decimal marks of the language, or words,
/// with an optional sign and scale ("-1,2M", "minus 1,200,000", "trois millions", "a dozen").
pub fn number(t: &[Tok], i: usize, french: bool) -> Option<Num> {
    // Most words start no number: one flag test.
    let tok = t.get(i)?;
    if tok.kind == Kind::Word && tok.flags & flag::NUMBER == 0 && !matches!(tok.lower, "minus" | "negative" | "moins") {
        return None;
    }
    *tok.plain_number.get_or_init(|| number_uncached(t, i, french))
}

fn number_uncached(t: &[Tok], i: usize, french: bool) -> Option<Num> {
    let signed = (t.is(i, &["minus", "negative", "moins"]) && (is_digits(t, i + 1) || t.is(i + 1, &["."])))
        || (t.is(i, &["-"])
            && (is_digits(t, i + 1) || (t.glued(i + 1) && t.is(i + 1, &[",", "."])))
            // A hyphen glued to digits before it joins two numbers ("2-1", "10-20"): no sign.
            && !(i > 0 && t.glued(i) && is_digits(t, i - 1)));
    let (negative, j) = if signed { (true, i + 1) } else { (false, i) };
    let mut n = digits(t, j, french).or_else(|| words(t, j, french))?;
    // Scale words after the number: "3 million", "100k", "30 lakh", "-,0012G", "3M".
    loop {
        let k = n.end;
        let glued_letter = |letter: &str| t.glued(k) && t.w(k) == letter;
        let scale = if glued_letter("k") {
            Some(1e3)
        } else if glued_letter("m") && t[k].cap {
            Some(1e6)
        } else if glued_letter("g") && t[k].cap {
            Some(1e9)
        } else if t.w(k) == "l" && !french && !n.words && !lakh_abbreviation_is_currency(t, k) {
            Some(1e5)
        } else if t.is(k, &["dozen", "dozens", "douzaine", "douzaines"]) {
            Some(12.0)
        } else if matches!(t.w(k), "k" | "m" | "g") {
            None
        } else {
            lookup(SCALES, t.w(k))
        };
        let Some(f) = scale else { break };
        n.value = crate::numbers::scaled(n.value, f);
        n.end = k + 1;
        // One scale is enough after digits; words chain through `words`.
        if !n.words {
            break;
        }
    }
    if negative {
        n.value = -n.value;
    }
    Some(n)
}

/// "l.e." after a number is Egyptian pounds, not lakh.
fn lakh_abbreviation_is_currency(t: &[Tok], k: usize) -> bool {
    t.is(k + 1, &["."]) && t.glued(k + 1)
}

/// Digits at token `i`: "100,000.0", "6.700,54", "100 000", ".77", "1/5" is not handled here.
fn digits(t: &[Tok], i: usize, french: bool) -> Option<Num> {
    let (group, decimal) = if french { ('.', ',') } else { (',', '.') };
    let tok = t.get(i)?;
    if tok.kind == Kind::Word {
        return None;
    }
    let mut text = StackStr::default();
    let mut end;
    if tok.kind == Kind::Digits {
        text.push_str(tok.lower);
        end = i + 1;
        // Grouped thousands.
        if tok.lower.len() <= 3 {
            loop {
                let mark_grouped = t.w(end).starts_with(group)
                    && t.glued(end)
                    && t.glued(end + 1)
                    && is_digits(t, end + 1)
                    && t[end + 1].lower.len() == 3;
                let space_grouped = continues_grouped_number(t, end);
                if mark_grouped {
                    text.push_str(t[end + 1].lower);
                    end += 2;
                } else if space_grouped && (french || text.len() <= 3) && !is_digits(t, end + 1) {
                    text.push_str(t[end].lower);
                    end += 1;
                } else {
                    break;
                }
            }
        }
        // Decimals; in English a "." then exactly two digits after a 1-2 digit number is also a
        // decimal ("01.10").
        if t.w(end).starts_with(decimal) && t.glued(end) && t.glued(end + 1) && is_digits(t, end + 1) {
            text.push('.');
            text.push_str(t[end + 1].lower);
            end += 2;
        } else if !french
            && end == i + 1
            && !(i >= 2 && t.w(i - 1) == "," && t.glued(i) && is_digits(t, i - 2))
            && t.w(end) == ","
            && t.glued(end)
            && t.glued(end + 1)
            && is_digits(t, end + 1)
            && t[end + 1].lower.len() <= 2
            && !(t.w(end + 2) == "," && t.glued(end + 2))
        {
            // English translated from a language with a decimal comma: "Rp 371,5 trillion",
            // "1,56 percent" (a thousands group has three digits; "1,2,3" is a list). The same
            // rule as `numbers::find`'s, on tokens.
            text.push('.');
            text.push_str(t[end + 1].lower);
            end += 2;
        }
    } else if tok.lower.starts_with(decimal) && tok.lower.len() == 1 && t.glued(i + 1) && is_digits(t, i + 1) {
        text.push_str("0.");
        text.push_str(t[i + 1].lower);
        end = i + 2;
    } else {
        return None;
    }
    Some(Num { value: text.as_str()?.parse().ok()?, end, words: false })
}

/// A short string built on the stack, without allocating: digits of a number, names of units
/// and currencies joined from tokens. What does not fit is refused and marks it overflowed.
struct StackStr {
    bytes: [u8; 64],
    len: usize,
    overflow: bool,
}

impl Default for StackStr {
    fn default() -> Self {
        StackStr { bytes: [0; 64], len: 0, overflow: false }
    }
}

impl StackStr {
    /// Appends `s`; returns false (and marks the string overflowed) when it does not fit.
    fn push_str(&mut self, s: &str) -> bool {
        match self.bytes.get_mut(self.len..self.len + s.len()) {
            Some(slot) => {
                slot.copy_from_slice(s.as_bytes());
                self.len += s.len();
                true
            }
            None => {
                self.overflow = true;
                false
            }
        }
    }

    fn push(&mut self, c: char) -> bool {
        self.push_str(c.encode_utf8(&mut [0; 4]))
    }

    fn len(&self) -> usize {
        self.len
    }

    /// The whole string, or none after an overflow.
    fn as_str(&self) -> Option<&str> {
        if self.overflow { None } else { Some(self.prefix(self.len)) }
    }

    /// The first `len` bytes, a length this string had after a push that fitted.
    fn prefix(&self, len: usize) -> &str {
        std::str::from_utf8(&self.bytes[..len.min(self.len)]).unwrap_or("")
    }
}

/// A number written in words at token `i`, hyphens and "and"/"et" allowed between its words.
fn words(t: &[Tok], i: usize, french: bool) -> Option<Num> {
    if t.get(i).is_none_or(|x| x.flags & flag::NUMBER == 0) {
        return None;
    }
    let (units, tens) = if french { (UNITS_FR, TENS_FR) } else { (UNITS_EN, TENS_EN) };
    // Fixed phrases.
    if !french {
        if t.is(i, &["a", "an"]) && t.is(i + 1, &["few"]) {
            return Some(Num { value: 3.0, end: i + 2, words: true });
        }
        if t.is(i, &["few"]) {
            return Some(Num { value: 3.0, end: i + 1, words: true });
        }
        if t.is(i, &["a"]) && t.is(i + 1, &["couple", "pair"]) {
            let end = if t.is(i + 2, &["of"]) { i + 3 } else { i + 2 };
            return Some(Num { value: 2.0, end, words: true });
        }
        if t.is(i, &["a", "an"]) && t.is(i + 1, &["dozen"]) {
            return Some(Num { value: 12.0, end: i + 2, words: true });
        }
    }
    let (mut total, mut current) = (0.0f64, 0.0f64);
    // What the last word was: 0 none, 1 unit, 2 teen, 3 tens, 4 hundred, 5 scale.
    let mut last = 0u8;
    let mut j = i;
    let mut end = i;
    loop {
        let word = t.w(j);
        let value_of = |w: &str| lookup(units, w);
        if let Some(v) = value_of(word) {
            let allowed = match last {
                0 | 4 | 5 => true,
                // "twenty-one", "trente trois", "soixante-dix", "quatre-vingt-onze".
                3 => v < 10.0 || (french && (current % 100.0 == 60.0 || current % 100.0 == 80.0)),
                // "dix sept" (French teens above sixteen).
                2 => french && current % 100.0 == 10.0 && v < 10.0 && v > 6.0,
                _ => false,
            };
            if !allowed {
                break;
            }
            current += v;
            last = if v < 10.0 { 1 } else { 2 };
        } else if let Some(v) = lookup(tens, word) {
            if french && matches!(word, "vingt" | "vingts") && last == 1 && current % 100.0 == 4.0 {
                // "quatre-vingt(s)".
                current += 76.0;
                last = 3;
            } else if matches!(last, 0 | 4 | 5) {
                current += v;
                last = 3;
            } else {
                break;
            }
        } else if (matches!(word, "hundred" | "hundreds") || (french && matches!(word, "cent" | "cents")))
            && last != 4
            && !(word == "cents" && last == 0)
        {
            current = current.max(1.0) * 100.0;
            last = 4;
        } else if let Some(v) = lookup(SCALES, word).filter(|_| !matches!(word, "k" | "cr" | "kr" | "bn") || last != 0)
        {
            if last == 0 && !(french && word == "mille") {
                break;
            }
            if v == 1e5 && current >= 100.0 {
                break;
            }
            total += current.max(1.0) * v;
            current = 0.0;
            last = 5;
        } else if is_digits(t, j) && french && last == 3 && t[j].lower.len() == 1 {
            // "trente 3"
            current += t[j].lower.parse::<f64>().ok()?;
            last = 1;
        } else {
            break;
        }
        j += 1;
        end = j;
        // Connectors: hyphens, dashes, "and", "et".
        let mut c = j;
        while (t.is(c, &["-", "—", "–"]) && t.glued(c)) || t.is(c, &["and", "et"]) {
            c += 1;
        }
        if c > j && continues(t, c, french) {
            j = c;
        }
    }
    if end == i {
        return None;
    }
    let mut value = total + current;
    // "three point five", "1 point 1" is handled by digits + point below.
    if t.is(end, &["point", "virgule"]) {
        let mut decimals = String::new();
        let mut k = end + 1;
        while let Some(v) = lookup(units, t.w(k)).filter(|v| *v < 10.0) {
            decimals.push(char::from(b'0' + v as u8));
            k += 1;
        }
        if !decimals.is_empty() {
            value += format!("0.{decimals}").parse::<f64>().unwrap_or(0.0);
            end = k;
        }
    }
    Some(Num { value, end, words: true })
}

fn continues(t: &[Tok], j: usize, french: bool) -> bool {
    let (units, tens) = if french { (UNITS_FR, TENS_FR) } else { (UNITS_EN, TENS_EN) };
    lookup(units, t.w(j)).is_some() || lookup(tens, t.w(j)).is_some()
}

/// A number, or digits + "point" + digits ("1 point 1").
pub fn number_ext(t: &[Tok], i: usize, french: bool) -> Option<Num> {
    let tok = t.get(i)?;
    if tok.kind == Kind::Word && tok.flags & flag::NUMBER == 0 && !matches!(tok.lower, "minus" | "negative" | "moins") {
        return None;
    }
    *tok.number.get_or_init(|| number_ext_uncached(t, i, french))
}

fn number_ext_uncached(t: &[Tok], i: usize, french: bool) -> Option<Num> {
    let n = number(t, i, french)?;
    if !n.words && t.is(n.end, &["point"]) && is_digits(t, n.end + 1) {
        let value: f64 = format!("{}.{}", n.value, t[n.end + 1].lower).parse().ok()?;
        return Some(Num { value, end: n.end + 2, words: false });
    }
    if n.words
        && t.is(n.end, &["point"])
        && let Some(d) = number(t, n.end + 1, french).filter(|d| d.value < 10.0)
    {
        return Some(Num { value: n.value + d.value / 10.0, end: d.end, words: true });
    }
    Some(n)
}

/// An ordinal at token `i`: "3rd", "2ème", "1ere", "twenty-fifth", "onzième".
pub fn ordinal(t: &[Tok], i: usize, french: bool) -> Option<(f64, usize)> {
    let tok = t.get(i)?;
    // An ordinal is digits and a suffix, an ordinal word, or a tens word and one ("twenty-fifth").
    if tok.kind == Kind::Punct || (tok.kind == Kind::Word && tok.flags & (flag::ORDINAL | flag::NUMBER) == 0) {
        return None;
    }
    // "Premier ministre", "la Première ministre": a title, neither a rank nor a day.
    if french && matches!(tok.lower, "premier" | "première" | "premiere") && t.is(i + 1, &["ministre"]) {
        return None;
    }
    // A capitalized ordinal word inside a sentence, before another capitalized word, is part
    // of a name: "la Premier League", "the First Amendment", "Second World War".
    let inside_sentence = i > 0 && !t.is(i - 1, &[".", "!", "?", ":", "«", "\"", "“", "-", "—", "–"]);
    if tok.kind == Kind::Word
        && tok.cap
        && inside_sentence
        && t.get(i + 1).is_some_and(|next| next.kind == Kind::Word && next.cap)
    {
        return None;
    }
    if is_digits(t, i) && t.glued(i + 1) {
        let suffix = t.w(i + 1);
        let ok = if french {
            matches!(suffix, "er" | "ere" | "ère" | "e" | "eme" | "ème" | "ieme" | "ième" | "nd" | "nde" | "re")
        } else {
            matches!(suffix, "st" | "nd" | "rd" | "th")
        };
        if ok {
            return Some((t[i].lower.parse().ok()?, i + 2));
        }
    }
    if tok.kind == Kind::Digits {
        return None;
    }
    let word = t.w(i);
    if french {
        let simple = match word {
            "premier" | "première" | "premiere" | "premiers" | "premières" => Some(1.0),
            "second" | "seconde" => Some(2.0),
            _ => None,
        };
        if let Some(v) = simple {
            return Some((v, i + 1));
        }
        let stem = word.strip_suffix("ième").or_else(|| word.strip_suffix("ieme"))?;
        let base = match stem {
            "cinqu" => "cinq".to_owned(),
            "neuv" => "neuf".to_owned(),
            "un" => "un".to_owned(),
            s if [
                "quatr", "onz", "douz", "treiz", "quatorz", "quinz", "seiz", "trent", "quarant", "cinquant", "soixant",
                "mill", "centi",
            ]
            .contains(&s) =>
            {
                format!("{s}e")
            }
            s => s.to_owned(),
        };
        let v =
            lookup(UNITS_FR, &base).or_else(|| lookup(TENS_FR, &base)).or_else(|| (base == "cent").then_some(100.0))?;
        return Some((v, i + 1));
    }
    // English: "twenty fifth", "twenty-fifth", "twentyfifth".
    let (tens_value, rest_at, rest): (f64, usize, &str) =
        if let Some(&(tw, tv)) = TENS_EN.iter().find(|(tw, _)| word.starts_with(tw) && word.len() > tw.len()) {
            (tv, i, &word[tw.len()..])
        } else if let Some(tv) = lookup(TENS_EN, word) {
            let mut k = i + 1;
            if t.is(k, &["-", "—", "–"]) {
                k += 1;
            }
            (tv, k, t.w(k))
        } else {
            (0.0, i, word)
        };
    let unit = ordinal_word_en(rest)?;
    if tens_value > 0.0 && unit >= 10.0 {
        return None;
    }
    Some((tens_value + unit, rest_at + 1))
}

const ORDINALS: &[(&str, f64)] = &[
    ("first", 1.0),
    ("second", 2.0),
    ("third", 3.0),
    ("fourth", 4.0),
    ("fifth", 5.0),
    ("sixth", 6.0),
    ("seventh", 7.0),
    ("eighth", 8.0),
    ("ninth", 9.0),
    ("tenth", 10.0),
    ("eleventh", 11.0),
    ("twelfth", 12.0),
    ("thirteenth", 13.0),
    ("fourteenth", 14.0),
    ("fifteenth", 15.0),
    ("sixteenth", 16.0),
    ("seventeenth", 17.0),
    ("eighteenth", 18.0),
    ("nineteenth", 19.0),
    ("twentieth", 20.0),
    ("thirtieth", 30.0),
    ("fortieth", 40.0),
    ("fiftieth", 50.0),
    ("sixtieth", 60.0),
    ("seventieth", 70.0),
    ("eightieth", 80.0),
    ("ninetieth", 90.0),
    ("hundredth", 100.0),
];

fn ordinal_word_en(word: &str) -> Option<f64> {
    lookup(ORDINALS, word)
}

/// Currency names and symbols, as one or two tokens, with Duckling's unit.
const CURRENCIES: &[(&str, &str)] = &[
    ("$", "$"),
    ("dollar", "$"),
    ("dollars", "$"),
    ("usd", "USD"),
    ("us$", "USD"),
    ("€", "EUR"),
    ("eur", "EUR"),
    ("euro", "EUR"),
    ("euros", "EUR"),
    ("£", "£"),
    ("gbp", "GBP"),
    ("cad", "CAD"),
    ("chf", "CHF"),
    ("cny", "CNY"),
    ("yuan", "CNY"),
    ("yuans", "CNY"),
    ("roupies", "INR"),
    ("roupie", "INR"),
    ("rmb", "CNY"),
    ("inr", "INR"),
    ("rs", "INR"),
    ("rupee", "INR"),
    ("rupees", "INR"),
    ("egp", "EGP"),
    ("le", "EGP"),
    ("l.e", "EGP"),
    ("l.e.", "EGP"),
    ("geneh", "EGP"),
    ("egyptianpound", "EGP"),
    ("qar", "QAR"),
    ("qatari riyal", "QAR"),
    ("qatari riyals", "QAR"),
    ("sar", "SAR"),
    ("saudiriyal", "SAR"),
    ("saudi riyal", "SAR"),
    ("saudi riyals", "SAR"),
    ("bgn", "BGN"),
    ("myr", "MYR"),
    ("rm", "MYR"),
    ("ringgit", "MYR"),
    ("ringgits", "MYR"),
    ("malaysia ringgit", "MYR"),
    ("malaysia ringgits", "MYR"),
    ("malaysian ringgit", "MYR"),
    ("malaysian ringgits", "MYR"),
    ("dinar", "dinar"),
    ("dinars", "dinar"),
    ("shekel", "ILS"),
    ("shekels", "ILS"),
    ("ils", "ILS"),
    ("riyal", "riyal"),
    ("riyals", "riyal"),
    ("rial", "rial"),
    ("rials", "rial"),
    ("tugrik", "MNT"),
    ("tugriks", "MNT"),
    ("mnt", "MNT"),
    ("jpy", "JPY"),
    ("yen", "JPY"),
    ("yens", "JPY"),
    ("¥", "JPY"),
    ("rub", "RUB"),
    ("rouble", "RUB"),
    ("roubles", "RUB"),
    ("ruble", "RUB"),
    ("rubles", "RUB"),
    ("kzt", "KZT"),
    ("tenge", "KZT"),
    ("rp", "IDR"),
    ("idr", "IDR"),
    ("rupiah", "IDR"),
    ("rupiahs", "IDR"),
    ("roupies indonésiennes", "IDR"),
    ("bucks", "unknown"),
    ("buck", "unknown"),
];
const CENTS: &[&str] = &["c", "cent", "cents", "centime", "centimes", "sen", "p", "pence"];

/// The first grammar token of a name: its leading letters, or its first character ("l.e." → "l",
/// "us$" → "us", "''" → "'").
fn first_token(name: &str) -> &str {
    let letters = name.find(|c: char| !c.is_alphabetic()).unwrap_or(name.len());
    if letters > 0 { &name[..letters] } else { &name[..name.chars().next().map_or(0, char::len_utf8)] }
}

/// First tokens of currency names: most words are rejected by one lookup.
static CURRENCY_FIRSTS: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| CURRENCIES.iter().map(|(n, _)| first_token(n)).collect());
/// First tokens of distance, measure and duration units.
static UNIT_FIRSTS: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| DISTANCES.iter().chain(MEASURES).chain(DURATION_UNITS).map(|(n, _, _)| first_token(n)).collect());
/// Words that can start a number written in words.
static NUMBER_FIRSTS: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    UNITS_EN
        .iter()
        .chain(TENS_EN)
        .chain(UNITS_FR)
        .chain(TENS_FR)
        .chain(SCALES)
        .map(|(w, _)| *w)
        .chain(["hundred", "hundreds", "cent", "cents", "a", "an", "few"])
        .collect()
});

/// The longest run of one to four tokens from `i` (glued ones written together, "l.e.", "us$";
/// spaced ones with a space, "qatari riyals") that `lookup` knows, and the position after it.
/// Only tokens flagged `first` can start one. The runs are joined on the stack.
fn longest<R>(t: &[Tok], i: usize, first: u16, lookup: impl Fn(&str) -> Option<R>) -> Option<(R, usize)> {
    if t.get(i).is_none_or(|x| x.flags & first == 0) {
        return None;
    }
    let mut joined = StackStr::default();
    let mut ends = [0usize; 4];
    let mut n = 0;
    for (k, tok) in t[i..].iter().take(4).enumerate() {
        let space_fits = !(k > 0 && tok.spaced) || joined.push(' ');
        if !(space_fits && joined.push_str(tok.lower)) {
            break;
        }
        ends[k] = joined.len();
        n = k + 1;
    }
    (0..n).rev().find_map(|k| lookup(joined.prefix(ends[k])).map(|r| (r, i + k + 1)))
}

/// Phrases of lower-case token words indexed by their first word, so that most positions are
/// rejected by one lookup instead of a scan of the table.
pub struct Phrases<V: 'static> {
    by_first: rustc_hash::FxHashMap<&'static str, Vec<(&'static [&'static str], V)>>,
}

impl<V: Copy> Phrases<V> {
    /// Indexes `rows`; among phrases of one length at a position, the first row wins.
    pub fn new(rows: impl IntoIterator<Item = (&'static [&'static str], V)>) -> Phrases<V> {
        let mut by_first: rustc_hash::FxHashMap<&'static str, Vec<(&'static [&'static str], V)>> =
            rustc_hash::FxHashMap::default();
        for (phrase, v) in rows {
            if let Some(first) = phrase.first() {
                by_first.entry(first).or_default().push((phrase, v));
            }
        }
        Phrases { by_first }
    }

    /// The value of the longest phrase at token `i` and the position after it.
    pub fn longest_at(&self, t: &[Tok], i: usize) -> Option<(V, usize)> {
        let rows = self.by_first.get(t.w(i))?;
        let mut best: Option<(V, usize)> = None;
        for &(phrase, v) in rows {
            if t.phrase(i, phrase) && best.is_none_or(|b| i + phrase.len() > b.1) {
                best = Some((v, i + phrase.len()));
            }
        }
        best
    }
}

/// A table of names (currencies, units) indexed by name; the first row of a name wins.
type Index<V> = LazyLock<rustc_hash::FxHashMap<&'static str, V>>;

fn index<V: Copy>(rows: impl Iterator<Item = (&'static str, V)>) -> rustc_hash::FxHashMap<&'static str, V> {
    let mut map = rustc_hash::FxHashMap::default();
    for (name, v) in rows {
        map.entry(name).or_insert(v);
    }
    map
}

static CURRENCY_INDEX: Index<&'static str> = LazyLock::new(|| index(CURRENCIES.iter().copied()));
static DISTANCE_INDEX: Index<(&'static str, f64)> =
    LazyLock::new(|| index(DISTANCES.iter().map(|&(n, u, f)| (n, (u, f)))));
static MEASURE_INDEX: Index<(&'static str, f64)> =
    LazyLock::new(|| index(MEASURES.iter().map(|&(n, u, f)| (n, (u, f)))));
/// Duration units by name.
pub static DURATION_INDEX: Index<(&'static str, f64)> =
    LazyLock::new(|| index(DURATION_UNITS.iter().map(|&(n, u, f)| (n, (u, f)))));

/// A currency name at token `i`: its Duckling unit and the position after it.
fn name_at(t: &[Tok], i: usize) -> Option<(&'static str, usize)> {
    longest(t, i, flag::CURRENCY, |joined| CURRENCY_INDEX.get(joined).copied())
}

/// Distance units: name, Duckling unit, length in millimetres.
const DISTANCES: &[(&str, &str, f64)] = &[
    ("km", "kilometre", 1e6),
    ("kms", "kilometre", 1e6),
    ("kilometer", "kilometre", 1e6),
    ("kilometers", "kilometre", 1e6),
    ("kilometre", "kilometre", 1e6),
    ("kilometres", "kilometre", 1e6),
    ("kilomètre", "kilometre", 1e6),
    ("kilomètres", "kilometre", 1e6),
    ("m", "metre", 1e3),
    ("meter", "metre", 1e3),
    ("meters", "metre", 1e3),
    ("metre", "metre", 1e3),
    ("metres", "metre", 1e3),
    ("mètre", "metre", 1e3),
    ("mètres", "metre", 1e3),
    ("cm", "centimetre", 10.0),
    ("centimeter", "centimetre", 10.0),
    ("centimeters", "centimetre", 10.0),
    ("centimetre", "centimetre", 10.0),
    ("centimetres", "centimetre", 10.0),
    ("centimètre", "centimetre", 10.0),
    ("centimètres", "centimetre", 10.0),
    ("mm", "millimetre", 1.0),
    ("millimeter", "millimetre", 1.0),
    ("millimeters", "millimetre", 1.0),
    ("millimetre", "millimetre", 1.0),
    ("millimetres", "millimetre", 1.0),
    ("millimètres", "millimetre", 1.0),
    ("mi", "mile", 1_609_344.0),
    ("mile", "mile", 1_609_344.0),
    ("miles", "mile", 1_609_344.0),
    ("yd", "yard", 914.4),
    ("yds", "yard", 914.4),
    ("yard", "yard", 914.4),
    ("yards", "yard", 914.4),
    ("ft", "foot", 304.8),
    ("foot", "foot", 304.8),
    ("feet", "foot", 304.8),
    ("pied", "foot", 304.8),
    ("pieds", "foot", 304.8),
    ("'", "foot", 304.8),
    ("in", "inch", 25.4),
    ("inch", "inch", 25.4),
    ("inches", "inch", 25.4),
    ("pouce", "inch", 25.4),
    ("pouces", "inch", 25.4),
    ("\"", "inch", 25.4),
    ("''", "inch", 25.4),
];

/// Mass and volume units: name, Duckling unit, factor to that unit.
const MEASURES: &[(&str, &str, f64)] = &[
    ("g", "gram", 1.0),
    ("g.", "gram", 1.0),
    ("gs", "gram", 1.0),
    ("gram", "gram", 1.0),
    ("grams", "gram", 1.0),
    ("gramme", "gram", 1.0),
    ("grammes", "gram", 1.0),
    ("kg", "gram", 1000.0),
    ("kgs", "gram", 1000.0),
    ("k.g.", "gram", 1000.0),
    ("k.gs", "gram", 1000.0),
    ("kilo", "gram", 1000.0),
    ("kilos", "gram", 1000.0),
    ("kilogram", "gram", 1000.0),
    ("kilograms", "gram", 1000.0),
    ("kilogramme", "gram", 1000.0),
    ("kilogrammes", "gram", 1000.0),
    ("mg", "gram", 0.001),
    ("milligram", "gram", 0.001),
    ("milligrams", "gram", 0.001),
    ("milligramme", "gram", 0.001),
    ("milligrammes", "gram", 0.001),
    ("oz", "ounce", 1.0),
    ("ounce", "ounce", 1.0),
    ("ounces", "ounce", 1.0),
    ("lb", "pound", 1.0),
    ("lbs", "pound", 1.0),
    ("pound", "pound", 1.0),
    ("pounds", "pound", 1.0),
    ("cup", "cup", 1.0),
    ("cups", "cup", 1.0),
    ("tasse", "cup", 1.0),
    ("tasses", "cup", 1.0),
    ("tablespoon", "tablespoon", 1.0),
    ("tablespoons", "tablespoon", 1.0),
    ("tbsp", "tablespoon", 1.0),
    ("cuillère à soupe", "tablespoon", 1.0),
    ("cuillères à soupe", "tablespoon", 1.0),
    ("teaspoon", "teaspoon", 1.0),
    ("teaspoons", "teaspoon", 1.0),
    ("tsp", "teaspoon", 1.0),
    ("cuillère à café", "teaspoon", 1.0),
    ("cuillères à café", "teaspoon", 1.0),
    ("litre", "litre", 1.0),
    ("litres", "litre", 1.0),
    ("liter", "litre", 1.0),
    ("liters", "litre", 1.0),
    ("l", "litre", 1.0),
    ("ml", "millilitre", 1.0),
    ("tonne", "tonne", 1.0),
    ("tonnes", "tonne", 1.0),
    ("ton", "tonne", 1.0),
    ("tons", "tonne", 1.0),
];

/// A unit of `table` at token `i`: its Duckling unit, factor, and the position after it.
fn unit_at(t: &[Tok], i: usize, table: &Index<(&'static str, f64)>) -> Option<(&'static str, f64, usize)> {
    longest(t, i, flag::UNIT, |joined| table.get(joined).copied()).map(|((unit, factor), end)| (unit, factor, end))
}

/// True when money, a distance, a measure, a duration or an ordinal may start at token `i`: a
/// cheap test that skips most words.
pub fn may_start_amount(t: &[Tok], i: usize) -> bool {
    let tok = &t[i];
    // A number or a currency within a few tokens: every amount has one ("at least 4.0 oz", "a dollar").
    let near = |upto: usize| {
        (i + 1..(i + upto).min(t.len()))
            .any(|k| t[k].kind == Kind::Digits || t[k].flags & (flag::NUMBER | flag::CURRENCY) != 0)
    };
    match tok.kind {
        Kind::Digits => !continues_grouped_number(t, i),
        Kind::Punct => match tok.lower {
            "$" | "€" | "£" | "¥" => true,
            // A sign, a decimal point, an approximation: "-5", ".77", "~ 10 dollars".
            "-" | "." | "," | "~" => (i + 1..(i + 3).min(t.len())).any(|k| t[k].kind == Kind::Digits),
            _ => false,
        },
        Kind::Word if tok.flags & (flag::AMOUNT | flag::ORDINAL | flag::NUMBER) == 0 => false,
        // "third", "two", "twenty".
        Kind::Word if tok.flags & (flag::ORDINAL | flag::NUMBER) != 0 && tok.flags & flag::ARTICLE == 0 => true,
        // "a day", "une heure", "half hour".
        Kind::Word if t.get(i + 1).is_some_and(|n| n.flags & flag::UNIT != 0) => true,
        // "between", "de", "under", "a", "le": only before a number or a currency.
        Kind::Word => near(6),
    }
}

/// True when digits at `i` are the second group of a number grouped with a space ("030" in
/// "2 030"): nothing starts there.
pub fn continues_grouped_number(t: &[Tok], i: usize) -> bool {
    i > 0
        && i < t.len()
        && t[i].kind == Kind::Digits
        && t[i].lower.len() == 3
        && t[i - 1].kind == Kind::Digits
        && t[i - 1].lower.len() <= 3
        && t[i].range.start == t[i - 1].range.end + 1
}

/// Ordinal words.
static ORDINAL_WORDS: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    // English compounds written as one word: "twentyfirst" to "ninetyninth" (made once, kept
    // for the life of the program as the set is).
    let compounds = TENS_EN.iter().flat_map(|(tens, _)| {
        ORDINALS[..9].iter().map(move |(unit, _)| &*Box::leak(format!("{tens}{unit}").into_boxed_str()))
    });
    ORDINALS
        .iter()
        .map(|(w, _)| *w)
        .chain(["premier", "première", "premiere", "premiers", "premières", "seconde"])
        .chain(compounds)
        .collect()
});

/// Words that may start money, a distance, a measure, a duration or an ordinal.
static AMOUNT_STARTS: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    NUMBER_FIRSTS
        .iter()
        .chain(CURRENCY_FIRSTS.iter())
        .copied()
        .chain([
            "half",
            "demi",
            "une",
            "un",
            "between",
            "from",
            "entre",
            "de",
            "around",
            "about",
            "approximately",
            "environ",
            "exactly",
            "under",
            "below",
            "less",
            "lower",
            "at",
            "no",
            "moins",
            "au",
            "jusqu'à",
            "over",
            "above",
            "more",
            "higher",
            "plus",
            "exceeding",
            "us",
            "minus",
            "negative",
        ])
        .collect()
});

/// Money at token `i`: "$10,000", "20€", "EUR 20.0", "twenty dollar and 43", "US$4.7 billion".
/// The whole number that tokens `from..end` write with full stops between groups of three
/// digits ("16.620", "1.250.000"), as Indonesian does: rupiah amounts have no decimals, so
/// "Rp16.620" is 16,620 rupiah, whichever language the text is in.
fn dot_grouped(t: &[Tok], from: usize, end: usize) -> Option<f64> {
    let groups = end.checked_sub(from + 1).filter(|n| n % 2 == 0 && *n > 0)? / 2;
    let mut value = t.w(from).parse::<f64>().ok().filter(|_| is_digits(t, from) && t.w(from).len() <= 3)?;
    for g in 0..groups {
        let (dot, digits) = (from + 1 + 2 * g, from + 2 + 2 * g);
        if t.w(dot) != "." || !t.glued(dot) || !t.glued(digits) || !is_digits(t, digits) || t.w(digits).len() != 3 {
            return None;
        }
        value = value * 1000.0 + t.w(digits).parse::<f64>().ok()?;
    }
    Some(value)
}

fn money(t: &[Tok], i: usize, french: bool) -> Option<(Amount, usize)> {
    // Currency first.
    // "le", "rs" and "bucks" only follow the number.
    if let Some((unit, k)) = name_at(t, i).filter(|(u, _)| *u != "unknown" && !matches!(t.w(i), "le" | "l" | "rs"))
        && let Some(n) = number_ext(t, k, french)
    {
        let value = if unit == "IDR" { dot_grouped(t, k, n.end).unwrap_or(n.value) } else { n.value };
        let (value, end) = cents(t, value, n.end, french);
        return Some((Amount { value, unit: unit.to_owned(), product: None }, end));
    }
    // "a dollar", "one euro"
    if t.is(i, &["a", "an", "one", "un", "une"])
        && let Some((unit, k)) = name_at(t, i + 1)
        && number_ext(t, k, french).is_none()
    {
        let (value, end) = cents(t, 1.0, k, french);
        return Some((Amount { value, unit: unit.to_owned(), product: None }, end));
    }
    let n = number_ext(t, i, french)?;
    // "3 millions d'euros", "1,5 milliard de dollars": after a scale word, "de" before the currency.
    let at = if french
        && n.end > i
        && t.is(n.end, &["de", "d'"])
        && t.is(n.end - 1, &["million", "millions", "milliard", "milliards", "billion", "billions"])
    {
        n.end + 1
    } else {
        n.end
    };
    let (unit, k) = name_at(t, at)?;
    let value = if unit == "IDR" { dot_grouped(t, i, n.end).unwrap_or(n.value) } else { n.value };
    let (value, end) = cents(t, value, k, french);
    Some((Amount { value, unit: unit.to_owned(), product: None }, end))
}

/// Cents after an amount: "and 43c", "43", "et 23 centimes", "4 cents", "and fourteen".
fn cents(t: &[Tok], value: f64, at: usize, french: bool) -> (f64, usize) {
    let mut k = at;
    if t.is(k, &["and", "et"]) {
        k += 1;
    }
    if let Some(c) = number(t, k, french).filter(|c| c.value.fract() == 0.0 && (0.0..100.0).contains(&c.value)) {
        let mut end = c.end;
        if t.is(end, CENTS) {
            end += 1;
        } else if name_at(t, end).is_some() || t.is(end, &["and", "et", "-"]) {
            return (value, at);
        }
        return (value + c.value / 100.0, end);
    }
    (value, at)
}

/// A distance at `i`, composite ones ("2 yards 7 ft 10 inches") summed in the smallest unit.
fn distance(t: &[Tok], i: usize, french: bool) -> Option<(Amount, usize)> {
    let mut parts: Vec<(f64, &'static str, f64)> = Vec::new();
    let mut k = i;
    let mut end = i;
    while let Some(n) = number_ext(t, k, french) {
        let Some((unit, mm, after)) = unit_at(t, n.end, &DISTANCE_INDEX) else { break };
        if unit == "inch" && t.w(n.end) == "in" && !parts.is_empty() {
            break;
        }
        parts.push((n.value, unit, mm));
        end = after;
        k = after;
        if t.is(k, &[","]) {
            k += 1;
        }
        if t.is(k, &["and", "et"]) {
            k += 1;
        }
    }
    let &(value, unit, _) = parts.first()?;
    if parts.len() == 1 {
        // "9m": Duckling leaves a lone "m" ambiguous.
        let unit = if t.w(end - 1) == "m" && t.glued(end - 1) { "m" } else { unit };
        return Some((Amount { value, unit: unit.to_owned(), product: None }, end));
    }
    let smallest = parts.iter().min_by(|a, b| a.2.total_cmp(&b.2)).copied()?;
    let total: f64 = parts.iter().map(|p| p.0 * p.2).sum::<f64>() / smallest.2;
    Some((Amount { value: (total * 1e6).round() / 1e6, unit: smallest.1.to_owned(), product: None }, end))
}

/// A measured quantity: "2 grams", "0.5 kilograms of strawberries", "3 cuillères à soupe de sucre".
fn measure(t: &[Tok], i: usize, french: bool) -> Option<(Amount, usize)> {
    let n = number_ext(t, i, french)?;
    let mut value = n.value;
    let mut k = n.end;
    // "2/1000 kilograms"
    if t.is(k, &["/"]) && t.glued(k) && is_digits(t, k + 1) {
        value /= t[k + 1].lower.parse::<f64>().ok()?;
        k += 2;
    }
    let (unit, factor, mut end) = unit_at(t, k, &MEASURE_INDEX)?;
    if unit == "litre" && t.w(k) == "l" && !t.glued(k) {
        return None;
    }
    if t.is(end, &["."]) && t.glued(end) && matches!(t.w(k), "g" | "oz" | "lb") {
        end += 1;
    }
    let mut product = None;
    if t.is(end, &["of", "de", "d'"])
        && let Some(p) = t.get(end + 1).filter(|p| p.kind == Kind::Word)
    {
        product = Some(p.lower.to_string());
        end += 2;
    }
    Some((Amount { value: (value * factor * 1e9).round() / 1e9, unit: unit.to_owned(), product }, end))
}

/// Words opening an upper bound ("under 7€") or a lower bound ("at least $1.42").
const UPPER: &[&[&str]] = &[
    &["under"],
    &["below"],
    &["less", "than"],
    &["lower", "than"],
    &["at", "most"],
    &["no", "more", "than"],
    &["moins", "de"],
    &["au", "plus"],
    &["jusqu'à"],
];
const LOWER: &[&[&str]] = &[
    &["over"],
    &["above"],
    &["more", "than"],
    &["higher", "than"],
    &["at", "least"],
    &["plus", "de"],
    &["au", "moins"],
    &["exceeding"],
];

fn phrase_at(t: &[Tok], i: usize, phrases: &[&[&str]]) -> Option<usize> {
    phrases.iter().find(|p| t.phrase(i, p)).map(|p| i + p.len())
}

/// True when a number or a currency stands within the five tokens from `i`, as in every amount
/// ("at least 4.0 oz", "a dollar"): [`measured`] finds none elsewhere.
pub fn amount_near(t: &[Tok], i: usize) -> bool {
    (i..(i + 5).min(t.len()))
        .any(|k| t[k].kind == Kind::Digits || t[k].flags & (flag::NUMBER | flag::CURRENCY) != 0 || t.is(k, &[".", ","]))
}

/// Money, a distance or a measured quantity at `i`, exact or as a range; callers test
/// [`amount_near`] first, once for the three dimensions.
pub fn measured(t: &[Tok], i: usize, french: bool, dim: MeasureDim) -> Option<(Extent<Amount>, usize)> {
    let one = |k: usize| match dim {
        MeasureDim::Money => money(t, k, french),
        MeasureDim::Distance => distance(t, k, french),
        MeasureDim::Quantity => measure(t, k, french),
    };
    // Skip approximations: "around", "about", "~".
    let mut i = i;
    while t.is(i, &["around", "about", "approximately", "~", "environ", "exactly"]) {
        i += 1;
    }
    if let Some(k) = phrase_at(t, i, UPPER)
        && let Some((a, end)) = one(k)
    {
        return Some((Extent::Interval { from: None, to: Some(a) }, end));
    }
    if let Some(k) = phrase_at(t, i, LOWER)
        && let Some((a, end)) = one(k)
    {
        return Some((Extent::Interval { from: Some(a), to: None }, end));
    }
    // "between 10 and 20 dollars", "from 10 to 20 dollars", "entre 10 euro et 20 euro", "10-20 dollars".
    let opener = t.is(i, &["between", "from", "entre", "de"]);
    let start = if opener { i + 1 } else { i };
    if let Some(lo) = number_ext(t, start, french) {
        let mut k = lo.end;
        let lo_amount = one(start);
        if let Some((_, end)) = &lo_amount {
            k = *end;
        }
        let joins: &[&str] = if opener { &["and", "to", "et", "à", "-"] } else { &["-", "–", "to"] };
        if t.is(k, joins) {
            let mut h = k + 1;
            while t.is(h, &["~"]) {
                h += 1;
            }
            if let Some((hi, end)) = one(h) {
                let lo = lo_amount.map_or(Amount { value: lo.value, ..hi.clone() }, |(a, _)| a);
                return Some((Extent::Interval { from: Some(lo), to: Some(hi) }, end));
            }
        }
    }
    let (a, end) = one(i)?;
    Some((Extent::Exact(a), end))
}

/// Duration units: names, Duckling unit, seconds.
pub const DURATION_UNITS: &[(&str, &str, f64)] = &[
    ("\"", "second", 1.0),
    ("''", "second", 1.0),
    ("s", "second", 1.0),
    ("sec", "second", 1.0),
    ("secs", "second", 1.0),
    ("second", "second", 1.0),
    ("seconds", "second", 1.0),
    ("seconde", "second", 1.0),
    ("secondes", "second", 1.0),
    ("'", "minute", 60.0),
    ("min", "minute", 60.0),
    ("mins", "minute", 60.0),
    ("minute", "minute", 60.0),
    ("minutes", "minute", 60.0),
    ("mn", "minute", 60.0),
    ("h", "hour", 3600.0),
    ("hr", "hour", 3600.0),
    ("hrs", "hour", 3600.0),
    ("hour", "hour", 3600.0),
    ("hours", "hour", 3600.0),
    ("heure", "hour", 3600.0),
    ("heures", "hour", 3600.0),
    ("day", "day", 86400.0),
    ("days", "day", 86400.0),
    ("jour", "day", 86400.0),
    ("jours", "day", 86400.0),
    ("journée", "day", 86400.0),
    ("journées", "day", 86400.0),
    ("week", "week", 604_800.0),
    ("weeks", "week", 604_800.0),
    ("semaine", "week", 604_800.0),
    ("semaines", "week", 604_800.0),
    ("month", "month", 2_592_000.0),
    ("months", "month", 2_592_000.0),
    ("mois", "month", 2_592_000.0),
    ("year", "year", 31_536_000.0),
    ("years", "year", 31_536_000.0),
    ("yr", "year", 31_536_000.0),
    ("yrs", "year", 31_536_000.0),
    ("an", "year", 31_536_000.0),
    ("ans", "year", 31_536_000.0),
    ("année", "year", 31_536_000.0),
    ("années", "year", 31_536_000.0),
];

/// A duration: its value in `unit`, the unit, its length in seconds, and the end position.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Dur {
    /// How many units.
    pub value: f64,
    /// Duckling's unit.
    pub unit: &'static str,
    /// Seconds.
    pub seconds: f64,
    /// Token position after it.
    pub end: usize,
}

fn unit_seconds(unit: &str) -> f64 {
    DURATION_UNITS.iter().find(|(_, u, _)| *u == unit).map_or(1.0, |&(_, _, s)| s)
}

/// The next finer unit, for fractional durations ("1.5 hours" is 90 minutes).
fn finer(unit: &str) -> &'static str {
    match unit {
        "year" => "month",
        "month" => "day",
        "week" => "day",
        "day" => "hour",
        "hour" => "minute",
        _ => "second",
    }
}

/// Expresses `seconds` in `unit`, or in finer units until it is a whole number.
fn express(seconds: f64, unit: &'static str) -> (f64, &'static str) {
    let mut unit = unit;
    loop {
        let value = seconds / unit_seconds(unit);
        if (value - value.round()).abs() < 1e-9 || unit == "second" {
            return (value.round().max(if value < 1.0 { value } else { 0.0 }), unit);
        }
        unit = finer(unit);
    }
}

/// A number of time units at `i`: "2 years 3 months", "1.5 hours", "half an hour", "one hour and
/// a half", "1 hour thirty", "a month". `bare_unit` allows a unit without a number ("hour" as one).
pub fn duration(t: &[Tok], i: usize, french: bool) -> Option<Dur> {
    *t.get(i)?.duration.get_or_init(|| duration_uncached(t, i, french))
}

fn duration_uncached(t: &[Tok], i: usize, french: bool) -> Option<Dur> {
    let mut total = 0.0;
    // Calendar parts ("2 years 3 months") also count in months, which have no fixed length.
    let mut months = 0.0;
    let mut calendar_only = true;
    let mut parts = 0;
    let mut smallest: Option<&'static str> = None;
    let mut k = i;
    let mut end = i;
    loop {
        // "half an hour", "half hour", "une demi-heure"
        let (value, after_number) = if t.is(k, &["half"]) {
            (0.5, if t.is(k + 1, &["an", "a"]) { k + 2 } else { k + 1 })
        } else if t.is(k, &["demi"]) && t.is(k + 1, &["-"]) {
            (0.5, k + 2)
        } else if t.is(k, &["une", "un"]) && t.is(k + 1, &["demi"]) && t.is(k + 2, &["-"]) {
            (0.5, k + 3)
        } else if t.is(k, &["a", "an"]) && !french && unit_at(t, k + 1, &DURATION_INDEX).is_some() {
            (1.0, k + 1)
        } else if let Some(n) = number_ext(t, k, french) {
            let mut v = n.value;
            let mut e = n.end;
            // "1/2 hour", "3/4h"
            if t.is(e, &["/"]) && t.glued(e) && is_digits(t, e + 1) {
                v /= t[e + 1].lower.parse::<f64>().ok()?;
                e += 2;
            }
            // "one and a half hour", "five and half min", "one and a quarter hour".
            if t.is(e, &["and"]) {
                let mut f = e + 1;
                if t.is(f, &["a", "one"]) {
                    f += 1;
                }
                if t.is(f, &["half"]) {
                    v += 0.5;
                    e = f + 1;
                } else if t.is(f, &["quarter"]) {
                    v += 0.25;
                    e = f + 1;
                    if t.is(e, &["of"]) {
                        e += 1;
                    }
                } else if t.is(f, &["two", "three"]) && t.is(f + 1, &["quarter", "quarters"]) {
                    v += if t.is(f, &["two"]) { 0.5 } else { 0.75 };
                    e = f + 2;
                    if t.is(e, &["of"]) {
                        e += 1;
                    }
                }
            }
            (v, e)
        } else {
            break;
        };
        // "2 more minutes", "2 extra minutes"
        let after_number = if t.is(after_number, &["more", "extra", "less", "additional"])
            && unit_at(t, after_number + 1, &DURATION_INDEX).is_some()
        {
            after_number + 1
        } else {
            after_number
        };
        let Some((unit, seconds, unit_end)) =
            unit_at(t, after_number, &DURATION_INDEX).filter(|_| t.w(after_number) != "s" || t.glued(after_number))
        else {
            break;
        };
        // Quotes and "h" must be glued or close: `1"`, `1/2h`.
        if matches!(t.w(after_number), "'" | "\"") && !t.glued(after_number) {
            break;
        }
        let mut value = value;
        let mut e = unit_end;
        // "an hour and a half", "one month and half", "1 hour thirty", "2 hour and 10".
        let mut f = e;
        if t.is(f, &["and", "et"]) {
            f += 1;
        }
        if t.is(f, &["a"]) && t.is(f + 1, &["half"]) {
            value += 0.5;
            e = f + 2;
        } else if t.is(f, &["half", "demie", "demi"]) {
            value += 0.5;
            e = f + 1;
        } else if unit == "hour"
            && let Some(m) = number(t, f, french).filter(|m| m.value < 60.0 && m.value.fract() == 0.0)
            && unit_at(t, m.end, &DURATION_INDEX).is_none()
        {
            value += m.value / 60.0;
            e = m.end;
        }
        total += value * seconds;
        parts += 1;
        match unit {
            "month" => months += value,
            "year" => months += 12.0 * value,
            _ => calendar_only = false,
        }
        smallest = Some(match smallest {
            Some(s) if unit_seconds(s) < seconds => s,
            _ => unit,
        });
        end = e;
        k = e;
        if t.is(k, &[","]) {
            k += 1;
        }
        if t.is(k, &["and", "et"]) {
            k += 1;
        }
    }
    let unit = smallest?;
    if parts > 1 && calendar_only && months.fract() == 0.0 {
        return Some(Dur { value: months, unit: "month", seconds: months * unit_seconds("month"), end });
    }
    let (value, unit) = express(total, unit);
    Some(Dur { value, unit, seconds: total, end })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Tokens of a test text (leaked: tests only).
    fn tokenize(text: &str) -> Vec<Tok<'static>> {
        let text: &'static str = Box::leak(text.to_owned().into_boxed_str());
        super::tokenize(text, Box::leak(crate::gazetteer::fold(text).into_boxed_str()))
    }

    fn num(text: &str, french: bool) -> Option<f64> {
        let t = tokenize(text);
        number_ext(&t, 0, french).filter(|n| n.end == t.len()).map(|n| n.value)
    }

    #[test]
    fn numbers_in_digits_and_words() {
        assert_eq!(num("100,000.0", false), Some(100000.0));
        assert_eq!(num("6.700,54", true), Some(6700.54));
        assert_eq!(num("100 000", true), Some(100000.0));
        assert_eq!(num("- 1,200,000", false), Some(-1200000.0));
        assert_eq!(num("seven hundred twenty-one thousand twelve", false), Some(721012.0));
        assert_eq!(num("three crore twelve lakh fifty-six thousand seven hundred twenty-one", false), Some(31256721.0));
        assert_eq!(num("quatre vingt douze", true), Some(92.0));
        assert_eq!(num("soixante onze", true), Some(71.0));
        assert_eq!(num("vingt-et-un", true), Some(21.0));
        assert_eq!(num("dix-sept", true), Some(17.0));
        assert_eq!(num("cent dix-huit", true), Some(118.0));
        assert_eq!(num("quatre mille vingt", true), Some(4020.0));
        assert_eq!(num("three point five", false), Some(3.5));
        assert_eq!(num("two dozen", false), Some(24.0));
        assert_eq!(num("100k", false), Some(100000.0));
        assert_eq!(num(".77", false), Some(0.77));
        assert_eq!(num("two three", false), None);
    }

    #[test]
    fn ordinals() {
        let ord = |text: &str, french| {
            let t = tokenize(text);
            ordinal(&t, 0, french).filter(|o| o.1 == t.len()).map(|o| o.0)
        };
        assert_eq!(ord("twenty-fifth", false), Some(25.0));
        assert_eq!(ord("fortysecond", false), Some(42.0));
        assert_eq!(ord("73rd", false), Some(73.0));
        assert_eq!(ord("onzième", true), Some(11.0));
        assert_eq!(ord("2ème", true), Some(2.0));
    }

    #[test]
    fn money_distance_duration() {
        let t = tokenize("US$3 and fifteen");
        assert_eq!(money(&t, 0, false).map(|m| (m.0.value, m.0.unit)), Some((3.15, "USD".to_owned())));
        let t = tokenize("2 yards 7 ft 10 inches");
        assert_eq!(distance(&t, 0, false).map(|m| (m.0.value, m.0.unit)), Some((166.0, "inch".to_owned())));
        let t = tokenize("one hour and half");
        assert_eq!(duration(&t, 0, false).map(|d| (d.value, d.unit)), Some((90.0, "minute")));
        let t = tokenize("1 year 2 days 3 hours and 4 seconds");
        assert_eq!(duration(&t, 0, false).map(|d| (d.value, d.unit)), Some((31719604.0, "second")));
    }
}
