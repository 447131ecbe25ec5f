#pragma once
// SHA-256 (FIPS 180-4) digests of input files, so a run manifest pins exactly which scenario,
// sweep and population bytes produced a result. Self-contained: no crypto library is needed
// for a content fingerprint, and Debian-only builds stay dependency-free.
#include <filesystem>
#include <string>
#include <string_view>

namespace moatsim {

/// @return the SHA-256 digest of bytes as 64 lower-case hex digits.
[[nodiscard]] std::string sha256_hex(std::string_view bytes);

/// Hashes a file in fixed-size chunks (population files can be gigabytes).
/// @return the SHA-256 digest of the file's contents as 64 lower-case hex digits.
/// @throws InputError "cannot read '<file>': <reason>" if it cannot be opened or read.
[[nodiscard]] std::string sha256_file_hex(const std::filesystem::path& file);

}  // namespace moatsim
