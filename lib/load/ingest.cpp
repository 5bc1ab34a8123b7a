// The batch driver: files in, one transaction per document, an outcome per file.
#include <algorithm>
#include <cctype>
#include <cerrno>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstring>
#include <exception>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <system_error>
#include <thread>

#include <fmt/format.h>

#include <iprdb/database.hpp>
#include <iprdb/error.hpp>
#include <iprdb/extract.hpp>
#include <iprdb/ingest.hpp>

#include "extract/document_context.hpp"
#include "load/document_store.hpp"
#include "load/record_reader.hpp"
#include "load/sha256.hpp"
#include "store/database_impl.hpp"
#include "store/best_levels.hpp"
#include "store/sqlite_error.hpp"
#include "text/decode.hpp"

namespace iprdb {

namespace fs = std::filesystem;

namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

std::string lower_extension(const fs::path& path) {
  std::string extension = path.extension().string();
  std::transform(extension.begin(), extension.end(), extension.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return extension;
}

bool is_records_file(const fs::path& path) { return lower_extension(path) == ".jsonl"; }

// One file to load, or an input that could not even be listed.
struct Input {
  fs::path path;
  std::optional<Error> problem;
};

// Files as given stay in their place in the batch; a directory contributes its ingestible
// files, sorted so that a batch loads in the same order on every machine.
std::vector<Input> expand(const std::vector<fs::path>& inputs) {
  std::vector<Input> out;
  for (const auto& input : inputs) {
    std::error_code ec;
    if (!fs::is_directory(input, ec)) {
      out.push_back({input, std::nullopt});
      continue;
    }
    std::vector<fs::path> found;
    fs::recursive_directory_iterator it(input, fs::directory_options::skip_permission_denied, ec);
    for (; !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
      std::error_code type_ec;
      if (it->is_regular_file(type_ec) && is_ingestible(it->path())) found.push_back(it->path());
    }
    if (ec) {
      out.push_back({input, Error(ErrorCode::io,
                                  fmt::format("cannot list the directory: {}", ec.message()),
                                  input)});
    }
    std::sort(found.begin(), found.end());
    for (auto& path : found) out.push_back({std::move(path), std::nullopt});
  }
  return out;
}

// The file's bytes, read to the end (a pipe has no size; a file may grow meanwhile).
std::string read_bytes(const fs::path& path) {
  std::error_code ec;
  const auto status = fs::status(path, ec);
  if (status.type() == fs::file_type::not_found) {
    throw Error(ErrorCode::file_not_found, "no such file", path);
  }
  if (fs::is_directory(status)) throw Error(ErrorCode::io, "a directory, not a file", path);
  // Refused before reading, as extract_file does: a 200 MB file should cost no 64 MiB buffer.
  if (fs::is_regular_file(status)) {
    const auto size = fs::file_size(path, ec);
    if (!ec && size > detail::kMaxSourceBytes) {
      throw Error(ErrorCode::invalid_argument,
                  fmt::format("too large: {} MiB; the limit is {} MiB",
                              (size + (1 << 20) - 1) >> 20, detail::kMaxSourceBytes >> 20),
                  path);
    }
  }
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> file(std::fopen(path.c_str(), "rb"),
                                                       &std::fclose);
  if (!file) {
    // Gone between listing and reading: a file that vanished mid-batch.
    if (errno == ENOENT) throw Error(ErrorCode::file_not_found, "no such file", path);
    throw Error(ErrorCode::io, fmt::format("cannot open: {}", std::strerror(errno)), path);
  }
  std::string bytes;
  char buffer[1 << 16];
  while (std::size_t got = std::fread(buffer, 1, sizeof buffer, file.get())) {
    bytes.append(buffer, got);
    if (bytes.size() > detail::kMaxSourceBytes) {
      throw Error(ErrorCode::invalid_argument,
                  fmt::format("too large: over {} MiB", detail::kMaxSourceBytes >> 20), path);
    }
  }
  if (std::ferror(file.get())) {
    throw Error(ErrorCode::io, fmt::format("cannot read: {}", std::strerror(errno)), path);
  }
  return bytes;
}

// A document ready to store: its row and its facts, read without touching the database.
struct Prepared {
  detail::DocumentRow row;
  std::vector<Fact> facts;
  detail::FactOrigin origin = detail::FactOrigin::extracted;
};

Prepared prepare(const fs::path& path, std::string_view bytes, std::string sha256,
                 const ExtractOptions& options) {
  Prepared prepared;
  prepared.row.sha256 = std::move(sha256);
  prepared.row.origin = path.string();
  if (is_records_file(path)) {
    auto records = detail::read_records(bytes, path);
    prepared.row.format = "jsonl";
    prepared.row.encoding = std::move(records.encoding);
    prepared.row.text = std::move(records.text);
    prepared.facts = std::move(records.facts);
    prepared.origin = detail::FactOrigin::curated;
    return prepared;
  }
  Bulletin bulletin = extract_bytes(bytes, path, options);
  prepared.row.format = std::move(bulletin.format);
  prepared.row.encoding = std::move(bulletin.encoding);
  prepared.row.text = std::move(bulletin.text);
  prepared.row.title = std::move(bulletin.title);
  prepared.row.published_on = std::move(bulletin.published_on);
  prepared.row.subject_region = std::move(bulletin.subject_region);
  prepared.row.reporting_year = bulletin.reporting_year;
  prepared.row.extractor_version = kExtractorVersion;
  prepared.facts = std::move(bulletin.facts);
  return prepared;
}

void fail(FileOutcome& outcome, const Error& error) {
  outcome.status = FileStatus::failed;
  outcome.facts = 0;
  outcome.error = error.code();
  outcome.line = error.line();
  outcome.message = error.what();
}

// Errors of the database as a whole end the batch; anything else (a constraint a bad fact
// broke, an indicator missing from an old catalog) is the file's own failure.
bool is_database_failure(ErrorCode code) {
  switch (code) {
    case ErrorCode::database_locked:
    case ErrorCode::read_only:
    case ErrorCode::disk_full:
    case ErrorCode::corrupt:
    case ErrorCode::io:
    case ErrorCode::not_an_iprdb_database:
    case ErrorCode::interrupted:
      return true;
    default:
      return false;
  }
}

// Runs `store` (which writes one document in one transaction) and turns a failure that is the
// document's own into its outcome; database failures propagate.
template <typename Store>
void store_guarded(const fs::path& database, FileOutcome& outcome, std::string_view doing,
                   Store&& store) {
  try {
    if (auto stored = detail::translate_sqlite_errors(database, doing, std::forward<Store>(store))) {
      outcome.status = FileStatus::loaded;
      outcome.facts = *stored;
    } else {
      outcome.status = FileStatus::unchanged;
    }
  } catch (const Error& e) {
    if (is_database_failure(e.code())) throw;
    fail(outcome, Error(e.code(), fmt::format("cannot be stored: {}", e.message()),
                        outcome.path));
  }
}

// Reading and extracting may fail in any way a file can; none of it ends the batch.
template <typename Work>
bool file_guarded(FileOutcome& outcome, Work&& work) {
  try {
    std::forward<Work>(work)();
    return true;
  } catch (const Error& e) {
    fail(outcome, e.path().empty() ? Error(e.code(), e.message(), outcome.path) : e);
  } catch (const std::exception& e) {
    fail(outcome, Error(ErrorCode::internal, fmt::format("internal error: {}", e.what()),
                        outcome.path));
  }
  return false;
}

FileOutcome load_one(const fs::path& database, detail::DocumentStore& store, const Input& input,
                     const ExtractOptions& options) {
  const auto start = Clock::now();
  FileOutcome outcome;
  outcome.path = input.path;
  if (input.problem) {
    fail(outcome, *input.problem);
    return outcome;
  }
  std::string bytes;
  std::string sha256;
  if (file_guarded(outcome, [&] {
        bytes = read_bytes(input.path);
        sha256 = detail::sha256_hex(bytes);
      })) {
    const std::string doing = fmt::format("loading {}", input.path.string());
    if (detail::translate_sqlite_errors(database, doing,
                                        [&] { return store.contains(sha256); })) {
      outcome.status = FileStatus::unchanged;
    } else {
      Prepared prepared;
      if (file_guarded(outcome, [&] { prepared = prepare(input.path, bytes, sha256, options); })) {
        store_guarded(database, outcome, doing,
                      [&] { return store.insert(prepared.row, prepared.facts, prepared.origin); });
      }
    }
  }
  outcome.seconds = seconds_since(start);
  return outcome;
}

// ---- extraction ahead of the writer (IngestOptions::jobs) ------------------------------------

// A file read, hashed and extracted by a worker, waiting for the writer.
struct ReadAhead {
  FileOutcome outcome;  // failed already, or to be finished by the writer
  bool failed = false;
  bool stored = false;    // the worker found its SHA-256 stored: unchanged, not extracted
  bool checked = false;   // the worker could ask the database
  std::string sha256;
  Prepared prepared;
  Clock::time_point start;
};

// Whether a document is stored, asked through a read-only connection of the worker's own (WAL
// lets it read while the writer writes). Without one (it could not be opened) every file is
// extracted, and the writer sorts out which were stored.
class StoredCheck {
 public:
  explicit StoredCheck(const fs::path& database) {
    try {
      db_.emplace(database.string(), SQLite::OPEN_READONLY);
      db_->exec("PRAGMA query_only = ON");
      find_.emplace(*db_, "SELECT 1 FROM document WHERE sha256 = ?");
    } catch (const std::exception&) {
      find_.reset();
      db_.reset();
    }
  }
  // nullopt when it cannot tell.
  std::optional<bool> contains(const std::string& sha256) {
    if (!find_) return std::nullopt;
    try {
      find_->reset();
      find_->bind(1, sha256);
      const bool found = find_->executeStep();
      find_->reset();  // no read snapshot may stay open between files
      return found;
    } catch (const std::exception&) {
      return std::nullopt;
    }
  }

 private:
  std::optional<SQLite::Database> db_;
  std::optional<SQLite::Statement> find_;
};

ReadAhead read_ahead(const Input& input, const ExtractOptions& options, StoredCheck& check) {
  ReadAhead ahead;
  ahead.start = Clock::now();
  ahead.outcome.path = input.path;
  if (input.problem) {
    fail(ahead.outcome, *input.problem);
    ahead.failed = true;
    return ahead;
  }
  std::string bytes;
  if (!file_guarded(ahead.outcome, [&] {
        bytes = read_bytes(input.path);
        ahead.sha256 = detail::sha256_hex(bytes);
      })) {
    ahead.failed = true;
    return ahead;
  }
  if (const auto stored = check.contains(ahead.sha256)) {
    ahead.checked = true;
    ahead.stored = *stored;
    if (ahead.stored) return ahead;
  }
  ahead.failed = !file_guarded(
      ahead.outcome, [&] { ahead.prepared = prepare(input.path, bytes, ahead.sha256, options); });
  return ahead;
}

// The writer's half: the same outcomes load_one gives, in the same order.
FileOutcome store_ahead(const fs::path& database, detail::DocumentStore& store, ReadAhead& ahead) {
  FileOutcome outcome = std::move(ahead.outcome);
  const std::string doing = fmt::format("loading {}", outcome.path.string());
  if (ahead.stored) {
    outcome.status = FileStatus::unchanged;
  } else if (ahead.failed) {
    // A stored file is unchanged, however it reads now: as load_one, which asks first.
    const auto stored = [&] { return store.contains(ahead.sha256); };
    if (!ahead.sha256.empty() && !ahead.checked &&
        detail::translate_sqlite_errors(database, doing, stored)) {
      FileOutcome unchanged;
      unchanged.path = std::move(outcome.path);
      unchanged.status = FileStatus::unchanged;
      outcome = std::move(unchanged);
    }
  } else {
    store_guarded(database, outcome, doing, [&] {
      return store.insert(ahead.prepared.row, ahead.prepared.facts, ahead.prepared.origin);
    });
  }
  outcome.seconds = seconds_since(ahead.start);
  return outcome;
}

// Workers read and extract files ahead, at most `window` past the one being stored, so that
// memory stays bounded whatever the batch; the calling thread stores them in input order.
class Ahead {
 public:
  Ahead(const std::vector<Input>& files, const ExtractOptions& options, const fs::path& database,
        unsigned jobs)
      : files_(files), options_(options), window_(2 * static_cast<std::size_t>(jobs) + 2) {
    for (unsigned k = 0; k < jobs; ++k) workers_.emplace_back([this, database] { work(database); });
  }
  ~Ahead() {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      cancelled_ = true;
    }
    space_.notify_all();
    for (auto& worker : workers_) worker.join();
  }
  Ahead(const Ahead&) = delete;
  Ahead& operator=(const Ahead&) = delete;

  // The file at `index` (the next one in order), when a worker has it ready.
  ReadAhead take(std::size_t index) {
    std::unique_lock<std::mutex> lock(mutex_);
    ready_.wait(lock, [&] { return done_.count(index) || failure_; });
    if (failure_) std::rethrow_exception(failure_);
    ReadAhead ahead = std::move(done_.at(index));
    done_.erase(index);
    next_to_store_ = index + 1;
    lock.unlock();
    space_.notify_all();
    return ahead;
  }

 private:
  void work(const fs::path& database) {
    try {
      StoredCheck check(database);
      for (;;) {
        std::size_t index = 0;
        {
          std::unique_lock<std::mutex> lock(mutex_);
          space_.wait(lock, [&] {
            return cancelled_ || next_claim_ >= files_.size() ||
                   next_claim_ < next_to_store_ + window_;
          });
          if (cancelled_ || next_claim_ >= files_.size()) return;
          index = next_claim_++;
        }
        ReadAhead ahead = read_ahead(files_[index], options_, check);
        {
          std::lock_guard<std::mutex> lock(mutex_);
          done_.emplace(index, std::move(ahead));
        }
        ready_.notify_all();
      }
    } catch (...) {  // file_guarded keeps every std::exception; anything else ends the batch
      {
        std::lock_guard<std::mutex> lock(mutex_);
        if (!failure_) failure_ = std::current_exception();
      }
      ready_.notify_all();
    }
  }

  const std::vector<Input>& files_;
  const ExtractOptions& options_;
  const std::size_t window_;
  std::mutex mutex_;
  std::condition_variable ready_;  // a file is done (or a worker failed)
  std::condition_variable space_;  // the writer moved on (or the batch ends)
  std::map<std::size_t, ReadAhead> done_;
  std::size_t next_claim_ = 0;
  std::size_t next_to_store_ = 0;
  bool cancelled_ = false;
  std::exception_ptr failure_;
  std::vector<std::thread> workers_;  // last: started once everything above exists
};

// A connection setting for the length of a batch. Each document commits on its own, so every
// commit appends the index pages its facts touched to the WAL; checkpointing every 40 MiB of
// WAL instead of every 4 MiB copies a page that many commits touched once instead of many
// times, and syncs a tenth as often (a 40 MB corpus stored in 13 s instead of 22 s here). A
// larger page cache was slower still at that size (perf-baseline.md §2 saw the same for
// queries), so the cache is left alone. Put back afterwards: the setting is the connection's.
class BatchSettings {
 public:
  explicit BatchSettings(SQLite::Database& db) : db_(db) {
    try {
      autocheckpoint_ = db_.execAndGet("PRAGMA wal_autocheckpoint").getInt64();
      db_.exec("PRAGMA wal_autocheckpoint = 10000");
      changed_ = true;
    } catch (const SQLite::Exception&) {  // only speed is at stake
    }
  }
  ~BatchSettings() {
    if (!changed_) return;
    try {
      db_.exec(fmt::format("PRAGMA wal_autocheckpoint = {}", autocheckpoint_));
    } catch (const SQLite::Exception&) {
    }
  }
  BatchSettings(const BatchSettings&) = delete;
  BatchSettings& operator=(const BatchSettings&) = delete;

