//! Times: dates, clock times, relative days, weeks, months and years, and intervals between
//! them, in French and English, resolved against the document's reference time.
//!
//! An expression is parsed into a partial [`Spec`] (year, month, day, weekday, hour…) built from
//! atoms that follow each other ("Monday, Feb 18 at 7:30 PM"); relative atoms ("tomorrow",
//! "next week", "in 3 days") are resolved against the reference at once. The spec is then
//! resolved to the first matching instant in the configured [`Direction`]: Duckling's (the next
//! one) or news reporting's (the last one not after the reference).

use chrono::{Datelike, Duration, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime, Timelike, Weekday};
use entente_core::{TimePoint, ValueData};

use super::grammar::{self, Kind, Phrases, Tok, Toks, flag};
use std::sync::LazyLock;

/// Which occurrence an incomplete date ("Tuesday", "12 January", "3pm") names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Direction {
    /// The last one not after the reference (news reports what happened); a day and month may
    /// be up to a month ahead.
    #[default]
    Past,
    /// The next one from the reference, as Duckling resolves them.
    Future,
}

/// The reference instant and its UTC offset.
#[derive(Debug, Clone, Copy)]
pub struct Reference {
    /// Local date and time.
    pub now: NaiveDateTime,
    /// UTC offset of the reference, used for every output time.
    pub offset: FixedOffset,
    /// False for a stand-in when the document has no reference time: then only dates that
    /// name their year are read.
    pub known: bool,
}

impl Reference {
    /// Local time and offset of an ISO 8601 date or date-time (a date alone is its midnight, UTC).
    pub fn parse(text: &str) -> Option<Reference> {
        let text = text.trim();
        if let Ok(t) = chrono::DateTime::parse_from_rfc3339(text) {
            return Some(Reference { now: t.naive_local(), offset: *t.offset(), known: true });
        }
        let date = NaiveDate::parse_from_str(text.get(..10)?, "%Y-%m-%d").ok()?;
        Some(Reference { now: date.and_time(NaiveTime::MIN), offset: FixedOffset::east_opt(0)?, known: true })
    }

    /// A known reference at midnight UTC of a date.
    fn stand_in(year: i32, month: u32, day: u32) -> Reference {
        let now = NaiveDate::from_ymd_opt(year, month, day).unwrap_or_default().and_time(NaiveTime::MIN);
        Reference { now, offset: FixedOffset::east_opt(0).expect("zero offset"), known: true }
    }

    /// A stand-in for documents without a reference time.
    pub fn unknown() -> Reference {
        Reference {
            now: NaiveDateTime::default(),
            offset: FixedOffset::east_opt(0).expect("zero offset"),
            known: false,
        }
    }
}

/// The reference of a document, when it has one.
pub fn reference(reference_time: Option<&str>) -> Option<Reference> {
    Reference::parse(reference_time?)
}

/// Grains, finest first.
const GRAINS: [&str; 8] = ["second", "minute", "hour", "day", "week", "month", "quarter", "year"];

fn grain_rank(grain: &str) -> usize {
    GRAINS.iter().position(|g| *g == grain).unwrap_or(3)
}

/// A partial time.
#[derive(Debug, Clone, Default, PartialEq)]
struct Spec {
    year: Option<i32>,
    month: Option<u32>,
    day: Option<u32>,
    weekday: Option<Weekday>,
    /// A day already resolved ("tomorrow", "next Tuesday").
    date: Option<NaiveDate>,
    hour: Option<u32>,
    minute: Option<u32>,
    second: Option<u32>,
    /// True when the hour may be either of two half-days ("at 3", "3:30").
    ambiguous_hour: bool,
    /// A fully resolved instant and grain ("in 2 minutes", "next week").
    fixed: Option<(NaiveDateTime, &'static str)>,
    /// Explicit grain (hours written "15h" have minute grain in Duckling).
    grain: Option<&'static str>,
    /// The part of the day, as hours: "tonight" is (18, 24).
    part: Option<(u32, u32)>,
    /// The time zone the clock time is in, as minutes east of UTC ("PST" is -480).
    zone: Option<i32>,
    /// A movable or fixed feast, by index in [`FEASTS`], and which occurrence (-1 last, 1 next).
    feast: Option<(usize, i32)>,
}

impl Spec {
    fn merge(&self, other: &Spec) -> Option<Spec> {
        fn pick<T: Copy + PartialEq>(a: Option<T>, b: Option<T>) -> Result<Option<T>, ()> {
            match (a, b) {
                (Some(x), Some(y)) if x != y => Err(()),
                (x, y) => Ok(x.or(y)),
            }
        }
        if self.fixed.is_some() || other.fixed.is_some() {
            // A fixed day takes a clock time: "in 7 days at 5pm", "tomorrow at 8".
            let (fixed, clock) = if self.fixed.is_some() { (self, other) } else { (other, self) };
            let (at, grain) = fixed.fixed?;
            // "thanksgiving in 3 years": the feast in the year the offset lands in.
            if clock.feast.is_some() && clock.year.is_none() && clock.hour.is_none() {
                let mut spec = clock.clone();
                spec.year = Some(at.year());
                return Some(spec);
            }
            if clock.hour.is_none() || grain_rank(grain) < grain_rank("hour") || clock.date.is_some() {
                return None;
            }
            let mut spec = clock.clone();
            spec.date = Some(at.date());
            return Some(spec);
        }
        let calendar = |x: &Spec| x.year.is_some() || x.month.is_some() || x.day.is_some();
        if (self.date.is_some() && calendar(other)) || (other.date.is_some() && calendar(self)) {
            return None;
        }
        Some(Spec {
            year: pick(self.year, other.year).ok()?,
            month: pick(self.month, other.month).ok()?,
            day: pick(self.day, other.day).ok()?,
            weekday: pick(self.weekday, other.weekday).ok()?,
            date: pick(self.date, other.date).ok()?,
            hour: pick(self.hour, other.hour).ok()?,
            minute: pick(self.minute, other.minute).ok()?,
            second: pick(self.second, other.second).ok()?,
            ambiguous_hour: if self.hour.is_some() { self.ambiguous_hour } else { other.ambiguous_hour },
            fixed: None,
            grain: self.grain.or(other.grain),
            part: pick(self.part, other.part).ok()?,
            feast: pick(self.feast, other.feast).ok()?,
            zone: pick(self.zone, other.zone).ok()?,
        })
    }

    fn finest(&self) -> &'static str {
        if let Some((_, g)) = self.fixed {
            return g;
        }
        if self.second.is_some() {
            "second"
        } else if self.minute.is_some() {
            "minute"
        } else if self.hour.is_some() {
            self.grain.unwrap_or("hour")
        } else if self.day.is_some() || self.weekday.is_some() || self.date.is_some() {
            "day"
        } else if self.month.is_some() {
            "month"
        } else {
            "year"
        }
    }
}

/// Month names and abbreviations.
const MONTH_NAMES: &[(&str, u32)] = &[
    ("january", 1),
    ("jan", 1),
    ("janvier", 1),
    ("janv", 1),
    ("february", 2),
    ("feb", 2),
    ("février", 2),
    ("fevrier", 2),
    ("fév", 2),
    ("fev", 2),
    ("févr", 2),
    ("march", 3),
    ("mar", 3),
    ("mars", 3),
    ("april", 4),
    ("apr", 4),
    ("avril", 4),
    ("avr", 4),
    ("may", 5),
    ("mai", 5),
    ("june", 6),
    ("jun", 6),
    ("juin", 6),
    ("july", 7),
    ("jul", 7),
    ("juillet", 7),
    ("jui", 7),
    ("juil", 7),
    ("august", 8),
    ("aug", 8),
    ("août", 8),
    ("aout", 8),
    ("september", 9),
    ("sep", 9),
    ("sept", 9),
    ("septembre", 9),
    ("october", 10),
    ("oct", 10),
    ("octobre", 10),
    ("november", 11),
    ("nov", 11),
    ("novembre", 11),
    ("december", 12),
    ("dec", 12),
    ("décembre", 12),
    ("decembre", 12),
    ("déc", 12),
];

/// True for a month or weekday name written in full: a full stop after one ends the sentence
/// ("en mars.", "on Thursday."); after an abbreviation it is part of it ("Thu.", "Dec.").
fn full_name(lower: &str) -> bool {
    use crate::lexicon::{MONTHS_EN, MONTHS_FR, WEEKDAYS};
    WEEKDAYS.contains(&lower) || MONTHS_EN.contains(&lower) || MONTHS_FR.contains(&lower)
}

/// The month (1 to 12) a lower-case French or English name or abbreviation names ("mars",
/// "dec", "sept").
pub(crate) fn month_number(lower: &str) -> Option<u32> {
    static BY_NAME: LazyLock<rustc_hash::FxHashMap<&str, u32>> =
        LazyLock::new(|| MONTH_NAMES.iter().rev().map(|&(n, m)| (n, m)).collect());
    BY_NAME.get(lower).copied()
}

fn month_at(t: &[Tok], i: usize) -> Option<(u32, usize)> {
    let tok = t.get(i).filter(|x| x.flags & flag::TIME != 0)?;
    let m = month_number(tok.lower)?;
    // "may" the verb, "mar", "sept" the number: a month only capitalized or next to a day.
    if matches!(tok.lower, "may" | "mar" | "sept" | "jun" | "jan" | "dec") && !tok.cap {
        let day_near = t.get(i.wrapping_sub(1)).is_some_and(|p| p.kind == Kind::Digits)
            || t.get(i + 1).is_some_and(|n| n.kind == Kind::Digits);
        if !day_near {
            return None;
        }
    }
    let mut end = i + 1;
    if t.is(end, &["."]) && t.glued(end) && tok.lower.len() <= 5 && !full_name(tok.lower) {
        end += 1;
    }
    Some((m, end))
}

const WEEKDAY_NAMES: &[(&str, Weekday)] = &[
    ("monday", Weekday::Mon),
    ("mon", Weekday::Mon),
    ("lundi", Weekday::Mon),
    ("tuesday", Weekday::Tue),
    ("tue", Weekday::Tue),
    ("tues", Weekday::Tue),
    ("mardi", Weekday::Tue),
    ("wednesday", Weekday::Wed),
    ("wed", Weekday::Wed),
    ("mercredi", Weekday::Wed),
    ("thursday", Weekday::Thu),
    ("thu", Weekday::Thu),
    ("thurs", Weekday::Thu),
    ("jeudi", Weekday::Thu),
    ("friday", Weekday::Fri),
    ("fri", Weekday::Fri),
    ("vendredi", Weekday::Fri),
    ("saturday", Weekday::Sat),
    ("sat", Weekday::Sat),
    ("samedi", Weekday::Sat),
    ("sunday", Weekday::Sun),
    ("sun", Weekday::Sun),
    ("dimanche", Weekday::Sun),
];

fn weekday_at(t: &[Tok], i: usize) -> Option<(Weekday, usize)> {
    let tok = t.get(i).filter(|x| x.flags & flag::TIME != 0)?;
    static BY_NAME: LazyLock<rustc_hash::FxHashMap<&str, Weekday>> =
        LazyLock::new(|| WEEKDAY_NAMES.iter().rev().map(|&(n, d)| (n, d)).collect());
    let d = *BY_NAME.get(tok.lower)?;
    let mut end = i + 1;
    if t.is(end, &["."]) && t.glued(end) && !full_name(tok.lower) {
        end += 1;
    }
    Some((d, end))
}

fn digits(t: &[Tok], i: usize) -> Option<u32> {
    t.get(i).filter(|x| x.kind == Kind::Digits && x.lower.len() <= 4).and_then(|x| x.lower.parse().ok())
}

fn year_of(t: &[Tok], i: usize) -> Option<i32> {
    let tok = t.get(i).filter(|x| x.kind == Kind::Digits)?;
    let n: i32 = tok.lower.parse().ok()?;
    match tok.lower.len() {
        4 => Some(n),
        2 => Some(if n < 50 { 2000 + n } else { 1900 + n }),
        _ => None,
    }
}

/// A day of the month: "15", "15th", "1er", "first".
fn day_at(t: &[Tok], i: usize, french: bool) -> Option<(u32, usize)> {
    if let Some((v, end)) = grammar::ordinal(t, i, french) {
        return (1.0..=31.0).contains(&v).then_some((v as u32, end));
    }
    let d = digits(t, i).filter(|d| (1..=31).contains(d) && t[i].lower.len() <= 2)?;
    Some((d, i + 1))
}

/// A calendar date at `i`.
fn date_at(t: &[Tok], i: usize, french: bool) -> Option<(Spec, usize)> {
    let mut j = i;
    if t.is(j, &["the", "le"]) {
        j += 1;
    }
    // ISO: 2015-03-03, 2015-3-3
    if let (Some(y), true) = (year_of(t, j).filter(|_| t[j].lower.len() == 4), t.is(j + 1, &["-"]))
        && let (Some(m), Some(d)) = (digits(t, j + 2), digits(t, j + 4))
        && t.is(j + 3, &["-"])
        && (1..=12).contains(&m)
    {
        return Some((Spec { year: Some(y), month: Some(m), day: Some(d), ..Spec::default() }, j + 5));
    }
    // 2014/10
    if let Some(y) = year_of(t, j).filter(|_| t[j].lower.len() == 4)
        && t.is(j + 1, &["/"])
        && let Some(m) = digits(t, j + 2).filter(|m| (1..=12).contains(m))
        && !t.is(j + 3, &["/"])
    {
        return Some((Spec { year: Some(y), month: Some(m), ..Spec::default() }, j + 3));
    }
    // Numeric dates: 2/15, 10/31/74, 3/3/2015, 14.01.2022, 20 02 2014, 31/Oct/1974.
    if let Some(a) = digits(t, j).filter(|_| t[j].lower.len() <= 2) {
        let seps: &[&str] = &["/", "-", "."];
        let sep_ok =
            |k: usize| t.is(k, seps) || (french && t.get(k).is_some_and(|x| x.kind == Kind::Digits && x.spaced));
        let (second, after_second, sep_len) = if t.is(j + 1, seps) {
            (j + 2, j + 3, 1)
        } else if french && sep_ok(j + 1) {
            (j + 1, j + 2, 0)
        } else {
            (usize::MAX, 0, 0)
        };
        if second != usize::MAX {
            let month_name = month_at(t, second);
            let b = digits(t, second).filter(|_| t[second].lower.len() <= 2);
            let (day, month, after) = match (month_name, b) {
                (Some((m, e)), _) => (a, m, e),
                (None, Some(b)) => {
                    let day_first = french || a > 12 || t.is(j + 1, &["."]);
                    if day_first { (a, b, after_second) } else { (b, a, after_second) }
                }
                _ => (0, 0, 0),
            };
            if (1..=12).contains(&month) && (1..=31).contains(&day) && after > 0 {
                let mut spec = Spec { month: Some(month), day: Some(day), ..Spec::default() };
                let mut end = after;
                let year_at = if sep_len == 1 { t.is(end, seps).then_some(end + 1) } else { Some(end) };
                if let Some(k) = year_at
                    && let Some(y) = year_of(t, k)
                    && (sep_len == 1 || t[k].spaced)
                {
                    spec.year = Some(y);
                    end = k + 1;
                }
                // "2 - 15" in English is month - day; "17 2" (French) is day month.
                if sep_len == 0 && spec.year.is_none() && !french {
                    return None;
                }
                // "1.5" is a number; a date with dots names its year: "14.01.2022".
                if t.is(j + 1, &["."]) && spec.year.is_none() {
                    return None;
                }
                // "2-1" is a score or a range of numbers; a date with a glued hyphen names its
                // year ("10-31-74") or its month ("13-Oct").
                if t.is(j + 1, &["-"]) && t.glued(j + 1) && spec.year.is_none() && month_name.is_none() {
                    return None;
                }
                return Some((spec, end));
            }
        }
    }
    // "15 février [2013]", "14th April 15", "the 1st of march", "15 of february", "14april 2015".
    if let Some((d, k)) = day_at(t, j, french) {
        let mut k2 = k;
        if t.is(k2, &["of", "de"]) {
            k2 += 1;
        }
        if let Some((m, e)) = month_at(t, k2) {
            let mut spec = Spec { month: Some(m), day: Some(d), ..Spec::default() };
            let mut end = e;
            if t.is(end, &[","]) {
                end += 1;
            }
            if let Some(y) = year_of(t, end).filter(|_| !t.is(end + 1, &[":", "h"])) {
                spec.year = Some(y);
                end += 1;
            } else if t.is(e, &[","]) {
                end = e;
            }
            return Some((spec, end));
        }
    }
    // "February 15[, 2013]", "march first", "Feb13", "October 2014", "mars".
    if let Some((m, k)) = month_at(t, j) {
        let mut spec = Spec { month: Some(m), ..Spec::default() };
        let mut end = k;
        if let Some((d, e)) = day_at(t, k, french).filter(|&(_, e)| !(t.is(e, &[":"]) || (t.w(e) == "h" && t.glued(e))))
        {
            spec.day = Some(d);
            end = e;
            let mut y_at = end;
            if t.is(y_at, &[","]) {
                y_at += 1;
            }
            if let Some(y) = year_of(t, y_at).filter(|_| t[y_at].lower.len() == 4) {
                spec.year = Some(y);
                end = y_at + 1;
            }
        } else if let Some(y) = year_of(t, k).filter(|_| t[k].lower.len() == 4) {
            spec.year = Some(y);
            end = k + 1;
        }
        return Some((spec, end));
    }
    // "le 2", "the 1st", "samedi 16": a day of the month after an article or a weekday.
    let after_weekday = i > 0 && weekday_at(t, i - 1).is_some_and(|(_, e)| e == i);
    if (j > i || after_weekday)
        && let Some((d, e)) = day_at(t, j, french)
        && !(t.is(e, &[":"]) || (t.w(e) == "h" && t.glued(e)) || t.is(e, &["/", "-", "."]))
        && unit_at(t, e).is_none()
    {
        return Some((Spec { day: Some(d), ..Spec::default() }, e));
    }
    None
}

