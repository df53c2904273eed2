// Typed ids: one kind of id cannot stand for another, nor for a plain number.
#include <catch2/catch.hpp>

#include <map>
#include <type_traits>
#include <unordered_set>

#include "base/id.hpp"
#include "lang/program.hpp"

namespace {

using AppleId = kaohe::Id<struct AppleTag>;
using PearId = kaohe::Id<struct PearTag>;

template <typename Vector, typename Key>
concept indexable_by = requires(Vector v, Key k) { v[k]; };

// No conversions between kinds of id, none from or to a number, and only an explicit one to bool.
static_assert(!std::is_constructible_v<AppleId, PearId>);
static_assert(!std::is_convertible_v<PearId, AppleId>);
static_assert(!std::is_convertible_v<int, AppleId>);
static_assert(!std::is_convertible_v<std::size_t, AppleId>);
static_assert(std::is_constructible_v<AppleId, std::size_t>);  // explicit: AppleId(i)
static_assert(!std::is_convertible_v<AppleId, int>);
static_assert(!std::is_convertible_v<AppleId, std::uint32_t>);
static_assert(!std::is_convertible_v<AppleId, bool>);
static_assert(std::is_constructible_v<bool, AppleId>);
static_assert(!std::equality_comparable_with<AppleId, PearId>);
static_assert(!std::equality_comparable_with<AppleId, int>);
static_assert(sizeof(AppleId) == sizeof(std::uint32_t));
static_assert(std::is_trivially_copyable_v<AppleId>);

// A table indexed by one kind of id takes that id and nothing else.
static_assert(indexable_by<kaohe::IdVector<AppleId, int>, AppleId>);
static_assert(!indexable_by<kaohe::IdVector<AppleId, int>, PearId>);
static_assert(!indexable_by<kaohe::IdVector<AppleId, int>, int>);
static_assert(!indexable_by<kaohe::IdVector<AppleId, int>, std::size_t>);

// The program's ids.
static_assert(!std::is_constructible_v<kaohe::SymbolId, kaohe::EntityId>);
static_assert(!std::is_constructible_v<kaohe::EntityId, kaohe::SymbolId>);
static_assert(!std::is_constructible_v<kaohe::FunctionId, kaohe::VariantId>);
static_assert(!std::is_constructible_v<kaohe::BandIndex, kaohe::SymbolId>);
static_assert(!std::is_convertible_v<int, kaohe::SymbolId>);
static_assert(!indexable_by<decltype(kaohe::Program::symbols), kaohe::EntityId>);
static_assert(!indexable_by<decltype(kaohe::Program::entities), kaohe::SymbolId>);
static_assert(!indexable_by<decltype(kaohe::Program::entities), int>);

}  // namespace

TEST_CASE("an id is an index or none") {
    AppleId none;
    CHECK_FALSE(none.valid());
    CHECK_FALSE(none);
    CHECK(none == AppleId::none());
    CHECK(AppleId{} == AppleId::none());
    AppleId third(2);
    CHECK(third.valid());
    CHECK(third);
    CHECK(third.index() == 2);
    CHECK(third == AppleId(2));
    CHECK(third != AppleId(3));
}

TEST_CASE("none orders before every index, as -1 did") {
    CHECK(AppleId::none() < AppleId(0));
    CHECK(AppleId(0) < AppleId(1));
    CHECK(AppleId(4294967294u) > AppleId(1));
    std::map<AppleId, int> ordered{{AppleId(1), 1}, {AppleId::none(), -1}, {AppleId(0), 0}};
    std::vector<int> order;
    for (const auto& [id, value] : ordered) order.push_back(value);
    CHECK(order == std::vector<int>{-1, 0, 1});
}

TEST_CASE("ids hash, and an IdVector hands out and takes its ids") {
    std::unordered_set<AppleId> seen{AppleId(1), AppleId(1), AppleId::none()};
    CHECK(seen.size() == 2);

    kaohe::IdVector<AppleId, std::string> names;
    CHECK(names.next_id() == AppleId(0));
    AppleId first = names.push_back("甲");
    AppleId second = names.emplace_back("乙");
    CHECK(first == AppleId(0));
    CHECK(second == AppleId(1));
    CHECK(names[second] == "乙");
    std::vector<AppleId> ids;
    for (AppleId id : names.ids()) ids.push_back(id);
    CHECK(ids == std::vector<AppleId>{first, second});

    kaohe::IdVector<AppleId, bool> marks(2, false);
    marks[second] = true;
    CHECK_FALSE(marks[first]);
    CHECK(marks[second]);
}