 private:
  SQLite::Database& db_;
  std::int64_t autocheckpoint_ = 0;
  bool changed_ = false;
};

// Once a batch has stored enough documents to show that it is a bulk load, and enough files
// are left to pay for it, best_level's triggers are dropped and the table is rebuilt when the
// batch ends (detail::worth_suspending). Deciding on stored documents, not on files given,
// keeps a batch of files already stored from rebuilding anything. Every file is still its own
// transaction; only the choice of each key's figure moves to the end, and questions asked
// meanwhile choose from observation as before.
class BulkLoad {
 public:
  explicit BulkLoad(Database::Impl& impl) : impl_(impl) {}
  ~BulkLoad() {
    if (!suspended_) return;
    try {  // the batch ended by an exception; the next writable open rebuilds otherwise
      detail::keep_best_levels(impl_.db());
    } catch (const std::exception&) {
    }
  }
  BulkLoad(const BulkLoad&) = delete;
  BulkLoad& operator=(const BulkLoad&) = delete;

  void after_file(std::int64_t stored_so_far, std::size_t files_left) {
    constexpr std::int64_t kEvidence = 32;
    if (decided_ || stored_so_far < kEvidence) return;
    decided_ = true;
    try {
      const std::int64_t documents =
          impl_.db().execAndGet("SELECT count(*) FROM document").getInt64();
      if (detail::worth_suspending(documents, static_cast<std::int64_t>(files_left))) {
        suspended_ = detail::suspend_best_levels(impl_.db());
      }
    } catch (const SQLite::Exception&) {  // only speed is at stake
    }
  }

