//! Reading speed on the largest real export, IMGeluid (3.9 MB of windows-1252 XMI 1.1).
//!
//! Input: `$PATROON_REFDATA/xmi/04a_geonovum_IMGeluid_v3_1_1.xmi`; without the variable
//! the benchmark prints a notice and measures nothing.
//! Output: criterion timings for (a) a bare quick-xml event scan of the bytes, (b) our
//! read (XMI to `ModelDoc`), (c) read plus `mim::build`, and (d) read, build, validate and
//! render all four patterns in both OpenAPI versions (in memory); compare b/a, c/a, d/a.
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
    let Ok(renderer) = patroon::render::Renderer::new(None) else {
        println!("skipped: the built-in template does not load");
        return;
    };
    group.bench_function("d_read_and_generate_all", |b| {
        b.iter(|| generate_all(black_box(&bytes), &file, &renderer))
    });
    group.finish();
}

/// Read, build, validate, then every pattern in both OpenAPI versions, in memory.
fn generate_all(bytes: &[u8], file: &Arc<str>, renderer: &patroon::render::Renderer) -> usize {
    use patroon::pattern::ApiPattern;
    use patroon::render::OasVersion;

    let Ok((doc, _)) = patroon::read::xmi::parse(bytes, file) else { return 0 };
    let (model, _) = patroon::mim::build(&doc);
    let _ = patroon::validate::validate(&model);
    let profile = patroon::profile::Profile::default_for(&model);
    let mut written = 0;
    for pattern in ApiPattern::ALL {
        let api = patroon::pattern::build(&model, &profile, pattern);
        for version in OasVersion::ALL {
            written += renderer.render(&api, version).map_or(0, |text| text.len());
        }
    }
    written
}

criterion_group!(benches, reading);
criterion_main!(benches);
