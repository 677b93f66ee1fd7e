#include "pdf/flate.h"

#include "pdf/pdf_writer.h"

#include <podofo/podofo.h>
#include <zlib.h>

#include <limits>

namespace formpdf::pdf {

std::string deflate_bytes(std::string_view bytes, int level) {
    if (bytes.size() > std::numeric_limits<uInt>::max()) { // avail_in is 32 bits
        throw PdfError("zlib: stream too large");
    }
    // One call into a buffer of deflateBound's size: no copies, no loop over partial outputs.
    z_stream stream{};
    if (deflateInit(&stream, level) != Z_OK) {
        throw PdfError("zlib: cannot initialise deflate");
    }
    std::string out(deflateBound(&stream, static_cast<uLong>(bytes.size())), '\0');
    stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(bytes.data()));
    stream.avail_in = static_cast<uInt>(bytes.size());
    stream.next_out = reinterpret_cast<Bytef*>(out.data());
    stream.avail_out = static_cast<uInt>(out.size());
    const int result = deflate(&stream, Z_FINISH);
    const uLong written = stream.total_out;
    deflateEnd(&stream);
    if (result != Z_STREAM_END) {
        throw PdfError("zlib: deflate failed");
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
