// End-to-end: what `formpdf batch` and `formpdf render` leave in their output folders. Nothing
// planted there is written through, two runs never damage a file, a killed run's leftovers go,
// an output never replaces an input, a full disk is exit 4 naming the file, names from data are
// safe, and an earlier batch's outputs never pass for this one's (docs/security.md, "Output
// files"; docs/batch.md).

#include "core/folder_lock.h"
#include "core/output_file.h"
#include "core/windows_names.h"
#include "support/command.h"
#include "text/unicode_forms.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <csignal>
#include <future>
#include <regex>
#include <set>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

namespace formpdf {
namespace {

namespace fs = std::filesystem;
using testing::read_text;
using testing::run_command;
using testing::TempDir;
using testing::write_text;

const std::string kSourceDir = FORMPDF_SOURCE_DIR;
const std::string kDeclarations = kSourceDir + "/inputs/declarations";

testing::CommandResult formpdf(const std::string& command, const std::vector<std::string>& args) {
    return testing::run_formpdf(command, args);
}

// The first `count` seed declarations, copied into `dir`.
std::vector<fs::path> copy_seeds(const fs::path& dir, std::size_t count) {
    fs::create_directories(dir);
    std::vector<fs::path> copies;
    const std::vector<fs::path> seeds = testing::seed_declaration_files();
    for (std::size_t i = 0; i < count; ++i) {
        copies.push_back(dir / seeds[i].filename());
        fs::copy_file(seeds[i], copies.back());
    }
    return copies;
}

// Every entry of the folder (hidden ones too), by name.
std::set<std::string> entries(const fs::path& dir) {
    std::set<std::string> names;
    for (const auto& entry : fs::directory_iterator(dir)) {
        names.insert(entry.path().filename().string());
    }
    return names;
}

std::set<std::string> pdfs_in(const fs::path& dir) {
    std::set<std::string> names;
    for (const std::string& name : entries(dir)) {
        if (name.ends_with(".pdf") && name.front() != '.') {
            names.insert(name);
        }
    }
    return names;
}

bool qpdf_check(const fs::path& pdf) {
    return run_command({"qpdf", "--check", pdf.string()}).exit_code == 0;
}

// A declaration file with one field changed; `value` is written as a YAML double-quoted scalar.
std::string with_field(const std::string& yaml, const std::string& id, const std::string& value) {
    const std::regex line("\n  " + id + ": [^\n]*");
    return std::regex_replace(yaml, line, "\n  " + id + ": \"" + value + "\"",
                              std::regex_constants::format_first_only);
}

TEST(OutputFiles, SymlinksPlantedAtEveryPredictableNameAreNeverWrittenThrough) {
    TempDir dir;
    copy_seeds(dir / "in", 3);
    ASSERT_EQ(formpdf("batch", {(dir / "in").string(), "-o", (dir / "probe").string()}).exit_code,
              0);
    const std::set<std::string> forms = pdfs_in(dir / "probe");
    ASSERT_EQ(forms.size(), 3u);

    write_text(dir / "victim", "the user's file");
    const fs::path out = dir / "out";
    fs::create_directories(out);
    std::set<std::string> planted = forms;
    planted.insert({"all.pdf", "all.pdf.partial", ".all.pdf.partial", ".formpdf-batch",
                    ".formpdf-batch.partial"});
    for (const std::string& name : planted) {
        fs::create_symlink(dir / "victim", out / name);
    }
    const auto result = formpdf(
        "batch", {(dir / "in").string(), "-o", out.string(), "--combined", "all.pdf", "-q"});
    ASSERT_TRUE(result.exit_code == 0 || result.exit_code == 4) << result.err;
    EXPECT_EQ(read_text(dir / "victim"), "the user's file");
    if (result.exit_code == 0) {
        for (const std::string& name : forms) {
            EXPECT_TRUE(fs::is_regular_file(fs::symlink_status(out / name))) << name;
        }
        EXPECT_TRUE(fs::is_regular_file(fs::symlink_status(out / "all.pdf")));
        EXPECT_TRUE(qpdf_check(out / "all.pdf"));
    }
}

TEST(OutputFiles, TwoBatchesWritingOneCombinedFileNeverLeaveItDamaged) {
    // One batch at a time writes in a folder: the second one started while the first runs fails
    // clearly (exit 4); whatever the timing, a run that says 0 left a whole file.
    TempDir dir;
    const auto run = [&] {
        return formpdf("batch", {kDeclarations, "-o", (dir / "out").string(), "--combined",
                                 "all.pdf", "-q", "-j", "1"});
    };
    for (int trial = 0; trial < 4; ++trial) {
        auto first = std::async(std::launch::async, run);
        std::this_thread::sleep_for(std::chrono::milliseconds(150));
        const testing::CommandResult second = run();
        const testing::CommandResult one = first.get();
        for (const testing::CommandResult* result : {&one, &second}) {
            // 3: the seed forms are printed with their check findings (docs/check.md).
            ASSERT_TRUE(result->exit_code == 3 || result->exit_code == 4) << result->err;
            if (result->exit_code == 4) {
                EXPECT_NE(result->err.find("in use by another formpdf batch"), std::string::npos)
                    << result->err;
            }
        }
        ASSERT_TRUE(one.exit_code == 3 || second.exit_code == 3) << one.err << second.err;
        EXPECT_TRUE(qpdf_check(dir / "out" / "all.pdf")) << "trial " << trial;
        for (const std::string& name : entries(dir / "out")) {
            EXPECT_FALSE(temporary_owner(name)) << "left behind: " << name;
        }
    }
}

TEST(OutputFiles, ABatchIntoAFolderAnotherIsWritingStopsBeforeWritingAnything) {
    TempDir dir;
    copy_seeds(dir / "in", 2);
    const fs::path out = dir / "out";
    fs::create_directories(out);
    write_text(out / "all.pdf", "yesterday's");
    {
        const FolderLock other(out, "batch"); // what a running batch holds
        const auto result =
            formpdf("batch", {(dir / "in").string(), "-o", out.string(), "--combined", "all.pdf"});
        EXPECT_EQ(result.exit_code, 4) << result.err;
        EXPECT_NE(result.err.find(out.string() + " is in use by another formpdf batch"),
                  std::string::npos)
            << result.err;
        EXPECT_EQ(result.out, "") << "no summary of a batch that did nothing";
        EXPECT_EQ(entries(out), std::set<std::string>{"all.pdf"});
    }
    const auto after = formpdf("batch", {(dir / "in").string(), "-o", out.string(), "-q"});
    EXPECT_EQ(after.exit_code, 0) << after.err;
}

TEST(OutputFiles, LeftoversOfAKilledRunAreRemovedByTheNextAndOnlyThey) {
    TempDir dir;
    copy_seeds(dir / "in", 1);
    const fs::path out = dir / "out";
    fs::create_directories(out);
    // A run that is gone: a pid that was a process here and has ended.
    const auto shell = run_command({"sh", "-c", "echo $$"});
    const std::string gone_pid = shell.out.substr(0, shell.out.find('\n'));
    const std::string host = this_host_tag();
    const std::string killed = ".all.pdf.formpdf-" + host + "-" + gone_pid + "-0123456789ab.tmp";
    const std::string live = ".all.pdf.formpdf-" + host + "-" + std::to_string(::getpid()) +
                             "-0123456789ab.tmp"; // this test is running
    const std::string not_ours = ".all.pdf.tmp0123";
    for (const std::string& name : {killed, live, not_ours}) {
        write_text(out / name, "partial");
    }
    for (const std::string command : {"batch", "render"}) {
        const auto result =
            command == std::string("batch")
                ? formpdf("batch", {(dir / "in").string(), "-o", out.string(), "-q"})
                : formpdf("render", {testing::seed_declaration_files().front().string(), "-o",
                                     (out / "r.pdf").string()});
        ASSERT_EQ(result.exit_code, 0) << result.err;
        EXPECT_FALSE(fs::exists(out / killed)) << command;
        EXPECT_TRUE(fs::exists(out / live)) << "a live run's temporary is never removed";
        EXPECT_TRUE(fs::exists(out / not_ours));
        write_text(out / killed, "partial"); // for the next command
    }
}

TEST(OutputFiles, AReallyKilledBatchLeavesOnlyRecognisableTemporariesThatTheNextRemoves) {
    TempDir dir;
    const fs::path out = dir / "out";
    fs::create_directories(out);
    const pid_t child = ::fork();
    ASSERT_GE(child, 0);
    if (child == 0) {
        ::setenv("SOURCE_DATE_EPOCH", "1700000000", 1);
        const std::string binary = testing::formpdf_binary();
        ::execl(binary.c_str(), binary.c_str(), "batch", kDeclarations.c_str(), "-o", out.c_str(),
                "--combined", "all.pdf", "-j", "1", "-q", nullptr);
        ::_exit(127);
    }
    // Killed (SIGKILL: no destructor runs) as soon as its combined file's temporary exists.
    bool seen = false;
    for (int i = 0; i < 2000 && !seen; ++i) {
        for (const std::string& name : entries(out)) {
            seen = seen || (name.starts_with(".all.pdf.") && temporary_owner(name));
        }
        if (!seen) {
            std::this_thread::sleep_for(std::chrono::milliseconds(1));
        }
    }
    ::kill(child, SIGKILL);
    ::waitpid(child, nullptr, 0);
    if (!seen) {
        GTEST_SKIP() << "the batch finished before it could be killed";
    }
    std::size_t leftovers = 0;
    for (const std::string& name : entries(out)) {
        if (name.front() == '.' && name != ".formpdf-batch") {
            EXPECT_TRUE(temporary_owner(name)) << "unrecognisable leftover " << name;
            ++leftovers;
        }
    }
    EXPECT_GE(leftovers, 1u);
    const auto next = formpdf("batch", {kDeclarations, "-o", out.string(), "-q"});
    EXPECT_EQ(next.exit_code, 3) << next.err; // printed, with the seed forms' check findings
    for (const std::string& name : entries(out)) {
        EXPECT_FALSE(temporary_owner(name)) << "left behind: " << name;
    }
}

TEST(OutputFiles, AnOutputThatIsAnInputIsRefusedAndNothingIsWritten) {
    TempDir dir;
    const fs::path declaration = copy_seeds(dir / "in", 1).front();
    const std::string original = read_text(declaration);
    const std::string input = declaration.string();
    const std::string dot_path = (dir / "in" / "." / declaration.filename()).string();
    const std::vector<std::vector<std::string>> clashes = {
        {input, "-o", input},
        {input, "-o", dot_path},
        {input, "-o", (dir / "x.pdf").string(), "--dump-layout", input},
        {input, "-o", (dir / "x.pdf").string(), "--dump-layout", (dir / "x.pdf").string()},
        {input, "-o", (dir / "x.pdf").string(), "--dump-layout", (dir / "." / "x.pdf").string()},
    };
    for (const auto& args : clashes) {
        const auto result = formpdf("render", args);
        EXPECT_EQ(result.exit_code, 64) << args[2] << "\n" << result.err;
        EXPECT_NE(result.err.find("error: "), std::string::npos) << result.err;
        EXPECT_EQ(read_text(declaration), original);
        EXPECT_FALSE(fs::exists(dir / "x.pdf"));
    }

    // --combined named like an input declaration of the output folder.
    const std::set<std::string> before = entries(dir / "in");
    const auto batch = formpdf("batch", {(dir / "in").string(), "-o", (dir / "in").string(),
                                         "--combined", declaration.filename().string()});
    EXPECT_EQ(batch.exit_code, 64) << batch.err;
    EXPECT_NE(batch.err.find("is the input"), std::string::npos) << batch.err;
    EXPECT_EQ(entries(dir / "in"), before) << "nothing written, no manifest";
    EXPECT_EQ(read_text(declaration), original);

    // The layout dump comes only with its PDF: a declaration that fails writes neither.
    write_text(dir / "broken.yaml", "form: shenzhen-l2-project\nfields: [1, 2\n");
    const auto broken =
        formpdf("render", {(dir / "broken.yaml").string(), "-o", (dir / "b.pdf").string(),
                           "--dump-layout", (dir / "b.json").string()});
    EXPECT_EQ(broken.exit_code, 2);
    EXPECT_FALSE(fs::exists(dir / "b.pdf"));
    EXPECT_FALSE(fs::exists(dir / "b.json"));
}

// A small tmpfs mounted for the test (root only), unmounted when it goes.
class SmallDisk {
public:
    SmallDisk(const fs::path& at, const std::string& size) : at_(at) {
        fs::create_directories(at);
        const auto mount =
            run_command({"mount", "-t", "tmpfs", "-o", "size=" + size, "tmpfs", at.string()});
        mounted_ = mount.exit_code == 0;
        why_ = mount.err;
    }
    ~SmallDisk() {
        if (mounted_) {
            run_command({"umount", at_.string()});
        }
    }
    bool mounted() const { return mounted_; }
    const std::string& why() const { return why_; }

private:
    fs::path at_;
    bool mounted_ = false;
    std::string why_;
};

TEST(OutputFiles, AFullDiskIsExit4NamingTheFile) {
    TempDir dir;
    {
        SmallDisk disk(dir / "forms", "200k"); // three of the 41 forms fit
        if (!disk.mounted()) {
            GTEST_SKIP() << "cannot mount a small tmpfs (needs root): " << disk.why();
        }
        const auto result = formpdf("batch", {kDeclarations, "-o", (dir / "forms").string()});
        EXPECT_EQ(result.exit_code, 4) << result.err;
        EXPECT_TRUE(std::regex_search(result.err,
                                      std::regex("forms/[0-9]{21}-[^:]+\\.pdf: cannot write: No "
                                                 "space left on device")))
            << result.err;
        EXPECT_EQ(result.err.find("internal error"), std::string::npos) << result.err;
        for (const std::string& name : entries(dir / "forms")) {
            EXPECT_FALSE(temporary_owner(name)) << "left behind: " << name;
        }
    }
    {
        SmallDisk disk(dir / "combined", "300k"); // the combined file of 41 forms needs ~1 MB
        ASSERT_TRUE(disk.mounted()) << disk.why();
        const auto result = formpdf("batch", {kDeclarations, "-o", (dir / "combined").string(),
                                              "--no-forms", "--combined", "all.pdf"});
        EXPECT_EQ(result.exit_code, 4) << result.err;
        EXPECT_NE(result.err.find("combined/all.pdf: cannot write: No space left on device"),
                  std::string::npos)
            << result.err;
        EXPECT_EQ(result.err.find("internal error"), std::string::npos) << result.err;
        EXPECT_EQ(result.out.find("combined: "), std::string::npos) << result.out;
        EXPECT_FALSE(fs::exists(dir / "combined" / "all.pdf"));
    }
    {
        SmallDisk disk(dir / "render", "16k");
        ASSERT_TRUE(disk.mounted()) << disk.why();
        const auto result = formpdf("render", {testing::seed_declaration_files().front().string(),
                                               "-o", (dir / "render" / "one.pdf").string()});
        EXPECT_EQ(result.exit_code, 4) << result.err;
        EXPECT_NE(result.err.find("render/one.pdf: cannot write: No space left on device"),
                  std::string::npos)
            << result.err;
        EXPECT_TRUE(entries(dir / "render").empty());
    }
}

TEST(OutputFiles, NamesFromDataAreSafeAndDistinctOnEveryFileSystem) {
    TempDir dir;
    const std::string seed = read_text(testing::seed_declaration_files().front());
    const std::vector<std::string> names = {
        "CON",       "con", "nul.txt", "invoice\u202Efdp.exe", "Caf\u00e9", "Cafe\u0301",
        "CAF\u00c9", "Ab",  "aB",      "trailing. ",
    };
    fs::create_directories(dir / "in");
    for (std::size_t i = 0; i < names.size(); ++i) {
        write_text(dir / "in" / (std::to_string(i) + ".yaml"),
                   with_field(seed, "project_name", names[i]));
    }
    const auto result = formpdf("batch", {(dir / "in").string(), "-o", (dir / "out").string(),
                                          "--name", "{project_name}", "-q"});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    const std::set<std::string> files = pdfs_in(dir / "out");
    EXPECT_EQ(files.size(), names.size());
    std::set<std::string> keys;
    for (const std::string& file : files) {
        EXPECT_FALSE(is_windows_device_name(file)) << file;
        EXPECT_EQ(file.find("\u202E"), std::string::npos) << file;
        EXPECT_EQ(file.find(". .pdf"), std::string::npos) << file;
        EXPECT_TRUE(keys.insert(text::caseless_key(file)).second)
            << file << " is another form's file on macOS or Windows";
    }
    EXPECT_EQ(files.count("CON_.pdf"), 1u);
    EXPECT_EQ(files.count("Caf\u00e9.pdf"), 1u) << "names are composed (NFC)";
}

TEST(OutputFiles, JobsAreCappedAndAnEmptyCombinedNameIsRefused) {
    TempDir dir;
    copy_seeds(dir / "in", 2);
    const std::string in = (dir / "in").string();
    const auto zero = formpdf("batch", {in, "-o", (dir / "a").string(), "-j", "0"});
    EXPECT_EQ(zero.exit_code, 64) << zero.err;
    EXPECT_NE(zero.err.find("-j 0"), std::string::npos) << zero.err;
    const auto many = formpdf("batch", {in, "-o", (dir / "b").string(), "-j", "100000", "-q"});
    EXPECT_EQ(many.exit_code, 0) << many.err;
    EXPECT_EQ(pdfs_in(dir / "b").size(), 2u);
    const auto empty = formpdf("batch", {in, "-o", (dir / "c").string(), "--combined", ""});
    EXPECT_EQ(empty.exit_code, 64) << empty.err;
    EXPECT_NE(empty.err.find("--combined"), std::string::npos) << empty.err;
    EXPECT_FALSE(fs::exists(dir / "a"));
    EXPECT_FALSE(fs::exists(dir / "c"));
}

TEST(OutputFiles, AnEarlierBatchsOutputsNeverPassForThisOnes) {
    TempDir dir;
    const std::vector<fs::path> inputs = copy_seeds(dir / "in", 4);
    const fs::path out = dir / "out";
    const std::vector<std::string> args = {(dir / "in").string(), "-o", out.string(), "--combined",
                                           "all.pdf"};
    ASSERT_EQ(formpdf("batch", args).exit_code, 0);
    const std::set<std::string> yesterday = pdfs_in(out);
    ASSERT_EQ(yesterday.size(), 5u);
    write_text(out / "notes.txt", "mine");
    write_text(out / "mine.pdf", "mine");

    // Today one form breaks and another is gone.
    const std::string broken_code = inputs[0].stem().string();
    const std::string gone_code = inputs[1].stem().string();
    write_text(inputs[0], "form: shenzhen-l2-project\nfields: [1, 2\n");
    fs::remove(inputs[1]);
    const auto today = formpdf("batch", args);
    EXPECT_EQ(today.exit_code, 2) << today.err;
    std::set<std::string> left = pdfs_in(out);
    EXPECT_EQ(left.count("all.pdf"), 0u) << "yesterday's combined file must not survive";
    EXPECT_EQ(left.count("mine.pdf"), 1u) << "a file no batch wrote is never touched";
    EXPECT_EQ(read_text(out / "notes.txt"), "mine");
    for (const std::string& code : {broken_code, gone_code}) {
        EXPECT_TRUE(std::none_of(left.begin(), left.end(),
                                 [&](const std::string& name) { return name.starts_with(code); }))
            << code << "'s old PDF survived";
        EXPECT_NE(today.out.find("removed: " + out.string() + "/" + code), std::string::npos)
            << today.out;
    }
    EXPECT_NE(today.out.find("removed: " + (out / "all.pdf").string()), std::string::npos)
        << today.out;
    EXPECT_EQ(left.size(), 3u) << "the two forms written today, and mine.pdf";
    const std::string manifest = read_text(out / ".formpdf-batch");
    EXPECT_TRUE(manifest.starts_with("# formpdf batch manifest 1\n")) << manifest;
    EXPECT_EQ(manifest.find("mine.pdf"), std::string::npos) << manifest;
    EXPECT_EQ(manifest.find("all.pdf"), std::string::npos) << manifest;

    // A batch that writes everything again removes nothing.
    write_text(inputs[0], read_text(testing::seed_declaration_files()[0]));
    const auto again = formpdf("batch", args);
    EXPECT_EQ(again.exit_code, 0) << again.err;
    EXPECT_EQ(again.out.find("removed:"), std::string::npos) << again.out;
    EXPECT_EQ(pdfs_in(out).size(), 5u); // three forms, all.pdf, mine.pdf
}

} // namespace
} // namespace formpdf
