//! Reading speed on the largest real export, IMGeluid (3.9 MB of windows-1252 XMI 1.1).
//!
//! Input: `$PATROON_REFDATA/xmi/04a_geonovum_IMGeluid_v3_1_1.xmi`; without the variable
//! the benchmark prints a notice and measures nothing.
//! Output: criterion timings for (a) a bare quick-xml event scan of the bytes, (b) our
//! read (XMI to `ModelDoc`) and (c) read plus `mim::build`; compare b/a and c/a.
//! Not here: a pass/fail threshold; this is a measurement, not a test.

use std::hint::black_box;
use std::path::PathBuf;
use std::sync::Arc;

use criterion::{Criterion, criterion_group, criterion_main};
use quick_xml::Reader;
use quick_xml::events::Event;

const FILE: &str = "04a_geonovum_IMGeluid_v3_1_1.xmi";

/// Counts the events of a document without decoding or keeping anything.
fn bare_scan(bytes: &[u8]) -> usize {
    let mut reader = Reader::from_reader(bytes);
    let mut buffer = Vec::new();
    let mut events = 0;
    loop {
        match reader.read_event_into(&mut buffer) {
            Ok(Event::Eof) | Err(_) => return events,
            Ok(_) => events += 1,
        }
        buffer.clear();
    }
}

fn reading(c: &mut Criterion) {
    let Ok(root) = std::env::var("PATROON_REFDATA") else {
        println!("skipped: PATROON_REFDATA not set");
        return;
    };
    let path = PathBuf::from(root).join("xmi").join(FILE);
    let Ok(bytes) = std::fs::read(&path) else {
        println!("skipped: cannot read {}", path.display());
        return;
    };
    let file: Arc<str> = Arc::from(FILE);

    let mut group = c.benchmark_group("imgeluid");
    group.sample_size(20);
    group.bench_function("a_bare_quick_xml_scan", |b| b.iter(|| bare_scan(black_box(&bytes))));
    group.bench_function("b_read_xmi", |b| {
        b.iter(|| patroon::read::xmi::parse(black_box(&bytes), &file).map(|(doc, _)| doc))
    });
    group.bench_function("c_read_and_build", |b| {
        b.iter(|| {
            patroon::read::xmi::parse(black_box(&bytes), &file)
                .map(|(doc, _)| patroon::mim::build(&doc))
        })
    });
    group.finish();
}

criterion_group!(benches, reading);
criterion_main!(benches);
