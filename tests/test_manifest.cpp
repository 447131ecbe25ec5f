#include <unistd.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>
#include <string>
#include <vector>

#include "core/input_error.hpp"
#include "io/json_reader.hpp"
#include "io/manifest.hpp"
#include "io/sha256.hpp"
#include "scratch_dir.hpp"

namespace fs = std::filesystem;
using moatsim::InputError;
using moatsim::Manifest;
using moatsim::manifest_json;
using moatsim::sha256_file_hex;
using moatsim::sha256_hex;

using moatsim::test::ScratchDir;

namespace {


void spit(const fs::path& file, const std::string& content) {
    std::ofstream out(file, std::ios::binary);
    out << content;
}

std::string slurp(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

// The value of a top-level "key": "value" line (no escapes in the values it is used for).
std::string string_field(const std::string& json, const std::string& key) {
    const std::string prefix = "\n  \"" + key + "\": \"";
    const std::size_t at = json.find(prefix);
    if (at == std::string::npos) return "";
    const std::size_t begin = at + prefix.size();
    return json.substr(begin, json.find('"', begin) - begin);
}

// 2026-11-25T10:03:04.750Z: the fraction must be dropped, not rounded.
std::chrono::system_clock::time_point fixed_start() {
    using namespace std::chrono;
    return sys_days{year{2026} / 11 / 25} + hours{10} + minutes{3} + seconds{4} + milliseconds{750};
}

Manifest sample() {
    Manifest m;
    m.command = "run";
    m.command_line = {"moatsim", "run", "scenarios/baseline.toml", "--reps", "4"};
    m.seeds = {1, 18446744073709551615ULL};
    m.threads = 8;
    m.started = fixed_start();
    m.wall_seconds = 1.25;
    m.counts = {{"replicates", 4}, {"enterprises", 9'000'000'000}};
    m.notes = {{"mode", "stochastic"}, {"out", "results/baseline"}};
    m.skipped_events = {{"scenario", "late", "2030-01", "catalog_add"}};
    return m;
}

}  // namespace

TEST_CASE("sha256_hex matches the FIPS 180-2 example digests", "[manifest]") {
    CHECK(sha256_hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    CHECK(sha256_hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    CHECK(sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq") ==
          "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
    CHECK(sha256_hex(std::string(1'000'000, 'a')) ==
          "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

TEST_CASE("sha256_hex handles messages either side of the padding boundary", "[manifest]") {
    // 55 bytes is the longest message whose padding fits in one block; 56 needs two.
    CHECK(sha256_hex(std::string(55, 'a')) ==
          "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318");
    CHECK(sha256_hex(std::string(56, 'a')) ==
          "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a");
    CHECK(sha256_hex(std::string(64, 'a')) ==
          "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb");
}

TEST_CASE("sha256_file_hex hashes the file's bytes and names a missing file", "[manifest]") {
    ScratchDir dir("manifest_file");
    // Longer than the 64 KiB read chunk and not a multiple of it, with NULs and high bytes.
    std::string content;
    for (int i = 0; i < 200'003; ++i) content += static_cast<char>((i * 131) % 256);
    spit(dir.path / "data.bin", content);
    CHECK(sha256_file_hex(dir.path / "data.bin") == sha256_hex(content));

    spit(dir.path / "empty.txt", "");
    CHECK(sha256_file_hex(dir.path / "empty.txt") == sha256_hex(""));

    const fs::path missing = dir.path / "no_such_file.toml";
    CHECK_THROWS_AS(sha256_file_hex(missing), InputError);
    CHECK_THROWS_WITH(sha256_file_hex(missing), Catch::Contains(missing.string()));
    CHECK_THROWS_WITH(sha256_file_hex(dir.path), Catch::Contains(dir.path.string()));
}

TEST_CASE("manifest_json escapes strings for JSON", "[manifest]") {
    Manifest m = sample();
    m.command_line = {"moatsim", "--out", "say \"hi\"\\dir\nnext\tcol", std::string("bell\x01"),
                      "caf\xc3\xa9"};
    const std::string json = manifest_json(m);
    CHECK_THAT(json, Catch::Contains(R"("say \"hi\"\\dir\nnext\tcol")"));
    CHECK_THAT(json, Catch::Contains(R"("bell\u0001")"));
    CHECK_THAT(json, Catch::Contains("\"caf\xc3\xa9\""));  // UTF-8 passes through unchanged
    // No raw control character survives anywhere except the layout newlines.
    for (char c : json) CHECK((static_cast<unsigned char>(c) >= 0x20 || c == '\n'));
}

TEST_CASE("manifest_json has every field, in a fixed order", "[manifest]") {
    ScratchDir dir("manifest_fields");
    const fs::path scenario = dir.path / "baseline.toml";
    spit(scenario, "[run]\nseed = 1\n");
    Manifest m = sample();
    m.inputs = {{"scenario", scenario}};
    const std::string json = manifest_json(m);

    const char* keys[] = {"command", "command_line", "moatsim_version", "git_commit",
                          "compiler", "build_type",  "build_flags",
                          "inputs",  "role",         "path",            "sha256",
                          "bytes",   "seeds",        "threads",         "started",
                          "wall_seconds", "kernel",  "instruction_set", "replicates",
                          "enterprises", "mode",     "out",             "skipped_events"};
    std::size_t previous = 0;
    for (const char* key : keys) {
        // Built by appending: GCC 12 gives a false -Wrestrict on "literal" + std::string.
        std::string needle = "\"";
        needle.append(key).append("\": ");
        const std::size_t at = json.find(needle);
        INFO(key);
        REQUIRE(at != std::string::npos);
        CHECK(at >= previous);
        previous = at;
    }
    CHECK_THAT(json, Catch::StartsWith("{\n  \"command\": \"run\",\n"));
    CHECK_THAT(json, Catch::EndsWith("\n  \"out\": \"results/baseline\",\n  \"skipped_events\": [\n"
                                     "    {\"scenario\": \"scenario\", \"id\": \"late\", \"date\": "
                                     "\"2030-01\", \"kind\": \"catalog_add\"}\n  ]\n}\n"));
    // Counts are JSON numbers, not strings.
    CHECK_THAT(json, Catch::Contains("\n  \"replicates\": 4,\n  \"enterprises\": 9000000000,\n"));
    CHECK_THAT(json, Catch::Contains(R"("kernel": "fast",)"));
    const std::string isa = string_field(json, "instruction_set");
    CHECK((isa == "AVX-512" || isa == "AVX2" || isa == "SSE2"));
    CHECK_FALSE(string_field(json, "build_type").empty());
    CHECK_FALSE(string_field(json, "compiler").empty());
    // The report's reader reads the new fields back with their kinds.
    const moatsim::JsonValue back = moatsim::parse_json(json, "manifest.json");
    REQUIRE(back.find("replicates") != nullptr);
    CHECK(back.find("replicates")->kind == moatsim::JsonValue::Kind::number);
    CHECK(back.find("replicates")->text == "4");
    CHECK(back.find("enterprises")->text == "9000000000");
    REQUIRE(back.find("skipped_events") != nullptr);
    REQUIRE(back.find("skipped_events")->items.size() == 1);
    CHECK(back.find("skipped_events")->items[0].find("id")->text == "late");
    CHECK_THAT(json, Catch::Contains(R"("command_line": ["moatsim", "run", )"
                                     R"("scenarios/baseline.toml", "--reps", "4"])"));
    CHECK_THAT(json, Catch::Contains("\"sha256\": \"" + sha256_hex("[run]\nseed = 1\n") + "\""));
    CHECK_THAT(json, Catch::Contains("\"bytes\": 15}"));
    CHECK_THAT(json, Catch::Contains(R"("seeds": [1, 18446744073709551615])"));
    CHECK_THAT(json, Catch::Contains(R"("threads": 8,)"));
    CHECK_THAT(json, Catch::Contains(R"("started": "2026-11-25T10:03:04Z",)"));
    CHECK_THAT(json, Catch::Contains(R"("wall_seconds": 1.25,)"));
    // Built from the generated header; exact values depend on the checkout.
    CHECK(string_field(json, "moatsim_version").find_first_not_of("0123456789.") ==
          std::string::npos);
    CHECK_FALSE(string_field(json, "moatsim_version").empty());
    CHECK_FALSE(string_field(json, "git_commit").empty());
    CHECK(manifest_json(m) == json);  // deterministic
    // The reference kernel is the plain scalar code, not a clone.
    m.kernel = "reference";
    CHECK(string_field(manifest_json(m), "instruction_set") == "SSE2");
}

TEST_CASE("manifest_json rejects notes that shadow fixed fields", "[manifest]") {
    Manifest m = sample();
    m.notes = {{"threads", "4"}};
    CHECK_THROWS_AS(manifest_json(m), std::invalid_argument);
    m.notes.clear();
    m.counts = {{"skipped_events", 1}};  // counts too, and the new fixed fields
    CHECK_THROWS_AS(manifest_json(m), std::invalid_argument);
    m.counts = {{"instruction_set", 1}};
    CHECK_THROWS_AS(manifest_json(m), std::invalid_argument);
}

TEST_CASE("write_manifest writes manifest.json and leaves no temporary file", "[manifest]") {
    ScratchDir dir("manifest_write");
    const fs::path scenario = dir.path / "baseline.toml";
    spit(scenario, "name = \"baseline\"\n");
    Manifest m = sample();
    m.inputs = {{"scenario", scenario}};
    moatsim::write_manifest(dir.path, m);

    std::vector<std::string> names;
    for (const auto& entry : fs::directory_iterator(dir.path))
        names.push_back(entry.path().filename().string());
    std::sort(names.begin(), names.end());
    CHECK(names == std::vector<std::string>{"baseline.toml", "manifest.json"});
    CHECK(slurp(dir.path / "manifest.json") == manifest_json(m));

    // An unreadable input fails before anything is written, naming the input.
    fs::remove(dir.path / "manifest.json");
    m.inputs.push_back({"population", dir.path / "missing.csv"});
    CHECK_THROWS_WITH(moatsim::write_manifest(dir.path, m), Catch::Contains("missing.csv"));
    CHECK(std::distance(fs::directory_iterator(dir.path), fs::directory_iterator()) == 1);
}

TEST_CASE("manifest_json records the MPI ranks only under mpirun", "[manifest]") {
    const Manifest m = sample();
    CHECK_THAT(manifest_json(m), !Catch::Contains("mpi_ranks"));
    moatsim::set_manifest_mpi_ranks(3);
    const std::string json = manifest_json(m);
    moatsim::set_manifest_mpi_ranks(1);
    CHECK_THAT(json, Catch::Contains("\n  \"mpi_ranks\": 3,\n  \"started\": "));
    CHECK_THAT(manifest_json(m), !Catch::Contains("mpi_ranks"));
}
