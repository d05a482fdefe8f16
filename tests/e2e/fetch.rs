//! `http(s)://` inputs against a real HTTP server started here on 127.0.0.1: good pages, a
//! 404, a slow response, an oversized body, a PDF and a closed port each give one record.

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::thread;
use std::time::Duration;

use crate::{entente, records};

const PAGE: &str = "<!DOCTYPE html><html><head><title>Les troupes quittent le Kazakhstan</title></head><body>\
<nav><a href='/'>Accueil</a> <a href='/monde'>Monde</a> MENU-DE-NAVIGATION</nav>\
<article><h1>Les troupes quittent le Kazakhstan</h1>\
<p>Le président kazakh Kassym-Jomart Tokaïev a annoncé mardi que les forces de l’Organisation du traité de \
sécurité collective (OTSC) commenceraient à se retirer du pays dans deux jours.</p>\
<p>Le Département d’État des États-Unis s’est félicité de cette annonce, selon l’agence Reuters. Les autorités \
affirment que l’ordre a été rétabli dans le pays de 19 millions d’habitants.</p>\
<p>Vladimir Poutine a revendiqué la victoire dans la défense du Kazakhstan contre une insurrection.</p></article>\
<footer>PIED-DE-PAGE Tous droits réservés</footer></body></html>";

const PAGE_EN: &str = "<!DOCTYPE html><html><head><title>Troops leave Kazakhstan</title></head><body>\
<nav>HOME NAVIGATION-MENU</nav><article><h1>Troops leave Kazakhstan</h1>\
<p>Kazakh President Kassym-Jomart Tokayev said on Tuesday that the troops of the Collective Security Treaty \
Organization (CSTO) would start withdrawing from the country within two days.</p>\
<p>The United States Department of State welcomed the announcement, according to Reuters. Authorities say \
order has been restored in the country of 19 million inhabitants.</p>\
<p>Vladimir Putin claimed victory in defending Kazakhstan against an insurrection.</p></article>\
<footer>SITE-FOOTER</footer></body></html>";

fn feed(base: &str) -> String {
    format!(
        "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Dépêches</title><link>{base}/</link>\
<description>test</description>\
<item><title>Les troupes quittent le Kazakhstan</title><link>{base}/fr.html</link><pubDate>Wed, 12 Jan 2022 10:00:00 GMT</pubDate></item>\
<item><title>Troops leave Kazakhstan</title><link>{base}/en.html</link><pubDate>Wed, 12 Jan 2022 11:00:00 GMT</pubDate></item>\
<item><title>Gone</title><link>{base}/dead</link></item>\
</channel></rss>"
    )
}

/// Reads a request's line and headers and returns its path.
fn request_path(stream: &TcpStream) -> Option<String> {
    let mut reader = BufReader::new(stream.try_clone().expect("clone"));
    let mut request_line = String::new();
    reader.read_line(&mut request_line).ok()?;
    let mut line = String::new();
    while reader.read_line(&mut line).is_ok_and(|n| n > 2) {
        line.clear();
    }
    Some(request_line.split_whitespace().nth(1).unwrap_or("/").to_owned())
}

fn respond(mut stream: TcpStream) {
    let Some(path) = request_path(&stream) else { return };
    let base = format!("http://{}", stream.local_addr().map(|a| a.to_string()).unwrap_or_default());
    let (status, content_type, body): (&str, &str, Vec<u8>) = match path.as_str() {
        "/fr.html" => ("200 OK", "text/html; charset=utf-8", PAGE.as_bytes().to_vec()),
        "/en.html" => ("200 OK", "text/html; charset=utf-8", PAGE_EN.as_bytes().to_vec()),
        "/feed.xml" => ("200 OK", "application/rss+xml", feed(&base).into_bytes()),
        "/broken-feed.xml" => ("200 OK", "application/rss+xml", b"<rss><channel><item>".to_vec()),
        "/en.txt" => {
            ("200 OK", "text/plain; charset=utf-8", b"The Kremlin and the CSTO said the troops would leave.".to_vec())
        }
        "/slow" => {
            thread::sleep(Duration::from_millis(1500));
            ("200 OK", "text/plain", b"too late".to_vec())
        }
        "/big" => ("200 OK", "text/plain", vec![b'a'; 60_000]),
        "/report.pdf" => ("200 OK", "application/pdf", b"%PDF-1.4".to_vec()),
        _ => ("404 Not Found", "text/plain", b"not here".to_vec()),
    };
    let head = format!(
        "HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    );
    let _ = stream.write_all(head.as_bytes());
    let _ = stream.write_all(&body);
}

/// Starts the server; it serves until the test process ends.
fn server() -> String {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let address = listener.local_addr().expect("address");
    thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            thread::spawn(move || respond(stream));
        }
    });
    format!("http://{address}")
}

