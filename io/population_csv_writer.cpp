// Writing population files: rows are formatted in parallel, written in order.
#include "io/population_csv.hpp"

#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>
#include <tbb/task_group.h>

#include <algorithm>
#include <charconv>
#include <memory>
#include <stdexcept>

#include "io/population_csv_format.hpp"

namespace moatsim {

using detail::csv_field;
using detail::expected_columns;
using detail::header_line;

void write_population_csv(std::ostream& out, const Population& pop,
                          const std::vector<std::string>& cloud_names,
                          const std::vector<std::string>& vendor_names) {
    if (pop.vendors != vendor_names.size() || pop.taste.size() != pop.count() * pop.vendors)
        throw std::invalid_argument("write_population_csv: one taste column per vendor expected");
    const std::string header = header_line(expected_columns(vendor_names)) + "\n";
    out.write(header.data(), static_cast<std::streamsize>(header.size()));
    std::vector<std::string> clouds;
    std::size_t longest_cloud = 0;
    for (const auto& name : cloud_names) {
        clouds.push_back(csv_field(name));
        longest_cloud = std::max(longest_cloud, clouds.back().size());
    }
    // Bound on a row: a uint64 is <= 20 chars, a shortest double <= 24, plus separators.
    const std::size_t row_bytes = 21 + (4 + vendor_names.size()) * 25 + longest_cloud + 1 + 2;
    // Rows are formatted in parallel pieces (to_chars dominates the cost) into one batch
    // while this thread writes the previous one, in order: two batches of ~32 MiB each.
    const auto pieces = 2 * static_cast<std::size_t>(tbb::this_task_arena::max_concurrency());
    const std::size_t piece_rows =
        std::clamp<std::size_t>((32 << 20) / (pieces * row_bytes), 256, 16384);
    struct Piece {
        std::unique_ptr<char[]> text;
        std::size_t used = 0;
    };
    std::vector<Piece> batches[2];
    for (auto& batch : batches)
        for (std::size_t j = 0; j < pieces; ++j)
            batch.push_back({std::unique_ptr<char[]>(new char[piece_rows * row_bytes])});

    const std::size_t n = pop.count();
    const auto format = [&](std::vector<Piece>& batch, std::size_t start) {
        tbb::parallel_for(std::size_t{0}, pieces, [&](std::size_t j) {
            const std::size_t b = std::min(n, start + j * piece_rows),
                              e = std::min(n, b + piece_rows);
            char* w = batch[j].text.get();
            char* const stop = w + piece_rows * row_bytes;
            const auto put = [&](auto value) {
                w = std::to_chars(w, stop, value).ptr;
                *w++ = ',';
            };
            for (std::size_t i = b; i < e; ++i) {
                if (pop.home[i] >= clouds.size())
                    throw std::out_of_range("write_population_csv: home cloud index out of range");
                put(pop.key(i)), put(pop.demand[i]), put(pop.alpha[i]), put(pop.beta[i]),
                    put(pop.phi[i]);
                w = std::copy(clouds[pop.home[i]].begin(), clouds[pop.home[i]].end(), w);
                *w++ = ',';
                for (std::size_t m = 0; m < pop.vendors; ++m) put(pop.taste[i * pop.vendors + m]);
                *w++ = pop.adopted[i] != 0 ? '1' : '0';
                *w++ = '\n';
            }
            batch[j].used = static_cast<std::size_t>(w - batch[j].text.get());
        });
    };
    const std::size_t step = pieces * piece_rows;
    if (n > 0) format(batches[0], 0);
    tbb::task_group next;
    for (std::size_t start = 0, k = 0; start < n && out; start += step, k ^= 1) {
        if (start + step < n) next.run([&, k, start] { format(batches[k ^ 1], start + step); });
        for (std::size_t j = 0; j < pieces && out; ++j)
            out.write(batches[k][j].text.get(), static_cast<std::streamsize>(batches[k][j].used));
        next.wait();  // also rethrows a formatting error
    }
}

}  // namespace moatsim
