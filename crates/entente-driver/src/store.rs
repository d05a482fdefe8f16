//! The embedded store: documents, entities and mentions in SQLite (WAL mode), written one
//! document per transaction and idempotent by document id, so a killed run leaves a consistent
//! store and a re-run completes it. `entente query` reads it back across languages.

use std::path::Path;

use entente_core::output::{Record, Status};
use rusqlite::{Connection, params};

const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS documents (
    id TEXT PRIMARY KEY,
    title TEXT,
    lang TEXT,
    status TEXT NOT NULL,
    record TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS entities (
    id TEXT PRIMARY KEY,
    type TEXT NOT NULL,
    canonical TEXT NOT NULL,
    names TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS mentions (
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    entity_id TEXT NOT NULL,
    text TEXT NOT NULL,
    label TEXT NOT NULL,
    char_start INTEGER NOT NULL,
    char_end INTEGER NOT NULL,
    byte_start INTEGER NOT NULL,
    byte_end INTEGER NOT NULL,
    PRIMARY KEY (doc_id, byte_start, byte_end, entity_id)
);
CREATE INDEX IF NOT EXISTS mentions_by_entity ON mentions(entity_id);
";

/// An open store.
#[derive(Debug)]
pub struct Store {
    connection: Connection,
}

/// One document found by a query, with the mentions that matched.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Hit {
    /// Document id.
    pub id: String,
    /// Its title.
    pub title: Option<String>,
    /// Its language tag.
    pub language: Option<String>,
    /// The matching mentions.
    pub mentions: Vec<HitMention>,
}

/// A mention that matched a query.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct HitMention {
    /// The entity id.
    pub entity: String,
    /// The mention as written.
    pub text: String,
    /// Code-point start.
    pub char_start: i64,
    /// Code-point end.
    pub char_end: i64,
}

impl Store {
    /// Opens (creating if needed) the store at `path`.
    ///
    /// # Errors
    /// Returns SQLite's error when the file cannot be opened or initialized.
    pub fn open(path: &Path) -> rusqlite::Result<Store> {
        let connection = Connection::open(path)?;
        connection.pragma_update(None, "journal_mode", "WAL")?;
        connection.pragma_update(None, "synchronous", "NORMAL")?;
        connection.pragma_update(None, "foreign_keys", "ON")?;
        connection.execute_batch(SCHEMA)?;
        Ok(Store { connection })
    }

    /// Opens an existing store for reading only, waiting up to a second for writers.
    ///
    /// # Errors
    /// Returns SQLite's error when the file cannot be opened.
    pub fn open_read_only(path: &Path) -> rusqlite::Result<Store> {
        let connection = Connection::open_with_flags(path, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)?;
        connection.busy_timeout(std::time::Duration::from_secs(1))?;
        Ok(Store { connection })
    }

    /// Writes one record, replacing whatever the store held for its document id.
    ///
    /// # Errors
    /// Returns SQLite's error; the transaction is then rolled back.
    pub fn put(&mut self, record: &Record) -> rusqlite::Result<()> {
        let json = serde_json::to_string(record).map_err(|e| rusqlite::Error::ToSqlConversionFailure(Box::new(e)))?;
        let tx = self.connection.transaction()?;
        tx.execute("DELETE FROM mentions WHERE doc_id = ?1", params![record.id])?;
        let status = if record.status == Status::Ok { "ok" } else { "error" };
        tx.execute(
            "INSERT INTO documents (id, title, lang, status, record) VALUES (?1, ?2, ?3, ?4, ?5)
             ON CONFLICT(id) DO UPDATE SET title = excluded.title, lang = excluded.lang,
                 status = excluded.status, record = excluded.record",
            params![record.id, record.title, record.language.as_ref().map(|l| l.tag.clone()), status, json],
        )?;
        for entity in &record.entities {
            let names = serde_json::to_string(&entity.names).unwrap_or_default();
            tx.execute(
                "INSERT INTO entities (id, type, canonical, names) VALUES (?1, ?2, ?3, ?4)
                 ON CONFLICT(id) DO NOTHING",
                params![entity.id, entity.kind, entity.canonical, names],
            )?;
            for m in &entity.mentions {
                let o = m.offsets;
                tx.execute(
                    "INSERT OR REPLACE INTO mentions
                     (doc_id, entity_id, text, label, char_start, char_end, byte_start, byte_end)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                    params![
                        record.id,
                        entity.id,
                        m.text,
                        m.label,
                        o.char_start as i64,
                        o.char_end as i64,
                        o.byte_start as i64,
                        o.byte_end as i64
                    ],
                )?;
            }
        }
        tx.commit()
    }

    /// Documents mentioning any of `entity_ids`, in document-id order.
    ///
    /// # Errors
    /// Returns SQLite's error.
    pub fn documents_mentioning(&self, entity_ids: &[String]) -> rusqlite::Result<Vec<Hit>> {
        let mut statement = self.connection.prepare(
            "SELECT d.id, d.title, d.lang, m.entity_id, m.text, m.char_start, m.char_end
             FROM mentions m JOIN documents d ON d.id = m.doc_id
             WHERE m.entity_id = ?1 ORDER BY d.id, m.char_start",
        )?;
        let mut hits: Vec<Hit> = Vec::new();
        for id in entity_ids {
            let rows = statement.query_map(params![id], |row| {
                Ok((
                    row.get::<_, String>(0)?,
                    row.get::<_, Option<String>>(1)?,
                    row.get::<_, Option<String>>(2)?,
                    HitMention {
                        entity: row.get(3)?,
                        text: row.get(4)?,
                        char_start: row.get(5)?,
                        char_end: row.get(6)?,
                    },
                ))
            })?;
            for row in rows {
                let (doc, title, language, mention) = row?;
                match hits.iter_mut().find(|h| h.id == doc) {
                    Some(hit) => hit.mentions.push(mention),
                    None => hits.push(Hit { id: doc, title, language, mentions: vec![mention] }),
                }
            }
        }
        hits.sort_by(|a, b| a.id.cmp(&b.id));
        Ok(hits)
    }

    /// Number of documents stored.
    ///
    /// # Errors
    /// Returns SQLite's error.
    pub fn count_documents(&self) -> rusqlite::Result<u64> {
        self.connection.query_row("SELECT COUNT(*) FROM documents", [], |r| r.get(0))
    }

    /// True when the store knows entity `id`.
    ///
    /// # Errors
    /// Returns SQLite's error.
    pub fn has_entity(&self, id: &str) -> rusqlite::Result<bool> {
        self.connection.query_row("SELECT EXISTS(SELECT 1 FROM entities WHERE id = ?1)", params![id], |r| r.get(0))
    }
}