#[test]
fn pages_and_failures_each_give_one_record() {
    let base = server();
    // A closed port: bind one, note it, drop it.
    let closed = {
        let l = TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap()
    };
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("fetch.toml");
    let default = std::fs::read_to_string(crate::root().join("config/default.toml")).unwrap();
    std::fs::write(
        &config,
        format!(
            "{default}\n[input]\nmax_document_bytes = 20000\nfetch_timeout_ms = 500\nfetch_retries = 0\n\n[output]\nnormalized_text = true\n"
        ),
    )
    .unwrap();
    let urls = [
        format!("{base}/fr.html"),
        format!("{base}/en.txt"),
        format!("{base}/missing"),
        format!("{base}/slow"),
        format!("{base}/big"),
        format!("{base}/report.pdf"),
        format!("http://{closed}/"),
        "ftp://127.0.0.1/file".to_owned(),
    ];
    let mut args = vec!["run", "-c", config.to_str().unwrap()];
    args.extend(urls.iter().map(String::as_str));
    let output = entente(&args, b"");
    assert_eq!(output.status.code(), Some(0), "{}", String::from_utf8_lossy(&output.stderr));
    let records = records(&output);
    let summary: Vec<String> = records
        .iter()
        .map(|r| r["error"]["kind"].as_str().map_or_else(|| r["status"].as_str().unwrap().to_owned(), str::to_owned))
        .collect();
    assert_eq!(
        summary,
        ["ok", "ok", "http_status", "timeout", "too_large", "unsupported_content", "unreachable", "bad_url"]
    );
    for (record, url) in records.iter().zip(&urls) {
        assert_eq!(record["id"], url.as_str());
    }
    // The page: article text only, entities found and linked.
    let page = &records[0];
    let text = page["normalized_text"].as_str().unwrap();
    assert!(!text.contains("MENU-DE-NAVIGATION") && !text.contains("PIED-DE-PAGE"), "boilerplate kept: {text}");
    assert_eq!(page["title"], "Les troupes quittent le Kazakhstan");
    let ids: Vec<&str> = page["entities"].as_array().unwrap().iter().map(|e| e["id"].as_str().unwrap()).collect();
    for id in ["loc:kazakhstan", "org:csto", "per:kassym-jomart-tokayev", "per:vladimir-putin"] {
        assert!(ids.contains(&id), "{id} not in {ids:?}");
    }
    let ids: Vec<&str> = records[1]["entities"].as_array().unwrap().iter().map(|e| e["id"].as_str().unwrap()).collect();
    assert!(ids.contains(&"org:csto"), "{ids:?}");
}

