// iprdb-load: creates, migrates and fills an iprdb database.
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <csignal>
#include <filesystem>
#include <iostream>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <iprdb/iprdb.hpp>

#include "cli/cli.hpp"

namespace {

namespace fs = std::filesystem;
constexpr const char* kTool = "iprdb-load";
// 128 + SIGINT, as shells report a command that a Ctrl-C stopped.
constexpr int kInterrupted = 130;
// Fewer files than this load too quickly for a progress bar to help.
constexpr std::size_t kProgressMinFiles = 4;

// Set by the first SIGINT or SIGTERM; the batch finishes the file it is on and stops.
std::atomic<bool> g_stop{false};
static_assert(std::atomic<bool>::is_always_lock_free, "the signal handler needs a lock-free flag");

extern "C" void request_stop(int) { g_stop.store(true); }

void install_stop_handler() {
  struct sigaction action {};
  action.sa_handler = request_stop;
  sigemptyset(&action.sa_mask);
  // A second Ctrl-C kills at once: every document is its own transaction, so that is safe too.
  action.sa_flags = SA_RESETHAND;
  sigaction(SIGINT, &action, nullptr);
  sigaction(SIGTERM, &action, nullptr);
}

void print_summary(const iprdb::Database& db) {
  const auto s = db.summary();
  std::cerr << fmt::format(
      "{}: schema {}; {} regions ({} provincial, {} prefecture-level, {} county-level, {} "
      "historical), {} region aliases; {} indicators, {} indicator aliases; {} documents, {} "
      "observations\n",
      db.path().string(), s.schema_version, s.regions, s.provinces, s.prefectures, s.counties,
      s.historical_regions, s.region_aliases, s.indicators, s.indicator_aliases, s.documents,
      s.observations);
}

// INPUT... with each `-` replaced by the paths read from standard input, one per line.
std::vector<fs::path> expand_stdin(const std::vector<std::string>& inputs) {
  std::vector<fs::path> out;
  bool stdin_read = false;
  for (const auto& input : inputs) {
    if (input != "-") {
      out.emplace_back(input);
      continue;
    }
    if (stdin_read) continue;
    stdin_read = true;
    for (std::string line; std::getline(std::cin, line);) {
      if (!line.empty() && line.back() == '\r') line.pop_back();
      if (!line.empty()) out.emplace_back(line);
    }
  }
  return out;
}

// --dry-run: every fact of every file as one JSON line on stdout; nothing is stored.
int dry_run(const std::vector<fs::path>& files, const iprdb::ExtractOptions& options) {
  int failed = 0;
  for (const auto& file : files) {
    try {
      const auto bulletin = iprdb::extract_file(file, options);
      for (const auto& fact : bulletin.facts) std::cout << iprdb::to_json(fact, file) << '\n';
    } catch (const iprdb::Error& e) {
      iprdb::cli::complain(kTool, e.what());
      ++failed;
    }
  }
  std::cout.flush();
  return failed ? iprdb::cli::kFailure : iprdb::cli::kSuccess;
}

// "a.txt: loaded 42 facts", "a.txt: unchanged", "records.jsonl:7: failed: unknown indicator …".
std::string outcome_line(const iprdb::FileOutcome& outcome, bool reextracting) {
  const std::string path = outcome.path.string();
  switch (outcome.status) {
    case iprdb::FileStatus::loaded:
      return fmt::format("{}: {} {} fact{}", path, reextracting ? "re-extracted" : "loaded",
                         outcome.facts, outcome.facts == 1 ? "" : "s");
    case iprdb::FileStatus::unchanged: return fmt::format("{}: unchanged", path);
    case iprdb::FileStatus::failed: break;
  }
  // The message names the file (and line) already, as iprdb::Error does: put "failed:" after
  // that place rather than naming the file twice.
  std::string place = outcome.line ? fmt::format("{}:{}", path, *outcome.line) : path;
  std::string why = outcome.message;
  if (why.rfind(place + ": ", 0) == 0) why.erase(0, place.size() + 2);
  return fmt::format("{}: failed: {}", place, why);
}

// Per-file lines and the progress bar on stderr; keeps every outcome for the closing report.
class Reporter {
 public:
  Reporter(bool quiet, bool progress) : quiet_(quiet), progress_(progress) {}

  void begin(bool reextracting) {
    reextracting_ = reextracting;
    start_ = std::chrono::steady_clock::now();
  }

