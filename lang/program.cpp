#include "lang/program.hpp"

#include <numeric>

namespace kaohe {

void scale_weights(CheckedExpr& weighted) {
    weighted.weight_units.clear();
    weighted.weight_unit = 0;
    std::int64_t unit = 1;
    for (const Rational& weight : weighted.weights) {
        auto parts = weight.parts();
        if (!parts) return;
        std::int64_t common = std::lcm(unit, parts->second);
        if (common <= 0 || common > (std::int64_t{1} << 40)) return;  // keeps unit × score far from overflow
        unit = common;
    }
    for (const Rational& weight : weighted.weights) {
        auto [numerator, denominator] = *weight.parts();
        __int128 units = static_cast<__int128>(numerator) * (unit / denominator);
        if (units > INT64_MAX || units < INT64_MIN) return;
        weighted.weight_units.push_back(static_cast<std::int64_t>(units));
    }
    weighted.weight_unit = unit;
}

}  // namespace kaohe
