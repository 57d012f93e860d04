//! Header resolution: the header rows of one table, read as a tree (申请人情况 › 法人或其他组织 ›
//! 商业企业…) from their labels, give the column order of its value slots, whether the header's
//! cells were split over lines (text) or spanned (HTML).
//!
//! Only resolves labels to column keys: which rows are header rows, and binding the slots of
//! data rows to those columns, is `mapper`.

use super::classify::{clean_chars, segment};
use super::dict::{HeaderDict, Key};
use super::texts::Texts;
use super::{FUZZY, MAX_SEGMENT_CHARS};
use crate::labels::Prepared;
use crate::textnorm::concat;

/// A header cell, borrowed from the grid.
#[derive(Clone, Debug)]
pub(super) struct HCell<'g> {
    pub(super) x: usize,
    pub(super) text: &'g str,
    /// The text's number in [`Texts`].
    pub(super) id: u32,
}

/// A header token: (x, text, label class, exact match).
type Tok = (usize, String, Option<usize>, bool);

struct TNode {
    pub(super) node: usize,
    pub(super) children: Vec<usize>,
}

/// Resolves header rows into the ordered column keys they declare. Returns the keys (empty
/// when nothing was recognised) and label pieces that matched nothing.
pub(super) fn resolve_header(
    h: &HeaderDict,
    texts: &Texts<'_>,
    rows: &[Vec<HCell<'_>>],
) -> (Vec<Key>, Vec<String>) {
    let toks = header_tokens(h, texts, rows);
    let (seq, unknown) = label_sequence(h, &toks);
    let (tree, top, ambiguous) = label_tree(h, seq);
    let mut keys = Vec::new();
    if !ambiguous {
        for &t in &top {
            collect(h, &tree, t, &mut keys);
        }
    }
    (keys, unknown)
}

/// The header's non-blank cells per row, each matched to a label class where it reads as one
/// whole label, with labels wrapped onto the next row joined.
fn header_tokens(h: &HeaderDict, texts: &Texts<'_>, rows: &[Vec<HCell<'_>>]) -> Vec<Vec<Tok>> {
    let matched = |t: &str| h.keys.best(&Prepared::new(t), FUZZY);
    let matched_cell = |c: &HCell| match texts.label(c.id) {
        Some(p) => h.keys.best(p, FUZZY),
        None => matched(c.text),
    };
    let mut toks: Vec<Vec<Tok>> = Vec::with_capacity(rows.len());
    for r in rows {
        let mut row = Vec::new();
        for c in r.iter().filter(|c| !c.text.trim().is_empty()) {
            let mut m = matched_cell(c);
            // "未经复议直接起诉 复议后起诉": two labels, not a fuzzy one.
            if m.is_some_and(|m| m.1 < 0.999) && segment(h, &clean_chars(c.text)).0.len() >= 2 {
                m = None;
            }
            row.push((
                c.x,
                c.text.to_string(),
                m.map(|m| m.0),
                m.is_some_and(|m| m.1 >= 0.999),
            ));
        }
        toks.push(row);
    }
    // Labels wrapped onto the next header row at the same position: 本年新 / 制作数量, 自 / 然人.
    for r in 0..toks.len().saturating_sub(1) {
        let (upper, lower) = toks.split_at_mut(r + 1);
        let (upper, lower) = (&mut upper[r], &mut lower[0]);
        for t in upper.iter_mut().filter(|t| !t.3) {
            if let Some(j) = lower.iter().position(|u| u.0 == t.0 && !u.3) {
                let joined = concat(&[t.1.as_str(), &lower[j].1]);
                if let Some((c, s)) = matched(&joined) {
                    if s >= 0.999 {
                        t.1 = joined;
                        t.2 = Some(c);
                        t.3 = true;
                        lower.remove(j);
                    }
                }
            }
        }
    }
    toks
}

/// The label classes of the header in reading order, and the pieces no label matched; runs
/// of unmatched cells are segmented as one text.
fn label_sequence(h: &HeaderDict, toks: &[Vec<Tok>]) -> (Vec<usize>, Vec<String>) {
    let mut seq: Vec<usize> = Vec::new();
    let mut unknown = Vec::new();
    let mut run: Vec<char> = Vec::new();
    // Not a closure: it is called from two places and should be compiled once.
    #[inline(never)]
    fn flush(h: &HeaderDict, run: &mut Vec<char>, seq: &mut Vec<usize>, unknown: &mut Vec<String>) {
        if !run.is_empty() {
            let (mut found, mut rest) = segment(h, run);
            seq.append(&mut found);
            unknown.append(&mut rest);
            run.clear();
        }
    }
    for row in toks {
        for (_, text, class, _) in row {
            match class {
                Some(c) => {
                    flush(h, &mut run, &mut seq, &mut unknown);
                    seq.push(*c);
                }
                None => {
                    if run.len() < MAX_SEGMENT_CHARS {
                        run.extend(clean_chars(text));
                    }
                }
            }
        }
    }
    flush(h, &mut run, &mut seq, &mut unknown);

    (seq, unknown)
}

/// The labels as a tree of header nodes (top-level node indices; whether a label could
/// belong to more than one group, which leaves the column order unknown).
fn label_tree(h: &HeaderDict, seq: Vec<usize>) -> (Vec<TNode>, Vec<usize>, bool) {
    // Expand groups: each label goes under the first open group expecting it.
    let mut tree: Vec<TNode> = Vec::new();
    let mut top: Vec<usize> = Vec::new();
    let mut ambiguous = false;
    for c in seq {
        let nodes = &h.classes[c];
        if nodes.is_empty() {
            continue;
        }
        let mut placed = false;
        // Pre-order walk over the tree.
        let mut stack = top.clone();
        stack.reverse();
        while let Some(t) = stack.pop() {
            let hn = &h.nodes[tree[t].node];
            if let Some(&n) = nodes.iter().find(|&&n| {
                hn.children.contains(&n) && !tree[t].children.iter().any(|&ch| tree[ch].node == n)
            }) {
                let id = tree.len();
                tree.push(TNode {
                    node: n,
                    children: Vec::new(),
                });
                tree[t].children.push(id);
                placed = true;
                break;
            }
            for &ch in tree[t].children.iter().rev() {
                stack.push(ch);
            }
        }
        if !placed {
            if nodes.len() > 1 {
                ambiguous = true;
            }
            let id = tree.len();
            tree.push(TNode {
                node: nodes[0],
                children: Vec::new(),
            });
            top.push(id);
        }
    }
    (tree, top, ambiguous)
}

/// The column keys under tree node `t`, in order.
fn collect(h: &HeaderDict, tree: &[TNode], t: usize, out: &mut Vec<Key>) {
    let hn = &h.nodes[tree[t].node];
    if let Some(k) = &hn.key {
        out.push(*k);
    } else if tree[t].children.is_empty() {
        out.extend_from_slice(&h.default_leaves[tree[t].node]);
    } else {
        // Children found, plus the ones the header did not print, in default order.
        for &ch in &tree[t].children {
            collect(h, tree, ch, out);
        }
    }
}
