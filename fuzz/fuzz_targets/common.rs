//! Shared by the fuzz targets: the default pipeline, built once, and the checks every record
//! must pass.

use std::sync::OnceLock;

use entente_driver::config::{ConfigSource, load};
use entente_driver::input::Item;
use entente_pipeline::Pipeline;

pub fn pipeline() -> &'static Pipeline {
    static PIPELINE: OnceLock<Pipeline> = OnceLock::new();
    PIPELINE.get_or_init(|| {
        let spec = load(&ConfigSource::embedded()).expect("the embedded configuration loads");
        entente_driver::build::pipeline(&spec).expect("the embedded configuration builds")
    })
}

/// Runs an item through the pipeline and checks the record: one per item, same id, and every
/// span slices the document's text on character boundaries.
pub fn check(item: Item) {
    match item {
        Item::Doc(doc) => {
            let record = pipeline().process(&doc);
            assert_eq!(record.id, doc.id);
            for entity in &record.entities {
                for m in &entity.mentions {
                    let (start, end) = (m.offsets.byte_start, m.offsets.byte_end);
                    assert_eq!(doc.text.get(start..end), Some(m.text.as_str()), "span {start}..{end} off the text");
                }
            }
        }
        Item::Error { id, kind, .. } => {
            assert!(!id.is_empty() && !kind.is_empty());
        }
    }
}
