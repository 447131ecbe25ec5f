#include "io/result_directory.hpp"

#include <fcntl.h>
#include <stdio.h>  // renameat2, RENAME_EXCHANGE (glibc >= 2.28)
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "core/input_error.hpp"
#include "io/atomic_file.hpp"
#include "io/fault_hook.hpp"
#include "io/temporaries.hpp"

namespace moatsim {
namespace fs = std::filesystem;

namespace {

constexpr const char* temp_marker = ".tmp-";
constexpr const char* aside_marker = ".old-";

std::string quoted(const fs::path& p) { return "'" + p.string() + "'"; }

[[noreturn]] void refuse(const fs::path& target, const std::string& reason) {
    throw InputError("cannot write to output directory " + quoted(target) + ": " + reason);
}

// Absolute and without a trailing "/" or ".", so that parent and name are the real ones.
fs::path normalized(const fs::path& p) {
    fs::path n = fs::absolute(p).lexically_normal();
    if (!n.has_filename()) n = n.parent_path();
    return n;
}

bool is_within(const fs::path& inner, const fs::path& outer) {
    std::error_code ec;
    const fs::path a = fs::weakly_canonical(inner, ec), b = fs::weakly_canonical(outer, ec);
    if (ec) return false;
    auto ai = a.begin();
    for (auto bi = b.begin(); bi != b.end(); ++bi, ++ai)
        if (ai == a.end() || *ai != *bi) return false;
    return true;
}

// Entries "<stem><marker><pid>" in dir whose pid is dead.
std::vector<fs::path> dead_entries(const fs::path& dir, const std::string& stem,
                                   const char* marker) {
    std::vector<fs::path> found;
    std::error_code ec;
    for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
        const auto parsed = parse_temporary_name(it->path().filename().string(), marker);
        if (parsed && parsed->stem == stem && !process_alive(parsed->pid))
            found.push_back(it->path());
    }
    return found;
}

}  // namespace

bool replaceable_result_file(const std::string& name) {
    if (const auto temp = parse_temporary_name(name, temp_marker))
        return replaceable_result_file(temp->stem);
    if (name.rfind(".moatsim-write-test-", 0) == 0) return true;
    const std::string ext = fs::path(name).extension().string();
    for (const char* ok : {".csv", ".toml", ".json", ".plan", ".html", ".svg", ".png"})
        if (ext == ok) return true;
    return false;
}

ResultDirectory::ResultDirectory(fs::path target) : target_(std::move(target)) {
    if (target_.empty()) refuse(target_, "the path is empty");
    where_ = normalized(target_);
    const std::string name = where_.filename().string();
    if (name.empty() || name == "." || name == "..")
        refuse(target_, "it has no name of its own (the file system root?)");
    std::error_code ec;
    fs::create_directories(where_.parent_path(), ec);
    if (ec) refuse(target_, ec.message());
    recover();
    check_replaceable();
    // Only now that the target is known to be a result: its files' stale temporaries.
    if (fs::is_directory(where_, ec))
        for (const fs::path& p : remove_stale_temporaries(where_, temp_marker))
            notes_.push_back("removed " + p.string() + " (an unfinished file of an interrupted run)");
    temp_ = where_.parent_path() / ("." + name + temp_marker + std::to_string(::getpid()));
    fs::remove_all(temp_, ec);  // ours only if this process opened the same target before
    register_temporary(temp_);
    if (::mkdir(temp_.c_str(), 0755) != 0) {
        const int err = errno;
        unregister_temporary(temp_);
        refuse(target_, std::strerror(err));
    }
}

ResultDirectory::~ResultDirectory() {
    if (committed_) return;
    std::error_code ignored;
    fs::remove_all(temp_, ignored);
    unregister_temporary(temp_);
}

