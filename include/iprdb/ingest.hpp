#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <iprdb/error.hpp>

namespace iprdb {

/// What became of one input file (or, for Database::reextract, one stored document).
enum class FileStatus {
  loaded,     ///< stored now: the document row and all of its observations
  unchanged,  ///< already stored (same SHA-256, or re-extraction not needed); nothing written
  failed,     ///< nothing of it was stored; `message` says why
};

/// "loaded", "unchanged" or "failed".
std::string_view to_string(FileStatus status) noexcept;

/// The outcome of one file of a batch. A bad file is an outcome, never an exception.
struct FileOutcome {
  std::filesystem::path path;
  FileStatus status = FileStatus::failed;
  /// Observations stored for it (0 unless loaded).
  std::int64_t facts = 0;
  /// Set when failed.
  std::optional<ErrorCode> error;
  /// For a JSON Lines file, the 1-based line that made it fail.
  std::optional<int> line;
  /// When failed, the one-line error as iprdb::Error::what() gives it: it names the file (and
  /// the line), "records.jsonl:7: unknown indicator "patent.foo"". Empty otherwise.
  std::string message;
  double seconds = 0;
};

/// How a batch is loaded.
struct IngestOptions {
  /// The publication date of the bulletins (YYYY-MM-DD, YYYY-MM or YYYY), passed to the
  /// extractor; a date found in a bulletin otherwise. Ignored by reextract, which uses the date
  /// stored with each document.
  std::optional<std::string> published_on;
  /// Called after each file with its outcome, how many files are done and how many there are
  /// in all: for progress bars and per-file lines. An exception it throws ends the batch (the
  /// files before stay stored).
  std::function<void(const FileOutcome&, std::size_t done, std::size_t total)> on_file;
  /// When it becomes true (a SIGINT handler sets it), the file being loaded is finished, the
  /// rest are not started and the report says `interrupted`. Read between files only, so it
  /// is safe to set from a signal handler.
  const std::atomic<bool>* stop = nullptr;
  /// Threads that read and extract files ahead of the one that writes (Database::ingest
  /// only). 0 or 1: everything on the calling thread. With more, files are still stored one
  /// transaction each, in input order, by the calling thread, which is also the only one that
  /// calls `on_file`; at most a few files per thread are held in memory at a time. A file
  /// already stored is then extracted before it is found unchanged.
  unsigned jobs = 0;
};

/// The outcome of a batch.
struct IngestReport {
  /// One per file, in the order they were loaded (directories expand sorted by path).
  std::vector<FileOutcome> files;
  /// Documents stored, files already stored, files that failed.
  std::int64_t loaded = 0;
  std::int64_t unchanged = 0;
  std::int64_t failed = 0;
  /// Observations stored in all.
  std::int64_t facts = 0;
  double seconds = 0;
  /// The batch stopped early because IngestOptions::stop became true.
  bool interrupted = false;
};

/// The file names a directory given to Database::ingest contributes: .txt .htm .html
/// (bulletins) and .jsonl (records of facts), case-insensitively.
bool is_ingestible(const std::filesystem::path& path);

}  // namespace iprdb
