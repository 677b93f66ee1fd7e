#pragma once

// PoDoFo's exception as one line of text. Private to src/pdf/.

#include <string>

namespace PoDoFo {
class PdfError;
} // namespace PoDoFo

namespace formpdf::pdf {

// "PoDoFo: <error name>: <details from the call stack>"
std::string podofo_message(const PoDoFo::PdfError& error);

// Turns off PoDoFo's messages on stderr (its parser prints every trailer it reads): the PDF stage
// reports problems as exceptions, and the CLI prints them as diagnostics.
void silence_podofo();

} // namespace formpdf::pdf
