//! JavaScript API over the core (filled by the wasm layer work).