#[test]
fn feed_items_become_documents_and_query_crosses_languages() {
    let base = server();
    let closed = {
        let l = TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap()
    };
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("news.db");
    let config = dir.path().join("fetch.toml");
    let default = std::fs::read_to_string(crate::root().join("config/default.toml")).unwrap();
    std::fs::write(&config, format!("{default}\n[input]\nfetch_timeout_ms = 2000\nfetch_retries = 0\n")).unwrap();
    let feed_url = format!("{base}/feed.xml");
    let unreachable = format!("http://{closed}/article");
    let broken = format!("{base}/broken-feed.xml");
    let output = entente(
        &["run", "-c", config.to_str().unwrap(), "--store", db.to_str().unwrap(), &feed_url, &unreachable, &broken],
        b"",
    );
    assert_eq!(output.status.code(), Some(0));
    let records = records(&output);
    let summary: Vec<(String, String)> = records
        .iter()
        .map(|r| {
            let kind = r["error"]["kind"].as_str().map_or_else(|| "ok".to_owned(), str::to_owned);
            (r["id"].as_str().unwrap().to_owned(), kind)
        })
        .collect();
    assert_eq!(
        summary,
        [
            (format!("{base}/fr.html"), "ok".to_owned()),
            (format!("{base}/en.html"), "ok".to_owned()),
            (format!("{base}/dead"), "http_status".to_owned()),
            (unreachable.clone(), "unreachable".to_owned()),
            (broken.clone(), "malformed_feed".to_owned()),
        ]
    );
    // The item's date is the reference time: "Tuesday" is 2022-01-11.
    let tuesday = records[1]["values"].as_array().unwrap().iter().find(|v| v["text"] == "Tuesday").expect("Tuesday");
    assert!(tuesday["value"]["value"].as_str().unwrap().starts_with("2022-01-11"), "{tuesday}");
    // "OTSC" finds the English article about the CSTO too.
    let hits = crate::records(&entente(&["query", "--store", db.to_str().unwrap(), "OTSC"], b""));
    let ids: Vec<&str> = hits.iter().map(|h| h["id"].as_str().unwrap()).collect();
    assert_eq!(ids, [format!("{base}/en.html"), format!("{base}/fr.html")]);
}

/// A server whose pages each take 300 ms and which records the most requests it served at once.
fn counting_server(max_seen: std::sync::Arc<std::sync::atomic::AtomicUsize>) -> String {
    use std::sync::atomic::{AtomicUsize, Ordering};
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let address = listener.local_addr().expect("address");
    let active = std::sync::Arc::new(AtomicUsize::new(0));
    thread::spawn(move || {
        for mut stream in listener.incoming().flatten() {
            let (active, max_seen) = (active.clone(), max_seen.clone());
            thread::spawn(move || {
                let path = request_path(&stream).unwrap_or_default();
                let (content_type, body) = if path == "/feed.xml" {
                    let items: String = (0..6)
                        .map(|n| format!("<item><title>Item {n}</title><link>http://{address}/page/{n}</link></item>"))
                        .collect();
                    (
                        "application/rss+xml",
                        format!("<rss version=\"2.0\"><channel><title>t</title>{items}</channel></rss>"),
                    )
                } else {
                    let now = active.fetch_add(1, Ordering::SeqCst) + 1;
                    max_seen.fetch_max(now, Ordering::SeqCst);
                    thread::sleep(Duration::from_millis(300));
                    active.fetch_sub(1, Ordering::SeqCst);
                    ("text/plain", format!("Page {path}: the CSTO troops leave Kazakhstan."))
                };
                let head = format!(
                    "HTTP/1.1 200 OK\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                    body.len()
                );
                let _ = stream.write_all(head.as_bytes());
                let _ = stream.write_all(body.as_bytes());
            });
        }
    });
    format!("http://{address}")
}

#[test]
fn feed_items_are_fetched_concurrently_but_politely_and_stay_in_order() {
    let max_seen = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let base = counting_server(max_seen.clone());
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("polite.toml");
    let default = std::fs::read_to_string(crate::root().join("config/default.toml")).unwrap();
    std::fs::write(
        &config,
        format!("{default}\n[input]\nfetch_concurrency = 8\nper_host_concurrency = 2\nper_host_interval_ms = 0\n"),
    )
    .unwrap();
    let output = entente(&["run", "-c", config.to_str().unwrap(), &format!("{base}/feed.xml")], b"");
    assert_eq!(output.status.code(), Some(0));
    let ids: Vec<String> = records(&output).iter().map(|r| r["id"].as_str().unwrap().to_owned()).collect();
    let expected: Vec<String> = (0..6).map(|n| format!("{base}/page/{n}")).collect();
    assert_eq!(ids, expected);
    // Two at a time: concurrent (more than one), polite (never more than two).
    assert_eq!(max_seen.load(std::sync::atomic::Ordering::SeqCst), 2);
}
