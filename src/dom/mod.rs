//! The live widget: binds an existing form to a Checker (filled by the widget work).
