//! Builds `data/kb.tsv`, the knowledge base entente embeds, from the raw sources and the
//! curated table.
//!
//! ```text
//! cargo run -p entente-link --bin entente-build-kb -- ../shared/data/kb/raw crates/entente-link/data
//! ```
//! Sources: CLDR territory and time-zone city names (Unicode-3.0), GeoNames cities of at least
//! a million people and national capitals (CC BY 4.0, filtered), `data/curated.tsv` and
//! `data/demonyms.tsv`.
//! The output is deterministic: the same inputs give the same bytes.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use entente_link::kb::{KbEntry, KnowledgeBase, slug};
use serde_json::Value;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [raw, out_dir] = args.as_slice() else {
        eprintln!("usage: entente-build-kb RAW_DIR OUT_DIR   (e.g. ../shared/data/kb/raw crates/entente-link/data)");
        return ExitCode::from(2);
    };
    let started = Instant::now();
    match build(Path::new(raw), Path::new(out_dir)) {
        Ok(n) => {
            eprintln!("wrote {n} entries to {out_dir}/kb.tsv in {:.2?}", started.elapsed());
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

type Error = Box<dyn std::error::Error>;

fn read_json(path: PathBuf) -> Result<Value, Error> {
    let text = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    Ok(serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?)
}

/// Territory codes that are not places one links to, or that the curated table covers.
const SKIPPED_TERRITORIES: &[&str] = &["001", "EU", "EZ", "UN", "QO", "ZZ", "XA", "XB"];

fn build(raw: &Path, out_dir: &Path) -> Result<usize, Error> {
    let mut entries: BTreeMap<String, KbEntry> = BTreeMap::new();

    // CLDR territories: countries (alpha-2) and UN M49 regions (numeric).
    let names = |lang: &str| -> Result<serde_json::Map<String, Value>, Error> {
        let v = read_json(raw.join(format!("cldr/main/{lang}/territories.json")))?;
        v["main"][lang]["localeDisplayNames"]["territories"]
            .as_object()
            .cloned()
            .ok_or_else(|| format!("no territories in CLDR {lang}").into())
    };
    let (en, fr) = (names("en")?, names("fr")?);
    for (code, name_en) in &en {
        if code.contains("-alt-") || SKIPPED_TERRITORIES.contains(&code.as_str()) {
            continue;
        }
        let (Some(name_en), Some(name_fr)) = (name_en.as_str(), fr.get(code).and_then(Value::as_str)) else {
            continue;
        };
        let region = code.chars().all(|c| c.is_ascii_digit());
        let mut entry = KbEntry::new(format!("loc:{}", slug(name_en)), entente_core::EntityKind::Loc);
        entry.prior = if region { 0.6 } else { 0.9 };
        entry.name_en = name_en.to_owned();
        entry.name_fr = name_fr.to_owned();
        for alt in ["-alt-short", "-alt-variant"] {
            for table in [&en, &fr] {
                if let Some(a) = table.get(&format!("{code}{alt}")).and_then(Value::as_str) {
                    entry.add_alias(a, false);
                }
            }
        }
        entries.insert(entry.id.clone(), entry);
    }

    // CLDR time-zone exemplar cities: French names of cities, keyed by the tz id's city part.
    let tz_fr = read_json(raw.join("cldr/main/fr/timeZoneNames.json"))?;
    let mut french_city: BTreeMap<String, String> = BTreeMap::new();
    if let Some(zones) = tz_fr["main"]["fr"]["dates"]["timeZoneNames"]["zone"].as_object() {
        for (area, cities) in zones {
            for (city, info) in cities.as_object().into_iter().flatten() {
                if let Some(name) = info["exemplarCity"].as_str() {
                    french_city.insert(format!("{area}/{city}"), name.to_owned());
                }
            }
        }
    }

    // GeoNames: national capitals and cities of at least a million people.
    let countries = read_json(raw.join("geonames/countries.json"))?;
    let mut capitals: BTreeMap<(String, String), ()> = BTreeMap::new();
    for c in countries.as_object().into_iter().flat_map(|o| o.values()) {
        if let (Some(cap), Some(iso)) = (c["capital"].as_str(), c["iso"].as_str()) {
            capitals.insert((iso.to_owned(), cap.to_owned()), ());
        }
    }
    let cities = read_json(raw.join("geonames/cities15000.json"))?;
    let mut picked: Vec<&Value> = cities
        .as_object()
        .into_iter()
        .flat_map(|o| o.values())
        .filter(|c| {
            let pop = c["population"].as_u64().unwrap_or(0);
            let key = (c["countrycode"].as_str().unwrap_or("").to_owned(), c["name"].as_str().unwrap_or("").to_owned());
            pop >= 1_000_000 || capitals.contains_key(&key)
        })
        .collect();
    picked.sort_by_key(|c| std::cmp::Reverse(c["population"].as_u64().unwrap_or(0)));
    for city in picked {
        let name = city["name"].as_str().unwrap_or_default();
        let country = city["countrycode"].as_str().unwrap_or_default();
        let pop = city["population"].as_u64().unwrap_or(0);
        // Only the most populous city of a capital's name is the capital.
        let is_capital = capitals.remove(&(country.to_owned(), name.to_owned())).is_some();
        if name.is_empty() || (pop < 1_000_000 && !is_capital) {
            continue;
        }
        let country = country.to_ascii_lowercase();
        let mut id = format!("loc:{}", slug(name));
        if entries.contains_key(&id) {
            id = format!("{id}-{country}");
            if entries.contains_key(&id) {
                continue;
            }
        }
        let tz = city["timezone"].as_str().unwrap_or_default();
        let tz_city = tz.rsplit('/').next().unwrap_or_default().replace('_', " ");
        let name_fr = if tz_city == name { french_city.get(tz).cloned() } else { None };
        let pop = pop.max(1) as f32;
        let mut entry = KbEntry::new(id.clone(), entente_core::EntityKind::Loc);
        entry.prior = (0.4 + 0.1 * (pop / 1.0e5).log10()).clamp(0.3, 0.85);
        entry.name_en = name.to_owned();
        entry.name_fr = name_fr.unwrap_or_else(|| name.to_owned());
        entries.insert(id, entry);
    }

    // The curated table: new entries, or names and aliases for existing ones.
    let curated_path = out_dir.join("curated.tsv");
    let curated = std::fs::read_to_string(&curated_path).map_err(|e| format!("{}: {e}", curated_path.display()))?;
    let curated = KnowledgeBase::parse(&curated).map_err(|e| format!("{}: {e}", curated_path.display()))?;
    for row in curated.entries() {
        match entries.get_mut(&row.id) {
            Some(existing) => existing.merge(row),
            None => {
                entries.insert(row.id.clone(), row.clone());
            }
        }
    }

    // Nationality adjectives and nouns.
    let demonyms_path = out_dir.join("demonyms.tsv");
    let demonyms = std::fs::read_to_string(&demonyms_path).map_err(|e| format!("{}: {e}", demonyms_path.display()))?;
    for (n, line) in demonyms.lines().enumerate() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        let entry = entries
            .get_mut(cols[0])
            .ok_or_else(|| format!("{}:{}: no entry `{}`", demonyms_path.display(), n + 1, cols[0]))?;
        for form in cols[1..].iter().flat_map(|c| c.split('|')) {
            entry.add_demonym(form);
        }
    }

    let mut out = String::from(entente_link::kb::HEADER);
    for entry in entries.values() {
        entry.write_tsv(&mut out);
    }
    // Check the result loads before writing it.
    let kb = KnowledgeBase::parse(&out)?;
    std::fs::write(out_dir.join("kb.tsv"), out)?;
    Ok(kb.entries().len())
}
