#include <catch2/catch.hpp>

#include <atomic>
#include <stdexcept>
#include <thread>
#include <vector>

#include "base/parallel.hpp"

namespace {

struct Threads {  // a thread count for one test, restored after it
    explicit Threads(unsigned count) : before(kaohe::thread_count()) { kaohe::set_thread_count(count); }
    ~Threads() { kaohe::set_thread_count(before); }
    unsigned before;
};

}  // namespace

TEST_CASE("for_chunks covers every item once, in contiguous chunks in order") {
    Threads four(4);
    for (std::size_t count : {0u, 1u, 2047u, 2048u, 5000u, 100001u}) {
        std::vector<int> seen(count, 0);
        std::vector<std::pair<std::size_t, std::size_t>> bounds(kaohe::chunk_count(count));
        kaohe::for_chunks(count, [&](std::size_t chunk, std::size_t begin, std::size_t end) {
            bounds[chunk] = {begin, end};
            for (std::size_t i = begin; i < end; ++i) ++seen[i];
        });
        CHECK(std::all_of(seen.begin(), seen.end(), [](int n) { return n == 1; }));
        for (std::size_t c = 0; c + 1 < bounds.size(); ++c) CHECK(bounds[c].second == bounds[c + 1].first);
        if (count >= kaohe::smallest_split) CHECK(bounds.size() > 1);
    }
}

TEST_CASE("a failing chunk's exception reaches the caller, the first in chunk order") {
    Threads four(4);
    auto fail_from = [](std::size_t first_failing) {
        kaohe::for_chunks(100000, [&](std::size_t chunk, std::size_t, std::size_t) {
            if (chunk >= first_failing) throw std::runtime_error("chunk " + std::to_string(chunk));
        });
    };
    CHECK_THROWS_WITH(fail_from(1), "chunk 1");
    CHECK_THROWS_WITH(fail_from(0), "chunk 0");
    CHECK_NOTHROW(fail_from(99));  // and the threads still serve the next split
}

TEST_CASE("splits inside a chunk and on other threads at once finish, each item once") {
    Threads two(2);
    std::atomic<std::size_t> items{0};
    auto nested = [&] {
        kaohe::for_chunks(10000, [&](std::size_t, std::size_t begin, std::size_t end) {
            kaohe::for_chunks(end - begin, [&](std::size_t, std::size_t b, std::size_t e) { items += e - b; });
        });
    };
    std::thread other(nested);
    nested();
    other.join();
    CHECK(items == 20000);
    kaohe::NoSplitting none;
    CHECK(kaohe::chunk_count(1000000) == 1);
}
