#include "workbook/zip_archive.h"

#include "core/diagnostic.h"
#include "core/messages.h"

#include <zip.h>

#include <algorithm>

namespace formpdf::workbook {

namespace {

[[noreturn]] void refuse(const std::string& file, std::string message, std::string hint = {}) {
    throw DiagnosticError(make_error(SourceLoc{file, 0, 0}, std::move(message), std::move(hint)));
}

// A name that could point outside a folder if the archive were unpacked: never a workbook part.
bool is_unsafe_name(std::string_view name) {
    if (name.empty() || name.front() == '/' || name.front() == '\\' ||
        (name.size() >= 2 && name[1] == ':') || name.find('\0') != std::string_view::npos) {
        return true;
    }
    std::size_t start = 0;
    while (start <= name.size()) {
        std::size_t end = name.find_first_of("/\\", start);
        if (end == std::string_view::npos) {
            end = name.size();
        }
        if (name.substr(start, end - start) == "..") {
            return true;
        }
        start = end + 1;
    }
    return false;
}

} // namespace

struct ZipArchive::Impl {
    zip_t* archive = nullptr;
    ~Impl() {
        if (archive) {
            zip_discard(archive);
        }
    }
};

bool looks_like_zip(std::string_view bytes) {
    return bytes.starts_with(std::string_view("PK\x03\x04", 4)) ||
           bytes.starts_with(std::string_view("PK\x05\x06", 4));
}

ZipArchive::ZipArchive(std::string_view bytes, std::string file, const WorkbookLimits& limits)
    : impl_(std::make_unique<Impl>()), file_(std::move(file)), limits_(limits) {
    zip_error_t error;
    zip_error_init(&error);
    zip_source_t* source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
    if (!source) {
        zip_error_fini(&error);
        refuse(file_, tr("cannot read the zip archive"));
    }
    impl_->archive = zip_open_from_source(source, ZIP_RDONLY | ZIP_CHECKCONS, &error);
    if (!impl_->archive) {
        zip_source_free(source);
        const std::string reason = zip_error_strerror(&error);
        zip_error_fini(&error);
        refuse(file_, tr("this is a damaged zip archive ({0})", {reason}),
               tr("an .xlsx is a zip archive: save the workbook again from Excel or the budget "
                  "system"));
    }
    zip_error_fini(&error);
    const zip_int64_t count = zip_get_num_entries(impl_->archive, 0);
    if (count < 0 || static_cast<std::size_t>(count) > limits_.max_members) {
        refuse(file_, tr("the zip archive has {0} members, more than {1}: refused",
                         {std::to_string(count), std::to_string(limits_.max_members)}));
    }
    for (zip_int64_t i = 0; i < count; ++i) {
        const char* name =
            zip_get_name(impl_->archive, static_cast<zip_uint64_t>(i), ZIP_FL_ENC_RAW);
        const std::string_view view = name ? std::string_view(name) : std::string_view();
        if (is_unsafe_name(view)) {
            refuse(file_,
                   tr("the archive member name '{0}' leaves the archive (an absolute path or ..): "
                      "refused",
                      {view}),
                   tr("a workbook written by Excel, LibreOffice or the budget system never has "
                      "one"));
        }
        names_.emplace_back(view);
    }
}

ZipArchive::~ZipArchive() = default;

bool ZipArchive::has(std::string_view name) const {
    return std::find(names_.begin(), names_.end(), name) != names_.end();
}

void ZipArchive::read(std::string_view name, const std::function<void(std::string_view)>& sink) {
    const auto it = std::find(names_.begin(), names_.end(), name);
    if (it == names_.end()) {
        refuse(file_, tr("the workbook has no part {0}", {name}));
    }
    const auto index = static_cast<zip_uint64_t>(it - names_.begin());
    const std::string where = file_ + ": member " + std::string(name);
    zip_stat_t stat;
    zip_stat_init(&stat);
    if (zip_stat_index(impl_->archive, index, 0, &stat) != 0 ||
        (stat.valid & (ZIP_STAT_SIZE | ZIP_STAT_COMP_SIZE)) !=
            (ZIP_STAT_SIZE | ZIP_STAT_COMP_SIZE)) {
        refuse(where, tr("cannot read the archive member's header"));
    }
    const std::size_t declared = static_cast<std::size_t>(
        std::min<zip_uint64_t>(stat.size, limits_.max_member_bytes + std::size_t{1}));
    const auto refuse_size = [&](const std::string& what) {
        refuse(where,
               tr("{0}: refused as a zip bomb (caps: {1} MiB a member, {2}:1)",
                  {what, std::to_string(limits_.max_member_bytes >> 20),
                   std::to_string(limits_.max_ratio)}),
               tr("a real export is far smaller; re-save the workbook from Excel if it is one"));
    };
    if (stat.size > limits_.max_member_bytes) {
        refuse_size(tr("the member declares {0} bytes inflated", {std::to_string(stat.size)}));
    }
    if (stat.size > limits_.ratio_exempt_bytes &&
        stat.size / std::max<zip_uint64_t>(stat.comp_size, 1) > limits_.max_ratio) {
        refuse_size(tr("the member declares {0} bytes from {1} compressed",
                       {std::to_string(stat.size), std::to_string(stat.comp_size)}));
    }
    zip_file_t* member = zip_fopen_index(impl_->archive, index, 0);
    if (!member) {
        refuse(where,
               tr("cannot open the archive member: {0}",
                  {zip_error_strerror(zip_get_error(impl_->archive))}),
               tr("an encrypted or damaged workbook cannot be read: save it again without a "
                  "password"));
    }
    std::string buffer(64 * 1024, '\0');
    std::size_t inflated = 0;
    try {
        while (true) {
            const zip_int64_t n = zip_fread(member, buffer.data(), buffer.size());
            if (n < 0) {
                refuse(where, tr("the archive member is damaged: {0}",
                                 {zip_error_strerror(zip_file_get_error(member))}));
            }
            if (n == 0) {
                break;
            }
            inflated += static_cast<std::size_t>(n);
            total_read_ += static_cast<std::size_t>(n);
            if (inflated > declared) {
                refuse_size(tr("the member inflates past the {0} bytes its header declares",
                               {std::to_string(stat.size)}));
            }
            if (total_read_ > limits_.max_total_bytes) {
                refuse_size(tr("the members read inflate to more than {0} MiB",
                               {std::to_string(limits_.max_total_bytes >> 20)}));
            }
            sink(std::string_view(buffer.data(), static_cast<std::size_t>(n)));
        }
    } catch (...) {
        zip_fclose(member);
        throw;
    }
    zip_fclose(member);
}

std::string ZipArchive::read_all(std::string_view name) {
    std::string bytes;
    read(name, [&](std::string_view chunk) { bytes.append(chunk); });
    return bytes;
}

} // namespace formpdf::workbook
