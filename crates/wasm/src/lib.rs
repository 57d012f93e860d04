//! The browser JS API module (`pkg/web`, `pkg/bundler`): `validate`, `formats`,
//! `createChecker` / `Checker` (`nianbao-api`) and `version` (`nianbao-js`). No importer is in
//! its crate graph; scripts/size.sh holds it to the 60 KB gzip budget.
#![cfg(target_arch = "wasm32")]

// Linked for their `#[wasm_bindgen]` exports.
extern crate nianbao_api;
extern crate nianbao_js;

// Smaller than the default dlmalloc (the browser size budget); see `nianbao::heap`.
#[global_allocator]
static ALLOCATOR: nianbao::heap::WasmAlloc = nianbao::heap::WasmAlloc::new();
