#include "base/parallel.hpp"

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <cstring>
#include <condition_variable>
#include <cstdlib>
#include <mutex>
#include <thread>

namespace kaohe {
namespace {

unsigned from_environment() {
    unsigned cores = std::max(1u, std::thread::hardware_concurrency());
    const char* text = std::getenv("KAOHE_THREADS");
    if (!text || !*text) return cores;
    bool digits = std::all_of(text, text + std::strlen(text), [](char c) { return c >= '0' && c <= '9'; });
    unsigned long threads = digits && std::strlen(text) <= 5 ? std::strtoul(text, nullptr, 10) : 0;
    if (threads >= 1 && threads <= max_threads) return static_cast<unsigned>(threads);
    std::fprintf(stderr, "kaohe: KAOHE_THREADS=%s 应为 1 到 %u 之间的整数, 改用处理器核数 %u\n", text, max_threads, cores);
    return cores;
}

std::atomic<unsigned> chosen{0};  // 0: not chosen yet

// Threads that wait for a split's chunks; the caller takes chunks too, so a split finishes even
// with fewer threads than chunks.
class Workers {
public:
    explicit Workers(unsigned count) {
        for (unsigned i = 0; i < count; ++i) std::thread([this] { serve(); }).detach();
    }

    // false when another split holds the threads: the caller then runs the chunks itself.
    bool run(std::size_t chunks, const std::function<void(std::size_t)>& job) {
        std::unique_lock<std::mutex> busy(busy_, std::try_to_lock);
        if (!busy) return false;
        {
            std::lock_guard<std::mutex> lock(mutex_);
            job_ = &job;
            next_ = 0;
            chunks_ = chunks;
            unfinished_ = chunks;
        }
        wake_.notify_all();
        take_chunks(std::unique_lock<std::mutex>(mutex_));
        std::unique_lock<std::mutex> lock(mutex_);
        done_.wait(lock, [&] { return unfinished_ == 0; });
        job_ = nullptr;
        return true;
    }

private:
    std::mutex busy_;   // held for a whole split
    std::mutex mutex_;  // guards what follows
    std::condition_variable wake_, done_;
    const std::function<void(std::size_t)>* job_ = nullptr;
    std::size_t next_ = 0, chunks_ = 0, unfinished_ = 0;

    // Runs chunks until none is left to take; called and returns with `lock` held on mutex_.
    void take_chunks(std::unique_lock<std::mutex> lock) {
        while (job_ && next_ < chunks_) {
            std::size_t chunk = next_++;
            const auto* job = job_;
            lock.unlock();
            (*job)(chunk);
            lock.lock();
            if (--unfinished_ == 0) done_.notify_all();
        }
    }

    [[noreturn]] void serve() {
        for (;;) {
            std::unique_lock<std::mutex> lock(mutex_);
            wake_.wait(lock, [&] { return job_ && next_ < chunks_; });
            take_chunks(std::move(lock));
        }
    }
};

}  // namespace

unsigned thread_count() {
    unsigned threads = chosen.load(std::memory_order_relaxed);
    if (threads == 0) chosen.store(threads = from_environment(), std::memory_order_relaxed);
    return threads;
}

void set_thread_count(unsigned threads) { chosen.store(std::max(1u, threads), std::memory_order_relaxed); }

void run_chunks(std::size_t chunks, const std::function<void(std::size_t)>& job) {
    // Started on first use and never stopped: they wait, and the process's end takes them.
    static Workers* workers = new Workers(thread_count() - 1);
    // A chunk that splits again runs its parts itself (and never asks for the threads it holds).
    std::function<void(std::size_t)> unsplit = [&](std::size_t chunk) {
        NoSplitting nested;
        job(chunk);
    };
    if (!workers->run(chunks, unsplit))
        for (std::size_t chunk = 0; chunk < chunks; ++chunk) unsplit(chunk);
}

}  // namespace kaohe
