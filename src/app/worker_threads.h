#pragma once

// The threads of a batch: how many, and a loop over them.

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <thread>
#include <vector>

namespace formpdf::app {

// Worker threads: as asked, but never more than the cores (more only cost memory and switching;
// -j 100000 used to abort creating threads). The workers are also capped at the forms.
inline unsigned worker_count(unsigned requested) {
    const unsigned cores = std::max(1u, std::thread::hardware_concurrency());
    return requested == 0 ? cores : std::min(requested, cores);
}

// Runs body(i) for i in [0, count) on `jobs` threads (the caller's thread is one of them).
template <class Body> void parallel_for(std::size_t count, unsigned jobs, Body&& body) {
    std::atomic<std::size_t> next{0};
    const auto work = [&] {
        for (std::size_t i = next++; i < count; i = next++) {
            body(i);
        }
    };
    std::vector<std::thread> threads;
    for (unsigned t = 1; t < jobs && t < count; ++t) {
        threads.emplace_back(work);
    }
    work();
    for (std::thread& thread : threads) {
        thread.join();
    }
}

} // namespace formpdf::app
