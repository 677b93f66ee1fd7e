// Replays a corpus through LLVMFuzzerTestOneInput without libFuzzer (qpdf's
// standalone_fuzz_target_runner): `fuzz_corpus_runner DIR|FILE...` runs every file, in sorted
// order, and prints each name first, so a crash names its input. ctest runs it over
// tests/fuzz/corpus/ with a timeout, so a hang fails too.

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

int main(int argc, char** argv) {
    std::vector<std::filesystem::path> files;
    for (int i = 1; i < argc; ++i) {
        const std::filesystem::path input = argv[i];
        if (std::filesystem::is_directory(input)) {
            for (const auto& entry : std::filesystem::recursive_directory_iterator(input)) {
                if (entry.is_regular_file()) {
                    files.push_back(entry.path());
                }
            }
        } else {
            files.push_back(input);
        }
    }
    std::sort(files.begin(), files.end());
    if (files.empty()) {
        std::cerr << "fuzz_corpus_runner: no input files\n";
        return 1;
    }
    for (const auto& file : files) {
        std::cout << file.filename().string() << std::endl;
        std::ifstream in(file, std::ios::binary);
        const std::vector<char> bytes((std::istreambuf_iterator<char>(in)),
                                      std::istreambuf_iterator<char>());
        LLVMFuzzerTestOneInput(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size());
    }
    std::cout << files.size() << " inputs, no crash\n";
    return 0;
}
