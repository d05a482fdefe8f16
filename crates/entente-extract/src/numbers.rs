use std::ops::Range;

use entente_core::Lang;

/// Magnitude words and their factors, lower case.
const MAGNITUDES: &[(&str, f64)] = &[
    ("mille", 1e3),
    ("thousand", 1e3),
    ("thousands", 1e3),
    ("million", 1e6),
    ("millions", 1e6),
    ("milliard", 1e9),
    ("milliards", 1e9),
    ("billion", 1e9),
    ("billions", 1e9),
    ("trillion", 1e12),
    ("trillions", 1e12),
    ("bn", 1e9),
    ("m", 1e6),
];

/// A number found in text.
#[derive(Debug, Clone, PartialEq)]
pub struct Number {
    /// Byte range, magnitude word included.
    pub range: Range<usize>,
    /// Its value.
    pub value: f64,
    /// True when written with a decimal mark followed by exactly three digits and no magnitude
    /// word ("2.030"): in translated text that may be a thousands group.
    pub three_decimals: bool,
}

/// Finds numerals written in digits, with the grouping and decimal marks of `lang`, and an
/// optional magnitude word ("19 millions", "1.5 million").
///
/// English groups thousands with `,` and marks decimals with `.`; French (and, here, every other
/// language) groups with a space or `.` and marks decimals with `,`. A space groups digits in
/// English too, as copy from French sources does.
pub fn find(text: &str, lang: &Lang, out: &mut Vec<Number>) {
    let english = lang.primary() == "en";
    let (group_marks, decimal_mark): (&[u8], u8) = if english { (b", ", b'.') } else { (b" .", b',') };
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        // Not inside a word, nor in a designation ("F-35", "COVID-19", "Su-57").
        let designation =
            i >= 2 && bytes[i - 1] == b'-' && text[..i - 1].chars().next_back().is_some_and(char::is_alphabetic);
        if !bytes[i].is_ascii_digit()
            || (i > 0 && text[..i].chars().next_back().is_some_and(char::is_alphanumeric))
            || designation
        {
            i += 1;
            continue;
        }
        let start = i;
        let mut end = digits_end(bytes, i);
        let mut digits: String = text[start..end].to_owned();
        // Thousands groups: a mark and exactly three digits, after a first group of 1 to 3.
        if end - start <= 3 {
            while end + 4 <= bytes.len()
                && group_marks.contains(&bytes[end])
                && digits_end(bytes, end + 1) == end + 4
                && !bytes.get(end + 4).is_some_and(|b| b.is_ascii_alphabetic())
            {
                digits.push_str(&text[end + 1..end + 4]);
                end += 4;
            }
        }
        // Decimals.
        let mut three_decimals = false;
        // English translated from a language with a decimal comma: "1,56 percent" (a group of
        // thousands has three digits; "1,2,3" is a list). The value grammar has the same rule
        // on its tokens (`grammar::digits`).
        let after_comma = digits_end(bytes, end + 1);
        let comma_decimals = english
            && end - start <= 3
            && !(start >= 2 && bytes[start - 1] == b',' && bytes[start - 2].is_ascii_digit())
            && bytes.get(end) == Some(&b',')
            && (2..=3).contains(&(after_comma - end))
            && !(bytes.get(after_comma) == Some(&b',') && bytes.get(after_comma + 1).is_some_and(u8::is_ascii_digit));
        if end + 1 < bytes.len() && (bytes[end] == decimal_mark || comma_decimals) && bytes[end + 1].is_ascii_digit() {
            let decimals_end = digits_end(bytes, end + 1);
            three_decimals = decimals_end - end == 4;
            digits.push('.');
            digits.push_str(&text[end + 1..decimals_end]);
            end = decimals_end;
        }
        if end < bytes.len() && bytes[end].is_ascii_alphabetic() {
            // "3D", "10km": not a plain numeral here.
            i = end;
            continue;
        }
        let Ok(mut value) = digits.parse::<f64>() else {
            i = end;
            continue;
        };
        // Magnitude word after one space.
        if bytes.get(end) == Some(&b' ') {
            let rest = &text[end + 1..];
            let word_len = rest.find(|c: char| !c.is_alphabetic()).unwrap_or(rest.len());
            let word = rest[..word_len].to_lowercase();
            if let Some(&(_, factor)) = MAGNITUDES.iter().find(|(w, _)| *w == word) {
                value = scaled(value, factor);
                end += 1 + word_len;
                three_decimals = false;
            }
        }
        out.push(Number { range: start..end, value, three_decimals });
        i = end;
    }
}

/// `value` times a scale word's `factor`, without the binary noise of the product: "4,1
/// million" is 4,100,000, not 4,099,999.9999999995. The product is rounded to 15 significant
/// digits, all that a decimal number read from text can carry in `f64`.
pub(crate) fn scaled(value: f64, factor: f64) -> f64 {
    let product = value * factor;
    if product == 0.0 || !product.is_finite() {
        return product;
    }
    // Powers of ten are exact in f64 up to 1e22; an integer divided by one is the nearest
    // double to the decimal number.
    let exponent = product.abs().log10().floor() as i32 - 14;
    if exponent >= 0 {
        let unit = 10f64.powi(exponent);
        (product / unit).round() * unit
    } else {
        let per_unit = 10f64.powi(-exponent);
        (product * per_unit).round() / per_unit
    }
}

fn digits_end(bytes: &[u8], mut i: usize) -> usize {
    while i < bytes.len() && bytes[i].is_ascii_digit() {
        i += 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(lang: &str, text: &str, expected: &[(&str, f64)]) {
        let mut out = Vec::new();
        find(text, &Lang::parse(lang).unwrap(), &mut out);
        let got: Vec<(&str, f64)> = out.iter().map(|n| (&text[n.range.clone()], n.value)).collect();
        assert_eq!(got, expected, "{text:?}");
    }

    #[test]
    fn english_decimal_comma_of_translations() {
        check("en", "reached 1,56 percent", &[("1,56", 1.56)]);
        check("en", "Rp 371,5 trillion", &[("371,5 trillion", 371.5e12)]);
        check("en", "a list 1,2,3 and 1,200 people", &[("1", 1.0), ("2", 2.0), ("3", 3.0), ("1,200", 1200.0)]);
    }

    #[test]
    fn french_and_english_grouping() {
        check("fr", "2 030 soldats et 250 matériels", &[("2 030", 2030.0), ("250", 250.0)]);
        check("fr", "19 millions d'habitants", &[("19 millions", 19e6)]);
        check("fr", "3,5 milliards", &[("3,5 milliards", 3.5e9)]);
        check("en", "2,030 soldiers, 1.5 million people", &[("2,030", 2030.0), ("1.5 million", 1.5e6)]);
        check("en", "nearly 10,000 people on 12", &[("10,000", 10000.0), ("12", 12.0)]);
        // A scale word's product without binary noise (4.1 × 1e6 is 4,099,999.9999999995 in f64).
        check("en", "4,1 million passengers", &[("4,1 million", 4_100_000.0)]);
        check(
            "fr",
            "4,1 millions de passagers et 0,3 milliard",
            &[("4,1 millions", 4_100_000.0), ("0,3 milliard", 3e8)],
        );
    }

    #[test]
    fn not_numerals() {
        check("en", "a G7 meeting in 3D", &[]);
        // A designation's number counts nothing ("35 fighter jets" is no quantity).
        check("en", "F-35 fighter jets, COVID-19 cases and 12 Su-57 jets", &[("12", 12.0)]);
        check("fr", "", &[]);
    }
}