  // Rebuilds best_level; an error names what failed and leaves the figures stored.
  void finish() {
    if (!suspended_) return;
    suspended_ = false;
    impl_.guarded("choosing each region's figures after a bulk load",
                  [&] { detail::keep_best_levels(impl_.db()); });
  }

 private:
  Database::Impl& impl_;
  bool decided_ = false;
  bool suspended_ = false;
};

void count(IngestReport& report, const FileOutcome& outcome) {
  switch (outcome.status) {
    case FileStatus::loaded:
      ++report.loaded;
      report.facts += outcome.facts;
      break;
    case FileStatus::unchanged: ++report.unchanged; break;
    case FileStatus::failed: ++report.failed; break;
  }
}

bool stop_requested(const IngestOptions& options) {
  return options.stop && options.stop->load(std::memory_order_relaxed);
}

void require_writable(const Database& db) {
  if (db.is_read_only()) {
    throw Error(ErrorCode::read_only,
                "opened read-only; open it with OpenMode::read_write to load files", db.path());
  }
}

}  // namespace

std::string_view to_string(FileStatus status) noexcept {
  switch (status) {
    case FileStatus::loaded: return "loaded";
    case FileStatus::unchanged: return "unchanged";
    case FileStatus::failed: return "failed";
  }
  return "failed";
}

