//! A minimal XML tokenizer for Office Open XML parts.