/// A month named relatively or absolutely, as its first day: "next month", "the current month",
/// "this month", "the month", "March 2014", "octobre 2015", "du mois prochain".
fn month_spec_at(t: &[Tok], i: usize, r: &Reference, french: bool, dir: Direction) -> Option<(NaiveDate, usize)> {
    let mut k = i;
    while t.is(k, &["the", "la", "le", "l'"]) && k < i + 2 {
        k += 1;
    }
    let first_of_month = |shift: i64| add(truncate(r.now, "month"), "month", shift).date();
    match (t.w(k), t.w(k + 1)) {
        ("this" | "current" | "ce", "month" | "mois") => return Some((first_of_month(0), k + 2)),
        ("next" | "coming" | "following", "month") => return Some((first_of_month(1), k + 2)),
        ("last" | "previous" | "past", "month") => return Some((first_of_month(-1), k + 2)),
        ("month" | "mois", "prochain" | "suivant") => return Some((first_of_month(1), k + 2)),
        ("month" | "mois", "dernier" | "précédent") => return Some((first_of_month(-1), k + 2)),
        ("month" | "mois", _) => return Some((first_of_month(0), k + 1)),
        _ => {}
    }
    let (spec, e) = date_at(t, k, french).filter(|(s, _)| s.month.is_some() && s.day.is_none())?;
    let (at, _) = resolve(&spec, r, dir)?;
    Some((at.date(), e))
}

/// "the first Monday of this month", "third tuesday of september 2014", "last Monday of March",
/// "last day of october 2015", "last week of september 2014", "20 of next month",
/// "premier mercredi du mois prochain", "la dernière semaine de septembre 2014".
fn in_month_at(t: &[Tok], i: usize, r: &Reference, french: bool, dir: Direction) -> Option<(Parsed, usize)> {
    let mut k = i;
    while t.is(k, &["the", "la", "le", "l'"]) && k < i + 2 {
        k += 1;
    }
    // Which one: an ordinal, "last", or a day number ("20 of next month").
    let (nth, after) = if t.is(k, &["last", "dernier", "dernière", "derniere"]) {
        (-1i32, k + 1)
    } else if let Some((v, e)) = grammar::ordinal(t, k, french).filter(|(v, _)| (1.0..=5.0).contains(v)) {
        (v as i32, e)
    } else if let Some((d, e)) = day_at(t, k, french) {
        // "20 of next month", "20th of the current month"
        if t.is(e, &["of", "de", "du"])
            && let Some((first, end)) = month_spec_at(t, e + 1, r, french, dir)
        {
            let day = first.with_day(d)?;
            let spec = Spec { year: Some(day.year()), month: Some(day.month()), day: Some(d), ..Spec::default() };
            return Some((Parsed::Spec(spec), end));
        }
        return None;
    } else {
        return None;
    };
    enum What {
        Weekday(Weekday),
        Day,
        Week,
        Weekend,
    }
    let (what, e) = if let Some((wd, e)) = weekday_at(t, after) {
        (What::Weekday(wd), e)
    } else if t.is(after, &["day", "jour"]) {
        (What::Day, after + 1)
    } else if t.is(after, &["week"]) && t.is(after + 1, &["-"]) && t.is(after + 2, &["end"]) {
        (What::Weekend, after + 3)
    } else if t.is(after, &["week", "semaine"]) {
        (What::Week, after + 1)
    } else if t.is(after, &["weekend", "wkend"]) {
        (What::Weekend, after + 1)
    } else {
        return None;
    };
    if !t.is(e, &["of", "in", "de", "d'", "du"]) {
        return None;
    }
    let (first, end) = month_spec_at(t, e + 1, r, french, dir)
        .or_else(|| if t.is(e, &["du"]) { month_spec_at(t, e + 1, r, french, dir) } else { None })?;
    let last = add(first.and_time(NaiveTime::MIN), "month", 1).date() - Duration::days(1);
    let days: Vec<NaiveDate> = (0..31).map(|n| first + Duration::days(n)).take_while(|d| *d <= last).collect();
    let pick = |candidates: Vec<NaiveDate>| -> Option<NaiveDate> {
        if nth < 0 { candidates.last().copied() } else { candidates.get(nth as usize - 1).copied() }
    };
    let (date, grain) = match what {
        What::Weekday(wd) => (pick(days.into_iter().filter(|d| d.weekday() == wd).collect())?, "day"),
        What::Day => (pick(days)?, "day"),
        // Weeks that start in the month and, for the last one, end in it.
        What::Week => (
            pick(
                days.into_iter()
                    .filter(|d| d.weekday() == Weekday::Mon && (nth > 0 || *d + Duration::days(6) <= last))
                    .collect(),
            )?,
            "week",
        ),
        // A weekend, Friday 18:00 to Monday 00:00, by its Friday.
        What::Weekend => {
            let friday = pick(days.into_iter().filter(|d| d.weekday() == Weekday::Fri).collect())?;
            let from = friday.and_hms_opt(18, 0, 0)?;
            let to = (friday + Duration::days(3)).and_time(NaiveTime::MIN);
            return Some((Parsed::Interval(Some((from, "hour")), Some((to, "hour"))), end));
        }
    };
    Some((Parsed::Spec(Spec { fixed: Some((date.and_time(NaiveTime::MIN), grain)), ..Spec::default() }), end))
}

/// "the week of October 7th", "la semaine du 6 octobre": the week from the Monday on or after it.
fn week_of_at(t: &[Tok], i: usize, r: &Reference, french: bool, dir: Direction) -> Option<(Parsed, usize)> {
    let mut k = i;
    while t.is(k, &["the", "la"]) && k < i + 2 {
        k += 1;
    }
    if !(t.is(k, &["week", "semaine"]) && t.is(k + 1, &["of", "du"])) {
        return None;
    }
    let (spec, end) = date_at(t, k + 2, french).filter(|(s, _)| s.day.is_some() && s.month.is_some())?;
    let (at, _) = resolve(&spec, r, dir)?;
    let day = at.date();
    let monday = (0..7).map(|n| day + Duration::days(n)).find(|d| d.weekday() == Weekday::Mon)?;
    Some((Parsed::Spec(Spec { fixed: Some((monday.and_time(NaiveTime::MIN), "week")), ..Spec::default() }), end))
}

/// "three fridays from now", "2 thursdays back".
fn weekdays_away_at(t: &[Tok], i: usize, r: &Reference, french: bool) -> Option<(Parsed, usize)> {
    let n = grammar::number(t, i, french).filter(|n| (1.0..=52.0).contains(&n.value) && n.value.fract() == 0.0)?;
    let word = t.w(n.end);
    let (wd, _) = weekday_at(t, n.end).or_else(|| {
        let singular = word.strip_suffix('s')?;
        WEEKDAY_NAMES.iter().find(|(w, _)| *w == singular).map(|&(_, d)| (d, n.end + 1))
    })?;
    let today = r.now.date();
    let count = n.value as i64;
    let (sign, end) = match (t.w(n.end + 1), t.w(n.end + 2)) {
        ("from", "now") => (1, n.end + 3),
        ("back" | "ago", _) => (-1, n.end + 2),
        _ => return None,
    };
    let step = Duration::days(sign);
    let mut d = today;
    let mut found = 0;
    while found < count {
        d += step;
        if d.weekday() == wd {
            found += 1;
        }
    }
    Some((Parsed::Spec(Spec { date: Some(d), ..Spec::default() }), end))
}

/// A clock time at `i`: "3pm", "15:30", "15h30", "noon", "half past three pm", "midi moins cinq".
fn clock_at(t: &[Tok], i: usize, french: bool) -> Option<(Spec, usize)> {
    let mut j = i;
    // "a" for "à" in French written without accents ("rdv a 15h") only before a time that
    // reads as one alone: "il a 2 chats", "elle a 15 ans" are the verb "avoir".
    if french && t.is(j, &["a"]) {
        return clock_at(t, j + 1, french);
    }
    if t.is(j, &["at", "@", "à", "vers", "for"]) && !t.is(j + 1, &["the", "la", "le"]) {
        j += 1;
    }
    if t.is(j, &["around", "about", "autour"]) {
        j += if t.is(j + 1, &["de"]) { 2 } else { 1 };
    }
    // Named hours.
    let named = match t.w(j) {
        "noon" | "midday" | "midi" => Some(12),
        "midnight" | "minuit" => Some(0),
        "mid" if t.is(j + 1, &["day"]) => Some(12),
        _ => None,
    };
    if let Some(h) = named {
        let mut spec = Spec { hour: Some(h), ..Spec::default() };
        let mut end = if t.is(j, &["mid"]) { j + 2 } else { j + 1 };
        // "midi moins cinq", "midi et demi", "minuit trois"
        if let Some((m, e)) = minutes_after(t, end, french) {
            spec = shift_minutes(h, m);
            end = e;
        }
        return Some((spec, end));
    }
    // "half past three", "a quarter past 8pm", "15 minutes past 15h", "twenty to 3".
    let mut k = j;
    if t.is(k, &["a"]) && t.is(k + 1, &["quarter"]) {
        k += 1;
    }
    let past_minutes = match t.w(k) {
        "half" => Some((30i32, k + 1)),
        "quarter" => Some((15, k + 1)),
        _ => grammar::number(t, k, french)
            .filter(|n| n.value.fract() == 0.0 && (1.0..60.0).contains(&n.value))
            .map(|n| (n.value as i32, if t.is(n.end, &["minutes", "minute", "min"]) { n.end + 1 } else { n.end })),
    };
    if let Some((m, after)) = past_minutes
        && t.is(after, &["past", "after", "to", "before"])
        && let Some((mut spec, end)) = clock_at(t, after + 1, french)
    {
        let h = spec.hour?;
        let m = if t.is(after, &["to", "before"]) { -m } else { m };
        let shifted = shift_minutes(h, m);
        spec.hour = shifted.hour;
        spec.minute = shifted.minute;
        return Some((spec, end));
    }
    // Digits or words for the hour.
    // "at 1030", "tonight 815": hours and minutes run together.
    if (j > i || t.get(i.wrapping_sub(1)).is_some_and(|p| matches!(p.lower, "tonight" | "approximately")))
        && let Some(hhmm) = t.get(j).filter(|x| x.kind == Kind::Digits && matches!(x.lower.len(), 3 | 4))
        && let Ok(n) = hhmm.lower.parse::<u32>()
        && n / 100 <= 23
        && n % 100 < 60
        && (!t.glued(j + 1) || t.w(j + 1) == "ish")
    {
        let spec =
            Spec { hour: Some(n / 100), minute: Some(n % 100), ambiguous_hour: n / 100 <= 12, ..Spec::default() };
        let end = if t.w(j + 1) == "ish" { j + 2 } else { j + 1 };
        return Some((spec, end));
    }
    let (hour, mut end, written_as_word) = if let Some(h) = digits(t, j).filter(|h| *h <= 24 && t[j].lower.len() <= 2) {
        (h, j + 1, false)
    } else {
        let n = grammar::number(t, j, french).filter(|n| n.words && n.value.fract() == 0.0 && n.value <= 12.0)?;
        (n.value as u32, n.end, true)
    };
    let mut spec = Spec { hour: Some(hour), ..Spec::default() };
    let mut explicit = false;
    let mut h_notation = false;
    // ":18", ":23:24", "h30", "h", "heures 30", "oh three", "thirty".
    if t.is(end, &[":"]) && t.glued(end) && digits(t, end + 1).is_some() && t[end + 1].lower.len() == 2 {
        spec.minute = digits(t, end + 1);
        end += 2;
        explicit = true;
        if t.is(end, &[":"]) && t.glued(end) && digits(t, end + 1).is_some() {
            spec.second = digits(t, end + 1);
            end += 2;
        }
    } else if t.w(end) == "h" && t.glued(end) && !written_as_word {
        end += 1;
        explicit = true;
        h_notation = true;
        // Duckling gives English "15h" minute grain, French "15h" and "15H" hour grain.
        spec.grain = (!french).then_some("minute");
        if let Some(m) = digits(t, end).filter(|m| *m < 60 && t[end].lower.len() == 2 && t.glued(end)) {
            spec.minute = Some(m);
            end += 1;
        } else if t.get(end - 1).is_some_and(|x| x.cap) {
            spec.grain = None;
        } else if french
            && t.is(end, &["passé", "passées"])
            && let Some((m, e)) = minutes_after(t, end, french)
        {
            let shifted = shift_minutes(hour, m);
            spec.hour = shifted.hour;
            spec.minute = shifted.minute;
            end = e;
        }
    } else if t.is(end, &["heure", "heures", "o'clock"]) {
        end += 1;
        explicit = true;
        if let Some((m, e)) = minutes_after(t, end, french) {
            let s = shift_minutes(hour, m);
            spec.hour = s.hour;
            spec.minute = s.minute;
            end = e;
        }
    } else if !french
        && t.is(end, &["oh", "ou"])
        && let Some(n) = grammar::number(t, end + 1, false).filter(|n| n.value < 10.0)
    {
        spec.minute = Some(n.value as u32);
        end = n.end;
    } else if written_as_word
        && let Some(n) = grammar::number(t, end, french).filter(|n| n.words && n.value >= 10.0 && n.value < 60.0)
    {
        spec.minute = Some(n.value as u32);
        end = n.end;
    } else if t.is(end, &["-"]) && t.glued(end) && written_as_word && t.is(end + 1, &["thirty"]) {
        spec.minute = Some(30);
        end += 2;
    } else if !written_as_word && let Some(m) = digits(t, end).filter(|m| *m < 60 && t[end].lower.len() == 2 && j > i) {
        // "at 3 15"
        spec.minute = Some(m);
        end += 1;
    }
    // am / pm
    let meridiem = match (t.w(end), t.w(end + 1), t.w(end + 2)) {
        // The full stop after "a.m" is taken below, when there is one ("1A.m" has none).
        ("a", ".", "m") => Some((false, 3)),
        ("p", ".", "m") => Some((true, 3)),
        ("p", "m", _) => Some((true, 2)),
        ("am", _, _) => Some((false, 1)),
        ("pm", _, _) => Some((true, 1)),
        // A lone "a" or "p" after minutes or "at": "3:18a", "at 3p"; not "4a", "A4".
        ("a" | "p", _, _) if spec.minute.is_some() || j > i => Some((t.w(end) == "p", 1)),
        ("in", "the", "am" | "morning") => Some((false, 3)),
        ("in", "the", "afternoon" | "evening" | "pm") => Some((true, 3)),
        ("du", "matin", _) => Some((false, 2)),
        ("du", "soir", _) | ("de", "l'après", _) => Some((true, 2)),
        ("de", "l'", "après") => Some((true, 4)),
        ("tonight" | "ce", _, _) if t.w(end) == "tonight" || t.w(end + 1) == "soir" => {
            Some((true, if t.w(end) == "tonight" { 1 } else { 2 }))
        }
        ("this", "evening" | "afternoon", _) => Some((true, 2)),
        _ => None,
    };
    if let Some((pm, len)) = meridiem {
        let h = spec.hour?;
        if h > 12 || (h == 0 && pm) {
            return None;
        }
        spec.hour = Some(match (pm, h) {
            (true, 12) => 12,
            (true, h) => h + 12,
            (false, 12) => 0,
            (false, h) => h,
        });
        end += len;
        if t.is(end, &["."]) && t.glued(end) {
            end += 1;
        }
        if spec.minute.is_none() {
            spec.grain = None;
        }
        return Some((spec, end));
    }
    // A bare number is a time only after "at"/"à", or with minutes or "h", or before a day:
    // "9 tomorrow".
    let before_day = t.is(end, &["tomorrow", "today", "demain"]) && !written_as_word;
    if !explicit && spec.minute.is_none() && j == i && !before_day {
        return None;
    }
    if !explicit && spec.minute.is_none() && written_as_word && j == i {
        return None;
    }
    if !explicit && spec.minute.is_none() && unit_at(t, end).is_some() {
        return None;
    }
    spec.ambiguous_hour = hour <= 12 && hour > 0 && !t.w(j).starts_with('0') && !(french && explicit) && !h_notation;
    if hour > 24 || spec.minute.is_some_and(|m| m >= 60) {
        return None;
    }
    Some((spec, end))
}

