#include "serve/print_jobs.h"

#include "core/diagnostic.h"
#include "serve/sessions.h"

#include <sstream>

namespace formpdf::serve {

PrintJobs::~PrintJobs() {
    const std::lock_guard lock(mutex_);
    for (auto& [id, job] : jobs_) {
        if (job->thread.joinable()) {
            job->thread.join();
        }
    }
}

std::string PrintJobs::start(app::BatchRequest request) {
    auto job = std::make_shared<PrintJob>();
    std::string id;
    {
        const std::lock_guard lock(mutex_);
        id = std::to_string(next_++) + "-" + random_token().substr(0, 16);
        jobs_[id] = job;
    }
    request.output_dir = work_dir_ / ("print-" + id);
    request.combined = "combined.pdf";
    request.forms = false;
    request.progress = false;
    request.on_progress = [job](std::size_t done, std::size_t total) {
        job->total = total;
        job->done = done;
    };
    job->thread = std::thread([job, request = std::move(request)] {
        app::BatchSummary summary;
        std::ostringstream log;
        const app::JobResult result = app::run_batch(request, summary, log);
        const std::lock_guard lock(job->mutex);
        job->exit_code = static_cast<int>(result.exit_code);
        job->summary = app::format_summary(summary);
        for (const Diagnostic& diagnostic : result.diagnostics.items()) {
            job->diagnostics.push_back(format_diagnostic(diagnostic));
        }
        if (summary.combined) {
            job->file = *summary.combined;
        }
        job->total = summary.forms;
        job->done = summary.forms;
        job->finished = true;
    });
    return id;
}

std::shared_ptr<PrintJob> PrintJobs::find(const std::string& id) {
    const std::lock_guard lock(mutex_);
    const auto found = jobs_.find(id);
    return found == jobs_.end() ? nullptr : found->second;
}

} // namespace formpdf::serve
