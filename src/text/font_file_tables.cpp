#include "text/font_file_tables.h"

#include "text/font_resource.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>

namespace formpdf::text {
namespace {

// No table the scan reads is anywhere near this; a larger length is a damaged directory.
constexpr std::uint32_t kMaxTableRead = 16u << 20;
// All the tables the scan reads of one file together: a collection of 1,024 faces that all point
// at one 16 MiB name table must not make the scan read 16 GiB. Noto Serif CJK's five faces read
// about 200 KB.
constexpr std::uint64_t kMaxFileRead = std::uint64_t{32} << 20;
constexpr std::uint32_t kMaxFaces = 1024;
constexpr std::uint32_t kMaxTables = 1024;

std::uint32_t be32(const unsigned char* p) {
    return (std::uint32_t{p[0]} << 24) | (std::uint32_t{p[1]} << 16) | (std::uint32_t{p[2]} << 8) |
           std::uint32_t{p[3]};
}
std::uint16_t be16(const unsigned char* p) {
    return static_cast<std::uint16_t>((p[0] << 8) | p[1]);
}

} // namespace

struct FontFileTables::File {
    int fd = -1;
    std::uint64_t size = 0;
    std::uint64_t tables_read = 0; // bytes of tables given to HarfBuzz, against kMaxFileRead
    ~File() {
        if (fd >= 0) {
            ::close(fd);
        }
    }
    // Exactly `length` bytes at `offset`, or false.
    bool read(std::uint64_t offset, void* out, std::size_t length) const {
        if (offset > size || size - offset < length) {
            return false;
        }
        auto* bytes = static_cast<unsigned char*>(out);
        while (length > 0) {
            const ssize_t got = ::pread(fd, bytes, length, static_cast<off_t>(offset));
            if (got <= 0) {
                return false;
            }
            bytes += got;
            offset += static_cast<std::uint64_t>(got);
            length -= static_cast<std::size_t>(got);
        }
        return true;
    }
};

std::optional<FontFileTables> FontFileTables::open(const std::string& path, std::string& why_not) {
    auto file = std::make_shared<File>();
    // O_NONBLOCK: a FIFO that appeared since the folder was listed must not block the open.
    file->fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    struct stat status {};
    if (file->fd < 0 || ::fstat(file->fd, &status) != 0) {
        why_not = "it cannot be opened";
        return std::nullopt;
    }
    if (!S_ISREG(status.st_mode)) {
        why_not = "it is not a regular file";
        return std::nullopt;
    }
    file->size = static_cast<std::uint64_t>(status.st_size);
    if (file->size > kMaxFontFileBytes) {
        why_not = "it is " + std::to_string(file->size >> 20) + " MiB, more than the " +
                  std::to_string(kMaxFontFileBytes >> 20) + " MiB a font file may have";
        return std::nullopt;
    }

    unsigned char header[12];
    if (!file->read(0, header, sizeof header)) {
        why_not = "it is too short to be a font";
        return std::nullopt;
    }
    std::vector<std::uint32_t> face_offsets;
    if (std::memcmp(header, "ttcf", 4) == 0) {
        const std::uint32_t count = be32(header + 8);
        if (count == 0 || count > kMaxFaces) {
            why_not = "its collection header lists " + std::to_string(count) + " faces";
            return std::nullopt;
        }
        std::vector<unsigned char> offsets(4 * std::size_t{count});
        if (!file->read(12, offsets.data(), offsets.size())) {
            why_not = "its collection header runs past the end of the file";
            return std::nullopt;
        }
        for (std::uint32_t i = 0; i < count; ++i) {
            face_offsets.push_back(be32(offsets.data() + 4 * i));
        }
    } else {
        face_offsets.push_back(0);
    }

    FontFileTables tables;
    for (const std::uint32_t face_offset : face_offsets) {
        unsigned char offset_table[12];
        if (!file->read(face_offset, offset_table, sizeof offset_table)) {
            why_not = "a table directory lies past the end of the file";
            return std::nullopt;
        }
        const std::uint16_t count = be16(offset_table + 4);
        if (count > kMaxTables) {
            why_not = "a table directory lists " + std::to_string(count) + " tables";
            return std::nullopt;
        }
        std::vector<unsigned char> records(16 * std::size_t{count});
        if (!file->read(std::uint64_t{face_offset} + 12, records.data(), records.size())) {
            why_not = "a table directory runs past the end of the file";
            return std::nullopt;
        }
        std::vector<TableRecord> directory;
        for (std::uint16_t i = 0; i < count; ++i) {
            const unsigned char* record = records.data() + 16 * i;
            directory.push_back({be32(record), be32(record + 8), be32(record + 12)});
        }
        tables.faces_.push_back(std::move(directory));
    }
    tables.file_ = std::move(file);
    return tables;
}

bool FontFileTables::has_table(unsigned face, hb_tag_t tag) const {
    for (const TableRecord& record : faces_.at(face)) {
        if (record.tag == tag) {
            return record.length > 0;
        }
    }
    return false;
}

namespace {

struct FaceTables {
    std::shared_ptr<FontFileTables::File> file;
    std::vector<FontFileTables::TableRecord> directory;
};

// HarfBuzz asks for a table: read it whole (HarfBuzz keeps what it was given for as long as the
// face needs it). A table that is absent, too long or unreadable is the empty blob, which is what
// HarfBuzz gives for a table a mapped file lacks.
hb_blob_t* reference_table(hb_face_t* /*face*/, hb_tag_t tag, void* user_data) {
    const auto* tables = static_cast<const FaceTables*>(user_data);
    for (const FontFileTables::TableRecord& record : tables->directory) {
        if (record.tag != tag) {
            continue;
        }
        if (record.length == 0 || record.length > kMaxTableRead ||
            kMaxFileRead - tables->file->tables_read < record.length) {
            return hb_blob_get_empty();
        }
        tables->file->tables_read += record.length;
        void* bytes = std::malloc(record.length);
        if (bytes == nullptr || !tables->file->read(record.offset, bytes, record.length)) {
            std::free(bytes);
            return hb_blob_get_empty();
        }
        return hb_blob_create(static_cast<const char*>(bytes), record.length,
                              HB_MEMORY_MODE_WRITABLE, bytes, std::free);
    }
    return hb_blob_get_empty();
}

} // namespace

HbFace FontFileTables::face(unsigned index) const {
    auto* tables = new FaceTables{file_, faces_.at(index)};
    return HbFace(hb_face_create_for_tables(reference_table, tables, [](void* user_data) {
        delete static_cast<FaceTables*>(user_data);
    }));
}

} // namespace formpdf::text
