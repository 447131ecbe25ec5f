// Reading population files: the file is mapped, split into line-aligned chunks and parsed in
// parallel; errors name the line and column.
#include "io/population_csv.hpp"

#include <tbb/parallel_for.h>
#include <tbb/parallel_sort.h>
#include <tbb/task_arena.h>
#include <tbb/task_group.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <memory>
#include <stdexcept>
#include <string_view>
#include <tuple>
#include <utility>

#include "core/input_error.hpp"
#include "core/input_text.hpp"
#include "io/population_csv_format.hpp"
#include "io/population_row_parser.hpp"

namespace moatsim {
namespace {

// Longest line accepted (the read buffer doubles up to it for a long line).
constexpr std::size_t max_population_line_bytes = std::size_t{256} << 20;

using namespace detail;

const char* line_end(const char* p, const char* end) {
    const void* q = std::memchr(p, '\n', static_cast<std::size_t>(end - p));
    return q != nullptr ? static_cast<const char*>(q) : end;
}

// Parses whole lines [b, e) as rows pop.count()... (line = row + 2: the header is line 1
// and every row is one line). Pieces split at newlines are counted, then parsed, in
// parallel; the error reported is the first in the file, whatever the thread count.
void parse_rows(const char* b, const char* e, const std::vector<Column>& cols,
                const std::vector<std::string>& clouds, Population& pop, const std::string& where,
                std::size_t rows_before) {
    const auto bytes = static_cast<std::size_t>(e - b);
    const std::size_t pieces = std::clamp<std::size_t>(
        bytes >> 20, 1, 4 * static_cast<std::size_t>(tbb::this_task_arena::max_concurrency()));
    std::vector<const char*> cut(pieces + 1, e);
    cut[0] = b;
    for (std::size_t j = 1; j < pieces; ++j) {
        const char* nl = line_end(std::max(cut[j - 1], b + bytes * j / pieces), e);
        cut[j] = nl == e ? e : nl + 1;
    }
    const auto next_line = [&](const char* p, std::size_t j) {
        const char* nl = line_end(p, cut[j + 1]);
        return nl == cut[j + 1] ? nl : nl + 1;
    };
    std::vector<std::size_t> first_row(pieces + 1, 0);
    tbb::parallel_for(std::size_t{0}, pieces, [&](std::size_t j) {
        for (const char* p = cut[j]; p != cut[j + 1]; p = next_line(p, j)) ++first_row[j + 1];
    });
    first_row[0] = pop.count();
    for (std::size_t j = 0; j < pieces; ++j) first_row[j + 1] += first_row[j];
    for_each_population_column(pop, [n = first_row[pieces]](auto& column, std::size_t width) {
        column.resize(n * width);
    });

    std::vector<std::pair<std::size_t, std::string>> errors(pieces);  // (line or 0, message)
    tbb::parallel_for(std::size_t{0}, pieces, [&](std::size_t j) {
        RowParser parser(cols, clouds, pop);
        std::size_t row = first_row[j];
        for (const char* p = cut[j]; p != cut[j + 1]; p = next_line(p, j), ++row) {
            const char* nl = line_end(p, cut[j + 1]);
            if (!parser.parse(p, nl != p && nl[-1] == '\r' ? nl - 1 : nl, row, errors[j].second)) {
                errors[j].first = rows_before + row + 2;
                return;
            }
        }
    });
    for (const auto& [line, message] : errors)
        if (line != 0) throw InputError(where + ":" + std::to_string(line) + ": " + message);
}

// Ids key every random stream, so two enterprises sharing one would be silent clones.
void check_unique_ids(const Population& pop, const std::string& where, std::size_t rows_before) {
    const auto& id = pop.id;
    if (std::adjacent_find(id.begin(), id.end(), std::greater_equal<>()) == id.end()) return;
    std::vector<std::pair<std::uint64_t, std::size_t>> order(id.size());  // (id, row)
    for (std::size_t i = 0; i < id.size(); ++i) order[i] = {id[i], i};
    tbb::parallel_sort(order.begin(), order.end());
    std::size_t first = 0, second = id.size();  // the earliest row that repeats an id
    for (std::size_t i = 1; i < order.size(); ++i) {
        const bool repeat =
            order[i].first == order[i - 1].first && (i < 2 || order[i - 2].first != order[i].first);
        if (repeat && order[i].second < second)
            std::tie(first, second) = std::pair(order[i - 1].second, order[i].second);
    }
    if (second == id.size()) return;
    throw InputError(where + ":" + std::to_string(rows_before + second + 2) +
                     ": column 'id': duplicate id " + std::to_string(id[second]) +
                     " (first on line " + std::to_string(rows_before + first + 2) + ")");
}


// Data lines in [b, e): each '\n' ends one, and a last line without one counts too.
std::size_t lines_in(const char* b, const char* e) {
    if (b == e) return 0;
    return static_cast<std::size_t>(std::count(b, e, '\n')) + (e[-1] != '\n' ? 1 : 0);
}

// Past `lines` whole lines from p (or to e).
const char* skip_lines(const char* p, const char* e, std::size_t lines) {
    for (; lines > 0 && p != e; --lines) {
        const char* nl = line_end(p, e);
        p = nl == e ? e : nl + 1;
    }
    return p;
}

// The rows [rows.begin, rows.end) of the file (all of it: {0, SIZE_MAX}); `block`: a
// partition's rows, whose ids are checked among themselves only and whose keys stay global.
Population load_rows(const std::filesystem::path& file, const std::vector<std::string>& cloud_names,
                     const std::vector<std::string>& vendor_names, std::uint64_t first_row,
                     std::uint64_t end_row, bool block) {
    if (cloud_names.size() > 256) throw std::invalid_argument("Population::home holds 256 clouds");
    const std::string where = shown(file.string(), 1024);
    const std::vector<Column> expected = expected_columns(vendor_names);
    // Read in blocks of a few MiB, each counted and then parsed while still in cache (mapping
    // the file was 3x slower here: it walks 4 KiB page-cache pages twice). A whole-block
    // fread goes straight to read(2), without a copy through the stdio buffer.
    std::error_code ec;
    require_regular_file(file, "population file", "a CSV file");
    const std::unique_ptr<std::FILE, int (*)(std::FILE*)> in(std::fopen(file.c_str(), "rb"),
                                                             &std::fclose);
    if (!in) throw InputError("cannot open population file '" + where + "': " + std::strerror(errno));
    const std::uintmax_t size_on_disk = std::filesystem::file_size(file, ec);
    const auto file_bytes = static_cast<double>(size_on_disk);

    const auto threads = static_cast<std::size_t>(tbb::this_task_arena::max_concurrency());
    // A small file gets a buffer just big enough (at least 64 KiB) instead of 8 MiB zeroed.
    const std::size_t small =
        ec || size_on_disk >= (64 << 20) ? SIZE_MAX : std::max<std::size_t>(size_on_disk + 1, 1 << 16);
    std::vector<char> buf(std::min(std::clamp<std::size_t>(threads << 21, 8 << 20, 64 << 20), small));
    std::size_t have = 0, done = 0;  // buf[done, have) has been read but not parsed
    std::uint64_t rows_seen = 0;     // data lines before buf[done] (block mode)
    std::vector<Column> cols;
    Population pop;
    pop.vendors = vendor_names.size();
    for (bool header = true, reserved = false;;) {
        std::memmove(buf.data(), buf.data() + done, have - done);
        have -= done;
        have += std::fread(buf.data() + have, 1, buf.size() - have, in.get());
        if (std::ferror(in.get()) != 0)
            throw InputError("error reading population file '" + where +
                             "': " + std::strerror(errno));
        const bool eof = have < buf.size();  // fread is short only at the end (or on error)
        std::size_t end = have;
        if (eof) {  // a trailing newline (or several) ends the last row; it does not start one
            while (end != 0 && (buf[end - 1] == '\n' || buf[end - 1] == '\r')) --end;
        } else if (const void* last = ::memrchr(buf.data(), '\n', have); last != nullptr) {
            end = static_cast<std::size_t>(static_cast<const char*>(last) - buf.data()) + 1;
        } else {  // a line longer than the buffer
            // A row is a few hundred bytes; doubling without end would exhaust memory.
            if (buf.size() >= max_population_line_bytes)
                throw InputError(where + ":" + std::to_string(header ? 1 : rows_seen + 2) +
                                 ": a line longer than " +
                                 std::to_string(max_population_line_bytes >> 20) +
                                 " MiB; expected one enterprise per line");
            buf.resize(buf.size() * 2);
            done = 0;
            continue;
        }
        std::size_t start = 0;
        if (header) {
            const std::size_t nl = std::min(std::string_view(buf.data(), end).find('\n'), end);
            cols = parse_header(std::string_view(buf.data(), nl), expected, where);
            start = std::min(nl + 1, end);
            header = false;
        }
        // This chunk's rows in [first_row, end_row): the lines before and after are skipped.
        const std::size_t chunk_lines = lines_in(buf.data() + start, buf.data() + end);
        if (block) {
            const char* from = buf.data() + start;
            const char* to = buf.data() + end;
            const std::uint64_t skip = first_row > rows_seen ? first_row - rows_seen : 0;
            from = skip_lines(from, to, static_cast<std::size_t>(std::min<std::uint64_t>(skip, chunk_lines)));
            const std::uint64_t at = std::max(rows_seen, first_row);
            if (at < end_row) to = skip_lines(from, to, static_cast<std::size_t>(end_row - at));
            else to = from;
            if (!reserved) {
                const std::string memory = population_memory_problem(end_row - first_row, pop.vendors, true);
                if (!memory.empty())
                    throw InputError(where + ": rows " + std::to_string(first_row + 1) + "-" +
                                     std::to_string(end_row) + ": " + memory);
                reserve_rows(pop, static_cast<std::size_t>(end_row - first_row), true);
                reserved = true;
            }
            if (to != from)
                parse_rows(from, to, cols, cloud_names, pop, where, static_cast<std::size_t>(first_row));
            rows_seen += chunk_lines;
            if (eof || rows_seen >= end_row) break;
            done = end;
            continue;
        }
        if (!reserved && end > start) {
            // Extrapolate the row count from the first block, so that gigabyte columns are
            // allocated once rather than regrown (copied) as rows arrive.
            const double lines = static_cast<double>(std::count(&buf[start], &buf[end], '\n') + 1);
            const double bytes = ec ? 0.0 : file_bytes;
            const double rows = std::max(bytes / static_cast<double>(end - start), 1.0) * lines;
            // Streamed, so the file's size is not capped; what it would fill in memory is.
            const std::string memory = population_memory_problem(static_cast<std::uint64_t>(rows), pop.vendors, true);
            if (!memory.empty())
                throw InputError(where + ": about " + std::to_string(static_cast<std::uint64_t>(rows)) +
                                 " rows: " + memory);
            reserve_rows(pop, static_cast<std::size_t>(rows * 1.02) + 64, true);
            reserved = true;
        }
        parse_rows(buf.data() + start, buf.data() + end, cols, cloud_names, pop, where, 0);
        if (eof) break;
        done = end;
    }
    if (pop.count() == 0 && !block)
        throw InputError(where + ":2: no enterprises (the file has a header but no rows)");
    if (block && pop.count() != end_row - first_row)
        throw InputError(where + ": expected rows " + std::to_string(first_row + 1) + "-" +
                         std::to_string(end_row) + " but the file has only " +
                         std::to_string(rows_seen) + " (did it change while being read?)");
    check_unique_ids(pop, where, static_cast<std::size_t>(first_row));
    // Ids 0..N-1 in order are the indices: drop the column (Population::id).
    bool indices = true;
    for (std::size_t i = 0; i < pop.id.size() && indices; ++i) indices = pop.id[i] == first_row + i;
    if (indices) {
        std::vector<std::uint64_t>().swap(pop.id);
        pop.first_key = first_row;
    }
    return pop;
}

}  // namespace

Population load_population_csv(const std::filesystem::path& file,
                               const std::vector<std::string>& cloud_names,
                               const std::vector<std::string>& vendor_names) {
    return load_rows(file, cloud_names, vendor_names, 0, UINT64_MAX, false);
}

Population load_population_csv_block(const std::filesystem::path& file,
                                     const std::vector<std::string>& cloud_names,
                                     const std::vector<std::string>& vendor_names,
                                     const EnterpriseRange& rows) {
    return load_rows(file, cloud_names, vendor_names, rows.begin, rows.end, true);
}

std::uint64_t count_population_rows(const std::filesystem::path& file) {
    const std::string where = shown(file.string(), 1024);
    require_regular_file(file, "population file", "a CSV file");
    const std::unique_ptr<std::FILE, int (*)(std::FILE*)> in(std::fopen(file.c_str(), "rb"),
                                                             &std::fclose);
    if (!in) throw InputError("cannot open population file '" + where + "': " + std::strerror(errno));
    // As the loader counts: every '\n' starts a row after the header, except those in the
    // run of line ends that closes the file.
    std::vector<char> buf(8 << 20);
    std::uint64_t newlines = 0, trailing = 0;
    for (;;) {
        const std::size_t got = std::fread(buf.data(), 1, buf.size(), in.get());
        if (std::ferror(in.get()) != 0)
            throw InputError("error reading population file '" + where + "': " + std::strerror(errno));
        const char* b = buf.data();
        const char* e = b + got;
        const auto n = static_cast<std::uint64_t>(std::count(b, e, '\n'));
        newlines += n;
        const char* last = e;  // just after the last character that is not a line end
        while (last != b && (last[-1] == '\n' || last[-1] == '\r')) --last;
        trailing = last == b ? trailing + n : static_cast<std::uint64_t>(std::count(last, e, '\n'));
        if (got < buf.size()) break;
    }
    return newlines - trailing;
}

}  // namespace moatsim
