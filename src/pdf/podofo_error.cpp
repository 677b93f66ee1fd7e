#include "pdf/podofo_error.h"

#include <podofo/podofo.h>

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

void silence_podofo() {
    PoDoFo::PdfError::EnableDebug(false);
    PoDoFo::PdfError::EnableLogging(false);
}

} // namespace formpdf::pdf
