//! `cargo bench`: one full validation of the seed report, one incremental `set`, and the
//! importer's throughput and scaling benchmarks (module `import`).
//!
//! The allocator is mimalloc, as in the shipped CLI (`crates/cli`), whose users run the
//! native importer and checker; the WebAssembly builds keep their own allocator.

mod import;

use nianbao::{validate, Checker, Options, Report};

// As in crates/cli: the numbers are what `nianbao check` gets.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    divan::main();
}

fn seed() -> Report {
    serde_json::from_str(include_str!("../examples/yichun-2020.json")).unwrap()
}

#[divan::bench]
fn validate_full_report(b: divan::Bencher) {
    let r = seed();
    let opts = Options::default();
    b.bench(|| validate(divan::black_box(&r), &opts).unwrap());
}

#[divan::bench]
fn checker_from_report(b: divan::Bencher) {
    let r = seed();
    let opts = Options::default();
    b.bench(|| Checker::from_report(divan::black_box(&r), &opts).unwrap());
}

/// One keystroke: alternately breaks and restores a part of three identities.
#[divan::bench]
fn incremental_set(b: divan::Bencher) {
    let mut c = Checker::from_report(&seed(), &Options::default()).unwrap();
    let mut flip = false;
    b.bench_local(|| {
        flip = !flip;
        c.set(
            "s3.result.granted.natural",
            if flip { "331" } else { "330" },
        )
        .unwrap()
    });
}

/// A keystroke on a cell that changes nothing else (fast path).
#[divan::bench]
fn incremental_set_s2(b: divan::Bencher) {
    let mut c = Checker::from_report(&seed(), &Options::default()).unwrap();
    let mut flip = false;
    b.bench_local(|| {
        flip = !flip;
        c.set("s2.rules.made", if flip { "12" } else { "11" })
            .unwrap()
    });
}

/// The seed text as imported (tables and the narrative's 150 sentences): `validate` as
/// `nianbao check` runs it, most of it the narrative rules' phrase search.
#[divan::bench]
fn validate_seed_text(b: divan::Bencher) {
    let text = include_str!("../examples/yichun-2020.txt");
    let (r, _) = nianbao_html::import(text, nianbao_html::InputKind::Text);
    let opts = Options::default();
    b.bench(|| validate(divan::black_box(&r), &opts).unwrap());
}
