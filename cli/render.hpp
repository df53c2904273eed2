// Renderers for results: json (the SCHEMES.md contract), an aligned table for people
// (Chinese takes two cells), and csv for spreadsheets.
#pragma once

#include <string>
#include <vector>

#include "runtime/results.hpp"

namespace kaohe {

std::string render_json(const std::vector<ResultRow>& rows);
std::string render_table(const std::vector<ResultRow>& rows);
std::string render_csv(const std::vector<ResultRow>& rows);

}  // namespace kaohe