bool is_ingestible(const fs::path& path) {
  const std::string extension = lower_extension(path);
  return extension == ".txt" || extension == ".htm" || extension == ".html" ||
         extension == ".jsonl";
}

IngestReport Database::ingest(const std::vector<fs::path>& inputs, const IngestOptions& options) {
  const auto start = Clock::now();
  require_writable(*this);
  ExtractOptions extract_options;
  if (options.published_on) {
    // Checked once here: otherwise every file of the batch would fail for the same reason.
    if (!detail::PublicationDate::parse(*options.published_on)) {
      throw Error(ErrorCode::invalid_argument,
                  fmt::format("\"{}\" is not a publication date (YYYY-MM-DD, YYYY-MM or YYYY)",
                              *options.published_on));
    }
    extract_options.published_on = options.published_on;
  }
  const auto files = expand(inputs);
  auto store = impl_->guarded("preparing to load",
                              [&] { return std::make_unique<detail::DocumentStore>(impl_->db()); });
  IngestReport report;
  const BatchSettings settings(impl_->db());
  BulkLoad bulk(*impl_);
  // Extraction on other threads pays off only with something to overlap.
  std::optional<Ahead> ahead;
  if (options.jobs > 1 && files.size() > 1) {
    ahead.emplace(files, extract_options, impl_->path(), options.jobs);
  }
  for (std::size_t i = 0; i < files.size(); ++i) {
    if (stop_requested(options)) {
      report.interrupted = true;
      break;
    }
    if (ahead) {
      ReadAhead next = ahead->take(i);
      report.files.push_back(store_ahead(impl_->path(), *store, next));
    } else {
      report.files.push_back(load_one(impl_->path(), *store, files[i], extract_options));
    }
    count(report, report.files.back());
    bulk.after_file(report.loaded, files.size() - i - 1);
    if (options.on_file) options.on_file(report.files.back(), report.files.size(), files.size());
  }
  bulk.finish();
  report.seconds = seconds_since(start);
  return report;
}

