#include "lang/program.hpp"

#include <numeric>

namespace kaohe {

Weighting make_weighting(std::vector<Rational> weights, std::vector<SymbolId> parameters) {
    Weighting weighting;
    weighting.weights = std::move(weights);
    weighting.parameters = std::move(parameters);
    std::vector<std::pair<std::int64_t, std::int64_t>> parts;  // each weight in lowest terms
    std::int64_t unit = 1;
    for (const Rational& weight : weighting.weights) {
        auto part = weight.parts();
        if (!part) return weighting;
        unit = std::lcm(unit, part->second);
        if (unit <= 0 || unit > (std::int64_t{1} << 40)) return weighting;  // keeps unit × score far from overflow
        parts.push_back(*part);
    }
    std::vector<std::int64_t> units;
    for (auto [numerator, denominator] : parts) {
        __int128 scaled = static_cast<__int128>(numerator) * (unit / denominator);
        if (scaled > INT64_MAX || scaled < INT64_MIN) return weighting;
        units.push_back(static_cast<std::int64_t>(scaled));
    }
    weighting.units = std::move(units);
    weighting.unit = unit;
    return weighting;
}

}  // namespace kaohe
