//! The WebAssembly builds' global allocator: power-of-two size classes, one free list each,
//! carved from memory the module grows on demand. A few hundred bytes of code instead of
//! dlmalloc's ~5 KB (the browser budget); fast (no search), at the cost of rounding each
//! block up to a power of two and never returning memory to other classes — fine for this
//! crate's allocations (many small strings and vectors of repeating sizes).
//!
//! The class logic ([`Classes`]) is plain code over addresses, tested natively on an arena;
//! only [`WasmAlloc`] touches the module's memory. Single-threaded by design: the wasm32
//! builds have no threads.

use std::alloc::Layout;

/// Classes 2^3 (8 bytes) .. 2^31.
const CLASSES: usize = 32;
const MIN_SHIFT: u32 = 3;
/// Blocks are aligned to their size up to this; alignments above it are refused (null).
const MAX_ALIGN: usize = 4096;

/// Free lists and the bump region `[bump, end)`. A free block's first word is the address
/// of the next free block of its class (0: none).
pub struct Classes {
    free: [usize; CLASSES],
    bump: usize,
    end: usize,
}

impl Classes {
    pub const fn new() -> Classes {
        Classes {
            free: [0; CLASSES],
            bump: 0,
            end: 0,
        }
    }

    /// The size class of a layout; None when it cannot be served.
    fn class(layout: Layout) -> Option<u32> {
        if layout.align() > MAX_ALIGN {
            return None;
        }
        let size = layout.size().max(layout.align()).max(1 << MIN_SHIFT);
        let shift = usize::BITS - (size - 1).leading_zeros();
        (shift < MIN_SHIFT + CLASSES as u32).then_some(shift)
    }

    /// A block for `layout`, or 0. `grow(bytes)` must make at least `bytes` more bytes
    /// available and return the start of the new region (contiguous with `end` or not), or
    /// None.
    ///
    /// # Safety
    /// Every address this has handed out and not had back must be writable memory.
    pub unsafe fn alloc(
        &mut self,
        layout: Layout,
        grow: &mut dyn FnMut(usize) -> Option<usize>,
    ) -> usize {
        let Some(shift) = Self::class(layout) else {
            return 0;
        };
        let k = (shift - MIN_SHIFT) as usize;
        let head = self.free[k];
        if head != 0 {
            // SAFETY: `head` is a freed block of this class (≥ 8 bytes, aligned), which holds
            // the next free block's address written by `dealloc`.
            self.free[k] = unsafe { (head as *const usize).read() };
            return head;
        }
        let size = 1usize << shift;
        let align = size.min(MAX_ALIGN);
        let mut start = (self.bump + align - 1) & !(align - 1);
        if self.bump == 0 || start.checked_add(size).is_none_or(|e| e > self.end) {
            // A fresh region; what was left of the old one is abandoned (small, rare).
            let Some(want) = size.checked_add(align) else {
                return 0;
            };
            let Some(region) = grow(want) else {
                return 0;
            };
            if region != self.end || self.bump == 0 {
                self.bump = region;
            }
            self.end = region + want.div_ceil(PAGE) * PAGE;
            start = (self.bump + align - 1) & !(align - 1);
        }
        self.bump = start + size;
        start
    }

    /// Gives a block back to its class.
    ///
    /// # Safety
    /// `ptr` came from [`Classes::alloc`] with the same `layout` and is not used again.
    pub unsafe fn dealloc(&mut self, ptr: usize, layout: Layout) {
        if let Some(shift) = Self::class(layout) {
            let k = (shift - MIN_SHIFT) as usize;
            // SAFETY: the caller gives back a block of this class, no longer used: its first
            // word becomes the free-list link.
            unsafe { (ptr as *mut usize).write(self.free[k]) };
            self.free[k] = ptr;
        }
    }

    /// Whether a block allocated for `old` also fits `new` (same class): realloc in place.
    pub fn same_class(old: Layout, new: Layout) -> bool {
        Self::class(old) == Self::class(new)
    }
}

impl Default for Classes {
    fn default() -> Self {
        Self::new()
    }
}

/// WebAssembly page size: memory grows by whole pages.
const PAGE: usize = 65536;

#[cfg(target_arch = "wasm32")]
pub use wasm::WasmAlloc;

#[cfg(target_arch = "wasm32")]
mod wasm {
    use super::{Classes, PAGE};
    use std::alloc::{GlobalAlloc, Layout};
    use std::cell::UnsafeCell;

    /// The global allocator of the wasm32 builds (see the module doc).
    pub struct WasmAlloc(UnsafeCell<Classes>);

    // SAFETY: the wasm32 builds are single-threaded (no atomics/threads target feature).
    unsafe impl Sync for WasmAlloc {}

    impl WasmAlloc {
        pub const fn new() -> WasmAlloc {
            WasmAlloc(UnsafeCell::new(Classes::new()))
        }
    }

    impl Default for WasmAlloc {
        fn default() -> Self {
            Self::new()
        }
    }

    /// Grows the module's memory by at least `bytes`; the start of the new pages.
    fn grow(bytes: usize) -> Option<usize> {
        let pages = bytes.div_ceil(PAGE);
        let old = core::arch::wasm32::memory_grow(0, pages);
        (old != usize::MAX).then(|| old * PAGE)
    }

