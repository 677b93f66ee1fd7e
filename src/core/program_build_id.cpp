#include "core/program_build_id.h"

#include <elf.h>
#include <link.h>

#include <cstring>

namespace formpdf {
namespace {

// The build ID note in the first object dl_iterate_phdr() reports: the program itself.
int read_program_build_id(dl_phdr_info* info, std::size_t, void* data) {
    auto& id = *static_cast<std::string*>(data);
    for (ElfW(Half) i = 0; i < info->dlpi_phnum; ++i) {
        const ElfW(Phdr)& header = info->dlpi_phdr[i];
        if (header.p_type != PT_NOTE) {
            continue;
        }
        const char* note = reinterpret_cast<const char*>(info->dlpi_addr + header.p_vaddr);
        std::size_t left = header.p_memsz;
        while (left >= sizeof(ElfW(Nhdr))) {
            ElfW(Nhdr) note_header;
            std::memcpy(&note_header, note, sizeof note_header);
            const std::size_t name_size = (note_header.n_namesz + 3u) & ~std::size_t(3);
            const std::size_t desc_size = (note_header.n_descsz + 3u) & ~std::size_t(3);
            const std::size_t size = sizeof note_header + name_size + desc_size;
            if (size > left) {
                break;
            }
            const char* name = note + sizeof note_header;
            if (note_header.n_type == NT_GNU_BUILD_ID && note_header.n_namesz == 4 &&
                std::memcmp(name, "GNU", 4) == 0) {
                id.assign(name + name_size, note_header.n_descsz);
                return 1;
            }
            note += size;
            left -= size;
        }
    }
    return 1; // only the first object, the program
}

} // namespace

const std::string& program_build_id() {
    static const std::string id = [] {
        std::string found;
        dl_iterate_phdr(read_program_build_id, &found);
        return found;
    }();
    return id;
}

} // namespace formpdf
