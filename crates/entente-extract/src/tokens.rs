use std::ops::Range;

/// A token of normalized text: a word, a number or one punctuation character.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    /// Byte range in the text.
    pub range: Range<usize>,
    /// What the token is.
    pub kind: TokenKind,
    /// True for the first word of a sentence or line.
    pub sentence_start: bool,
}

/// The kinds of [`Token`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    /// Letters (and digits) with inner hyphens; elided articles keep their apostrophe (`d'`).
    Word,
    /// Digits.
    Number,
    /// One other non-space character.
    Punct,
}

/// Pushes the punctuation character `c` at byte `start` as a token; true when it ends a
/// sentence (a full stop after a known abbreviation does not).
fn push_punct(text: &str, tokens: &mut Vec<Token>, start: usize, c: char) -> bool {
    tokens.push(Token { range: start..start + c.len_utf8(), kind: TokenKind::Punct, sentence_start: false });
    if !matches!(c, '.' | '!' | '?' | '…' | ':' | '«' | '»' | '"' | '“' | '”' | '-' | '—' | '–') {
        return false;
    }
    let abbreviation = c == '.' && tokens.len() >= 2 && {
        let prev = &tokens[tokens.len() - 2];
        prev.range.end == start && crate::lexicon::ABBREVIATIONS.contains(&&text[prev.range.clone()])
    };
    !abbreviation
}

/// What a character that is neither a letter nor a digit does to the word being read.
enum Joint {
    /// It joins the next part to the word (a hyphen in "Kassym-Jomart", the apostrophe of
    /// "O'Brien").
    Joins,
    /// It ends the word and belongs to it (the apostrophe of an elided "d'").
    EndsElision,
    /// It ends the word and does not belong to it.
    Ends,
}

/// What `next`, at byte `at` right after the letters of `word` (a byte range of `text` whose
/// current part starts at `part_start`), does to the word.
fn joint(text: &str, word: Range<usize>, part_start: usize, at: usize, next: char) -> Joint {
    let after = text[at + next.len_utf8()..].chars().next();
    if next == '-' {
        let Some(after) = after.filter(|a| a.is_alphabetic()) else { return Joint::Ends };
        let part = &text[part_start..word.end];
        let left_lower = part.chars().next().is_some_and(char::is_lowercase);
        // A word said twice is one ("Laki-laki", Indonesian reduplication).
        let rest = &text[at + 1..];
        let reduplicated = rest.get(..part.len()).is_some_and(|r| r.eq_ignore_ascii_case(part))
            && !rest[part.len()..].starts_with(char::is_alphanumeric);
        // A wire service's slug before a headline ("BRIEF-Airbus Says…", "EXCLUSIVE-Nissan…"):
        // a word in capitals opening a line, then a capitalized word in lower case.
        let before = text[..word.start].trim_end_matches([' ', '\t']);
        let slug = part_start == word.start
            && part.len() >= 3
            && part.bytes().all(|b| b.is_ascii_uppercase())
            && (before.is_empty() || before.ends_with('\n'))
            && text[at + 1 + after.len_utf8()..].starts_with(char::is_lowercase);
        if slug {
            return Joint::Ends;
        }
        return if after.is_uppercase() || left_lower || reduplicated { Joint::Joins } else { Joint::Ends };
    }
    if is_apostrophe(next) {
        let word = &text[word];
        if crate::lexicon::ELISIONS.contains(&word.to_lowercase().as_str()) {
            return Joint::EndsElision;
        }
        if word.chars().count() == 1 && after.is_some_and(char::is_uppercase) {
            return Joint::Joins;
        }
    }
    Joint::Ends
}

fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '\u{2019}'
}