/// Minutes after an hour word: "et quart", "et demie", "moins cinq", "trente", "passé de trente minutes".
fn minutes_after(t: &[Tok], i: usize, french: bool) -> Option<(i32, usize)> {
    match (t.w(i), t.w(i + 1)) {
        ("et", "quart") => return Some((15, i + 2)),
        ("et", "demie" | "demi") => return Some((30, i + 2)),
        ("trois", "quarts" | "quart") => return Some((45, i + 2)),
        ("quart", _) => return Some((15, i + 1)),
        ("demie", _) => return Some((30, i + 1)),
        ("moins", "le") if t.w(i + 2) == "quart" => return Some((-15, i + 3)),
        ("moins", "quart") => return Some((-15, i + 2)),
        ("moins", _) => {
            let n = grammar::number(t, i + 1, french)?;
            return Some((-(n.value as i32), n.end));
        }
        ("passé", "de") | ("passées", "de") => {
            let n = grammar::number(t, i + 2, french)?;
            let end = if t.is(n.end, &["minute", "minutes"]) { n.end + 1 } else { n.end };
            return Some((n.value as i32, end));
        }
        _ => {}
    }
    let n = grammar::number(t, i, french).filter(|n| n.value.fract() == 0.0 && (1.0..60.0).contains(&n.value))?;
    let end = if t.is(n.end, &["minute", "minutes"]) { n.end + 1 } else { n.end };
    Some((n.value as i32, end))
}

fn shift_minutes(hour: u32, minutes: i32) -> Spec {
    let total = (hour as i32 * 60 + minutes).rem_euclid(24 * 60);
    Spec { hour: Some((total / 60) as u32), minute: Some((total % 60) as u32), ..Spec::default() }
}

/// Unit words of relative expressions.
fn unit_at(t: &[Tok], i: usize) -> Option<(&'static str, usize)> {
    let unit = match t.w(i) {
        "second" | "seconds" | "seconde" | "secondes" | "sec" | "secs" => "second",
        "minute" | "minutes" | "min" | "mins" => "minute",
        "hour" | "hours" | "heure" | "heures" | "hr" | "hrs" => "hour",
        "day" | "days" | "jour" | "jours" | "journée" => "day",
        "week" | "weeks" | "semaine" | "semaines" => "week",
        "month" | "months" | "mois" => "month",
        "quarter" | "quarters" | "qtr" | "qtrs" | "trimestre" | "trimestres" => "quarter",
        "year" | "years" | "yr" | "yrs" | "an" | "ans" | "année" | "années" | "annee" | "annees" => "year",
        _ => return None,
    };
    Some((unit, i + 1))
}

/// Start of the `grain` containing `at`.
fn truncate(at: NaiveDateTime, grain: &str) -> NaiveDateTime {
    let d = at.date();
    let midnight = |d: NaiveDate| d.and_time(NaiveTime::MIN);
    match grain {
        "second" => at.with_nanosecond(0).unwrap_or(at),
        "minute" => at.with_second(0).and_then(|x| x.with_nanosecond(0)).unwrap_or(at),
        "hour" => d.and_hms_opt(at.hour(), 0, 0).unwrap_or(at),
        "day" => midnight(d),
        "week" => midnight(d - Duration::days(i64::from(d.weekday().num_days_from_monday()))),
        "month" => midnight(d.with_day(1).unwrap_or(d)),
        "quarter" => midnight(NaiveDate::from_ymd_opt(d.year(), (d.month() - 1) / 3 * 3 + 1, 1).unwrap_or(d)),
        _ => midnight(NaiveDate::from_ymd_opt(d.year(), 1, 1).unwrap_or(d)),
    }
}

/// `at` moved by `seconds`; `at` itself when that leaves the calendar.
fn plus_seconds(at: NaiveDateTime, seconds: f64) -> NaiveDateTime {
    if !seconds.is_finite() || seconds.abs() > 1e11 {
        return at;
    }
    Duration::try_seconds(seconds as i64).and_then(|d| at.checked_add_signed(d)).unwrap_or(at)
}

/// `at` moved by `n` units (calendar months and years).
fn add(at: NaiveDateTime, unit: &str, n: i64) -> NaiveDateTime {
    let months = |at: NaiveDateTime, m: i64| {
        let m = m.clamp(-120_000, 120_000);
        let total = at.year() as i64 * 12 + at.month0() as i64 + m;
        let (y, m0) = (total.div_euclid(12) as i32, total.rem_euclid(12) as u32);
        let last_day = (28..=31).rev().find(|&d| NaiveDate::from_ymd_opt(y, m0 + 1, d).is_some()).unwrap_or(28);
        NaiveDate::from_ymd_opt(y, m0 + 1, at.day().min(last_day)).map_or(at, |d| d.and_time(at.time()))
    };
    match unit {
        "second" => plus_seconds(at, n as f64),
        "minute" => plus_seconds(at, n as f64 * 60.0),
        "hour" => plus_seconds(at, n as f64 * 3600.0),
        "day" => plus_seconds(at, n as f64 * 86400.0),
        "week" => plus_seconds(at, n as f64 * 604_800.0),
        "month" => months(at, n),
        "quarter" => months(at, n.saturating_mul(3)),
        _ => months(at, n.saturating_mul(12)),
    }
}

/// The grain Duckling gives "in N units" / "N units ago": one finer than the unit.
fn offset_grain(unit: &str) -> &'static str {
    match unit {
        "second" | "minute" => "second",
        "hour" => "minute",
        "day" => "hour",
        "week" | "month" => "day",
        _ => "month",
    }
}

/// A parsed time: a spec to resolve, or an interval.
#[derive(Debug, Clone)]
enum Parsed {
    Spec(Spec),
    Interval(Option<(NaiveDateTime, &'static str)>, Option<(NaiveDateTime, &'static str)>),
}

/// A relative expression at `i`: "tomorrow", "next week", "in 3 days", "3 days ago", "last 2 weeks",
/// "mardi prochain", "tonight".
fn relative_at(t: &[Tok], i: usize, r: &Reference, french: bool, dir: Direction) -> Option<(Parsed, usize)> {
    let today = r.now.date();
    let fixed_day = |d: NaiveDate| Spec { date: Some(d), ..Spec::default() };
    let w = t.w(i);
    // Deictic days.
    let delta: Option<i64> = match w {
        "today" | "aujourd'hui" => Some(0),
        "tomorrow" | "tomorrows" | "demain" => Some(1),
        "yesterday" | "hier" => Some(-1),
        "après" if t.is(i + 1, &["-"]) && t.is(i + 2, &["demain"]) => Some(2),
        "avant" if t.is(i + 1, &["-"]) && t.is(i + 2, &["hier"]) => Some(-2),
        _ => None,
    };
    if let Some(d) = delta {
        let end = if d.abs() == 2 { i + 3 } else { i + 1 };
        return Some((Parsed::Spec(fixed_day(today + Duration::days(d))), end));
    }
    let french_day = match (w, t.w(i + 1), t.w(i + 2)) {
        ("le", "lendemain", _) => Some((1, i + 2)),
        ("lendemain", _, _) => Some((1, i + 1)),
        ("la", "veille", _) => Some((-1, i + 2)),
        ("veille", _, _) => Some((-1, i + 1)),
        ("le", "jour", "précédent" | "d'avant" | "avant") => Some((-1, i + 3)),
        ("le", "jour", "suivant" | "d'après" | "après") => Some((1, i + 3)),
        _ => None,
    };
    if let Some((d, end)) = french_day
        && !t.is(end, &["du", "de"])
    {
        return Some((Parsed::Spec(fixed_day(today + Duration::days(d))), end));
    }
    if w == "the" || w == "day" {
        let k = if w == "the" { i + 1 } else { i };
        if t.is(k, &["day"]) && t.is(k + 1, &["after", "before"]) && t.is(k + 2, &["tomorrow", "yesterday"]) {
            let d = if t.w(k + 2) == "tomorrow" { 2 } else { -2 };
            return Some((Parsed::Spec(fixed_day(today + Duration::days(d))), k + 3));
        }
    }
    // "ASAP": from now on.
    if w == "asap" || (w == "as" && t.is(i + 1, &["soon"]) && t.is(i + 2, &["as"]) && t.is(i + 3, &["possible"])) {
        let end = if w == "asap" { i + 1 } else { i + 4 };
        return Some((Parsed::Interval(Some((r.now, "second")), None), end));
    }
    if matches!(w, "now" | "maintenant") || (w == "right" && t.is(i + 1, &["now"])) {
        let end = if w == "right" { i + 2 } else { i + 1 };
        return Some((Parsed::Spec(Spec { fixed: Some((r.now, "second")), ..Spec::default() }), end));
    }
    if w == "at" && t.is(i + 1, &["the"]) && t.is(i + 2, &["moment"]) {
        return Some((Parsed::Spec(Spec { fixed: Some((r.now, "second")), ..Spec::default() }), i + 3));
    }
    // Parts of the day: "tonight", "this evening", "ce soir", "last night", "cet après-midi".
    if let Some((from_h, to_h, day_delta, end)) = part_of_day(t, i) {
        let day = today + Duration::days(day_delta);
        return Some((Parsed::Spec(Spec { date: Some(day), part: Some((from_h, to_h)), ..Spec::default() }), end));
    }
    // "in 3 days", "dans 2 heures", "within 2 weeks", "d'ici 2 semaines": times in Duckling's
    // reading; news reads "dans deux jours" as a duration.
    if dir == Direction::Future && (t.is(i, &["in", "dans", "within"]) || (t.is(i, &["d'"]) && t.is(i + 1, &["ici"]))) {
        let k = if t.is(i, &["d'"]) { i + 2 } else { i + 1 };
        let mut k2 = k;
        if t.is(k2, &["about", "around", "environ"]) {
            k2 += 1;
        }
        if let Some(d) = grammar::duration(t, k2, french) {
            let target = plus_seconds(r.now, d.seconds);
            let grain = offset_grain(d.unit);
            if t.is(i, &["d'"]) || t.is(i, &["within"]) {
                return Some((
                    Parsed::Interval(Some((r.now, "second")), Some((truncate(target, "day"), "second"))),
                    d.end,
                ));
            }
            let at =
                if matches!(d.unit, "month" | "year" | "week") { add(r.now, d.unit, d.value as i64) } else { target };
            return Some((Parsed::Spec(Spec { fixed: Some((truncate(at, grain), grain)), ..Spec::default() }), d.end));
        }
        // "dans la semaine"
        if french && t.is(k, &["la"]) && t.is(k + 1, &["semaine"]) {
            let at = truncate(r.now, "week");
            return Some((Parsed::Spec(Spec { fixed: Some((at, "week")), ..Spec::default() }), k + 2));
        }
    }
    // "il y a 3 jours"
    if t.is(i, &["il"])
        && t.is(i + 1, &["y"])
        && t.is(i + 2, &["a"])
        && let Some(d) = grammar::duration(t, i + 3, french)
    {
        let grain = offset_grain(d.unit);
        let at = add(r.now, d.unit, -(d.value as i64));
        return Some((Parsed::Spec(Spec { fixed: Some((truncate(at, grain), grain)), ..Spec::default() }), d.end));
    }
    // "3 days ago", "a week ago", "2 years hence", "a day from now", "3 fridays from now".
    if let Some(d) = grammar::duration(t, i, french)
        && d.value.fract() == 0.0
    {
        let sign = match (t.w(d.end), t.w(d.end + 1), t.w(d.end + 2)) {
            ("ago" | "back" | "earlier", _, _) => Some((-1, d.end + 1)),
            ("hence" | "later", _, _) => Some((1, d.end + 1)),
            ("from", "now", _) => Some((1, d.end + 2)),
            ("from", "right", "now") => Some((1, d.end + 3)),
            ("plus", "tard", _) => Some((1, d.end + 2)),
            ("après", _, _) if d.unit == "day" => Some((1, d.end + 1)),
            ("avant", _, _) if d.unit == "day" => Some((-1, d.end + 1)),
            _ => None,
        };
        if let Some((sign, end)) = sign {
            // French "deux jours plus tard" names the day.
            let french_day = french && d.unit == "day";
            let grain = if french_day { "day" } else { offset_grain(d.unit) };
            let at = if matches!(d.unit, "month" | "year" | "week") || sign < 0 {
                add(r.now, d.unit, (d.value as i64).saturating_mul(sign))
            } else {
                plus_seconds(r.now, d.seconds)
            };
            let grain = if t.w(d.end + 2) == "now" && t.w(d.end + 1) == "right" { "second" } else { grain };
            return Some((Parsed::Spec(Spec { fixed: Some((truncate(at, grain), grain)), ..Spec::default() }), end));
        }
    }
    // "this/next/last/past/coming week", "current year", "cette semaine", "la semaine prochaine".
    let (shift, unit, end) = if let Some((unit, e)) = unit_at(t, i + 1).filter(|_| !t.is(i, &["la", "le", "l'"])) {
        let shift = match w {
            "this" | "current" | "cette" | "cet" | "ce" => Some(0),
            "next" | "coming" | "upcoming" => Some(1),
            "last" | "past" | "previous" => Some(-1),
            _ => None,
        };
        (shift, unit, e)
    } else if t.is(i, &["la", "le", "l'"])
        && let Some((unit, e)) = unit_at(t, i + 1)
    {
        let shift = match t.w(e) {
            "prochaine" | "prochain" | "suivante" | "suivant" => Some(1),
            "dernière" | "dernier" | "derniere" | "passée" | "passé" | "précédente" | "précédent" => Some(-1),
            "qui" if t.is(e + 1, &["suit", "vient"]) => Some(1),
            _ => None,
        };
        let end = if t.w(e) == "qui" { e + 2 } else { e + 1 };
        (shift, unit, end)
    } else if let Some((unit, e)) = unit_at(t, i).filter(|_| french) {
        let shift = match t.w(e) {
            "prochaine" | "prochain" => Some(1),
            "dernière" | "dernier" | "passée" | "passé" => Some(-1),
            _ => None,
        };
        (shift, unit, e + 1)
    } else {
        (None, "", i)
    };
    if let Some(shift) = shift
        && !matches!(unit, "second" | "minute" | "hour")
    {
        let at = truncate(add(truncate(r.now, unit), unit, shift), unit);
        return Some((Parsed::Spec(Spec { fixed: Some((at, unit)), ..Spec::default() }), end));
    }
    // "upcoming two weeks", "2 upcoming days": the unit N units ahead.
    let upcoming = if t.is(i, &["upcoming"]) {
        grammar::number(t, i + 1, french).map(|n| (n, n.end))
    } else {
        grammar::number(t, i, french).filter(|n| t.is(n.end, &["upcoming"])).map(|n| (n, n.end + 1))
    };
    if let Some((n, k)) = upcoming
        && (1.0..=1000.0).contains(&n.value)
        && let Some((unit, end)) = unit_at(t, k).filter(|(u, _)| !matches!(*u, "second" | "minute" | "hour"))
    {
        let at = add(truncate(r.now, unit), unit, n.value as i64);
        return Some((Parsed::Spec(Spec { fixed: Some((at, unit)), ..Spec::default() }), end));
    }
    // "last 2 weeks", "next 3 days", "past 2 weeks", "2 dernières semaines", "3 prochaines heures".
    let (sign, n, unit, end) = if t.is(i, &["last", "past", "next", "coming"])
        && let Some(n) =
            grammar::number(t, i + 1, french).filter(|n| (1.0..=1e6).contains(&n.value) && n.value.fract() == 0.0)
        && let Some((unit, e)) = unit_at(t, n.end)
    {
        (if t.is(i, &["next", "coming"]) { 1 } else { -1 }, n.value as i64, unit, e)
    } else if t.is(i, &["next"])
        && t.is(i + 1, &["few"])
        && let Some((unit, e)) = unit_at(t, i + 2)
    {
        (1, 3, unit, e)
    } else if let Some(n) =
        grammar::number(t, i, french).filter(|n| (1.0..=1e6).contains(&n.value) && n.value.fract() == 0.0)
        && french
        && t.is(n.end, &["dernières", "derniers", "dernieres", "prochaines", "prochains"])
        && let Some((unit, e)) = unit_at(t, n.end + 1)
    {
        (if t.w(n.end).starts_with("proch") { 1 } else { -1 }, n.value as i64, unit, e)
    } else if let Some(n) =
        grammar::number(t, i, french).filter(|n| (1.0..=1e6).contains(&n.value) && n.value.fract() == 0.0)
        && french
        && let Some((unit, e)) = unit_at(t, n.end)
        && t.is(e, &["passées", "passés", "dernières", "derniers", "prochaines", "prochains", "suivantes", "suivants"])
    {
        (if t.w(e).starts_with("proch") || t.w(e).starts_with("suiv") { 1 } else { -1 }, n.value as i64, unit, e + 1)
    } else {
        (0, 0, "", i)
    };
    if sign != 0 {
        let base = truncate(r.now, unit);
        let (from, to) =
            if sign > 0 { (add(base, unit, 1), add(base, unit, 1 + n)) } else { (add(base, unit, -n), base) };
        return Some((Parsed::Interval(Some((from, unit)), Some((to, unit))), end));
    }
    None
}

