#pragma once
// A result directory is all-or-nothing: `run`, `compare` and (when it starts afresh) `sweep`
// write every file into a sibling temporary directory ".<name>.tmp-<pid>", fsync it, and
// only then swap it in for the target. At every instant the target is the complete old
// result or the complete new one (absent only if there never was one):
// - the swap is one atomic renameat2(RENAME_EXCHANGE) where the file system supports it
//   (the old result then sits under the temporary name and is removed);
// - otherwise two renames: the old one aside to ".<name>.old-<pid>", the new one onto the
//   target. A crash between them leaves no target but the aside copy, which the next
//   ResultDirectory for the same target restores.
// Stale temporaries of dead processes (kill -9) are removed by the next one; a signal's
// cleanup (cli) removes this process's own (io/temporaries.hpp). docs/RESULTS.md.
#include <filesystem>
#include <string>
#include <vector>

namespace moatsim {

class ResultDirectory {
public:
    /// Prepares to replace `target`: recovers an interrupted swap, removes stale temporaries,
    /// checks that target may be replaced and creates the temporary directory.
    /// @throws InputError if target is empty, is a file, is (or holds) the current directory,
    /// holds a subdirectory or a file no moatsim command writes, or no directory can be
    /// created beside it.
    explicit ResultDirectory(std::filesystem::path target);
    /// Removes the temporary directory unless commit() succeeded; never throws.
    ~ResultDirectory();
    ResultDirectory(const ResultDirectory&) = delete;
    ResultDirectory& operator=(const ResultDirectory&) = delete;

    /// Where to write the result's files (the temporary directory).
    [[nodiscard]] const std::filesystem::path& path() const noexcept { return temp_; }
    [[nodiscard]] const std::filesystem::path& target() const noexcept { return target_; }
    /// What opening it repaired (restored or removed leftovers), one sentence each, for the log.
    [[nodiscard]] const std::vector<std::string>& notes() const noexcept { return notes_; }

    /// Where to write `file`: inside the temporary directory if it lies directly in the
    /// target (so the swap publishes it rather than discarding it), else file itself.
    [[nodiscard]] std::filesystem::path place(const std::filesystem::path& file) const;
    /// Keeps `file` (an input the new result is made from) if it lies directly in the target:
    /// linked (or copied) into the temporary directory. @throws OutputError if it cannot be.
    void carry_over(const std::filesystem::path& file);

    /// fsyncs the new result and swaps it in for the target; the old one is removed.
    /// @throws OutputError naming the path and the OS error; the old result is left whole.
    void commit();

private:
    void recover();
    void check_replaceable() const;
    void swap_in();

    std::filesystem::path target_;   // as the user gave it, for messages
    std::filesystem::path where_;    // absolute, normalized
    std::filesystem::path temp_;
    std::vector<std::string> notes_;
    bool committed_ = false;
};

/// Whether a file named `name` may sit in a result directory that is replaced wholesale:
/// what moatsim writes (CSV, TOML, JSON, plan, HTML and SVG/PNG charts) and its temporaries.
[[nodiscard]] bool replaceable_result_file(const std::string& name);

}  // namespace moatsim