void ResultDirectory::recover() {
    const fs::path parent = where_.parent_path();
    const std::string stem = "." + where_.filename().string();
    std::error_code ec;
    // A swap by two renames that died between them: the old result is aside, no target.
    for (const fs::path& aside : dead_entries(parent, stem, aside_marker)) {
        if (!fs::exists(fs::symlink_status(where_, ec)) && ::rename(aside.c_str(), where_.c_str()) == 0) {
            notes_.push_back("restored " + where_.string() + " from " + aside.string() +
                             " (a replacement of it was interrupted)");
            continue;
        }
        fs::remove_all(aside, ec);
        if (!ec) notes_.push_back("removed " + aside.string() + " (a replaced result left by an "
                                  "interrupted run)");
    }
    for (const fs::path& p : remove_stale_temporaries(parent, temp_marker, stem))
        notes_.push_back("removed " + p.string() + " (left by an interrupted run)");
}

void ResultDirectory::check_replaceable() const {
    std::error_code ec;
    const fs::file_status status = fs::symlink_status(where_, ec);
    if (!fs::exists(status)) return;
    if (!fs::is_directory(fs::status(where_, ec))) refuse(target_, "it exists and is not a directory");
    struct stat self {}, parent {};
    if (::stat(where_.c_str(), &self) == 0 && ::stat(where_.parent_path().c_str(), &parent) == 0 &&
        self.st_dev != parent.st_dev)
        refuse(target_, "it is a mount point, which cannot be replaced; use a directory inside it");
    if (is_within(fs::current_path(ec), where_))
        refuse(target_, "it is or contains the current directory, which is not replaced");
    for (fs::directory_iterator it(where_, ec), end; !ec && it != end; it.increment(ec)) {
        const std::string name = it->path().filename().string();
        if (it->symlink_status(ec).type() == fs::file_type::directory || !replaceable_result_file(name))
            refuse(target_, "it holds '" + name + "', which is not a moatsim result file; a result "
                   "directory is replaced as a whole, so choose another --out or move it away");
    }
    if (ec) refuse(target_, ec.message());
}

fs::path ResultDirectory::place(const fs::path& file) const {
    std::error_code ec;
    const fs::path parent = fs::weakly_canonical(normalized(file).parent_path(), ec);
    if (ec || parent != fs::weakly_canonical(where_, ec) || ec) return file;
    return temp_ / file.filename();
}

void ResultDirectory::carry_over(const fs::path& file) {
    const fs::path inside = place(file);
    if (inside == file) return;
    std::error_code ec;
    fs::create_hard_link(file, inside, ec);
    if (ec) fs::copy_file(file, inside, fs::copy_options::overwrite_existing, ec);
    if (ec) throw_output_failure("cannot keep", file, ec.value());
}

void ResultDirectory::commit() {
    if (committed_) return;
    sync_path(temp_);  // each file was synced when written; now the directory's entries
    fault_point("before_swap");
    swap_in();
    committed_ = true;
    unregister_temporary(temp_);
    sync_path(where_.parent_path());
}

void ResultDirectory::swap_in() {
    const auto lock = hold_temporaries();  // a signal's cleanup waits for the swap
    std::error_code ec;
    if (!fs::exists(fs::symlink_status(where_, ec))) {
        if (::rename(temp_.c_str(), where_.c_str()) != 0)
            throw_output_failure("cannot move the new result into place at", target_, errno);
        return;
    }
    if (!fault_armed("no_exchange") &&
        ::renameat2(AT_FDCWD, temp_.c_str(), AT_FDCWD, where_.c_str(), RENAME_EXCHANGE) == 0) {
        fault_point("after_swap");
        fs::remove_all(temp_, ec);  // the old result now; a failure leaves a stale temporary
        return;
    }
    const fs::path aside = where_.parent_path() /
        ("." + where_.filename().string() + aside_marker + std::to_string(::getpid()));
    fs::remove_all(aside, ec);
    if (::rename(where_.c_str(), aside.c_str()) != 0)
        throw_output_failure("cannot move the old result aside from", target_, errno);
    fault_point("after_aside");
    if (::rename(temp_.c_str(), where_.c_str()) != 0) {
        const int err = errno;
        ::rename(aside.c_str(), where_.c_str());  // put the old one back
        throw_output_failure("cannot move the new result into place at", target_, err);
    }
    fault_point("after_swap");
    fs::remove_all(aside, ec);
}

}  // namespace moatsim
