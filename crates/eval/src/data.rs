//! Reading JSON Lines data sets, with errors that name the file and line.

use std::fs::File;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};

use serde::de::DeserializeOwned;

/// Why a data set could not be read.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum DataError {
    /// The file could not be opened or read.
    #[error("{}: {source}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// The I/O error.
        #[source]
        source: std::io::Error,
    },
    /// A line is not a valid record.
    #[error("{}:{line}: {message}", path.display())]
    Malformed {
        /// The file.
        path: PathBuf,
        /// 1-based line number.
        line: usize,
        /// What is wrong with it.
        message: String,
    },
    /// The file holds no record at all.
    #[error("{}: no records (the file is empty)", path.display())]
    Empty {
        /// The file.
        path: PathBuf,
    },
}

/// Reads every non-blank line of `path` as a `T`. Nothing is skipped
/// silently: a malformed line is an error naming the file and line number.
///
/// # Example
/// ```
/// # let dir = std::env::temp_dir().join(format!("nutgraf-eval-doc-{}", std::process::id()));
/// # std::fs::create_dir_all(&dir).unwrap();
/// let path = dir.join("pairs.jsonl");
/// std::fs::write(&path, "{\"id\":\"a\",\"candidate\":\"x\",\"reference\":\"x\"}\n").unwrap();
/// let rows: Vec<nutgraf_eval::runners::rouge::RougeCase> = nutgraf_eval::data::read_jsonl(&path).unwrap();
/// assert_eq!(rows[0].id, "a");
/// ```
pub fn read_jsonl<T: DeserializeOwned>(path: &Path) -> Result<Vec<T>, DataError> {
    let io = |source| DataError::Io {
        path: path.to_path_buf(),
        source,
    };
    if path.is_dir() {
        return Err(io(std::io::Error::other(
            "is a directory, expected a JSON Lines file",
        )));
    }
    let file = File::open(path).map_err(io)?;
    let mut out = Vec::new();
    for (i, line) in BufReader::new(file).lines().enumerate() {
        let line = line.map_err(io)?;
        if line.trim().is_empty() {
            continue;
        }
        let rec = serde_json::from_str(&line).map_err(|e| DataError::Malformed {
            path: path.to_path_buf(),
            line: i + 1,
            message: e.to_string(),
        })?;
        out.push(rec);
    }
    if out.is_empty() {
        return Err(DataError::Empty {
            path: path.to_path_buf(),
        });
    }
    Ok(out)
}
