#include "pdf/podofo_support.h"

#include <podofo/podofo.h>

#include <cmath>

namespace formpdf::pdf {

std::string podofo_message(const PoDoFo::PdfError& error) {
    std::string message = "PoDoFo: ";
    message += error.what() != nullptr ? error.what() : "error";
    for (const PoDoFo::PdfErrorInfo& info : error.GetCallstack()) {
        if (!info.GetInformation().empty()) {
            message += ": ";
            message += info.GetInformation();
        }
    }
    return message;
}

PoDoFo::PdfObject pdf_number(double value) {
    const double rounded = std::round(value * 1000) / 1000;
    if (rounded == std::floor(rounded)) {
        return PoDoFo::PdfObject(static_cast<PoDoFo::pdf_int64>(rounded));
    }
    return PoDoFo::PdfObject(rounded);
}

PoDoFo::PdfArray media_box(double width, double height) {
    PoDoFo::PdfArray box;
    box.push_back(pdf_number(0));
    box.push_back(pdf_number(0));
    box.push_back(pdf_number(width));
    box.push_back(pdf_number(height));
    return box;
}

std::unique_lock<std::mutex> document_creation_lock() {
    static std::mutex mutex;
    return std::unique_lock<std::mutex>(mutex);
}

std::unique_ptr<PoDoFo::PdfMemDocument> new_memory_document() {
    const auto lock = document_creation_lock();
    return std::make_unique<PoDoFo::PdfMemDocument>();
}

void silence_podofo() {
    PoDoFo::PdfError::EnableDebug(false);
    PoDoFo::PdfError::EnableLogging(false);
}

} // namespace formpdf::pdf
