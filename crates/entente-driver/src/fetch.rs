//! Fetching `http(s)://` inputs: reqwest on a tokio runtime, with a timeout, retries with
//! backoff, a redirect limit and a body-size limit. HTML pages go through article extraction
//! (dom_smoothie, a port of Firefox's Readability), so navigation, asides and footers are left
//! out; the document's text is the extracted text (title, blank line, body), and every offset
//! points into it.
//!
//! An RSS, Atom or JSON feed is expanded: each item's link becomes one document (or one error
//! record), with the item's date as its reference time. Items are fetched concurrently, up to
//! `fetch_concurrency` at a time, and politely: at most `per_host_concurrency` requests to one
//! host at a time, started at least `per_host_interval_ms` apart. Records keep the feed's order.
//!
//! Every failure is an [`Item::Error`] with a stable kind: `unreachable`, `timeout`,
//! `http_status`, `too_large`, `unsupported_content`, `too_many_redirects`, `bad_url`,
//! `malformed_feed`.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use entente_core::Document;
use futures_util::StreamExt;
use tokio::sync::Semaphore;
use tokio::time::Instant;

use crate::config::InputParams;
use crate::input::Item;

/// Fetches URLs on its own single-threaded runtime, feed items concurrently.
#[derive(Debug)]
pub struct Fetcher {
    runtime: tokio::runtime::Runtime,
    client: reqwest::Client,
    retries: u32,
    max_bytes: usize,
    concurrency: usize,
    hosts: Hosts,
}

/// Per-host politeness: a limit on concurrent requests and a minimum interval between starts.
#[derive(Debug)]
struct Hosts {
    per_host: usize,
    interval: Duration,
    gates: Mutex<HashMap<String, Arc<Gate>>>,
}

#[derive(Debug)]
struct Gate {
    slots: Semaphore,
    next_start: tokio::sync::Mutex<Instant>,
}

impl Hosts {
    fn gate(&self, host: &str) -> Arc<Gate> {
        let mut gates = self.gates.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        Arc::clone(gates.entry(host.to_owned()).or_insert_with(|| {
            Arc::new(Gate { slots: Semaphore::new(self.per_host), next_start: tokio::sync::Mutex::new(Instant::now()) })
        }))
    }
}

impl Fetcher {
    /// A fetcher following `params`.
    ///
    /// # Errors
    /// Returns a message when the runtime or the HTTP client cannot be built.
    pub fn new(params: &InputParams) -> Result<Fetcher, String> {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .map_err(|e| format!("cannot start the async runtime: {e}"))?;
        let client = reqwest::Client::builder()
            .user_agent(concat!("entente/", env!("CARGO_PKG_VERSION")))
            .timeout(Duration::from_millis(params.fetch_timeout_ms))
            .connect_timeout(Duration::from_millis(params.fetch_timeout_ms.min(10_000)))
            .redirect(reqwest::redirect::Policy::limited(params.max_redirects))
            .build()
            .map_err(|e| format!("cannot build the HTTP client: {e}"))?;
        let hosts = Hosts {
            per_host: params.per_host_concurrency.max(1),
            interval: Duration::from_millis(params.per_host_interval_ms),
            gates: Mutex::new(HashMap::new()),
        };
        Ok(Fetcher {
            runtime,
            client,
            retries: params.fetch_retries,
            max_bytes: params.max_document_bytes,
            concurrency: params.fetch_concurrency.max(1),
            hosts,
        })
    }

    /// Fetches `url`: a page gives one item; a feed gives one item per entry, in feed order.
    pub fn fetch_all(&self, url: &str) -> Vec<Item> {
        self.runtime.block_on(self.fetch_all_async(url))
    }

    /// Fetches `url` and turns it into a document, or an error item.
    pub fn fetch(&self, url: &str) -> Item {
        self.runtime.block_on(self.fetch_async(url))
    }

    async fn fetch_all_async(&self, url: &str) -> Vec<Item> {
        let (content_type, body) = match self.download(url).await {
            Ok(downloaded) => downloaded,
            Err((kind, message)) => return vec![Item::Error { id: url.to_owned(), kind, message }],
        };
        if !is_feed(&content_type, &body) {
            return vec![document(url, &content_type, body)];
        }
        let feed = match feed_rs::parser::parse(body.as_slice()) {
            Ok(feed) => feed,
            Err(e) => {
                return vec![Item::Error {
                    id: url.to_owned(),
                    kind: "malformed_feed",
                    message: format!("not a feed: {e}"),
                }];
            }
        };
        let source = feed.title.map(|t| t.content);
        let items = feed.entries.into_iter().map(|entry| {
            let source = source.clone();
            async move {
                let Some(link) = entry.links.first().map(|l| l.href.clone()) else {
                    let id = format!("{url}#{}", entry.id);
                    return Item::Error { id, kind: "bad_url", message: "feed entry without a link".into() };
                };
                let mut item = self.fetch_async(&link).await;
                if let Item::Doc(doc) = &mut item {
                    doc.reference_time = entry.published.or(entry.updated).map(|t| t.to_rfc3339());
                    doc.source = source;
                    if doc.title.is_none() {
                        doc.title = entry.title.map(|t| t.content);
                    }
                }
                item
            }
        });
        // `buffered` runs up to `concurrency` fetches at once and yields them in feed order.
        futures_util::stream::iter(items).buffered(self.concurrency).collect().await
    }