/// Parts of a day: (from hour, to hour, day offset, end).
fn part_of_day(t: &[Tok], i: usize) -> Option<(u32, u32, i64, usize)> {
    let (day, k) = match t.w(i) {
        "this" | "today" | "ce" | "cet" | "cette" | "aujourd'hui" => (0, i + 1),
        "tomorrow" | "demain" => (1, i + 1),
        "yesterday" | "hier" => (-1, i + 1),
        "last" if t.is(i + 1, &["night"]) => (-1, i + 1),
        "tonight" => return Some((18, 24, 0, i + 1)),
        "late" if t.is(i + 1, &["tonight"]) => return Some((21, 24, 0, i + 2)),
        _ => return None,
    };
    let (from, to, len) = match (t.w(k), t.w(k + 1), t.w(k + 2)) {
        ("morning" | "matin", _, _) => (0, 12, 1),
        ("après", "-", "midi") => (12, 19, 3),
        ("afternoon", _, _) => (12, 19, 1),
        ("evening" | "night" | "soir" | "soirée", _, _) => (18, 24, 1),
        ("lunch", _, _) => (12, 14, 1),
        _ => return None,
    };
    Some((from, to, day, k + len))
}

/// Weekday with modifiers: "next tuesday", "last tuesday", "mardi prochain", "wednesday next week",
/// "friday after next", "monday of this week".
fn weekday_expr(t: &[Tok], i: usize, r: &Reference) -> Option<(Spec, usize)> {
    let today = r.now.date();
    let modifier = t.w(i);
    let (pre, k) = match (modifier, t.w(i + 1)) {
        ("last", "week's") => (Some("last week's"), i + 2),
        ("next", "week's") => (Some("next week's"), i + 2),
        ("next" | "this" | "last" | "coming", _) => (Some(modifier), i + 1),
        _ => (None, i),
    };
    let (wd, mut end) = weekday_at(t, k)?;
    let first_after =
        |from: NaiveDate| (1..=7).map(|n| from + Duration::days(n)).find(|d| d.weekday() == wd).unwrap_or(from);
    let last_before =
        |from: NaiveDate| (1..=7).map(|n| from - Duration::days(n)).find(|d| d.weekday() == wd).unwrap_or(from);
    let monday = today - Duration::days(i64::from(today.weekday().num_days_from_monday()));
    let in_week = |week_start: NaiveDate| week_start + Duration::days(i64::from(wd.num_days_from_monday()));
    let mut date = match pre {
        Some("next" | "coming") => Some(first_after(today)),
        Some("last") => Some(last_before(today)),
        Some("last week's") => Some(in_week(monday - Duration::weeks(1))),
        Some("next week's") => Some(in_week(monday + Duration::weeks(1))),
        Some("this") => Some(in_week(monday)),
        _ => None,
    };
    if date.is_none() {
        let post = (t.w(end), t.w(end + 1), t.w(end + 2));
        let (d, len) = match post {
            ("prochain" | "d'après", _, _) => (Some(first_after(today)), 1),
            ("dernier", _, _) => (Some(last_before(today)), 1),
            ("next", "week", _) | ("la", "semaine", "prochaine") => {
                (Some(in_week(monday + Duration::weeks(1))), if post.0 == "la" { 3 } else { 2 })
            }
            ("de", "la", "semaine") if t.w(end + 3) == "suivante" || t.w(end + 3) == "prochaine" => {
                (Some(in_week(monday + Duration::weeks(1))), 4)
            }
            ("after", "next", _) => (Some(first_after(today) + Duration::weeks(1)), 2),
            ("of", "this", "week") | ("cette", "semaine", _) => {
                (Some(in_week(monday)), if post.0 == "of" { 3 } else { 2 })
            }
            ("from", "last", "week") => (Some(in_week(monday - Duration::weeks(1))), 3),
            ("en", "huit" | "8", _) => (Some(first_after(today + Duration::days(6))), 2),
            ("en", "15" | "quinze", _) => (Some(first_after(today + Duration::days(13))), 2),
            _ => (None, 0),
        };
        date = d;
        end += len;
    }
    let mut spec = Spec { weekday: Some(wd), ..Spec::default() };
    if let Some(d) = date {
        spec.date = Some(d);
        spec.weekday = None;
    }
    Some((spec, end))
}

/// Fixed-date holidays.
fn holiday_at(t: &[Tok], i: usize) -> Option<(Spec, usize)> {
    const HOLIDAYS: &[(&[&str], u32, u32)] = &[
        (&["christmas"], 12, 25),
        (&["xmas"], 12, 25),
        (&["christmas", "day"], 12, 25),
        (&["noël"], 12, 25),
        (&["noel"], 12, 25),
        (&["jour", "de", "noel"], 12, 25),
        (&["jour", "de", "noël"], 12, 25),
        (&["christmas", "eve"], 12, 24),
        (&["new", "year's", "eve"], 12, 31),
        (&["new", "years", "eve"], 12, 31),
        (&["new", "year's", "day"], 1, 1),
        (&["new", "years", "day"], 1, 1),
        (&["jour", "de", "l'", "an"], 1, 1),
        (&["valentine's", "day"], 2, 14),
        (&["valentine", "day"], 2, 14),
        (&["saint", "valentin"], 2, 14),
        (&["halloween"], 10, 31),
        (&["toussaint"], 11, 1),
        (&["la", "toussaint"], 11, 1),
        (&["st", "patrick's", "day"], 3, 17),
        (&["saint", "patrick's", "day"], 3, 17),
        (&["saint", "paddy's", "day"], 3, 17),
        (&["st", "paddy's", "day"], 3, 17),
        (&["independence", "day"], 7, 4),
        (&["veterans", "day"], 11, 11),
        (&["armistice"], 11, 11),
        (&["fête", "nationale"], 7, 14),
        (&["ides", "of", "march"], 3, 15),
        (&["the", "ides", "of", "march"], 3, 15),
    ];
    static INDEX: LazyLock<Phrases<(u32, u32)>> =
        LazyLock::new(|| Phrases::new(HOLIDAYS.iter().map(|&(words, month, day)| (words, (month, day)))));
    let ((month, day), mut end) = INDEX.longest_at(t, i)?;
    let mut spec = Spec { month: Some(month), day: Some(day), ..Spec::default() };
    if let Some(y) = year_of(t, end).filter(|_| t[end].lower.len() == 4) {
        spec.year = Some(y);
        end += 1;
    }
    Some((spec, end))
}

/// Easter Sunday (Gregorian), by the anonymous algorithm.
fn easter(y: i32) -> Option<NaiveDate> {
    let (a, b, c) = (y % 19, y / 100, y % 100);
    let (d, e) = (b / 4, b % 4);
    let g = (8 * b + 13) / 25;
    let h = (19 * a + b - d - g + 15) % 30;
    let (i, k) = (c / 4, c % 4);
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 19 * l) / 433;
    let month = (h + l - 7 * m + 90) / 25;
    let day = (h + l - 7 * m + 33 * month + 19) % 32;
    NaiveDate::from_ymd_opt(y, month as u32, day as u32)
}

/// Orthodox Easter (Julian computus, as a Gregorian date; 1900–2099).
fn orthodox_easter(y: i32) -> Option<NaiveDate> {
    let a = (19 * (y % 19) + 15) % 30;
    let b = (2 * (y % 4) + 4 * (y % 7) - a + 34) % 7;
    let month = (a + b + 114) / 31;
    let day = (a + b + 114) % 31 + 1;
    NaiveDate::from_ymd_opt(y, month as u32, day as u32).map(|d| d + Duration::days(13))
}

fn nth_weekday(y: i32, month: u32, wd: Weekday, n: u8) -> Option<NaiveDate> {
    NaiveDate::from_weekday_of_month_opt(y, month, wd, n)
}

fn last_weekday(y: i32, month: u32, wd: Weekday) -> Option<NaiveDate> {
    (1..=5).rev().find_map(|n| nth_weekday(y, month, wd, n))
}

fn easter_plus(y: i32, days: i64) -> Option<NaiveDate> {
    easter(y).map(|d| d + Duration::days(days))
}

/// Day `d` of month `m` of year `y` of the tabular Islamic calendar (civil epoch), as a
/// Gregorian date.
fn islamic(y: i64, m: i64, d: i64) -> Option<NaiveDate> {
    let jdn = d + (59 * (m - 1) + 1) / 2 + (y - 1) * 354 + (3 + 11 * y) / 30 + 1_948_439 - 1;
    NaiveDate::from_num_days_from_ce_opt(i32::try_from(jdn - 1_721_425).ok()?)
}

/// The first date in Gregorian year `gy` that is day `d` of Islamic month `m`.
fn islamic_in(gy: i32, m: i64, d: i64) -> Option<NaiveDate> {
    let approx = (i64::from(gy) - 622) * 33 / 32;
    (approx - 2..=approx + 2).filter_map(|y| islamic(y, m, d)).find(|date| date.year() == gy)
}

/// Feasts whose date moves: names (as words) and the day they fall on in a year.
type FeastDay = fn(i32) -> Option<NaiveDate>;
const FEASTS: &[(&[&[&str]], FeastDay)] = &[
    (&[&["easter"], &["easter", "sunday"], &["pâques"], &["paques"], &["dimanche", "de", "pâques"]], |y| easter(y)),
    (&[&["easter", "mon"], &["easter", "monday"], &["lundi", "de", "pâques"]], |y| easter_plus(y, 1)),
    (&[&["good", "friday"], &["vendredi", "saint"]], |y| easter_plus(y, -2)),
    (
        &[
            &["maundy", "thursday"],
            &["covenant", "thu"],
            &["covenant", "thursday"],
            &["thu", "of", "mysteries"],
            &["holy", "thursday"],
            &["jeudi", "saint"],
        ],
        |y| easter_plus(y, -3),
    ),
    (&[&["palm", "sunday"], &["branch", "sunday"], &["dimanche", "des", "rameaux"], &["rameaux"]], |y| {
        easter_plus(y, -7)
    }),
    (&[&["ash", "wednesday"], &["mercredi", "des", "cendres"]], |y| easter_plus(y, -46)),
    (&[&["pancake", "day"], &["shrove", "tuesday"], &["mardi", "gras"]], |y| easter_plus(y, -47)),
    (&[&["ascension"], &["ascension", "day"], &["l'", "ascension"]], |y| easter_plus(y, 39)),
    (&[&["pentecost"], &["white", "sunday"], &["whit", "sunday"], &["pentecôte"], &["la", "pentecôte"]], |y| {
        easter_plus(y, 49)
    }),
    (&[&["whit", "monday"], &["monday", "of", "the", "holy", "spirit"], &["lundi", "de", "pentecôte"]], |y| {
        easter_plus(y, 50)
    }),
    (&[&["orthodox", "easter"], &["pâques", "orthodoxe"]], orthodox_easter),
    (&[&["thanksgiving"], &["thanksgiving", "day"]], |y| nth_weekday(y, 11, Weekday::Thu, 4)),
    (
        &[
            &["mlk", "day"],
            &["martin", "luther", "king", "day"],
            &["martin", "luther", "king's", "day"],
            &["martin", "luther", "king", "jr", "day"],
            &["civil", "rights", "day"],
        ],
        |y| nth_weekday(y, 1, Weekday::Mon, 3),
    ),
    (&[&["memorial", "day"]], |y| last_weekday(y, 5, Weekday::Mon)),
    (&[&["labor", "day"], &["labour", "day"]], |y| nth_weekday(y, 9, Weekday::Mon, 1)),
    (&[&["mother's", "day"], &["mothers", "day"]], |y| nth_weekday(y, 5, Weekday::Sun, 2)),
    (&[&["father's", "day"], &["fathers", "day"]], |y| nth_weekday(y, 6, Weekday::Sun, 3)),
    // King's Day (Netherlands): 27 April, the 26th when the 27th is a Sunday.
    (&[&["king's", "day"], &["kings", "day"], &["koningsdag"]], |y| {
        NaiveDate::from_ymd_opt(y, 4, 27).map(|d| if d.weekday() == Weekday::Sun { d - Duration::days(1) } else { d })
    }),
    // Boss's Day (US): 16 October, moved to the nearest weekday.
    (&[&["boss's", "day"], &["boss's"], &["bosses", "day"], &["national", "boss's", "day"]], |y| {
        NaiveDate::from_ymd_opt(y, 10, 16).map(|d| match d.weekday() {
            Weekday::Sat => d - Duration::days(1),
            Weekday::Sun => d + Duration::days(1),
            _ => d,
        })
    }),
    // Solar-calendar feasts, on their usual Gregorian day (a day off in some years).
    (&[&["pongal"], &["thai", "pongal"]], |y| NaiveDate::from_ymd_opt(y, 1, 14)),
    (&[&["mattu", "pongal"], &["maattu", "pongal"]], |y| NaiveDate::from_ymd_opt(y, 1, 15)),
    (&[&["kaanum", "pongal"], &["kanni", "pongal"]], |y| NaiveDate::from_ymd_opt(y, 1, 16)),
    (&[&["vaisakhi"], &["vasakhi"], &["baisakhi"]], |y| NaiveDate::from_ymd_opt(y, 4, 14)),
    (&[&["rabindra", "jayanti"], &["rabindranath", "jayanti"]], |y| NaiveDate::from_ymd_opt(y, 5, 9)),
    // Islamic feasts, by the tabular Islamic calendar (a day off the sighted calendar in some years).
    (
        &[
            &["eid", "al", "-", "fitr"],
            &["eid", "ul", "-", "fitr"],
            &["id", "ul", "-", "fitr"],
            &["aïd", "el", "-", "fitr"],
        ],
        |y| islamic_in(y, 10, 1),
    ),
    (
        &[
            &["eid", "al", "-", "adha"],
            &["eid", "ul", "-", "adha"],
            &["id", "ul", "-", "adha"],
            &["bakr", "id"],
            &["sacrifice", "feast"],
            &["aïd", "el", "-", "kébir"],
        ],
        |y| islamic_in(y, 12, 10),
    ),
    (&[&["mawlid"], &["mawlid", "al", "-", "nabawi"], &["mawlid", "an", "-", "nabi"]], |y| islamic_in(y, 3, 12)),
    (
        &[
            &["laylat", "al", "kadr"],
            &["laylat", "al", "-", "qadr"],
            &["laylat", "al", "qadr"],
            &["night", "of", "power"],
        ],
        |y| islamic_in(y, 9, 27),
    ),
    (&[&["ashura"], &["day", "of", "ashura"]], |y| islamic_in(y, 1, 10)),
    (&[&["isra", "and", "mi'raj"], &["the", "night", "journey"], &["isra", "mi'raj"]], |y| islamic_in(y, 7, 27)),
    (&[&["jamat", "ul", "-", "vida"], &["jumu'atul", "-", "wida"], &["jumu'ah", "al", "-", "wida"]], |y| {
        // The last Friday of Ramadan.
        let end = islamic_in(y, 10, 1)?;
        (1..=7).map(|n| end - Duration::days(n)).find(|d| d.weekday() == Weekday::Fri)
    }),
];

