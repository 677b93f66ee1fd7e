#pragma once

// PoDoFo's exception as one line of text. Private to src/pdf/.

#include <string>

namespace PoDoFo {
class PdfError;
} // namespace PoDoFo

namespace formpdf::pdf {

// "PoDoFo: <error name>: <details from the call stack>"
std::string podofo_message(const PoDoFo::PdfError& error);

} // namespace formpdf::pdf