    // SAFETY: blocks are aligned as asked (class sizes are powers of two ≥ the alignment;
    // larger alignments get null), never overlap a live block and stay valid until freed
    // (`random_sequences_keep_blocks_apart`).
    unsafe impl GlobalAlloc for WasmAlloc {
        unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
            // SAFETY: single-threaded, and no allocation happens inside `Classes::alloc`.
            unsafe { (*self.0.get()).alloc(layout, &mut grow) as *mut u8 }
        }

        unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
            // SAFETY: single-threaded; `GlobalAlloc`'s contract gives `ptr` from `alloc` with
            // this `layout`, which is what `Classes::dealloc` requires.
            unsafe { (*self.0.get()).dealloc(ptr as usize, layout) }
        }

        unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
            let Ok(new) = Layout::from_size_align(new_size, layout.align()) else {
                return std::ptr::null_mut();
            };
            if Classes::same_class(layout, new) {
                return ptr;
            }
            // SAFETY: `new` has a non-zero size and a valid alignment (checked above).
            let out = unsafe { self.alloc(new) };
            if !out.is_null() {
                // SAFETY: both blocks are live, distinct and at least `min(old, new)` long;
                // `ptr` is not used after it is given back.
                unsafe {
                    std::ptr::copy_nonoverlapping(ptr, out, layout.size().min(new_size));
                    self.dealloc(ptr, layout);
                }
            }
            out
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A fake memory: a real, page-aligned buffer handed out page by page.
    struct Arena {
        buf: Vec<u8>,
        used: usize,
        base: usize,
    }

    impl Arena {
        fn new(pages: usize) -> Arena {
            let buf = vec![0u8; (pages + 1) * PAGE];
            let base = (buf.as_ptr() as usize).next_multiple_of(PAGE);
            Arena { buf, used: 0, base }
        }
        fn grow(&mut self, bytes: usize) -> Option<usize> {
            let pages = bytes.div_ceil(PAGE);
            if (self.used + pages + 1) * PAGE > self.buf.len() {
                return None;
            }
            let start = self.base + self.used * PAGE;
            self.used += pages;
            Some(start)
        }
    }

    fn layout(size: usize, align: usize) -> Layout {
        Layout::from_size_align(size, align).unwrap()
    }

    #[test]
    fn classes_round_up_to_powers_of_two() {
        assert_eq!(Classes::class(layout(0, 1)), Some(3));
        assert_eq!(Classes::class(layout(8, 8)), Some(3));
        assert_eq!(Classes::class(layout(9, 1)), Some(4));
        assert_eq!(Classes::class(layout(3, 16)), Some(4));
        assert_eq!(Classes::class(layout(4096, 1)), Some(12));
        assert_eq!(Classes::class(layout(4097, 1)), Some(13));
        assert_eq!(Classes::class(layout(8, 8192)), None);
        assert!(Classes::same_class(layout(9, 1), layout(16, 8)));
        assert!(!Classes::same_class(layout(16, 1), layout(17, 1)));
    }

    /// Random allocations and frees: blocks are aligned, inside the arena, never overlap a
    /// live block, and keep what was written into them.
    #[test]
    fn random_sequences_keep_blocks_apart() {
        let mut arena = Arena::new(4096);
        let mut heap = Classes::new();
        let mut live: Vec<(usize, Layout, u8)> = Vec::new();
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        let mut next = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        for step in 0..20_000u32 {
            let r = next();
            if r % 3 == 0 && !live.is_empty() {
                let (p, l, tag) = live.swap_remove((r >> 8) as usize % live.len());
                // SAFETY: `p` is a live block of `l.size()` bytes from the test arena.
                let bytes = unsafe { std::slice::from_raw_parts(p as *const u8, l.size()) };
                assert!(bytes.iter().all(|&b| b == tag), "block {p:#x} overwritten");
                // SAFETY: given back once, with its own layout, not used again.
                unsafe { heap.dealloc(p, l) };
                continue;
            }
            let size = match r % 7 {
                0 => (r >> 16) as usize % 200_000,
                1 | 2 => (r >> 16) as usize % 4096,
                _ => (r >> 16) as usize % 64,
            };
            let align = 1usize << ((r >> 40) % 5);
            let l = layout(size, align);
            // SAFETY: every block handed out lies in the arena's writable memory.
            let p = unsafe { heap.alloc(l, &mut |b| arena.grow(b)) };
            assert_ne!(p, 0, "out of memory at step {step}");
            assert_eq!(p % align, 0);
            assert!(p >= arena.base && p + size <= arena.base + arena.used * PAGE);
            for &(q, m, _) in &live {
                assert!(p + size <= q || q + m.size() <= p, "overlap");
            }
            let tag = step as u8;
            // SAFETY: `p` is a fresh block of at least `size` bytes.
            unsafe { std::ptr::write_bytes(p as *mut u8, tag, size) };
            live.push((p, l, tag));
        }
    }

    #[test]
    fn freed_blocks_are_reused_and_failure_is_null() {
        let mut arena = Arena::new(2);
        let mut heap = Classes::new();
        let l = layout(100, 8);
        // SAFETY: the arena's memory is writable; `a` is given back once and not used.
        let a = unsafe { heap.alloc(l, &mut |b| arena.grow(b)) };
        unsafe { heap.dealloc(a, l) };
        // SAFETY: as above (blocks are only compared, never written).
        assert_eq!(
            unsafe { heap.alloc(layout(128, 4), &mut |b| arena.grow(b)) },
            a
        );
        assert_eq!(
            unsafe { heap.alloc(layout(1 << 20, 8), &mut |b| arena.grow(b)) },
            0
        );
    }
}
