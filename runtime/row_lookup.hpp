// Rows of a run's tables found by id, across every entity: what `explain --id`, `reach --id` and
// `--set-data ID.INPUT=VALUE` look up, and the ids a 是否指 hint is chosen from when none matches.
// A scan, not an index: each command looks up once, after the run.
#pragma once

#include <cstddef>
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "lang/program.hpp"
#include "runtime/tables.hpp"

namespace kaohe {

// The rows whose id is `id`, in any entity (ids are unique per entity, rarely across them), in
// entity order, then row order.
std::vector<std::pair<EntityId, std::uint32_t>> find_rows(const Program& program, const Tables& tables,
                                                          std::string_view id);

// Every id of the entities, in the same order, for a 是否指 hint; only the first `most` of them
// when given.
std::vector<std::string> all_ids(const Tables& tables, std::size_t most = std::numeric_limits<std::size_t>::max());
// What reach and --set-data pass as `most`; explain passes nothing and suggests from every id.
inline constexpr std::size_t most_ids_for_a_hint = 100'000;

}  // namespace kaohe
