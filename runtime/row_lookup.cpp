#include "runtime/row_lookup.hpp"

#include <algorithm>

namespace kaohe {

std::vector<std::pair<EntityId, std::uint32_t>> find_rows(const Program& program, const Tables& tables,
                                                          std::string_view id) {
    std::vector<std::pair<EntityId, std::uint32_t>> rows;
    for (EntityId entity : program.entities.ids()) {
        const auto& ids = tables.entities[entity].ids;
        for (std::uint32_t row = 0; row < ids.size(); ++row)
            if (ids[row] == id) rows.emplace_back(entity, row);
    }
    return rows;
}

std::vector<std::string> all_ids(const Tables& tables, std::size_t most) {
    std::vector<std::string> ids;
    for (const Table& table : tables.entities) {
        std::size_t taken = std::min(table.ids.size(), most - ids.size());
        ids.insert(ids.end(), table.ids.begin(), table.ids.begin() + static_cast<std::ptrdiff_t>(taken));
    }
    return ids;
}

}  // namespace kaohe