/// A movable feast: "easter", "next thanksgiving", "MLK day of last year", "pentecôte 2013".
fn feast_at(t: &[Tok], i: usize, r: &Reference) -> Option<(Spec, usize)> {
    let (which, k) = match t.w(i) {
        "last" | "past" | "previous" => (-1, i + 1),
        "next" | "coming" => (1, i + 1),
        "this" => (0, i + 1),
        _ => (0, i),
    };
    static INDEX: LazyLock<Phrases<usize>> = LazyLock::new(|| {
        Phrases::new(FEASTS.iter().enumerate().flat_map(|(index, (names, _))| names.iter().map(move |n| (*n, index))))
    });
    let (index, mut end) = INDEX.longest_at(t, k)?;
    let mut spec = Spec { feast: Some((index, which)), ..Spec::default() };
    if let Some(y) = year_of(t, end).filter(|_| t[end].lower.len() == 4) {
        spec.year = Some(y);
        end += 1;
    } else if let Some(n) = grammar::number(t, end, false).filter(|n| n.words && (1000.0..=2100.0).contains(&n.value)) {
        spec.year = Some(n.value as i32);
        end = n.end;
    } else if t.is(end, &["of"]) && t.is(end + 1, &["last", "next", "this"]) && t.is(end + 2, &["year"]) {
        let shift = match t.w(end + 1) {
            "last" => -1,
            "next" => 1,
            _ => 0,
        };
        spec.year = Some(r.now.year() + shift);
        end += 3;
    }
    Some((spec, end))
}

/// Days from the epoch to Rosh Hashanah of Hebrew year `y` (Dershowitz and Reingold).
fn hebrew_elapsed(y: i64) -> i64 {
    let months = (235 * y - 234).div_euclid(19);
    let parts = 12_084 + 13_753 * months;
    let day = 29 * months + parts.div_euclid(25_920);
    if (3 * (day + 1)).rem_euclid(7) < 3 { day + 1 } else { day }
}

/// Rosh Hashanah (1 Tishri) of Hebrew year `y`, as a day count from 0001-01-01 (R.D.).
fn hebrew_new_year(y: i64) -> i64 {
    let (ny0, ny1, ny2) = (hebrew_elapsed(y - 1), hebrew_elapsed(y), hebrew_elapsed(y + 1));
    let correction = if ny2 - ny1 == 356 {
        2
    } else if ny1 - ny0 == 382 {
        1
    } else {
        0
    };
    -1_373_427 + ny1 + correction
}

fn from_rd(rd: i64) -> Option<NaiveDate> {
    NaiveDate::from_num_days_from_ce_opt(i32::try_from(rd).ok()?)
}

/// Jewish feasts, given as Duckling gives them: from the eve (Hebrew days start at sundown),
/// a day or an interval of days. Returns the first day and the number of days.
fn jewish_feast(name: usize, gy: i32) -> Option<(NaiveDate, i64)> {
    let autumn = i64::from(gy) + 3761; // the Hebrew year starting in autumn of `gy`
    let spring = autumn - 1; // the one whose spring falls in `gy`
    let ny = hebrew_new_year(autumn);
    let length = hebrew_new_year(autumn + 1) - ny;
    let heshvan = if length % 10 == 5 { 30 } else { 29 };
    let spring_ny = hebrew_new_year(spring);
    let spring_length = hebrew_new_year(spring + 1) - spring_ny;
    let (spring_heshvan, spring_kislev) =
        (if spring_length % 10 == 5 { 30 } else { 29 }, if spring_length % 10 == 3 { 29 } else { 30 });
    let passover = hebrew_new_year(spring + 1) - 163; // 15 Nisan
    let weekday = |rd: i64| from_rd(rd).map(|d| d.weekday());
    let (first_day, days) = match name {
        0 => (ny, 3),                                                        // Rosh Hashanah, eve and two days
        1 => (ny + 9, 1),                                                    // Yom Kippur
        2 => (ny + 21, 1),                                                   // Shemini Atzeret
        3 => (ny + 30 + heshvan + 24, 8),                                    // Hanukkah
        4 => (spring_ny + 30 + spring_heshvan + spring_kislev + 29 + 14, 1), // Tu BiShvat
        5 => (passover, 8),                                                  // Passover
        6 => {
            // Yom HaShoah, 27 Nisan, moved off Friday and Sunday.
            let day = passover + 12;
            let shift = match weekday(day)? {
                Weekday::Fri => -1,
                Weekday::Sun => 1,
                _ => 0,
            };
            (day + shift, 1)
        }
        7 => {
            // Yom Ha'atzmaut, 5 Iyar, moved off Friday, Saturday and Monday.
            let day = passover + 20;
            let shift = match weekday(day)? {
                Weekday::Fri => -1,
                Weekday::Sat => -2,
                Weekday::Mon => 1,
                _ => 0,
            };
            (day + shift, 1)
        }
        _ => {
            // Tisha B'Av, 9 Av, moved off Saturday.
            let day = passover + 112;
            (if weekday(day)? == Weekday::Sat { day + 1 } else { day }, 1)
        }
    };
    Some((from_rd(first_day - 1)?, days))
}

/// "rosh hashanah 2018", "Chanukah", "yom kippur".
fn jewish_feast_at(t: &[Tok], i: usize, r: &Reference, dir: Direction) -> Option<(Parsed, usize)> {
    const NAMES: &[(&[&str], usize)] = &[
        (&["rosh", "hashanah"], 0),
        (&["rosh", "hashana"], 0),
        (&["rosh", "hashanna"], 0),
        (&["yom", "kippur"], 1),
        (&["shemini", "atzeret"], 2),
        (&["hanukkah"], 3),
        (&["chanukah"], 3),
        (&["hannukkah"], 3),
        (&["hanukah"], 3),
        (&["tu", "bishvat"], 4),
        (&["passover"], 5),
        (&["pessah"], 5),
        (&["yom", "hashoah"], 6),
        (&["holocaust", "day"], 6),
        (&["yom", "haatzmaut"], 7),
        (&["yom", "ha'atzmaut"], 7),
        (&["tisha", "b'av"], 8),
    ];
    static INDEX: LazyLock<Phrases<usize>> = LazyLock::new(|| Phrases::new(NAMES.iter().copied()));
    let (name, mut end) = INDEX.longest_at(t, i)?;
    let today = r.now.date();
    let (first, days) = if let Some(y) = year_of(t, end).filter(|_| t[end].lower.len() == 4) {
        end += 1;
        jewish_feast(name, y)?
    } else {
        let this = jewish_feast(name, today.year())?;
        match dir {
            Direction::Future if this.0 < today => jewish_feast(name, today.year() + 1)?,
            Direction::Past if this.0 > today => jewish_feast(name, today.year() - 1)?,
            _ => this,
        }
    };
    let at = first.and_time(NaiveTime::MIN);
    if days == 1 {
        return Some((Parsed::Spec(Spec { fixed: Some((at, "day")), ..Spec::default() }), end));
    }
    Some((Parsed::Interval(Some((at, "day")), Some((at + Duration::days(days), "day"))), end))
}

/// Feasts that last: Earth Hour (the last Saturday of March but Holy Saturday, 20:30 to 21:30) and Lent (Ash
/// Wednesday to Easter).
fn lasting_feast_at(t: &[Tok], i: usize, r: &Reference, dir: Direction) -> Option<(Parsed, usize)> {
    let (earth_hour, len) = match (t.w(i), t.w(i + 1)) {
        ("earth", "hour") => (true, 2),
        ("lent" | "carême", _) => (false, 1),
        _ => return None,
    };
    let mut end = i + len;
    let span = |y: i32| -> Option<(NaiveDateTime, NaiveDateTime)> {
        if earth_hour {
            // The last Saturday of March, a week earlier when that is Holy Saturday.
            let last = last_weekday(y, 3, Weekday::Sat)?;
            let saturday = if easter(y) == Some(last + Duration::days(1)) { last - Duration::days(7) } else { last };
            Some((saturday.and_hms_opt(20, 30, 0)?, saturday.and_hms_opt(21, 31, 0)?))
        } else {
            let easter = easter(y)?;
            Some(((easter - Duration::days(46)).and_time(NaiveTime::MIN), easter.and_time(NaiveTime::MIN)))
        }
    };
    let year = if let Some(y) = year_of(t, end).filter(|_| t[end].lower.len() == 4) {
        end += 1;
        y
    } else {
        let this = span(r.now.year())?;
        match dir {
            Direction::Future if this.1 < r.now => r.now.year() + 1,
            Direction::Past if this.0 > r.now => r.now.year() - 1,
            _ => r.now.year(),
        }
    };
    let (from, to) = span(year)?;
    let grain = if earth_hour { "minute" } else { "day" };
    Some((Parsed::Interval(Some((from, grain)), Some((to, grain))), end))
}

/// Seasons (northern, as Duckling bounds them): "this summer", "last season", "cet hiver".
fn season_at(t: &[Tok], i: usize, r: &Reference) -> Option<(Parsed, usize)> {
    let (shift, k) = match t.w(i) {
        "this" | "current" | "cet" | "cette" | "ce" => (0, i + 1),
        "last" | "past" | "previous" => (-1, i + 1),
        "next" | "coming" => (1, i + 1),
        _ => return None,
    };
    // (start month, day) of spring, summer, fall, winter; each ends where the next starts, except
    // as Duckling gives them.
    const SEASONS: [((u32, u32), (u32, u32)); 4] =
        [((3, 20), (6, 21)), ((6, 21), (9, 24)), ((9, 23), (12, 20)), ((12, 21), (3, 21))];
    let named = match t.w(k) {
        "spring" | "printemps" => Some(0),
        "summer" | "été" => Some(1),
        "fall" | "autumn" | "automne" => Some(2),
        "winter" | "hiver" => Some(3),
        "season" | "seasons" | "saison" => None,
        _ => return None,
    };
    let today = r.now.date();
    let bounds = |index: usize, year: i32| {
        let ((fm, fd), (tm, td)) = SEASONS[index];
        let to_year = if index == 3 { year + 1 } else { year };
        Some((NaiveDate::from_ymd_opt(year, fm, fd)?, NaiveDate::from_ymd_opt(to_year, tm, td)?))
    };
    // The season containing today: (index, the year it started).
    let current = (0..4)
        .flat_map(|s| [(s, today.year()), (s, today.year() - 1)])
        .find(|&(s, y)| bounds(s, y).is_some_and(|(a, b)| a <= today && today < b))?;
    let (index, year) = match named {
        None => {
            let n = current.0 as i32 + shift;
            let year = current.1 + n.div_euclid(4) + if current.0 == 3 && n.rem_euclid(4) != 3 { 1 } else { 0 };
            (
                n.rem_euclid(4) as usize,
                if shift < 0 && current.0 == 3 && n.rem_euclid(4) != 3 { current.1 } else { year },
            )
        }
        Some(s) if s == current.0 => (s, current.1 + shift),
        Some(s) => (s, today.year() + shift),
    };
    let (from, to) = bounds(index, year)?;
    Some((
        Parsed::Interval(Some((from.and_time(NaiveTime::MIN), "day")), Some((to.and_time(NaiveTime::MIN), "day"))),
        k + 1,
    ))
}

