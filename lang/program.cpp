#include "lang/program.hpp"

#include <numeric>

namespace kaohe {

void scale_weights(CheckedExpr& weighted) {
    weighted.weight_units.clear();
    weighted.weight_unit = 0;
    std::vector<std::pair<std::int64_t, std::int64_t>> parts;  // each weight in lowest terms
    std::int64_t unit = 1;
    for (const Rational& weight : weighted.weights) {
        auto part = weight.parts();
        if (!part) return;
        unit = std::lcm(unit, part->second);
        if (unit <= 0 || unit > (std::int64_t{1} << 40)) return;  // keeps unit × score far from overflow
        parts.push_back(*part);
    }
    std::vector<std::int64_t> units;
    for (auto [numerator, denominator] : parts) {
        __int128 scaled = static_cast<__int128>(numerator) * (unit / denominator);
        if (scaled > INT64_MAX || scaled < INT64_MIN) return;
        units.push_back(static_cast<std::int64_t>(scaled));
    }
    weighted.weight_units = std::move(units);
    weighted.weight_unit = unit;
}

}  // namespace kaohe