  void file(const iprdb::FileOutcome& outcome, std::size_t done, std::size_t total) {
    (reextracting_ ? reextracted_ : loaded_).push_back(outcome);
    const bool show_bar = progress_ && total >= kProgressMinFiles;
    if (show_bar) clear_bar();
    if (!quiet_ || outcome.status == iprdb::FileStatus::failed) {
      std::cerr << outcome_line(outcome, reextracting_) << '\n';
    }
    if (show_bar) draw_bar(done, total);
  }

  void finish() {
    if (bar_shown_) clear_bar();
  }

  const std::vector<iprdb::FileOutcome>& loaded() const { return loaded_; }
  const std::vector<iprdb::FileOutcome>& reextracted() const { return reextracted_; }

 private:
  void clear_bar() {
    std::cerr << "\r\x1b[K";
    bar_shown_ = false;
  }

  void draw_bar(std::size_t done, std::size_t total) {
    if (done >= total) return;
    constexpr std::size_t kWidth = 30;
    const double elapsed =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
    const double rate = elapsed > 0 ? static_cast<double>(done) / elapsed : 0;
    const std::size_t filled = kWidth * done / total;
    std::string eta = "?";
    if (rate > 0) {
      const auto seconds = static_cast<long>(static_cast<double>(total - done) / rate + 0.5);
      eta = seconds >= 60 ? fmt::format("{}m{:02}s", seconds / 60, seconds % 60)
                          : fmt::format("{}s", seconds);
    }
    std::cerr << fmt::format("[{}{}] {}/{}  {:.1f} files/s  ETA {}", std::string(filled, '#'),
                             std::string(kWidth - filled, '.'), done, total, rate, eta)
              << std::flush;
    bar_shown_ = true;
  }