/// The beginning, middle or end of a month, a year or a week: "end of the month", "mid March",
/// "the BOY", "en fin d'année", "au début du mois", "by EOM" (from now).
fn phase_at(t: &[Tok], i: usize, r: &Reference, french: bool, dir: Direction) -> Option<(Parsed, usize)> {
    let mut k = i;
    let by = t.is(k, &["by"]);
    if by {
        k += 1;
    }
    while t.is(k, &["at", "the", "in", "en", "au", "à", "la", "a"]) && k < i + 3 {
        k += 1;
    }
    let abbreviation = match t.w(k) {
        "bom" => Some((0, "month")),
        "eom" => Some((2, "month")),
        "boy" => Some((0, "year")),
        "eoy" => Some((2, "year")),
        "eod" => Some((2, "day")),
        _ => None,
    };
    let (phase, mut k) = match (abbreviation, t.w(k)) {
        (Some((p, _)), _) => (p, k + 1),
        (None, "beginning" | "start" | "début" | "early") => (0, k + 1),
        (None, "mid" | "middle" | "milieu") => (1, k + 1),
        (None, "end" | "fin" | "late") => (2, k + 1),
        _ => return None,
    };
    let (start, unit) = if let Some((_, unit)) = abbreviation {
        (truncate(r.now, unit), unit)
    } else {
        if t.is(k, &["-"]) {
            k += 1;
        }
        while t.is(k, &["of", "de", "du", "d'", "the", "la", "l'", "around"]) && k < i + 8 {
            k += 1;
        }
        if t.is(k, &["mois"]) && t.is(k + 1, &["de", "d'"]) {
            k += 2;
        }
        // A relative period: "this week", "next month", "the following week", "the year".
        let relative = match (t.w(k), t.w(k + 1)) {
            ("following", _) => unit_at(t, k + 1).map(|(u, e)| (1, u, e)),
            ("month" | "mois", "prochain" | "suivant") | ("week" | "semaine", "prochaine" | "suivante") => {
                unit_at(t, k).map(|(u, _)| (1, u, k + 2))
            }
            ("this" | "current" | "cette" | "ce", _) => unit_at(t, k + 1).map(|(u, e)| (0, u, e)),
            ("next" | "coming", _) => unit_at(t, k + 1).map(|(u, e)| (1, u, e)),
            ("last" | "past" | "previous", _) => unit_at(t, k + 1).map(|(u, e)| (-1, u, e)),
            _ => unit_at(t, k).map(|(u, e)| (0, u, e)),
        };
        if let Some((shift, unit, e)) = relative.filter(|(_, u, _)| matches!(*u, "month" | "year" | "week")) {
            k = e;
            (add(truncate(r.now, unit), unit, shift), unit)
        } else if let Some((spec, e)) = date_at(t, k, french).filter(|(s, _)| s.day.is_none() && s.month.is_some()) {
            k = e;
            (resolve(&spec, r, dir)?.0, "month")
        } else if let Some(y) = year_of(t, k).filter(|_| t[k].lower.len() == 4) {
            k += 1;
            (NaiveDate::from_ymd_opt(y, 1, 1)?.and_time(NaiveTime::MIN), "year")
        } else {
            return None;
        }
    };
    let day = |d: i64| start + Duration::days(d);
    let months = |m: i64| add(start, "month", m);
    let (from, to, grain) = match (unit, phase) {
        ("month", 0) => (start, day(10), "day"),
        ("month", 1) => (day(10), day(20), "day"),
        ("month", _) => (day(20), add(start, "month", 1), "day"),
        ("year", 0) => (start, months(if french { 2 } else { 3 }), "month"),
        ("year", 1) => (months(4), months(8), "month"),
        ("year", _) => (months(if french { 10 } else { 8 }), months(12), "month"),
        ("week", 0) => (start, day(if french { 2 } else { 3 }), "day"),
        ("week", 1) => (day(2), day(4), "day"),
        ("week", _) => (day(4), day(7), "day"),
        (_, _) => (start, day(1), "day"),
    };
    if by {
        return Some((Parsed::Interval(Some((r.now, "second")), Some((to, "second"))), k));
    }
    Some((Parsed::Interval(Some((from, grain)), Some((to, grain))), k))
}

/// A quarter: "2018Q4", "3rd quarter", "the 4th qtr of 2018".
fn quarter_at(t: &[Tok], i: usize, r: &Reference, french: bool) -> Option<(NaiveDateTime, usize)> {
    if let Some(y) = year_of(t, i).filter(|_| t[i].lower.len() == 4)
        && t.w(i + 1) == "q"
        && t.glued(i + 1)
        && let Some(q) = digits(t, i + 2).filter(|q| (1..=4).contains(q))
    {
        return NaiveDate::from_ymd_opt(y, (q - 1) * 3 + 1, 1).map(|d| (d.and_time(NaiveTime::MIN), i + 3));
    }
    let mut k = i;
    if t.is(k, &["the", "le"]) {
        k += 1;
    }
    let (q, e) = grammar::ordinal(t, k, french)?;
    if !(1.0..=4.0).contains(&q) || unit_at(t, e).map(|u| u.0) != Some("quarter") {
        return None;
    }
    let mut end = e + 1;
    let mut year = r.now.year();
    if t.is(end, &["of", "de"])
        && let Some(y) = year_of(t, end + 1)
    {
        year = y;
        end += 2;
    }
    NaiveDate::from_ymd_opt(year, (q as u32 - 1) * 3 + 1, 1).map(|d| (d.and_time(NaiveTime::MIN), end))
}

/// One atom at `i`.
fn atom(t: &[Tok], i: usize, r: &Reference, french: bool, dir: Direction) -> Option<(Parsed, usize)> {
    // The longest; the first considered among equals.
    let mut best: Option<(Parsed, usize)> = None;
    let mut consider = |p: Option<(Parsed, usize)>| {
        if let Some((parsed, end)) = p
            && best.as_ref().is_none_or(|b| end > b.1)
        {
            best = Some((parsed, end));
        }
    };
    consider(relative_at(t, i, r, french, dir));
    consider(
        quarter_at(t, i, r, french)
            .map(|(at, e)| (Parsed::Spec(Spec { fixed: Some((at, "quarter")), ..Spec::default() }), e)),
    );
    consider(weekday_expr(t, i, r).map(|(s, e)| (Parsed::Spec(s), e)));
    consider(holiday_at(t, i).map(|(s, e)| (Parsed::Spec(s), e)));
    consider(feast_at(t, i, r).map(|(s, e)| (Parsed::Spec(s), e)));
    consider(jewish_feast_at(t, i, r, dir));
    consider(lasting_feast_at(t, i, r, dir));
    consider(season_at(t, i, r));
    consider(phase_at(t, i, r, french, dir));
    consider(in_month_at(t, i, r, french, dir));
    consider(weekdays_away_at(t, i, r, french));
    consider(week_of_at(t, i, r, french, dir));
    consider(date_at(t, i, french).map(|(s, e)| (Parsed::Spec(s), e)));
    consider(clock_at(t, i, french).map(|(s, e)| (Parsed::Spec(s), e)));
    // A year: "in 2014", "en 2014", "1974" alone.
    if let Some(k) = Some(if t.is(i, &["in", "en", "since", "depuis"]) { i + 1 } else { i })
        && let Some(y) = year_of(t, k).filter(|_| t[k].lower.len() == 4)
        && (!t.glued(k + 1) || ends_clause(t, k + 1))
        && (k > i || t.len() == 1 || !t.get(k + 1).is_some_and(|n| n.kind == Kind::Word && !n.cap))
        && (1000..=2100).contains(&y)
    {
        let mut end = k + 1;
        let mut year = y;
        match (t.w(end), t.w(end + 1), t.w(end + 2), t.w(end + 3)) {
            ("a", ".", "d", ".") | ("b", ".", "c", ".") => {
                if t.w(end) == "b" {
                    year = -y;
                }
                end += 4;
            }
            ("ad", _, _, _) | ("bc", _, _, _) => {
                if t.w(end) == "bc" {
                    year = -y;
                }
                end += 1;
            }
            _ => {}
        }
        consider(Some((Parsed::Spec(Spec { year: Some(year), ..Spec::default() }), end)));
    }
    // A year with its era, any number of digits: "in 14 a.d.", "in 2014 B.C.".
    {
        let k = if t.is(i, &["in", "en"]) { i + 1 } else { i };
        if let Some(y) =
            t.get(k).filter(|x| x.kind == Kind::Digits && x.lower.len() <= 4).and_then(|x| x.lower.parse::<i32>().ok())
        {
            let era = match (t.w(k + 1), t.w(k + 2), t.w(k + 3), t.w(k + 4)) {
                ("a", ".", "d", ".") => Some((1, 4)),
                ("b", ".", "c", ".") => Some((-1, 4)),
                ("ad", _, _, _) => Some((1, 1)),
                ("bc", _, _, _) => Some((-1, 1)),
                _ => None,
            };
            if let Some((sign, len)) = era {
                consider(Some((Parsed::Spec(Spec { year: Some(sign * y), ..Spec::default() }), k + 1 + len)));
            }
        }
    }
    best
}

/// True when token `i` is punctuation that ends a clause or a sentence and nothing is glued to
/// it: "In 2024, five", "en 2024." (but not "2024,5", "2024-25" or "2024%").
fn ends_clause(t: &[Tok], i: usize) -> bool {
    let closing = |k: usize| {
        t.get(k).is_some_and(|x| x.kind == Kind::Punct && matches!(x.lower, "," | "." | ";" | ":" | ")" | "!" | "?"))
    };
    // "(1817 - 1862)," closes twice.
    let mut k = i;
    while closing(k + 1) && t.glued(k + 1) {
        k += 1;
    }
    closing(i) && !t.glued(k + 1)
}

/// Words that may join two atoms of one time: "Monday, Feb 18", "at 7:30 PM on Fri", "le 16 à 18h".
const JOINERS: &[&str] = &[",", "at", "on", "the", "à", "le", "of", "in", "@", "-", "vers", "autour", "de", "for"];

/// True when a time expression may start at token `i`: a cheap test that skips most words.
fn may_start(t: &[Tok], i: usize) -> bool {
    let tok = &t[i];
    match tok.kind {
        Kind::Digits => !grammar::continues_grouped_number(t, i),
        Kind::Punct => tok.lower == "@",
        Kind::Word => {
            let strong = |k: usize| {
                t.get(k).is_some_and(|x| {
                    x.kind == Kind::Digits
                        || x.lower == "@"
                        || (x.flags & (flag::CONNECTOR | flag::ARTICLE) == 0
                            && x.flags & (flag::TIME | flag::ORDINAL | flag::NUMBER) != 0)
                })
            };
            if tok.flags & flag::CONNECTOR != 0 {
                // "the", "de", "at"… open a time only when one follows closely.
                (i + 1..(i + 7).min(t.len())).any(strong)
            } else {
                strong(i)
            }
        }
    }
}

/// Frequent words that open time expressions but mostly do not: checked only when a stronger
/// sign of a time follows.
/// Words that join the two sides of a range.
pub(super) const RANGE_JOINERS: &[&str] =
    &["-", "–", "to", "thru", "through", "until", "untill", "till", "au", "jusqu'au", "jusqu'", "and", "et", "à", "/"];

pub(super) const CONNECTORS: &[&str] = &[
    "the",
    "le",
    "la",
    "l'",
    "de",
    "du",
    "d'",
    "au",
    "aux",
    "en",
    "in",
    "at",
    "à",
    "a",
    "on",
    "for",
    "from",
    "between",
    "entre",
    "dès",
    "pendant",
    "dans",
    "after",
    "before",
    "until",
    "since",
    "by",
    "vers",
    "within",
    "il",
    "plus",
    "un",
    "une",
    "this",
    "ce",
    "cet",
    "cette",
    "last",
    "next",
    "past",
    "around",
    "about",
    "autour",
    "après",
    "avant",
    // First words of longer phrases, frequent on their own: "as soon as", "good friday", "end of".
    "as",
    "good",
    "white",
    "national",
    "civil",
    "work",
    "end",
    "start",
    "beginning",
    "early",
    "late",
    "mid",
    "middle",
    "fin",
    "début",
    "milieu",
    "right",
    "holy",
    "ash",
    "palm",
    "branch",
    "independence",
    "veterans",
    "few",
];

/// Words that may start a time expression.
pub(super) fn start_words() -> impl Iterator<Item = &'static str> {
    MONTH_NAMES
        .iter()
        .map(|(w, _)| *w)
        .chain(WEEKDAY_NAMES.iter().map(|(w, _)| *w))
        .chain([
            "second",
            "seconds",
            "seconde",
            "secondes",
            "sec",
            "secs",
            "minute",
            "minutes",
            "min",
            "mins",
            "hour",
            "hours",
            "heure",
            "heures",
            "hr",
            "hrs",
            "day",
            "days",
            "jour",
            "jours",
            "journée",
            "week",
            "weeks",
            "semaine",
            "semaines",
            "month",
            "months",
            "mois",
            "quarter",
            "quarters",
            "qtr",
            "qtrs",
            "trimestre",
            "trimestres",
            "year",
            "years",
            "yr",
            "yrs",
            "an",
            "ans",
            "année",
            "années",
        ])
        .chain([
            "between",
            "from",
            "du",
            "entre",
            "de",
            "after",
            "since",
            "dès",
            "anytime",
            "until",
            "untill",
            "till",
            "through",
            "before",
            "jusqu'à",
            "jusqu'au",
            "jusqu'",
            "sometimes",
            "by",
            "end",
            "beginning",
            "start",
            "mid",
            "middle",
            "early",
            "début",
            "milieu",
            "fin",
            "morning",
            "evening",
            "afternoon",
            "matin",
            "soir",
            "lendemain",
            "veille",
            "summer",
            "winter",
            "spring",
            "fall",
            "autumn",
            "season",
            "seasons",
            "été",
            "hiver",
            "printemps",
            "automne",
            "eom",
            "bom",
            "eoy",
            "boy",
            "eod",
            "easter",
            "pâques",
            "paques",
            "thanksgiving",
            "mlk",
            "martin",
            "pentecost",
            "pentecôte",
            "palm",
            "branch",
            "maundy",
            "lent",
            "carême",
            "orthodox",
            "white",
            "ascension",
            "good",
            "whit",
            "civil",
            "au",
            "aux",
            "pendant",
            "plus",
            "first",
            "third",
            "fourth",
            "premier",
            "première",
            "premiere",
            "dernier",
            "dernière",
            "derniere",
            "deuxième",
            "covenant",
            "thu",
            "holy",
            "ash",
            "mercredi",
            "vendredi",
            "jeudi",
            "dimanche",
            "lundi",
            "mardi",
            "pancake",
            "shrove",
            "memorial",
            "labor",
            "labour",
            "mother's",
            "mothers",
            "father's",
            "fathers",
            "rameaux",
            "ides",
            "lunch",
            "déjeuner",
            "night",
            "soirée",
            "matinée",
            "journée",
            "très",
            "tôt",
            "moment",
            "earth",
            "lent",
            "carême",
            "rabindra",
            "rabindranath",
            "rosh",
            "yom",
            "shemini",
            "hanukkah",
            "chanukah",
            "hannukkah",
            "hanukah",
            "tu",
            "passover",
            "pessah",
            "holocaust",
            "tisha",
            "eid",
            "id",
            "aïd",
            "bakr",
            "sacrifice",
            "mawlid",
            "laylat",
            "night",
            "ashura",
            "isra",
            "jamat",
            "jumu'atul",
            "jumu'ah",
            "king's",
            "kings",
            "koningsdag",
            "boss's",
            "bosses",
            "national",
            "pongal",
            "thai",
            "mattu",
            "maattu",
            "kaanum",
            "kanni",
            "vaisakhi",
            "vasakhi",
            "baisakhi",
            "asap",
            "soon",
            "as",
            "lunch",
            "school",
            "work",
            "travail",
            "day",
            "au",
        ])
        .chain([
            "the",
            "le",
            "la",
            "l'",
            "at",
            "à",
            "a",
            "vers",
            "in",
            "dans",
            "within",
            "d'",
            "il",
            "today",
            "aujourd'hui",
            "tomorrow",
            "tomorrows",
            "demain",
            "yesterday",
            "hier",
            "après",
            "avant",
            "now",
            "maintenant",
            "right",
            "this",
            "current",
            "cette",
            "cet",
            "ce",
            "next",
            "coming",
            "upcoming",
            "last",
            "past",
            "previous",
            "late",
            "tonight",
            "noon",
            "midday",
            "midi",
            "midnight",
            "minuit",
            "half",
            "quarter",
            "for",
            "around",
            "about",
            "autour",
            "en",
            "since",
            "depuis",
            "christmas",
            "xmas",
            "noël",
            "noel",
            "jour",
            "new",
            "valentine's",
            "valentine",
            "saint",
            "st",
            "halloween",
            "toussaint",
            "independence",
            "veterans",
            "armistice",
            "fête",
            "ides",
            "on",
            "few",
            "un",
            "une",
            "deux",
            "trois",
        ])
}

