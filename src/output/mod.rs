//! Where rendered files go: a staging folder swapped in for the output folder, or memory (for
//! serve).
//!
//! A build holds a lock on the output folder ([`lock`]), writes everything into a hidden
//! sibling ([`staging`]) and swaps it in only when the whole build succeeded ([`swap`]), so a
//! failed or concurrent build leaves the previous site exactly as it was. The [`manifest`]
//! beside it lets the next build carry unchanged files over instead of rendering them.

pub mod listing;
mod lock;
pub mod manifest;
mod staging;
mod swap;

pub use manifest::Manifest;
pub use staging::{OutputError, Staging, MARKER};

use std::collections::HashMap;
use std::io;
use std::sync::{Arc, RwLock};

/// Something rendered files can be written to.
pub trait Output: Sync {
    /// Writes one file at `rel` (a `/`-separated path relative to the site root).
    fn write(&self, rel: &str, bytes: &[u8]) -> io::Result<()>;
}

/// Rendered files kept in memory, for the live preview.
#[derive(Debug, Default, Clone)]
pub struct Memory {
    files: Arc<RwLock<HashMap<String, Arc<Vec<u8>>>>>,
}

impl Memory {
    /// An empty store.
    pub fn new() -> Self {
        Self::default()
    }

    /// The file at `rel`, if there is one.
    pub fn get(&self, rel: &str) -> Option<Arc<Vec<u8>>> {
        self.files.read().ok()?.get(rel).cloned()
    }

    /// Number of files.
    pub fn len(&self) -> usize {
        self.files.read().map(|f| f.len()).unwrap_or(0)
    }

    /// Whether it holds no files.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Replaces everything with the contents of `other` (after a successful rebuild).
    pub fn replace_with(&self, other: Memory) {
        let new = other.files.read().map(|f| f.clone()).unwrap_or_default();
        if let Ok(mut f) = self.files.write() {
            *f = new;
        }
    }

    /// Removes one file.
    pub fn remove(&self, rel: &str) {
        if let Ok(mut f) = self.files.write() {
            f.remove(rel);
        }
    }

    /// All paths, sorted.
    pub fn paths(&self) -> Vec<String> {
        let mut v: Vec<String> = self
            .files
            .read()
            .map(|f| f.keys().cloned().collect())
            .unwrap_or_default();
        v.sort();
        v
    }
}

impl Output for Memory {
    fn write(&self, rel: &str, bytes: &[u8]) -> io::Result<()> {
        let mut f = self
            .files
            .write()
            .map_err(|_| io::Error::other("memory output poisoned"))?;
        f.insert(rel.to_string(), Arc::new(bytes.to_vec()));
        Ok(())
    }
}