  bool quiet_;
  bool progress_;
  bool reextracting_ = false;
  bool bar_shown_ = false;
  std::chrono::steady_clock::time_point start_;
  std::vector<iprdb::FileOutcome> loaded_;
  std::vector<iprdb::FileOutcome> reextracted_;
};

struct Totals {
  std::int64_t loaded = 0, unchanged = 0, failed = 0, facts = 0;
};

Totals totals_of(const std::vector<iprdb::FileOutcome>& files) {
  Totals t;
  for (const auto& f : files) {
    if (f.status == iprdb::FileStatus::loaded) {
      ++t.loaded;
      t.facts += f.facts;
    } else if (f.status == iprdb::FileStatus::unchanged) {
      ++t.unchanged;
    } else {
      ++t.failed;
    }
  }
  return t;
}

nlohmann::ordered_json json_of(const std::vector<iprdb::FileOutcome>& files) {
  const Totals t = totals_of(files);
  nlohmann::ordered_json j;
  j["documents"] = t.loaded;
  j["facts"] = t.facts;
  j["unchanged"] = t.unchanged;
  j["failed"] = t.failed;
  j["files"] = nlohmann::ordered_json::array();
  for (const auto& f : files) {
    nlohmann::ordered_json file;
    file["path"] = f.path.string();
    file["status"] = std::string(iprdb::to_string(f.status));
    file["facts"] = f.facts;
    file["error"] = f.error ? nlohmann::ordered_json(std::string(iprdb::to_string(*f.error)))
                            : nlohmann::ordered_json(nullptr);
    file["line"] = f.line ? nlohmann::ordered_json(*f.line) : nlohmann::ordered_json(nullptr);
    file["message"] = f.message;
    file["seconds"] = f.seconds;
    j["files"].push_back(std::move(file));
  }
  return j;
}

struct Settings {
  std::string db_path = "iprdb.sqlite";
  bool init = false;
  bool dry = false;
  bool reextract = false;
  bool quiet = false;
  bool json = false;
  std::string published;
  unsigned jobs = 1;
  std::vector<std::string> inputs;
};

int load(const Settings& settings, const std::vector<fs::path>& inputs) {
  const auto start = std::chrono::steady_clock::now();
  auto db = iprdb::Database::open(settings.db_path, iprdb::OpenMode::create_if_missing);
  if (settings.init) print_summary(db);

  Reporter reporter(settings.quiet, !settings.quiet && isatty(STDERR_FILENO) == 1);
  iprdb::IngestOptions options;
  if (!settings.published.empty()) options.published_on = settings.published;
  options.stop = &g_stop;
  options.jobs = settings.jobs;
  options.on_file = [&](const iprdb::FileOutcome& outcome, std::size_t done, std::size_t total) {
    reporter.file(outcome, done, total);
  };
  install_stop_handler();

  bool interrupted = false;
  std::optional<iprdb::Error> fatal;
  try {
    // `-` with nothing on stdin is an empty batch (a `find` that found nothing), not an error.
    if (!settings.inputs.empty()) {
      reporter.begin(false);
      interrupted = db.ingest(inputs, options).interrupted;
    }
    if (settings.reextract && !interrupted) {
      reporter.begin(true);
      interrupted = db.reextract(options).interrupted;
    }
  } catch (const iprdb::Error& e) {
    // A published date that is not one is the command line's fault, found before any file.
    if (e.code() == iprdb::ErrorCode::invalid_argument && e.path().empty()) {
      reporter.finish();
      iprdb::cli::complain(kTool, e.what());
      return iprdb::cli::kUsage;
    }
    fatal = e;
  }
  reporter.finish();
  if (fatal) iprdb::cli::complain(kTool, fatal->what());
  if (interrupted) iprdb::cli::complain(kTool, "interrupted; the files not loaded yet were left");

  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  const Totals loaded = totals_of(reporter.loaded());
  const Totals again = totals_of(reporter.reextracted());
  if (!settings.quiet && (!settings.inputs.empty() || settings.reextract)) {
    std::string line = fmt::format("{}: {} document{} loaded ({} facts), {} unchanged, {} failed",
                                   settings.db_path, loaded.loaded, loaded.loaded == 1 ? "" : "s",
                                   loaded.facts, loaded.unchanged, loaded.failed);
    if (settings.reextract) {
      line += fmt::format("; {} re-extracted ({} facts), {} failed", again.loaded, again.facts,
                          again.failed);
    }
    std::cerr << fmt::format("{} in {:.2f} s\n", line, seconds);
  }
  if (settings.json) {
    nlohmann::ordered_json report;
    report["database"] = settings.db_path;
    report.update(json_of(reporter.loaded()));
    if (settings.reextract) report["reextracted"] = json_of(reporter.reextracted());
    report["seconds"] = seconds;
    report["interrupted"] = interrupted;
    report["error"] = fatal ? nlohmann::ordered_json(fatal->what()) : nlohmann::ordered_json(nullptr);
    std::cout << report.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << '\n'
              << std::flush;
  }
  if (interrupted) return kInterrupted;
  if (fatal || loaded.failed || again.failed) return iprdb::cli::kFailure;
  return iprdb::cli::kSuccess;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Load Chinese IP bulletins into an iprdb database.", kTool};
  Settings settings;
  app.add_option("--db", settings.db_path, "The database file (created on first use)")
      ->capture_default_str();
  app.add_flag("--init", settings.init,
               "Create the database (or migrate an older one) with the gazetteer and catalog");
  app.add_flag("--dry-run", settings.dry,
               "Print the facts of each FILE as JSON lines instead of storing them");
  app.add_flag("--reextract", settings.reextract,
               "Run this version's extractor again over stored bulletins read by an older one");
  app.add_flag("-q,--quiet", settings.quiet, "Print only failures");
  app.add_flag("--json", settings.json, "Print a JSON report of the batch on stdout");
  app.add_option("--published", settings.published,
                 "The publication date of the bulletins (YYYY-MM-DD): 去年 and 今年 are read "
                 "against it");
  app.add_option("-j,--jobs", settings.jobs,
                 "Threads that read and extract files ahead of the one that stores them (0: "
                 "one per core); each file is still its own transaction, stored in order")
      ->capture_default_str();
  app.add_option("inputs", settings.inputs,
                 "Bulletins (.txt, .htm, .html), records of facts (.jsonl), directories of "
                 "them, or - to read paths from stdin");
  app.set_version_flag("--version", std::string("iprdb-load ") + iprdb::kVersion);

  return iprdb::cli::run(app, argc, argv, [&] {
    const auto inputs = expand_stdin(settings.inputs);
    if (settings.dry) {
      if (inputs.empty()) {
        iprdb::cli::complain(kTool, "--dry-run needs at least one FILE");
        return static_cast<int>(iprdb::cli::kUsage);
      }
      iprdb::ExtractOptions options;
      if (!settings.published.empty()) options.published_on = settings.published;
      return dry_run(inputs, options);
    }
    if (settings.jobs == 0) settings.jobs = std::max(1u, std::thread::hardware_concurrency());
    if (settings.inputs.empty() && !settings.init && !settings.reextract) {
      iprdb::cli::complain(kTool,
                           "nothing to do: give INPUT..., --init, --reextract or --dry-run FILE...");
      return static_cast<int>(iprdb::cli::kUsage);
    }
    return load(settings, inputs);
  });
}