/// Parses the longest time expression at `i`: its value, where it ends, and whether that value
/// may depend on the reference time even when the reference is unknown (ranges, open
/// intervals and dates counted from another are not held back by [`Reference::known`]; see
/// [`find`]). Without a reference, an expression that needs one has no value (`None`) but
/// keeps its extent when it has digits and names a month or weekday or marks a clock time ("le
/// 2 décembre", "jeudi à 15 heures"); otherwise it is not read ("la semaine dernière", "le 2").
fn expression(g: &Grammar<'_, '_>, i: usize) -> Option<(Option<ValueData>, usize, bool)> {
    let (t, r, french, dir) = (g.t, g.r, g.french, g.dir);
    if !may_start(t, i) {
        return None;
    }
    // "after 2pm", "until 2:00pm", "à partir de 9h30 jeudi".
    if let Some((value, end)) = g.open_interval(i) {
        return Some((Some(value), end, true));
    }
    // "from 13 to 15 July", "9:30 - 11:00", "du 13 au 18".
    if let Some((value, end)) = g.range(i, None) {
        return Some((Some(value), end, true));
    }
    // "three days after Easter", "deux jours avant Noël".
    if let Some(d) = grammar::duration(t, i, french).filter(|d| d.value.fract() == 0.0)
        && t.is(d.end, &["after", "before", "après", "avant"])
        && let Some((Compound::Spec(spec, None), end)) = g.compound(d.end + 1)
        && spec.hour.is_none()
    {
        let (at, _) = resolve(&spec, r, dir)?;
        let sign = if t.is(d.end, &["after", "après"]) { 1 } else { -1 };
        let at = add(at, d.unit, (d.value as i64) * sign);
        return Some((Some(point(at, "day", r)), end, true));
    }
    let (first, end) = g.compound(i)?;
    let (spec, part) = match first {
        Compound::Interval(from, to) => {
            return (r.known).then(|| (Some(interval(from, to, r)), end, false));
        }
        Compound::Spec(spec, part) => (spec, part),
    };
    if !r.known && (spec.fixed.is_some() || spec.date.is_some() || spec.year.is_none() || spec.hour.is_some()) {
        // A date that names its month (or its weekday in full), or a clock time with its mark,
        // and has digits ("le 2 décembre", "Nov 3", "Thursday at 9", "2pm", "à 15 heures",
        // "9:30") keeps its extent, so that its numbers are not numerals; a reading of digits
        // alone ("le 2", "at 9") is too often no date to hide them.
        // "heures" counts hours as often as it tells the time: only after "à" ("24 heures" is
        // a duration, "à 15 heures" a time).
        let at = t.is(i, &["à", "a", "vers"]);
        let marked = |x: &Tok| {
            full_name(x.lower)
                || (x.kind == Kind::Word && month_number(x.lower).is_some())
                || matches!(x.lower, "am" | "pm" | "h" | "o'clock" | ":")
                || (at && matches!(x.lower, "heures" | "heure"))
        };
        let named = t[i..end].iter().any(marked) && t[i..end].iter().any(|x| x.kind == Kind::Digits);
        return named.then_some((None, end, false));
    }
    // A date followed by a range of clock times: "Thursday from 9:30 until 11:00".
    let mut k = end;
    while t.is(k, &["mais", ",", "on"]) {
        k += 1;
    }
    if spec.hour.is_none()
        && spec.fixed.is_none()
        && let Some((value, end)) = g.range(k, Some(&spec)).or_else(|| g.open_interval_with(k, Some(&spec)))
    {
        return Some((Some(value), end, true));
    }
    if let Some((from_h, to_h)) = part {
        // "monday morning", "yesterday evening", "le 12 février en fin d'après-midi".
        let (at, _) = resolve(&spec, r, dir)?;
        let day = at.date();
        let from = day.and_hms_opt(from_h, 0, 0)?;
        let to = if to_h >= 24 {
            (day + Duration::days(1)).and_hms_opt(to_h - 24, 0, 0)?
        } else {
            day.and_hms_opt(to_h, 0, 0)?
        };
        return Some((Some(interval(Some((from, "hour")), Some((to, "hour")), r)), end, false));
    }
    let (at, grain) = resolve(&spec, r, dir)?;
    // "4pm for 30 mins", "from 18th Dec for 10 days".
    if t.is(end, &["for", "pendant"])
        && let Some(d) = grammar::duration(t, end + 1, french)
    {
        let unit = if matches!(d.unit, "second" | "minute" | "hour") { "minute" } else { "day" };
        let to = add(plus_seconds(at, d.seconds), unit, 1);
        let from_grain = if grain_rank(unit) < grain_rank(grain) { unit } else { grain };
        return Some((Some(interval(Some((at, from_grain)), Some((to, unit)), r)), d.end, false));
    }
    Some((Some(point(at, grain, r)), end, false))
}

/// A compound expression: a spec and, maybe, the part of the day it is in; or an interval.
#[derive(Debug, Clone)]
enum Compound {
    Spec(Spec, Option<(u32, u32)>),
    Interval(Option<(NaiveDateTime, &'static str)>, Option<(NaiveDateTime, &'static str)>),
}

/// The grammar's context for one text.
struct Grammar<'a, 't> {
    t: &'a [Tok<'t>],
    r: &'a Reference,
    french: bool,
    dir: Direction,
    /// [`Grammar::compound`] at each position, once computed: ranges and open intervals ask
    /// for the same positions again.
    compounds: std::cell::RefCell<rustc_hash::FxHashMap<usize, CompoundAt>>,
}

/// Past this many cached compounds, [`find`] drops those behind its position.
const COMPOUNDS_KEPT: usize = 64;

/// A compound found (or not) at a position, and where it ends.
type CompoundAt = Option<(Compound, usize)>;

/// Time zones: abbreviation, offset in minutes.
const ZONES: &[(&str, i32)] = &[
    ("gmt", 0),
    ("utc", 0),
    ("cet", 60),
    ("cest", 120),
    ("bst", 60),
    ("ist", 330),
    ("est", -300),
    ("edt", -240),
    ("cst", -360),
    ("cdt", -300),
    ("mst", -420),
    ("mdt", -360),
    ("pst", -480),
    ("pdt", -420),
];

impl Grammar<'_, '_> {
    /// Atoms following each other, merged: "Monday, Feb 18 at 7:30 PM", "le 16 à 18h", with a
    /// part of the day ("tomorrow evening", "3 in the afternoon") and a time zone ("8:00 PST").
    fn compound(&self, i: usize) -> Option<(Compound, usize)> {
        if let Some(cached) = self.compounds.borrow().get(&i) {
            return cached.clone();
        }
        let found = self.compound_uncached(i);
        self.compounds.borrow_mut().insert(i, found.clone());
        found
    }

    fn compound_uncached(&self, i: usize) -> Option<(Compound, usize)> {
        let t = self.t;
        let mut part: Option<(u32, u32)> = None;
        let mut k0 = i;
        // "morning of xmas", "le soir de noël"
        if let Some((from, to, e)) = part_of_day_word(t, i, self.french)
            && t.is(e, &["of", "de", "du"])
        {
            part = Some((from, to));
            k0 = e + 1;
        }
        // A part of the day on its own is today's: "le soir", "en début de soirée", "dès le matin".
        let standalone = part.is_none().then(|| part_of_day_word(t, i, self.french)).flatten();
        let first = match (atom(t, k0, self.r, self.french, self.dir), standalone) {
            (Some((p, e)), Some((_, _, pe))) if e >= pe => (p, e),
            (_, Some((from, to, pe))) => {
                (Parsed::Spec(Spec { date: Some(self.r.now.date()), part: Some((from, to)), ..Spec::default() }), pe)
            }
            (found, None) => found?,
        };
        let (first, mut end) = first;
        let mut spec = match first {
            Parsed::Interval(from, to) => return Some((Compound::Interval(from, to), end)),
            Parsed::Spec(s) => s,
        };
        loop {
            let mut k = end;
            while t.is(k, JOINERS) && k < end + 2 {
                k += 1;
            }
            if part.is_none()
                && let Some((from, to, e)) = (end..=k).find_map(|s| part_of_day_word(t, s, self.french))
            {
                part = Some((from, to));
                end = e;
                continue;
            }
            let next = (end..=k)
                .find_map(|s| atom(t, s, self.r, self.french, self.dir).filter(|(p, _)| matches!(p, Parsed::Spec(_))));
            let Some((Parsed::Spec(more), e)) = next else { break };
            let Some(merged) = spec.merge(&more) else { break };
            // A repetition adds nothing: "1980, 1980 – 1982" is two times.
            if merged == spec {
                break;
            }
            spec = merged;
            end = e;
        }
        if part.is_none() {
            part = spec.part.take();
        }
        spec.part = None;
        // A clock time in a part of the day: "8 tonight", "à 3 heures cet après-midi".
        if let (Some(h), Some((from, to))) = (spec.hour, part) {
            let h = if h == 12 && from >= 18 {
                24
            } else if h < 12 && from >= 12 && h + 12 < to.max(24) {
                h + 12
            } else {
                h
            };
            spec.hour = Some(h % 24);
            if h == 24 {
                let (at, _) = resolve(
                    &Spec { hour: None, minute: None, grain: None, ambiguous_hour: false, ..spec.clone() },
                    self.r,
                    self.dir,
                )?;
                spec.date = Some(at.date() + Duration::days(1));
                spec.weekday = None;
                spec.day = None;
                spec.month = None;
                spec.year = None;
            }
            spec.ambiguous_hour = false;
            part = None;
        }
        // Time zones: "4pm CET", "Thursday 9 am (BST)".
        if spec.hour.is_some() {
            let mut k = end;
            if t.is(k, &["("]) {
                k += 1;
            }
            if let Some(&(_, minutes)) = ZONES.iter().find(|(z, _)| *z == t.w(k)) {
                let mut e = k + 1;
                if t.is(e, &[")"]) {
                    e += 1;
                }
                spec.zone = Some(minutes);
                end = e;
            }
        }
        Some((Compound::Spec(spec, part), end))
    }

    /// One side of a range: a compound spec, or a bare day or hour ("13", "the 13th", "treize").
    fn side(&self, i: usize, bare_only: bool) -> Option<(Spec, bool, usize)> {
        let t = self.t;
        let mut k = i;
        if t.is(k, &["the", "le"]) {
            k += 1;
        }
        let bare = day_at(t, k, self.french)
            .or_else(|| {
                grammar::number(t, k, self.french)
                    .filter(|n| n.words && n.value.fract() == 0.0 && (1.0..=31.0).contains(&n.value))
                    .map(|n| (n.value as u32, n.end))
            })
            .filter(|&(_, e)| !(t.is(e, &[":"]) || (t.w(e) == "h" && t.glued(e))));
        let compound = self.compound(i).filter(|_| !bare_only).and_then(|(c, e)| match c {
            Compound::Spec(s, None) => Some((s, e)),
            _ => None,
        });
        match (compound, bare) {
            (Some((s, e)), Some((_, be))) if e >= be => Some((s, false, e)),
            (_, Some((d, be))) => {
                // "dix juillet": a day written in words, then its month.
                if let Some((m, me)) = month_at(t, be) {
                    let mut spec = Spec { day: Some(d), month: Some(m), ..Spec::default() };
                    let mut end = me;
                    if let Some(y) = year_of(t, me).filter(|_| t[me].lower.len() == 4) {
                        spec.year = Some(y);
                        end += 1;
                    }
                    return Some((spec, false, end));
                }
                Some((Spec { day: Some(d), ..Spec::default() }, true, be))
            }
            (Some((s, e)), None) => Some((s, false, e)),
            (None, None) => None,
        }
    }

    /// "from X to Y", "X - Y", "between X and Y", "du X au Y", "entre X et Y"; `context` is a date
    /// the range's clock times fall on.
    fn range(&self, i: usize, context: Option<&Spec>) -> Option<(ValueData, usize)> {
        let t = self.t;
        // Cheap test first: no word that joins two sides nearby, no range.
        if !(i + 1..(i + 12).min(t.len())).any(|k| t[k].flags & flag::JOIN != 0) {
            return None;
        }
        let mut k = i;
        let opener = t.is(k, &["from", "between", "du", "entre", "de", "d'"]);
        if opener {
            k += 1;
        }
        let joiner = |ka: usize| {
            if t.is(ka, &["jusqu'"]) && t.is(ka + 1, &["au", "à"]) {
                Some(2)
            } else if t.is(ka, &["-", "–", "to", "thru", "through", "until", "untill", "till", "au", "jusqu'au", "/"])
                || (opener && t.is(ka, &["and", "et", "à"]))
            {
                Some(1)
            } else {
                None
            }
        };
        // The first side as a compound ("July 13 thru 15"), else bare ("3-4pm" is not 4 March).
        let (mut a, a_bare, ka, joiner_len) = match self.side(k, false) {
            Some((a, bare, ka)) if joiner(ka).is_some() => (a, bare, ka, joiner(ka)?),
            _ => {
                let (a, bare, ka) = self.side(k, true)?;
                (a, bare, ka, joiner(ka)?)
            }
        };
        let (mut b, b_bare, kb) = self.side(ka + joiner_len, false)?;
        // A slash joins two date-times only: "2015-03-28 17:00:00/2015-03-29 21:00:00".
        if t.is(ka, &["/"]) && (a.hour.is_none() || b.hour.is_none()) {
            return None;
        }
        let mut end = kb;
        // Bare numbers next to clock times are hours: "3-4pm", "9-11am".
        if a_bare && b.hour.is_some() {
            a = bare_hour(&a, &b)?;
        }
        if b_bare && a.hour.is_some() {
            b = bare_hour(&b, &a)?;
        }
        if a_bare && b_bare && !opener && context.is_none() {
            return None;
        }
        // Each side borrows the month (and year) the other names: "13 to 15 July".
        if a.month.is_none() && a.day.is_some() && b.month.is_some() {
            a.month = b.month;
            a.year = a.year.or(b.year);
        }
        if b.month.is_none() && b.day.is_some() && a.month.is_some() {
            b.month = a.month;
            b.year = b.year.or(a.year);
        }
        // A date or zone one side names holds for the other: "entre 9h30 et 11h jeudi".
        let dated = |s: &Spec| s.date.is_some() || s.day.is_some() || s.weekday.is_some() || s.feast.is_some();
        if a.hour.is_some() && b.hour.is_some() {
            if dated(&b) && !dated(&a) {
                a.date = b.date;
                a.day = b.day;
                a.month = b.month;
                a.year = b.year;
                a.weekday = b.weekday;
            }
            a.zone = a.zone.or(b.zone);
            b.zone = b.zone.or(a.zone);
        }
        // A date before or after the range: "Thursday from 9:30 to 11:00", "9:30 - 11:00 on Thursday".
        let mut context = context.cloned();
        if context.is_none() && a.hour.is_some() {
            let mut k = kb;
            while t.is(k, &["on", ","]) {
                k += 1;
            }
            if let Some((Compound::Spec(s, None), e)) = self.compound(k)
                && s.hour.is_none()
            {
                context = Some(s);
                end = e;
            }
        }
        if let Some(c) = &context {
            a = a.merge(c)?;
            b = b.merge(c)?;
        }
        // A weekday beside a day of the month adds nothing to a range: "du samedi 13 au dimanche 15 juillet".
        for side in [&mut a, &mut b] {
            if side.day.is_some() && side.month.is_some() {
                side.weekday = None;
            }
        }
        let (from, ga) = resolve(&a, self.r, self.dir)?;
        if b.hour.is_some() && b.date.is_none() && b.day.is_none() && b.weekday.is_none() {
            b.date = Some(from.date());
        }
        let (mut to, gb) = resolve(&b, self.r, self.dir)?;
        if to < from && (b.ambiguous_hour || b.hour.is_some_and(|h| h < 12)) {
            to += Duration::hours(12);
        }
        if to < from {
            return None;
        }
        let grain = if grain_rank(ga) < grain_rank(gb) { ga } else { gb };
        let mut to = add(to, grain, 1);
        let mut from = from;
        // A time zone after the range: "9:30 - 11:00 CST".
        if a.hour.is_some()
            && let Some(&(_, minutes)) = ZONES.iter().find(|(z, _)| *z == t.w(end))
        {
            let shift = Duration::minutes(i64::from(self.r.offset.local_minus_utc() / 60 - minutes));
            from += shift;
            to += shift;
            end += 1;
        }
        Some((interval(Some((from, grain)), Some((to, grain)), self.r), end))
    }

    fn open_interval(&self, i: usize) -> Option<(ValueData, usize)> {
        self.open_interval_with(i, None)
    }