IngestReport Database::reextract(const IngestOptions& options) {
  const auto start = Clock::now();
  require_writable(*this);
  auto store = impl_->guarded("preparing to re-extract",
                              [&] { return std::make_unique<detail::DocumentStore>(impl_->db()); });
  const BatchSettings settings(impl_->db());
  BulkLoad bulk(*impl_);
  const auto stale = impl_->guarded("finding documents to re-extract",
                                    [&] { return store->stale_documents(kExtractorVersion); });
  IngestReport report;
  for (const auto& document : stale) {
    if (stop_requested(options)) {
      report.interrupted = true;
      break;
    }
    const auto file_start = Clock::now();
    FileOutcome outcome;
    outcome.path = document.origin;
    const std::string doing = fmt::format("re-extracting {}", document.origin);
    const std::string text = impl_->guarded(doing, [&] { return store->text_of(document.id); });
    Bulletin bulletin;
    if (file_guarded(outcome, [&] {
          ExtractOptions extract_options;
          extract_options.published_on = document.published_on;
          // Plain text finds its title in itself; only a title from HTML markup is not there.
          bulletin = extract_text(text, document.origin, extract_options,
                                  document.format == "html" ? document.title : std::string());
        })) {
      store_guarded(impl_->path(), outcome, doing, [&] {
        return store->replace_extracted(document.id, bulletin, kExtractorVersion);
      });
    }
    outcome.seconds = seconds_since(file_start);
    report.files.push_back(std::move(outcome));
    count(report, report.files.back());
    bulk.after_file(report.loaded, stale.size() - report.files.size());
    if (options.on_file) options.on_file(report.files.back(), report.files.size(), stale.size());
  }
  bulk.finish();
  report.seconds = seconds_since(start);
  return report;
}

}  // namespace iprdb
