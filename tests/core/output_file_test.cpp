// Output files: temporaries nobody can predict or plant, leftovers recognised and removed only
// when their run is gone, outputs that would replace inputs recognised, one batch per folder.

#include "core/file_identity.h"
#include "core/folder_lock.h"
#include "core/output_file.h"
#include "core/windows_names.h"

#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <set>
#include <sys/wait.h>
#include <unistd.h>

namespace formpdf {
namespace {

namespace fs = std::filesystem;

class OutputFileTest : public ::testing::Test {
protected:
    void SetUp() override {
        dir_ =
            fs::temp_directory_path() / ("formpdf-output-file-test-" + std::to_string(::getpid()));
        fs::remove_all(dir_);
        fs::create_directories(dir_);
    }
    void TearDown() override { fs::remove_all(dir_); }

    std::set<std::string> names() const {
        std::set<std::string> out;
        for (const auto& entry : fs::directory_iterator(dir_)) {
            out.insert(entry.path().filename().string());
        }
        return out;
    }

    static std::string read(const fs::path& path) {
        std::ifstream in(path, std::ios::binary);
        return std::string(std::istreambuf_iterator<char>(in), {});
    }

    void touch(const std::string& name) const { std::ofstream(dir_ / name) << "x"; }

    fs::path dir_;
};

// A pid that was a process of this machine and is gone.
long dead_pid() {
    const pid_t child = ::fork();
    if (child == 0) {
        ::_exit(0);
    }
    ::waitpid(child, nullptr, 0);
    return child;
}

std::string temporary_name(const std::string& name, const std::string& host, long pid) {
    return "." + name + ".formpdf-" + host + "-" + std::to_string(pid) + "-0123456789ab.tmp";
}

TEST_F(OutputFileTest, TemporariesAreUniqueRecognisableAndGoneAfterCommit) {
    OutputFile first(dir_ / "all.pdf");
    OutputFile second(dir_ / "all.pdf");
    EXPECT_NE(first.temporary(), second.temporary()) << "two writers never share a temporary";
    const std::optional<TemporaryOwner> owner =
        temporary_owner(first.temporary().filename().string());
    ASSERT_TRUE(owner.has_value()) << first.temporary();
    EXPECT_EQ(owner->pid, ::getpid());
    EXPECT_EQ(owner->host, this_host_tag());
    EXPECT_TRUE(first.temporary().filename().string().starts_with(".all.pdf.formpdf-"));

    first.write("first whole file");
    second.write("second whole file");
    first.commit(Durability::Deferred);
    second.commit(Durability::Now);
    EXPECT_EQ(read(dir_ / "all.pdf"), "second whole file") << "the last rename wins, whole";
    EXPECT_EQ(names(), std::set<std::string>{"all.pdf"});
}

TEST_F(OutputFileTest, AnUncommittedFileLeavesNothingAndAnOldFileStays) {
    touch("a.pdf");
    {
        OutputFile file(dir_ / "a.pdf");
        file.write("new");
    }
    EXPECT_EQ(names(), std::set<std::string>{"a.pdf"});
    EXPECT_EQ(read(dir_ / "a.pdf"), "x");
}

TEST_F(OutputFileTest, AFinalNameThatIsASymlinkIsReplacedNotFollowed) {
    std::ofstream(dir_ / "victim") << "victim";
    fs::create_symlink(dir_ / "victim", dir_ / "out.pdf");
    OutputFile file(dir_ / "out.pdf");
    file.write("pdf");
    file.commit(Durability::Now);
    EXPECT_EQ(read(dir_ / "victim"), "victim");
    EXPECT_FALSE(fs::is_symlink(dir_ / "out.pdf"));
    EXPECT_EQ(read(dir_ / "out.pdf"), "pdf");
}

TEST_F(OutputFileTest, LongNamesStillGiveATemporaryUnderTheNameLimit) {
    const std::string name = std::string(240, 'x') + ".pdf";
    OutputFile file(dir_ / name);
    EXPECT_LE(file.temporary().filename().string().size(), 255u);
    file.write("pdf");
    file.commit(Durability::Now);
    EXPECT_TRUE(fs::exists(dir_ / name));
}

TEST_F(OutputFileTest, PositionedWritesPatchTheFile) {
    OutputFile file(dir_ / "p.pdf");
    file.write("0123456789");
    file.write_at(2, "ab");
    EXPECT_EQ(file.size(), 10u);
    EXPECT_EQ(file.read_at(0, 10), "01ab456789");
    file.commit(Durability::Now);
    EXPECT_EQ(read(dir_ / "p.pdf"), "01ab456789");
}

TEST_F(OutputFileTest, CannotCreateIsAnIoErrorNamingTheFile) {
    try {
        OutputFile file(dir_ / "missing" / "x.pdf");
        FAIL() << "created in a missing folder";
    } catch (const IoError& error) {
        EXPECT_NE(std::string(error.what()).find("x.pdf"), std::string::npos) << error.what();
    }
}

TEST(TemporaryOwner, OnlyFormpdfsOwnPatternIsRecognised) {
    EXPECT_TRUE(temporary_owner(".a.pdf.formpdf-0123abcd-42-0123456789ab.tmp"));
    EXPECT_TRUE(temporary_owner(".x.formpdf-y.formpdf-0123abcd-42-0123456789ab.tmp"));
    for (const char* other : {"a.pdf.formpdf-0123abcd-42-0123456789ab.tmp",  // not hidden
                              ".a.pdf.formpdf-0123abcd-42-0123456789ab",     // no .tmp
                              ".a.pdf.formpdf-0123abc-42-0123456789ab.tmp",  // short host
                              ".a.pdf.formpdf-0123abcd--0123456789ab.tmp",   // no pid
                              ".a.pdf.formpdf-0123abcd-4x-0123456789ab.tmp", // pid not a number
                              ".a.pdf.formpdf-0123abcd-42-0123456789a.tmp",  // short random
                              ".a.pdf.formpdf-0123ABCD-42-0123456789ab.tmp", // upper-case hex
                              ".a.pdf.tmpAbC123", "all.pdf.partial", ".formpdf-batch"}) {
        EXPECT_FALSE(temporary_owner(other)) << other;
    }
}

TEST_F(OutputFileTest, StaleTemporariesGoAndLiveOnesStay) {
    const std::string host = this_host_tag();
    const std::string other_host = host == "00000000" ? "00000001" : "00000000";
    const std::string dead = temporary_name("a.pdf", host, dead_pid());
    const std::string live = temporary_name("b.pdf", host, ::getpid());
    const std::string elsewhere = temporary_name("c.pdf", other_host, 1);
    const std::string elsewhere_old = temporary_name("d.pdf", other_host, 1);
    const std::string live_old = temporary_name("e.pdf", host, ::getpid());
    for (const std::string& name : {dead, live, elsewhere, elsewhere_old, live_old}) {
        touch(name);
    }
    const auto two_days_ago = fs::file_time_type::clock::now() - std::chrono::hours(48);
    fs::last_write_time(dir_ / elsewhere_old, two_days_ago);
    fs::last_write_time(dir_ / live_old, two_days_ago);
    touch("notes.txt");
    touch(".a.pdf.tmp");
    std::ofstream(dir_ / "victim") << "victim";
    const std::string planted = temporary_name("f.pdf", host, dead_pid());
    fs::create_symlink(dir_ / "victim", dir_ / planted);

    const std::vector<fs::path> removed = remove_stale_temporaries(dir_);
    EXPECT_EQ(removed.size(), 3u);
    EXPECT_EQ(names(), (std::set<std::string>{live, elsewhere, "notes.txt", ".a.pdf.tmp", "victim",
                                              planted}));
    EXPECT_EQ(read(dir_ / "victim"), "victim");
}

TEST_F(OutputFileTest, AnOutputThatWouldReplaceAnInputIsRecognised) {
    touch("d.yaml");
    touch("e.yaml");
    fs::create_symlink(dir_ / "d.yaml", dir_ / "link.yaml");
    fs::create_hard_link(dir_ / "d.yaml", dir_ / "hard.yaml");
    FileIdentities inputs;
    inputs.add(dir_ / "d.yaml");
    inputs.add(dir_ / "missing.yaml");
    EXPECT_TRUE(inputs.find(dir_ / "d.yaml"));
    EXPECT_TRUE(inputs.find(dir_ / "sub" / ".." / "d.yaml"));
    EXPECT_TRUE(inputs.find(dir_ / "." / "d.yaml"));
    EXPECT_TRUE(inputs.find(dir_ / "link.yaml"));
    EXPECT_TRUE(inputs.find(dir_ / "hard.yaml"));
    EXPECT_TRUE(inputs.find(dir_ / "missing.yaml")) << "by path when it does not exist";
    EXPECT_FALSE(inputs.find(dir_ / "e.yaml"));
    EXPECT_FALSE(inputs.find(dir_ / "d.pdf"));

    const fs::path here = fs::current_path();
    fs::current_path(dir_);
    EXPECT_TRUE(is_same_file("d.yaml", dir_ / "d.yaml"));
    EXPECT_TRUE(is_same_file("./new.pdf", "new.pdf"));
    fs::current_path(here);
}

TEST_F(OutputFileTest, OneBatchAtATimeInAFolder) {
    std::optional<FolderLock> first;
    first.emplace(dir_, "batch");
    try {
        FolderLock second(dir_, "batch");
        FAIL() << "two locks on one folder";
    } catch (const IoError& error) {
        EXPECT_NE(std::string(error.what()).find("in use by another formpdf batch"),
                  std::string::npos)
            << error.what();
    }
    first.reset();
    EXPECT_NO_THROW(FolderLock again(dir_, "batch"));
    EXPECT_TRUE(names().empty()) << "the lock leaves no file";
}

TEST(WindowsNames, DevicesWhateverTheCaseAndExtension) {
    for (const char* device : {"CON", "con", "Nul.pdf", "aux.tar.gz", "PRN", "COM1", "com9.pdf",
                               "LPT1", "lpt9", "COM\u00b9", "CON .pdf", "conin$"}) {
        EXPECT_TRUE(is_windows_device_name(device)) << device;
    }
    for (const char* file :
         {"CONSOLE", "CON_", "xCON", "COM10", "LPT", "COMA", "项目", "nul_.pdf", "a.con"}) {
        EXPECT_FALSE(is_windows_device_name(file)) << file;
    }
}

} // namespace
} // namespace formpdf
