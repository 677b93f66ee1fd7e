#pragma once

#include "app/batch_job.h"

#include <atomic>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace formpdf::serve {

// One combined print file being made by `batch` on its own thread, with its progress.
struct PrintJob {
    std::atomic<std::size_t> done{0};
    std::atomic<std::size_t> total{0};
    std::atomic<bool> finished{false};
    std::mutex mutex; // guards what follows once finished
    int exit_code = 0;
    std::string summary;                  // format_summary()
    std::vector<std::string> diagnostics; // formatted
    std::filesystem::path file;           // the combined PDF, when written
    std::thread thread;
};

// The print jobs of the server, by id. Each writes into its own folder under `work_dir`.
class PrintJobs {
public:
    explicit PrintJobs(std::filesystem::path work_dir) : work_dir_(std::move(work_dir)) {}
    ~PrintJobs(); // waits for running jobs

    // Starts `request` (its output_dir and combined name are set here); returns the job's id.
    std::string start(app::BatchRequest request);
    std::shared_ptr<PrintJob> find(const std::string& id);

private:
    std::filesystem::path work_dir_;
    std::mutex mutex_;
    std::map<std::string, std::shared_ptr<PrintJob>> jobs_;
    int next_ = 1;
};

} // namespace formpdf::serve
