#include "pdf/flate.h"

#include "pdf/pdf_writer.h"

#include <libdeflate.h>
#include <podofo/podofo.h>

#include <array>
#include <memory>

namespace formpdf::pdf {

namespace {

struct CompressorDeleter {
    void operator()(libdeflate_compressor* compressor) const {
        libdeflate_free_compressor(compressor);
    }
};
using Compressor = std::unique_ptr<libdeflate_compressor, CompressorDeleter>;

// One compressor per level per thread: a compressor holds ~0.5 MB of tables, too much to set up
// for every stream, and it must not be shared between threads.
libdeflate_compressor& compressor_for(int level) {
    thread_local std::array<Compressor, 13> compressors;
    if (level < 1 || level > 12) {
        throw PdfError("deflate: no compression level " + std::to_string(level));
    }
    Compressor& compressor = compressors[static_cast<std::size_t>(level)];
    if (!compressor) {
        compressor.reset(libdeflate_alloc_compressor(level));
        if (!compressor) {
            throw PdfError("deflate: cannot allocate a compressor");
        }
    }
    return *compressor;
}

} // namespace

std::string deflate_bytes(std::string_view bytes, int level) {
    libdeflate_compressor& compressor = compressor_for(level);
    std::string out;
    // Not zero-filled for nothing: resize_and_overwrite would be C++23; the bound is only a few
    // bytes more than the input.
    out.resize(libdeflate_zlib_compress_bound(&compressor, bytes.size()));
    const std::size_t written =
        libdeflate_zlib_compress(&compressor, bytes.data(), bytes.size(), out.data(), out.size());
    if (written == 0) {
        throw PdfError("deflate: compressing " + std::to_string(bytes.size()) + " bytes failed");
    }
    out.resize(written);
    return out;
}

void set_flate_stream(PoDoFo::PdfObject& object, std::string_view compressed) {
    object.GetDictionary().AddKey("Filter", PoDoFo::PdfName("FlateDecode"));
    PoDoFo::PdfMemoryInputStream input(compressed.data(),
                                       static_cast<PoDoFo::pdf_long>(compressed.size()));
    object.GetStream()->SetRawData(&input, static_cast<PoDoFo::pdf_long>(compressed.size()));
}

} // namespace formpdf::pdf
