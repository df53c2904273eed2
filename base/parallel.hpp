// Work split over the machine's cores, with results that never depend on how it was split.
//
// Design decision: contiguous chunks, one per thread, each writing only its own slots or its own
// buffer, joined in chunk order by the caller, so the output is the same bytes on 1 thread or 16.
// The threads are started once and wait between splits: a what-if re-evaluation splits a handful
// of steps of a millisecond each, where starting threads (~50 µs each) would eat the gain. One
// split at a time: a split made while another runs (sensitivity's samples on their own threads)
// runs its chunks on its own thread. The cost: an uneven step waits for its slowest chunk.
#pragma once

#include <algorithm>
#include <cstddef>
#include <exception>
#include <functional>
#include <vector>

namespace kaohe {

// How many threads work is split over: the cores by default, KAOHE_THREADS=N (1 to max_threads)
// to choose; 1 runs everything on the calling thread. A KAOHE_THREADS that is no such number is
// said once on standard error, and the cores are used.
inline constexpr unsigned max_threads = 1024;
unsigned thread_count();
void set_thread_count(unsigned threads);

// Below this many items a split costs more than it saves.
inline constexpr std::size_t smallest_split = 2048;

// Work that is already one of several on the cores (a sensitivity run's samples, a thread each)
// splits no further on the thread that holds one of these: more threads than cores only wait.
inline thread_local bool splitting_off = false;
class NoSplitting {
public:
    NoSplitting() : was_(splitting_off) { splitting_off = true; }
    ~NoSplitting() { splitting_off = was_; }
    NoSplitting(const NoSplitting&) = delete;
    NoSplitting& operator=(const NoSplitting&) = delete;

private:
    bool was_;
};

// How many chunks for_chunks cuts `count` items into.
inline std::size_t chunk_count(std::size_t count) {
    if (splitting_off || count < smallest_split) return 1;
    return std::min<std::size_t>(thread_count(), count / (smallest_split / 2));
}

// Runs job(c) for every c in [0, chunks), on the waiting threads and the calling one; returns when
// all have finished. job must not throw.
void run_chunks(std::size_t chunks, const std::function<void(std::size_t)>& job);

// Runs work(chunk, begin, end) for chunk_count(count) contiguous chunks of [0, count); rethrows
// the first chunk's exception (in chunk order) after all finish.
template <typename Work>
void for_chunks(std::size_t count, Work&& work) {
    std::size_t chunks = chunk_count(count);
    auto bounds = [&](std::size_t c) { return count * c / chunks; };
    if (chunks <= 1) return work(std::size_t{0}, std::size_t{0}, count);
    std::vector<std::exception_ptr> failures(chunks);
    run_chunks(chunks, [&](std::size_t c) {
        try {
            work(c, bounds(c), bounds(c + 1));
        } catch (...) {
            failures[c] = std::current_exception();
        }
    });
    for (const std::exception_ptr& failure : failures)
        if (failure) std::rethrow_exception(failure);
}

}  // namespace kaohe
