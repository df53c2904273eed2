// Typed ids: an index into one table (the program's symbols, its entity types, a grade's
// bands …) that cannot be taken for an index into another table, nor for a count.
//
// Design decision: an Id<Tag> is a 32-bit index with one reserved value for "none", so it
// costs what an int costs and a missing id needs no std::optional; each table gets its own
// Tag. The cost: an id is made from an index only by saying so (SymbolId(i)), and a vector
// indexed by ids is an IdVector, whose operator[] takes that id and nothing else.
#pragma once

#include <compare>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <limits>
#include <utility>
#include <vector>

namespace kaohe {

template <typename Tag>
class Id {
public:
    constexpr Id() = default;  // none
    constexpr explicit Id(std::size_t index) : index_(static_cast<std::uint32_t>(index)) {}
    static constexpr Id none() { return Id(); }

    constexpr std::uint32_t index() const { return index_; }
    constexpr bool valid() const { return index_ != none_index; }
    constexpr explicit operator bool() const { return valid(); }

    friend constexpr bool operator==(const Id&, const Id&) = default;
    // None orders before every index, as −1 did, so maps keyed by ids keep their order.
    friend constexpr std::strong_ordering operator<=>(const Id& a, const Id& b) {
        return static_cast<std::uint32_t>(a.index_ + 1) <=> static_cast<std::uint32_t>(b.index_ + 1);
    }

private:
    static constexpr std::uint32_t none_index = std::numeric_limits<std::uint32_t>::max();
    std::uint32_t index_ = none_index;
};

// The ids first..first+count, for walking a table by id.
template <typename Key>
class IdRange {
public:
    class iterator {
    public:
        constexpr explicit iterator(std::uint32_t index) : index_(index) {}
        constexpr Key operator*() const { return Key(index_); }
        constexpr iterator& operator++() {
            ++index_;
            return *this;
        }
        friend constexpr bool operator==(const iterator&, const iterator&) = default;

    private:
        std::uint32_t index_;
    };

    constexpr explicit IdRange(std::size_t count) : count_(static_cast<std::uint32_t>(count)) {}
    constexpr iterator begin() const { return iterator(0); }
    constexpr iterator end() const { return iterator(count_); }

private:
    std::uint32_t count_;
};

// A vector whose elements are found by one kind of id: the table that kind of id indexes.
template <typename Key, typename T>
class IdVector {
public:
    using value_type = T;

    IdVector() = default;
    explicit IdVector(std::size_t count, const T& value = T()) : items_(count, value) {}

    decltype(auto) operator[](Key id) { return items_[id.index()]; }
    decltype(auto) operator[](Key id) const { return items_[id.index()]; }

    std::size_t size() const { return items_.size(); }
    bool empty() const { return items_.empty(); }
    IdRange<Key> ids() const { return IdRange<Key>(items_.size()); }
    // The id the next element pushed will get.
    Key next_id() const { return Key(items_.size()); }

    // Appends and answers the new element's id.
    Key push_back(T item) {
        items_.push_back(std::move(item));
        return Key(items_.size() - 1);
    }
    template <typename... Args>
    Key emplace_back(Args&&... args) {
        items_.emplace_back(std::forward<Args>(args)...);
        return Key(items_.size() - 1);
    }
    T& back() { return items_.back(); }
    const T& back() const { return items_.back(); }
    void assign(std::size_t count, const T& value) { items_.assign(count, value); }
    void resize(std::size_t count) { items_.resize(count); }
    void reserve(std::size_t count) { items_.reserve(count); }
    void clear() { items_.clear(); }

    auto begin() { return items_.begin(); }
    auto end() { return items_.end(); }
    auto begin() const { return items_.begin(); }
    auto end() const { return items_.end(); }

private:
    std::vector<T> items_;
};

}  // namespace kaohe

template <typename Tag>
struct std::hash<kaohe::Id<Tag>> {
    std::size_t operator()(kaohe::Id<Tag> id) const noexcept { return std::hash<std::uint32_t>()(id.index()); }
};