    async fn fetch_async(&self, url: &str) -> Item {
        match self.download(url).await {
            Ok((content_type, body)) => document(url, &content_type, body),
            Err((kind, message)) => Item::Error { id: url.to_owned(), kind, message },
        }
    }

    /// The content type and body of `url`, after retries; the error kind and message when it
    /// fails.
    async fn download(&self, url: &str) -> Result<(String, Vec<u8>), (&'static str, String)> {
        let parsed = match reqwest::Url::parse(url) {
            Ok(u) if matches!(u.scheme(), "http" | "https") => u,
            Ok(u) => return Err(("bad_url", format!("scheme `{}` is not http or https", u.scheme()))),
            Err(e) => return Err(("bad_url", format!("not a URL: {e}"))),
        };
        let gate = self.hosts.gate(parsed.host_str().unwrap_or(""));
        let mut attempt = 0;
        loop {
            let result = {
                let _slot = gate.slots.acquire().await.map_err(|e| ("unreachable", e.to_string()))?;
                {
                    let mut next_start = gate.next_start.lock().await;
                    tokio::time::sleep_until(*next_start).await;
                    *next_start = Instant::now() + self.hosts.interval;
                }
                self.get(parsed.clone()).await
            };
            match result {
                Err(Failure::Retryable(_, message)) if attempt < self.retries => {
                    attempt += 1;
                    tracing::debug!(url, attempt, %message, "retrying");
                    tokio::time::sleep(Duration::from_millis(200 << attempt)).await;
                }
                Err(Failure::Retryable(kind, message) | Failure::Final(kind, message)) => return Err((kind, message)),
                Ok(downloaded) => return Ok(downloaded),
            }
        }
    }

    async fn get(&self, url: reqwest::Url) -> Result<(String, Vec<u8>), Failure> {
        let mut response = self.client.get(url).send().await.map_err(classify)?;
        let status = response.status();
        if !status.is_success() {
            let message = format!("HTTP {status}");
            return Err(if status.is_server_error() {
                Failure::Retryable("http_status", message)
            } else {
                Failure::Final("http_status", message)
            });
        }
        let content_type = response
            .headers()
            .get(reqwest::header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_ascii_lowercase();
        if response.content_length().is_some_and(|n| n > self.max_bytes as u64) {
            return Err(Failure::Final("too_large", format!("body is larger than {} bytes", self.max_bytes)));
        }
        let mut body = Vec::new();
        while let Some(chunk) = response.chunk().await.map_err(classify)? {
            if body.len() + chunk.len() > self.max_bytes {
                return Err(Failure::Final("too_large", format!("body is larger than {} bytes", self.max_bytes)));
            }
            body.extend_from_slice(&chunk);
        }
        Ok((content_type, body))
    }
}

/// Turns a downloaded body into a document: HTML through article extraction, plain text as it is;
/// other content, or a body that is not UTF-8, is an error item. `url` is the document's id.
pub fn document(url: &str, content_type: &str, body: Vec<u8>) -> Item {
    let error = |kind: &'static str, message: String| Item::Error { id: url.to_owned(), kind, message };
    let Ok(text) = String::from_utf8(body) else {
        return error("invalid_utf8", "the body is not valid UTF-8".into());
    };
    let mime = content_type.split(';').next().unwrap_or("").trim();
    let mut doc = match mime {
        "text/html" | "application/xhtml+xml" => match article(&text, url) {
            Ok((title, body)) => {
                let mut doc = Document::new(url, format!("{title}\n\n{body}"));
                doc.title = Some(title).filter(|t| !t.is_empty());
                doc
            }
            Err(message) => return error("unsupported_content", message),
        },
        "text/plain" | "" => Document::new(url, text),
        other => return error("unsupported_content", format!("content type `{other}` is not text or HTML")),
    };
    doc.url = Some(url.to_owned());
    Item::Doc(doc)
}

/// True for RSS, Atom and JSON Feed bodies.
fn is_feed(content_type: &str, body: &[u8]) -> bool {
    let mime = content_type.split(';').next().unwrap_or("").trim();
    if matches!(mime, "application/rss+xml" | "application/atom+xml" | "application/feed+json") {
        return true;
    }
    if matches!(mime, "text/xml" | "application/xml" | "application/json" | "") {
        let head = String::from_utf8_lossy(&body[..body.len().min(512)]).to_ascii_lowercase();
        return head.contains("<rss") || head.contains("<feed") || head.contains("jsonfeed.org");
    }
    false
}

/// The title and readable body text of an HTML page.
fn article(html: &str, url: &str) -> Result<(String, String), String> {
    let config = dom_smoothie::Config { text_mode: dom_smoothie::TextMode::Formatted, ..Default::default() };
    let mut readability = dom_smoothie::Readability::new(html, Some(url), Some(config))
        .map_err(|e| format!("cannot read the page: {e}"))?;
    let article = readability.parse().map_err(|e| format!("no article found in the page: {e}"))?;
    let body = article.text_content.trim().to_owned();
    Ok((article.title.trim().to_owned(), body))
}

enum Failure {
    Retryable(&'static str, String),
    Final(&'static str, String),
}

fn classify(e: reqwest::Error) -> Failure {
    if e.is_timeout() {
        Failure::Retryable("timeout", format!("timed out: {e}"))
    } else if e.is_redirect() {
        Failure::Final("too_many_redirects", e.to_string())
    } else if e.is_connect() {
        Failure::Retryable("unreachable", format!("cannot connect: {e}"))
    } else {
        Failure::Final("unreachable", e.to_string())
    }
}