/// Splits `text` into tokens.
///
/// French elisions are split after the apostrophe (`d'État` gives `d'` and `État`), English
/// possessives before it (`country's` gives `country` and `'s`). A hyphen joins two parts when
/// both are lower case or the second is capitalized (`Kassym-Jomart`, `États-Unis`,
/// `porte-parole`), and separates a name from a lower-case suffix (`Russia-led`).
pub fn tokenize(text: &str) -> Vec<Token> {
    let bytes = text.as_bytes();
    let char_at = |at: usize| text[at..].chars().next().unwrap_or('\u{FFFD}');
    let mut tokens = Vec::with_capacity(text.len() / 5);
    let mut sentence_start = true;
    let mut pos = 0;
    while pos < text.len() {
        let start = pos;
        let c = char_at(pos);
        pos += c.len_utf8();
        if c.is_whitespace() {
            if c == '\n' {
                sentence_start = true;
            }
            continue;
        }
        if c.is_alphanumeric() {
            let numeric = c.is_ascii_digit();
            // `end` is the end of the token so far; `cur` the next character to read, past
            // `end` after a joining hyphen or apostrophe.
            let (mut end, mut cur) = (pos, pos);
            let mut part_start = start;
            loop {
                // ASCII letters and digits (digits only in a number) first, byte by byte.
                while cur < bytes.len()
                    && (if numeric { bytes[cur].is_ascii_digit() } else { bytes[cur].is_ascii_alphanumeric() })
                {
                    cur += 1;
                    end = cur;
                }
                if cur >= bytes.len() {
                    break;
                }
                let at = cur;
                let next = char_at(at);
                if next.is_alphanumeric() && (next.is_ascii_digit() == numeric || !numeric) {
                    cur = at + next.len_utf8();
                    end = cur;
                    continue;
                }
                if numeric {
                    break;
                }
                match joint(text, start..end, part_start, at, next) {
                    Joint::Joins => {
                        cur = at + next.len_utf8();
                        part_start = cur;
                    }
                    Joint::EndsElision => {
                        end = at + next.len_utf8();
                        cur = end;
                        break;
                    }
                    Joint::Ends => break,
                }
            }
            pos = cur;
            let kind = if numeric { TokenKind::Number } else { TokenKind::Word };
            tokens.push(Token { range: start..end, kind, sentence_start });
            sentence_start = false;
        } else if push_punct(text, &mut tokens, start, c) {
            sentence_start = true;
        }
    }
    tokens
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The character-by-character tokenizer that [`tokenize`] speeds up with its byte scan.
    fn tokenize_by_chars(text: &str) -> Vec<Token> {
        let mut tokens = Vec::with_capacity(text.len() / 5);
        let mut sentence_start = true;
        let mut iter = text.char_indices().peekable();
        while let Some((start, c)) = iter.next() {
            if c.is_whitespace() {
                if c == '\n' {
                    sentence_start = true;
                }
                continue;
            }
            if c.is_alphanumeric() {
                let numeric = c.is_ascii_digit();
                let mut end = start + c.len_utf8();
                let mut part_start = start;
                while let Some(&(at, next)) = iter.peek() {
                    if next.is_alphanumeric() && (next.is_ascii_digit() == numeric || !numeric) {
                        end = at + next.len_utf8();
                        iter.next();
                        continue;
                    }
                    if numeric {
                        break;
                    }
                    match joint(text, start..end, part_start, at, next) {
                        Joint::Joins => {
                            iter.next();
                            part_start = at + next.len_utf8();
                        }
                        Joint::EndsElision => {
                            end = at + next.len_utf8();
                            iter.next();
                            break;
                        }
                        Joint::Ends => break,
                    }
                }
                let kind = if numeric { TokenKind::Number } else { TokenKind::Word };
                tokens.push(Token { range: start..end, kind, sentence_start });
                sentence_start = false;
            } else if push_punct(text, &mut tokens, start, c) {
                sentence_start = true;
            }
        }
        tokens
    }

    proptest::proptest! {
        #[test]
        fn tokens_are_those_of_a_character_scan(
            text in "([a-zA-Z0-9 \n.'’-]|É|é|ß|İ|٣|日|\u{a0}|d'|l'|qu'|O'B|M\\.|--|-A|s'){0,40}"
        ) {
            proptest::prop_assert_eq!(tokenize(&text), tokenize_by_chars(&text));
        }
    }

    fn words(text: &str) -> Vec<&str> {
        tokenize(text).into_iter().map(|t| &text[t.range]).collect()
    }

    #[test]
    fn a_word_said_twice_is_one() {
        let text = "Mount Lewotobi Laki-laki erupted; London-based Kuala-Lumpur Sama-samaku";
        let words: Vec<&str> = tokenize(text).iter().map(|t| &text[t.range.clone()]).collect();
        assert_eq!(
            words,
            [
                "Mount",
                "Lewotobi",
                "Laki-laki",
                "erupted",
                ";",
                "London",
                "-",
                "based",
                "Kuala-Lumpur",
                "Sama",
                "-",
                "samaku"
            ]
        );
    }

    #[test]
    fn elision_hyphen_possessive() {
        assert_eq!(words("le Département d'État"), ["le", "Département", "d'", "État"]);
        assert_eq!(words("jusqu'à la fin"), ["jusqu'", "à", "la", "fin"]);
        assert_eq!(words("Kassym-Jomart Tokayev"), ["Kassym-Jomart", "Tokayev"]);
        assert_eq!(words("Russia-led forces"), ["Russia", "-", "led", "forces"]);
        assert_eq!(words("les États-Unis"), ["les", "États-Unis"]);
        assert_eq!(words("le porte-parole"), ["le", "porte-parole"]);
        assert_eq!(words("the country's"), ["the", "country", "'", "s"]);
        assert_eq!(words("O'Brien said"), ["O'Brien", "said"]);
        assert_eq!(words("2 030 soldats"), ["2", "030", "soldats"]);
        // A wire slug opening a line is no part of the headline's first word.
        assert_eq!(words("BRIEF-Airbus Says"), ["BRIEF", "-", "Airbus", "Says"]);
        assert_eq!(words("x\nEXCLUSIVE-Nissan"), ["x", "EXCLUSIVE", "-", "Nissan"]);
        assert_eq!(words("the AFL-CIO and NATO-Russia"), ["the", "AFL-CIO", "and", "NATO-Russia"]);
    }

    #[test]
    fn sentence_starts() {
        let text = "M. Dupont arrive. Il parle\nJAKARTA - Le";
        let starts: Vec<&str> =
            tokenize(text).into_iter().filter(|t| t.sentence_start).map(|t| &text[t.range]).collect();
        assert_eq!(starts, ["M", "Il", "JAKARTA", "Le"]);
    }
}