    /// "after 2 pm", "since 2014", "until 2:00pm", "avant 16h", "à partir de 9h30 jeudi".
    fn open_interval_with(&self, i: usize, context: Option<&Spec>) -> Option<(ValueData, usize)> {
        let t = self.t;
        let (after, k) = match (t.w(i), t.w(i + 1), t.w(i + 2)) {
            ("after" | "since" | "après" | "dès" | "depuis", _, _) => (true, i + 1),
            ("anytime", "after", _) => (true, i + 2),
            ("à", "partir", "de" | "du" | "d'") => (true, i + 3),
            ("until" | "untill" | "till" | "through" | "before" | "avant", _, _) => (false, i + 1),
            ("sometimes" | "anytime", "before", _) => (false, i + 2),
            ("jusqu'à" | "jusqu'au", _, _) => (false, i + 1),
            ("jusqu'", "à" | "au", _) => (false, i + 2),
            _ => return None,
        };
        let (mut spec, _, end) = self.side(k, false)?;
        let mut end = end;
        if let Some(c) = context {
            spec = spec.merge(c)?;
        } else {
            // A date after: "à partir de 9h30 jeudi".
            let mut k = end;
            while t.is(k, &[",", "on", "le"]) && k < end + 2 {
                k += 1;
            }
            if spec.hour.is_some()
                && let Some((Compound::Spec(s, None), e)) = self.compound(k).or_else(|| self.compound(end))
                && s.hour.is_none()
                && let Some(merged) = spec.merge(&s)
            {
                spec = merged;
                end = e;
            }
        }
        let bound = resolve(&spec, self.r, self.dir)?;
        let value = if after { interval(Some(bound), None, self.r) } else { interval(None, Some(bound), self.r) };
        Some((value, end))
    }
}

/// A bare number beside a clock time is an hour, in the other's half-day when it says: "3-4pm".
fn bare_hour(this: &Spec, other: &Spec) -> Option<Spec> {
    let h = this.day?;
    if h > 24 {
        return None;
    }
    let mut spec = Spec { hour: Some(h), ambiguous_hour: h <= 12 && other.ambiguous_hour, ..Spec::default() };
    if let Some(oh) = other.hour
        && !other.ambiguous_hour
        && oh >= 12
        && h < 12
        && h + 12 <= oh
    {
        spec.hour = Some(h + 12);
    }
    Some(spec)
}

/// A part of the day: "morning", "in the afternoon", "le soir", "en fin d'après-midi",
/// "en début de soirée", "dans la matinée": (from hour, to hour, end).
/// The words [`part_of_day_word`] needs one of, flagged [`flag::PART`] in the tokens.
pub(super) const PART_OF_DAY_WORDS: &[&str] = &[
    "morning",
    "mornings",
    "morningish",
    "matin",
    "matinée",
    "afternoon",
    "afternoonish",
    "midi",
    "evening",
    "eveningish",
    "soir",
    "soirée",
    "night",
    "nightish",
    "journée",
    "lunch",
    "lunchish",
    "déjeuner",
    "school",
    "work",
    "travail",
];

fn part_of_day_word(t: &[Tok], i: usize, french: bool) -> Option<(u32, u32, usize)> {
    // Every reading has a part-of-day word within the next ten tokens.
    if !(i..(i + 10).min(t.len())).any(|k| t[k].flags & flag::PART != 0) {
        return None;
    }
    // Fixed phrases.
    const PHRASES: &[(&[&str], u32, u32)] = &[
        (&["after", "lunch"], 13, 17),
        (&["after", "school"], 15, 21),
        (&["after", "work"], 17, 21),
        (&["avant", "déjeuner"], 10, 12),
        (&["avant", "le", "déjeuner"], 10, 12),
        (&["après", "le", "déjeuner"], 13, 17),
        (&["après", "le", "travail"], 17, 21),
        (&["très", "tôt", "le", "matin"], 7, 9),
        (&["tôt", "le", "matin"], 7, 9),
        (&["before", "lunch"], 10, 12),
    ];
    if let Some((words, from, to)) = PHRASES.iter().find(|(words, _, _)| t.phrase(i, words)) {
        return Some((*from, *to, i + words.len()));
    }
    let mut k = i;
    // Articles and prepositions.
    while t.is(k, &["in", "the", "dans", "la", "le", "l'", "en", "au", "à", "pendant", "dès"]) && k < i + 3 {
        k += 1;
    }
    let (phase, mut k) = match t.w(k) {
        "début" => (Some(0), k + 1),
        "milieu" => (Some(1), k + 1),
        "fin" => (Some(2), k + 1),
        "early" => (Some(0), k + 1),
        "late" => (Some(2), k + 1),
        _ => (None, k),
    };
    if phase.is_some() {
        while t.is(k, &["de", "d'", "du", "of", "the", "la", "l'"]) && k < i + 8 {
            k += 1;
        }
    }
    let (word, len) = if t.is(k, &["après"]) && t.is(k + 1, &["-"]) && t.is(k + 2, &["midi"]) {
        ("après-midi", 3)
    } else {
        // "afternoonish"
        (t.w(k).strip_suffix("ish").unwrap_or(t.w(k)), 1)
    };
    let ranges: [(u32, u32); 3];
    let whole = match word {
        "morning" | "mornings" => {
            ranges = [(0, 9), (9, 11), (9, 12)];
            (0, 12)
        }
        "matin" | "matinée" => {
            ranges = [(7, 9), (9, 11), (10, 12)];
            if french { (4, 12) } else { (0, 12) }
        }
        "afternoon" | "après-midi" => {
            ranges = [(12, 14), (14, 17), (17, 19)];
            (12, 19)
        }
        "evening" | "soir" | "soirée" | "night" => {
            ranges = [(18, 21), (21, 24), (21, 24)];
            (18, 24)
        }
        "journée" => {
            ranges = [(6, 10), (11, 16), (17, 21)];
            (6, 24)
        }
        "lunch" | "déjeuner" => {
            ranges = [(12, 14), (12, 14), (12, 14)];
            (12, 14)
        }
        _ => return None,
    };
    let mut end = k + len;
    // "très tôt", "tôt le matin" are the early part.
    let mut phase = phase;
    if t.is(end, &["tôt"]) || t.is(end, &["très"]) && t.is(end + 1, &["tôt"]) {
        phase = Some(0);
        end += if t.is(end, &["très"]) { 2 } else { 1 };
    }
    // Not a part of the day on its own after a bare article: "the night" of a story stays.
    if k == i && matches!(word, "night") {
        return None;
    }
    let (from, to) = match phase {
        Some(p) => ranges[p],
        None => whole,
    };
    Some((from, to, end))
}

fn format(at: NaiveDateTime, r: &Reference) -> String {
    let secs = r.offset.local_minus_utc();
    let sign = if secs < 0 { '-' } else { '+' };
    let year = at.year();
    let date =
        if year < 0 { format!("-{:04}{}", -year, at.format("-%m-%d")) } else { at.format("%Y-%m-%d").to_string() };
    format!("{date}T{}.000{sign}{:02}:{:02}", at.format("%H:%M:%S"), secs.abs() / 3600, secs.abs() % 3600 / 60)
}

fn point(at: NaiveDateTime, grain: &'static str, r: &Reference) -> ValueData {
    ValueData::Time { value: format(at, r), grain }
}

fn interval(
    from: Option<(NaiveDateTime, &'static str)>,
    to: Option<(NaiveDateTime, &'static str)>,
    r: &Reference,
) -> ValueData {
    let tp = |(at, grain): (NaiveDateTime, &'static str)| TimePoint { value: format(at, r), grain };
    ValueData::TimeInterval { from: from.map(tp), to: to.map(tp) }
}

/// The instant and grain a spec names, in the reference's time zone.
fn resolve(spec: &Spec, r: &Reference, dir: Direction) -> Option<(NaiveDateTime, &'static str)> {
    let (at, grain) = resolve_local(spec, r, dir)?;
    match spec.zone {
        Some(minutes) => {
            let shift = i64::from(r.offset.local_minus_utc() / 60 - minutes);
            Some((at + Duration::minutes(shift), "minute"))
        }
        None => Some((at, grain)),
    }
}

/// The instant and grain a spec names, in its own time zone.
fn resolve_local(spec: &Spec, r: &Reference, dir: Direction) -> Option<(NaiveDateTime, &'static str)> {
    if let Some(fixed) = spec.fixed {
        return Some(fixed);
    }
    let grain = spec.finest();
    let today = r.now.date();
    if let Some((index, which)) = spec.feast {
        let day_of = FEASTS[index].1;
        let pick = match (spec.year, which) {
            (Some(y), _) => day_of(y),
            (None, -1) => day_of(today.year()).filter(|d| *d < today).or_else(|| day_of(today.year() - 1)),
            (None, 1) => day_of(today.year()).filter(|d| *d > today).or_else(|| day_of(today.year() + 1)),
            (None, _) => match dir {
                Direction::Future => day_of(today.year()).filter(|d| *d >= today).or_else(|| day_of(today.year() + 1)),
                Direction::Past => day_of(today.year()).filter(|d| *d <= today).or_else(|| day_of(today.year() - 1)),
            },
        }?;
        if let Some(h) = spec.hour {
            return pick.and_hms_opt(h, spec.minute.unwrap_or(0), 0).map(|x| (x, grain));
        }
        return Some((pick.and_time(NaiveTime::MIN), "day"));
    }
    let time = |d: NaiveDate, h: u32| {
        d.and_hms_opt(h % 24, spec.minute.unwrap_or(0), spec.second.unwrap_or(0))
            .map(|x| if h == 24 { x + Duration::days(1) } else { x })
    };
    // Which days can it be?
    let day_ok = |d: NaiveDate| {
        spec.year.is_none_or(|y| d.year() == y)
            && spec.month.is_none_or(|m| d.month() == m)
            && spec.day.is_none_or(|x| d.day() == x)
            && spec.weekday.is_none_or(|w| d.weekday() == w)
            && spec.date.is_none_or(|x| d == x)
    };
    if let Some(h) = spec.hour {
        let hours: Vec<u32> = if spec.ambiguous_hour && h < 12 { vec![h, h + 12] } else { vec![h] };
        if spec.date.is_some() || (spec.year.is_some() && spec.month.is_some() && spec.day.is_some()) {
            let d = spec.date.or_else(|| NaiveDate::from_ymd_opt(spec.year?, spec.month?, spec.day?))?;
            let candidates: Vec<NaiveDateTime> = hours.iter().filter_map(|&h| time(d, h)).collect();
            // "tomorrow at 8": the first half-day unless only the second is in the future.
            return candidates.first().map(|&x| (x, grain));
        }
        let day_search = spec.month.is_some() || spec.day.is_some() || spec.weekday.is_some() || spec.year.is_some();
        let days: Box<dyn Iterator<Item = NaiveDate>> = match dir {
            Direction::Future => Box::new((0..800).map(|n| today + Duration::days(n))),
            Direction::Past => Box::new((0..800).map(|n| today - Duration::days(n))),
        };
        for d in days {
            if day_search && !day_ok(d) {
                continue;
            }
            let mut candidates: Vec<NaiveDateTime> = hours.iter().filter_map(|&h| time(d, h)).collect();
            candidates.sort();
            let pick = match dir {
                Direction::Future => candidates.into_iter().find(|&x| x >= r.now || day_search),
                Direction::Past => candidates.into_iter().rev().find(|&x| x <= r.now || day_search),
            };
            if let Some(x) = pick {
                return Some((x, grain));
            }
        }
        return None;
    }
    if let Some(d) = spec.date {
        return Some((d.and_time(NaiveTime::MIN), grain));
    }
    match (spec.year, spec.month, spec.day) {
        (Some(y), Some(m), Some(d)) => {
            return NaiveDate::from_ymd_opt(y, m, d).map(|x| (x.and_time(NaiveTime::MIN), grain));
        }
        (Some(y), Some(m), None) => {
            return NaiveDate::from_ymd_opt(y, m, 1).map(|x| (x.and_time(NaiveTime::MIN), grain));
        }
        (Some(y), None, None) => {
            return NaiveDate::from_ymd_opt(y, 1, 1).map(|x| (x.and_time(NaiveTime::MIN), grain));
        }
        (None, Some(m), None) => {
            let this_year = today.year();
            let year = match dir {
                Direction::Future if m < today.month() => this_year + 1,
                Direction::Past if m > today.month() => this_year - 1,
                _ => this_year,
            };
            return NaiveDate::from_ymd_opt(year, m, 1).map(|x| (x.and_time(NaiveTime::MIN), grain));
        }
        (None, Some(m), Some(d)) if spec.weekday.is_some() => {
            // "Sunday, Feb 10", "Fri, Jul 18": the nearest year where they agree.
            let y0 = today.year();
            for delta in [0, 1, -1, 2, -2, 3, -3, 4, -4, 5, -5, 6, -6] {
                if let Some(x) = NaiveDate::from_ymd_opt(y0 + delta, m, d).filter(|x| day_ok(*x)) {
                    return Some((x.and_time(NaiveTime::MIN), grain));
                }
            }
            return None;
        }
        (None, Some(m), Some(d)) => {
            let y0 = today.year();
            let this = NaiveDate::from_ymd_opt(y0, m, d);
            let pick = match dir {
                Direction::Future => this.filter(|x| *x >= today).or_else(|| NaiveDate::from_ymd_opt(y0 + 1, m, d)),
                Direction::Past => {
                    this.filter(|x| *x <= today + Duration::days(31)).or_else(|| NaiveDate::from_ymd_opt(y0 - 1, m, d))
                }
            };
            return pick.map(|x| (x.and_time(NaiveTime::MIN), grain));
        }
        _ => {}
    }
    // A day of the month alone, or a weekday: search.
    let days: Box<dyn Iterator<Item = NaiveDate>> = match dir {
        Direction::Future => Box::new((0..800).map(|n| today + Duration::days(n))),
        Direction::Past => Box::new((0..800).map(|n| today - Duration::days(n))),
    };
    let first =
        days.filter(|d| day_ok(*d)).find(|d| !(dir == Direction::Future && spec.weekday.is_some() && *d == today))?;
    Some((first.and_time(NaiveTime::MIN), grain))
}

/// Finds time expressions; each is `(token range, value)`.
pub fn find(
    t: &[Tok],
    r: &Reference,
    french: bool,
    dir: Direction,
    out: &mut Vec<(std::ops::Range<usize>, Option<ValueData>)>,
) {
    // Without a reference, only dates that name their year are read (see [`Reference::known`]);
    // one that still depends on the reference ("from 13 to 15 July" was read in 1969) is found
    // by reading it again against a stand-in decades later: it gives no value and only takes its
    // span (`None`), so that its numbers are not reported as numerals either.
    let later = (!r.known).then(|| Reference { now: Reference::stand_in(2031, 10, 23).now, ..*r });
    let g = Grammar { t, r, french, dir, compounds: Default::default() };
    let g2 = later.as_ref().map(|r| Grammar { t, r, french, dir, compounds: Default::default() });
    let mut i = 0;
    while i < t.len() {
        // Expressions are read forward, so compounds before `i` are not asked for again (one
        // would be computed anew): dropping them keeps the cache to the positions ahead, not
        // one entry per position of a long text.
        for g in std::iter::once(&g).chain(g2.as_ref()) {
            if g.compounds.borrow().len() > COMPOUNDS_KEPT {
                g.compounds.borrow_mut().retain(|&at, _| at >= i);
            }
        }
        match expression(&g, i) {
            Some((value, end, may_depend)) if end > i => {
                let value = match &g2 {
                    Some(g2) if may_depend && expression(g2, i).as_ref() != Some(&(value.clone(), end, true)) => None,
                    _ => value,
                };
                // The span starts at the time itself, not at "le", "the" or "at" before it.
                let mut start = i;
                while start + 1 < end && t.is(start, &["le", "the", "at", "à", "@", "on", "for", "vers"]) {
                    start += 1;
                }
                out.push((start..end, value));
                i = end;
            }
            _ => i += 1,
        }
    }
}
