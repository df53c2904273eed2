#include "cli/large_stack.hpp"

#include <pthread.h>

namespace kaohe::cli {
namespace {

struct Job {
    const std::function<int()>* body;
    int result = 0;
};

void* run_job(void* argument) {
    auto* job = static_cast<Job*>(argument);
    job->result = (*job->body)();
    return nullptr;
}

}  // namespace

int run_on_large_stack(const std::function<int()>& body) {
    Job job{&body};
    pthread_attr_t attributes;
    pthread_t thread;
    bool started = pthread_attr_init(&attributes) == 0 &&
                   pthread_attr_setstacksize(&attributes, large_stack_bytes) == 0 &&
                   pthread_create(&thread, &attributes, run_job, &job) == 0;
    pthread_attr_destroy(&attributes);
    if (!started) return body();
    pthread_join(thread, nullptr);
    return job.result;
}

}  // namespace kaohe::cli
